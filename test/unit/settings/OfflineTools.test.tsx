/** Settings → Storage says which tools work offline, from the build's list and the browser's caches. */
import { render, screen, within, cleanup } from '@testing-library/preact';
import { OfflineTools } from '../../../src/settings/OfflineTools';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const TOOLS = [
  { name: 'Authoring', files: ['/assets/Editor-a.js'] },
  { name: 'Draft from article', files: ['/assets/DraftScreen-b.js', '/assets/three-c.js'] },
  { name: 'Anki import', files: ['/assets/anki-worker-d.js'] },
  { name: 'Personal scheduling', files: ['/assets/optimizer.worker-e.js'] },
];

test('each tool says whether it is available offline or downloads when first used', async () => {
  vi.stubGlobal('fetch', async (url: string) => (url === '/offline-tools.json' ? new Response(JSON.stringify(TOOLS)) : new Response('', { status: 404 })));
  const held = new Set(['/assets/Editor-a.js', '/assets/DraftScreen-b.js', '/assets/optimizer.worker-e.js']);
  vi.stubGlobal('caches', { match: async (url: string) => (held.has(url) ? new Response('x') : undefined) });
  render(<OfflineTools />);
  const list = await screen.findByRole('list', { name: 'Tools offline' });
  expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
    'Authoring: available offline',
    // One of its two files is not cached yet: not offline.
    'Draft from article: downloads when first used',
    'Anki import: downloads when first used',
    'Personal scheduling: available offline',
  ]);
});

test('a list that cannot be read says so instead of claiming anything', async () => {
  vi.stubGlobal('fetch', async () => new Response('', { status: 500 }));
  render(<OfflineTools />);
  await screen.findByText(/Could not read the list of offline tools \(offline-tools\.json, HTTP 500\)/);
  expect(screen.queryByRole('list')).toBeNull();
});
