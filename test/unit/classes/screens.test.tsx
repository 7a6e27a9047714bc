/**
 * The classes screens without a server: what they refuse before sending anything, with a
 * message naming what is wrong, and what they show when the server cannot be reached.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import ClassesRoutes from '../../../src/classes/ClassesRoutes';

function mount(url: string) {
  history.replaceState(null, '', url);
  return render(
    <LocationProvider>
      <Router>
        <Route path="/classes/:id?" component={ClassesRoutes} />
        <Route path="/join/:id?" component={ClassesRoutes} />
      </Router>
    </LocationProvider>,
  );
}

const fetchSpy = vi.fn(async () => {
  throw new TypeError('Failed to fetch');
});

beforeEach(() => {
  localStorage.clear();
  fetchSpy.mockClear();
  vi.stubGlobal('fetch', fetchSpy);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('join page', () => {
  it('fills the code and server from the invite link, and labels every field', () => {
    mount('/join/bio-7a-abcdefgh2345?server=http%3A%2F%2F127.0.0.1%3A5984%2F');
    expect(screen.getByRole('heading', { name: 'Join a class' })).toBeTruthy();
    expect((screen.getByLabelText('Class code') as HTMLInputElement).value).toBe('bio-7a-abcdefgh2345');
    expect((screen.getByLabelText('Server') as HTMLInputElement).value).toBe('http://127.0.0.1:5984/');
    for (const label of ['Display name (shown to your teacher)', 'Username', 'Password']) expect(screen.getByLabelText(label)).toBeTruthy();
  });

  it('refuses a broken code or an empty display name before sending anything', async () => {
    mount('/join/bio-7a-abc?server=http%3A%2F%2F127.0.0.1%3A5984%2F');
    fireEvent.input(screen.getByLabelText('Display name (shown to your teacher)'), { target: { value: 'Ann' } });
    fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'ann' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in and join' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The class code "bio-7a-abc" is not complete');
    fireEvent.input(screen.getByLabelText('Class code'), { target: { value: 'bio-7a-abcdefgh2345' } });
    // Spaces pass the browser's required check; the page's own check does not take them.
    fireEvent.input(screen.getByLabelText('Display name (shown to your teacher)'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account and join' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The display name is empty.'));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('says in words when the server cannot be reached', async () => {
    mount('/join/bio-7a-abcdefgh2345?server=http%3A%2F%2F127.0.0.1%3A5999%2F');
    fireEvent.input(screen.getByLabelText('Display name (shown to your teacher)'), { target: { value: 'Ann' } });
    fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'ann' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in and join' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Cannot reach the sync server at http://127.0.0.1:5999/');
  });
});

describe('classes page', () => {
  it('asks the teacher to sign in when no server is known', () => {
    mount('/classes');
    expect(screen.getByRole('heading', { name: 'Sign in as the teacher' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create account' })).toBeNull();
  });

  it('shows why a remembered server cannot be reached, and still offers to sign in', async () => {
    localStorage.setItem('briefdeck-class-server', 'http://127.0.0.1:5999/');
    mount('/classes');
    expect((await screen.findByRole('alert')).textContent).toContain('Cannot reach the sync server');
    expect((screen.getByLabelText('Server') as HTMLInputElement).value).toBe('http://127.0.0.1:5999/');
  });

  it('sends a class page visitor who is not signed in to the Classes screen', async () => {
    localStorage.setItem('briefdeck-class-server', 'http://127.0.0.1:5999/');
    mount('/classes/bio-7a');
    expect((await screen.findByRole('link', { name: 'Sign in on the Classes screen' })).getAttribute('href')).toBe('/classes');
  });
});
