/**
 * The prerendered first screen (scripts/vite-plugin-prerender.ts): what the build writes into
 * index.html is what the app renders first over it, node for node, so nothing painted is thrown
 * away or moved; the counts then fill the room kept for them.
 */
import { AppNav } from '../../../src/ui/AppNav';
import { render, screen, within, cleanup } from '@testing-library/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import { frameOnly, prerenderHome, scriptSafeJson, wantsAppShell } from '../../../scripts/vite-plugin-prerender';
import { Home } from '../../../src/ui/Home';
import { Shell } from '../../../src/ui/Shell';
import { PwaStatus } from '../../../src/pwa/PwaStatus';
import { PwaNotices } from '../../../src/pwa/PwaNotices';
import { closeStore } from '../../../src/store';
import { forgetBundledIndex } from '../../../src/library/library';
import { pageDeckIndex } from '../../../src/deck/catalog';
import { mixedDeck, publishDecks, smallDeck } from '../study/fixtures';
import type { DeckIndex } from '../../../src/deck/catalog-types';

let index: DeckIndex;
beforeEach(() => {
  publishDecks([mixedDeck, { ...smallDeck, description: 'Ends early </script><p>not markup</p>' }]);
  index = pageIndexOf(mixedDeck.id, smallDeck.id);
});
afterEach(async () => {
  cleanup();
  document.body.innerHTML = '';
  forgetBundledIndex();
  await closeStore();
  vi.unstubAllGlobals();
});

/** The published index of the fixture decks, as the build would write it. */
function pageIndexOf(...ids: string[]): DeckIndex {
  return {
    format: 1,
    decks: ids.map((id) => {
      const d = id === mixedDeck.id ? mixedDeck : { ...smallDeck, description: 'Ends early </script><p>not markup</p>' };
      return { id: d.id, version: d.version, title: d.title, description: d.description, tags: d.tags, cardCount: d.cards.length, keyPointCount: d.keyPoints?.length ?? 0, file: `decks/${d.id}.json` };
    }),
  };
}

test('the build writes the frame, every bundled deck with its description, and the deck list as inert data', async () => {
  const { app, data } = await prerenderHome(index);
  document.body.innerHTML = `${data}<div id="app">${app}</div>`;
  expect(screen.getByRole('link', { name: 'Skip to content' })).toBeTruthy();
  expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  const list = screen.getByRole('list', { name: 'Decks' });
  expect(within(list).getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Chip access', 'Small deck']);
  // A description cannot end the data block: it is read back whole, and its text stays text.
  expect(screen.getByText('Ends early </script><p>not markup</p>')).toBeTruthy();
  expect(pageDeckIndex(document)).toEqual(index);
  // The page's policy allows no style attribute in markup; the app sets the cover colours itself.
  expect(app).not.toMatch(/style=/);
  expect(data).toMatch(/^<script type="application\/json" id="deck-index">/);
  expect(scriptSafeJson({ a: '</script>' })).toBe('{"a":"\\u003c/script>"}');
});

test('the app renders the same markup over it first, keeping its nodes; the counts fill the room kept for them', async () => {
  const { app, data } = await prerenderHome(index);
  document.body.innerHTML = `${data}<div id="app">${app}</div>`;
  const root = document.getElementById('app')!;
  const description = screen.getByText(/^Ends early/);
  const before = root.innerHTML;
  window.history.replaceState(null, '', '/');
  render(
    <LocationProvider>
      <Shell nav={<AppNav />} status={<PwaStatus />} notices={<PwaNotices />}>
        <Router>{[<Route path="/" component={Home} />]}</Router>
      </Shell>
    </LocationProvider>,
    { container: root },
  );
  // The first render: the same markup (the covers gain their colour), the same paragraph node.
  expect(root.innerHTML.replace(/ style="[^"]*"/g, '')).toBe(before);
  expect(description.isConnected).toBe(true);
  const tiles = await screen.findAllByText('Not started');
  expect(tiles).toHaveLength(2);
  expect(screen.getByRole('link', { name: 'Study all due' }).closest('.study-all-main')).toBeTruthy();
  expect(description.isConnected).toBe(true);
});

test('other routes start from the frame alone; files and home are never rewritten', async () => {
  const { app, data } = await prerenderHome(index);
  const page = `<html><body>${data}<div id="app">${app}</div></body></html>`;
  const frame = frameOnly(page);
  expect(frame).toContain('<main id="main" tabindex="-1"></main>');
  expect(frame).toContain('<nav class="app-nav" aria-label="Main">');
  expect(frame).not.toContain('deck-list');
  const html = 'text/html,application/xhtml+xml';
  expect(wantsAppShell('GET', '/study/all', html)).toBe(true);
  expect(wantsAppShell('GET', '/deck/chips?x=1', html)).toBe(true);
  expect(wantsAppShell('GET', '/', html)).toBe(false);
  expect(wantsAppShell('GET', '/decks/index.json', html)).toBe(false);
  expect(wantsAppShell('GET', '/settings', 'application/json')).toBe(false);
  expect(wantsAppShell('POST', '/settings', html)).toBe(false);
});
