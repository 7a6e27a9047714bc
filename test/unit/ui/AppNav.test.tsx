import { afterEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { AppNav, sectionOf } from '../../../src/ui/AppNav';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

function at(path: string) {
  history.replaceState(null, '', path);
  return render(
    <LocationProvider>
      <AppNav />
    </LocationProvider>,
  );
}

test('the sections of every route: a deck page and adding a deck are under Decks', () => {
  expect(sectionOf('/')).toBe('decks');
  expect(sectionOf('/deck/article-brief')).toBe('decks');
  expect(sectionOf('/import')).toBe('decks');
  expect(sectionOf('/share')).toBe('decks');
  expect(sectionOf('/study/all')).toBe('study');
  expect(sectionOf('/quiz/article-brief')).toBe('quiz');
  expect(sectionOf('/stats/article-brief')).toBe('stats');
  expect(sectionOf('/author/draft')).toBe('author');
  expect(sectionOf('/settings')).toBe('settings');
});

test('one navigation landmark named Main holds the five tabs and Settings, the current one marked', () => {
  at('/deck/article-brief');
  const nav = screen.getByRole('navigation', { name: 'Main' });
  const links = within(nav).getAllByRole('link');
  expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
    ['Decks', '/'],
    ['Study', '/study/all'],
    ['Quiz', '/quiz/all'],
    ['Stats', '/stats'],
    ['Author', '/author'],
    ['Settings', '/settings'],
  ]);
  expect(links.filter((a) => a.getAttribute('aria-current') === 'page').map((a) => a.textContent)).toEqual(['Decks']);
});

test('following a link moves the current mark with the route', async () => {
  at('/stats');
  const nav = screen.getByRole('navigation', { name: 'Main' });
  expect(within(nav).getByRole('link', { name: 'Stats' }).getAttribute('aria-current')).toBe('page');
  fireEvent.click(within(nav).getByRole('link', { name: 'Author' }));
  await screen.findByRole('link', { name: 'Author', current: 'page' });
  expect(location.pathname).toBe('/author');
  expect(within(nav).getByRole('link', { name: 'Stats' }).getAttribute('aria-current')).toBeNull();
});

test("on a phone, the header's own Settings link is marked on the settings page", () => {
  at('/settings');
  const outside = screen.getAllByRole('link', { name: 'Settings' }).filter((a) => !a.closest('nav'));
  expect(outside).toHaveLength(1);
  expect(outside[0]!.getAttribute('aria-current')).toBe('page');
});
