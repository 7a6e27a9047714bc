import { render } from '@testing-library/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import type { ComponentType } from 'preact';
import { vi } from 'vitest';
import { summarise } from '../../../src/deck/summary';
import { forgetBundledIndex } from '../../../src/library/library';
import type { Deck } from '../../../src/deck/schema';

/** Serves a bundled deck index (and deck files) from a stubbed fetch. */
export function bundle(decks: Deck[] = []) {
  forgetBundledIndex();
  const files = new Map<string, unknown>([['/decks/index.json', { format: 1, decks: decks.map((d) => summarise(d, `decks/${d.id}.json`)) }], ...decks.map((d) => [`/decks/${d.id}.json`, d] as [string, unknown])]);
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname : new URL(input.url).pathname;
    const body = files.get(url.replace(/^https?:\/\/[^/]+/, ''));
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(JSON.stringify(body));
  });
}

/** Renders routes at a path, the way the app shell does. */
export function at(path: string, routes: [string, ComponentType][]) {
  window.history.replaceState(null, '', path);
  return render(
    <LocationProvider>
      <Router>
        {routes.map(([p, C]) => (
          <Route key={p} path={p} component={C} />
        ))}
      </Router>
    </LocationProvider>,
  );
}
