/**
 * Settings → Sync, signed out: the three labelled fields and two buttons, and each refusal shown
 * in words without signing in.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncSettings } from '../../../src/settings/SyncSettings';
import { currentAccount } from '../../../src/sync/account';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

function fill(server: string, name: string, password: string): void {
  fireEvent.input(screen.getByLabelText('Server'), { target: { value: server } });
  fireEvent.input(screen.getByLabelText('Username'), { target: { value: name } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
}

describe('Settings → Sync', () => {
  it('has Server, Username and Password, Sign in and Create account', () => {
    render(<SyncSettings />);
    expect(screen.getByRole('group', { name: 'Sync' })).toBeTruthy();
    expect(screen.getByLabelText('Server')).toBeTruthy();
    expect(screen.getByLabelText('Username')).toBeTruthy();
    expect((screen.getByLabelText('Password') as HTMLInputElement).type).toBe('password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create account' })).toBeTruthy();
  });

  it('says the password is wrong and stays signed out', async () => {
    vi.stubGlobal('fetch', async () => json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }));
    render(<SyncSettings />);
    fill('http://couch.test', 'ana', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username or password.');
    expect(currentAccount()).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('tells the learner to ask a teacher when accounts cannot be created', async () => {
    vi.stubGlobal('fetch', async () => json(403, { error: 'forbidden', reason: 'Only admins may create users.' }));
    render(<SyncSettings />);
    fill('http://couch.test', 'ana', 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/ask your teacher or administrator/);
    expect(currentAccount()).toBeNull();
  });

  it('names an empty Server field', async () => {
    render(<SyncSettings />);
    fill('', 'ana', 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Server field is empty/);
  });
});
