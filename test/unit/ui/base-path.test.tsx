import { afterEach, expect, test } from 'vitest';
import { options } from 'preact';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { BaseScope, prefixLinks, withBase, withoutBase } from '../../../src/ui/base-path';
import { basePath } from '../../../scripts/base-path';
import { headersFile } from '../../../security-headers';

const hook = options.vnode;
afterEach(() => {
  cleanup();
  options.vnode = hook;
  history.replaceState(null, '', '/');
});

test('BASE_PATH in any usual spelling becomes one base; what is not a path is refused by name', () => {
  expect(basePath(undefined)).toBe('/');
  expect(basePath('')).toBe('/');
  expect(basePath('/')).toBe('/');
  for (const v of ['briefdeck', '/briefdeck', '/briefdeck/', ' briefdeck// ']) expect(basePath(v)).toBe('/briefdeck/');
  expect(basePath('/apps/study-v2/')).toBe('/apps/study-v2/');
  expect(() => basePath('https://example.org/x/')).toThrow(/BASE_PATH "https:\/\/example.org\/x\/" is not a URL path/);
  expect(() => basePath('/a b/')).toThrow(/BASE_PATH/);
});

test('root paths gain the base on the way out and lose it on the way in', () => {
  const b = '/briefdeck';
  expect(withBase('/', b)).toBe('/briefdeck/');
  expect(withBase('/deck/x?y=1', b)).toBe('/briefdeck/deck/x?y=1');
  // Already under the base, another host, a fragment or a relative path: left alone.
  for (const p of ['/briefdeck/deck/x', '/briefdeck', '//cdn.example/x', '#main', 'https://a.example/', 'x.json']) expect(withBase(p, b)).toBe(p);
  expect(withoutBase('/briefdeck', b)).toBe('/');
  expect(withoutBase('/briefdeck/', b)).toBe('/');
  expect(withoutBase('/briefdeck/study/x?keyPoints=a', b)).toBe('/study/x?keyPoints=a');
  expect(withoutBase('/briefdeck?x=1', b)).toBe('/?x=1');
  // Outside the base (or a longer name that starts the same) stays as it is: the app shows "not found".
  expect(withoutBase('/other/deck/x', b)).toBe('/other/deck/x');
  expect(withoutBase('/briefdecks/x', b)).toBe('/briefdecks/x');
  // At the default base nothing changes.
  expect(withBase('/deck/x', '')).toBe('/deck/x');
  expect(withoutBase('/deck/x', '')).toBe('/deck/x');
});

function Where() {
  const { path, route } = useLocation();
  return (
    <p>
      at {path} <button onClick={() => route('/author')}>Go</button>
    </p>
  );
}

test('under a base, routes see root paths, links and route() carry the base', async () => {
  prefixLinks('/briefdeck');
  history.replaceState(null, '', '/briefdeck/deck/x');
  render(
    <LocationProvider>
      <BaseScope base="/briefdeck">
        <a href="/stats">Stats</a>
        <Router>
          <Route path="/deck/:id" component={Where} />
          <Route path="/author" component={Where} />
          <Route path="/stats" component={Where} />
        </Router>
      </BaseScope>
    </LocationProvider>,
  );
  expect((await screen.findByText(/^at /)).textContent).toMatch('at /deck/x');
  expect(screen.getByRole('link', { name: 'Stats' }).getAttribute('href')).toBe('/briefdeck/stats');
  fireEvent.click(screen.getByRole('button', { name: 'Go' }));
  await screen.findByText(/at \/author/);
  expect(location.pathname).toBe('/briefdeck/author');
  fireEvent.click(screen.getByRole('link', { name: 'Stats' }));
  await screen.findByText(/at \/stats/);
  expect(location.pathname).toBe('/briefdeck/stats');
});

test("the host's header file names the paths under the base", () => {
  const file = headersFile('/briefdeck/');
  expect(file).toMatch(/^\/briefdeck\/\*$/m);
  expect(file).toMatch(/^\/briefdeck\/assets\/\*$/m);
  expect(file).toMatch(/^\/briefdeck\/$/m);
  expect(file).not.toMatch(/^\/(assets|decks|sw\.js)/m);
});
