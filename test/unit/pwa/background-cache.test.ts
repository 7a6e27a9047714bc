/**
 * The tools the first install leaves out are fetched in the background at a quiet moment (a
 * session has ended, or a while after start), only online and not on Save-Data, through the
 * worker's CACHE_URLS message; and which of them work offline is read from the caches.
 */
import { cacheTools, offlineStatus, scheduleToolCaching, type ToolHost } from '../../../src/pwa/background-cache';
import { markBusy } from '../../../src/pwa/activity';
import type { OfflineToolFiles } from '../../../src/pwa/on-first-use';

const TOOLS: OfflineToolFiles[] = [
  { name: 'Authoring', files: ['/assets/Editor-a.js', '/assets/sql-wasm-browser-b.wasm'] },
  { name: 'Anki import', files: ['/assets/anki-worker-c.js', '/assets/sql-wasm-browser-b.wasm'] },
  { name: 'Math on cards', files: ['/assets/math-d.js'] },
];

/** A browser whose cache holds `held`, and whose worker caches what it is asked to. */
function hostWith(held: string[], { onLine = true, saveData = false, worker = true } = {}) {
  const cache = new Set(held);
  const sent: { type: string; payload: { urlsToCache: string[] } }[] = [];
  const sw = {} as ServiceWorker;
  const host: ToolHost & { navigator: { onLine: boolean } } = {
    navigator: { onLine, connection: { saveData }, serviceWorker: { ready: Promise.resolve({ active: worker ? sw : null } as ServiceWorkerRegistration) } },
    caches: { match: async (url: RequestInfo | URL) => (cache.has(String(url)) ? new Response('x') : undefined) },
    fetch: (async (url: RequestInfo | URL) =>
      String(url) === '/offline-tools.json' ? new Response(JSON.stringify(TOOLS)) : new Response('no', { status: 404 })) as typeof fetch,
    message: async (to, data) => {
      expect(to).toBe(sw);
      const m = data as (typeof sent)[number];
      sent.push(m);
      for (const u of m.payload.urlsToCache) cache.add(u);
      return true;
    },
  };
  return { host, sent, cache };
}

test('each tool is available offline once every one of its files is cached', async () => {
  const { host } = hostWith(['/assets/Editor-a.js', '/assets/sql-wasm-browser-b.wasm', '/assets/math-d.js']);
  expect(await offlineStatus(host)).toEqual([
    { name: 'Authoring', offline: true },
    { name: 'Anki import', offline: false },
    { name: 'Math on cards', offline: true },
  ]);
  expect(await offlineStatus({ ...host, caches: undefined })).toEqual(TOOLS.map((t) => ({ name: t.name, offline: false })));
});

test('the worker is asked once for the files not cached yet, each once; then every tool works offline', async () => {
  const { host, sent } = hostWith(['/assets/Editor-a.js']);
  expect(await cacheTools(host)).toBe(true);
  expect(sent).toEqual([{ type: 'CACHE_URLS', payload: { urlsToCache: ['/assets/sql-wasm-browser-b.wasm', '/assets/anki-worker-c.js', '/assets/math-d.js'] } }]);
  expect((await offlineStatus(host)).every((t) => t.offline)).toBe(true);
  // Nothing left to fetch: no message.
  expect(await cacheTools(host)).toBe(false);
  expect(sent).toHaveLength(1);
});

test('a list that cannot be read is an error that names the file', async () => {
  const { host } = hostWith([]);
  await expect(offlineStatus({ ...host, fetch: (async () => new Response('', { status: 404 })) as typeof fetch })).rejects.toThrow(
    /offline-tools\.json, HTTP 404/,
  );
});

describe('the moment', () => {
  const events = () => new EventTarget();

  test('a session that ends starts the download at once', async () => {
    const { host } = hostWith([]);
    const run = vi.fn(async () => true);
    const done = markBusy('study');
    const stop = scheduleToolCaching({ host, events: events(), afterStartMs: 1e9, run });
    expect(run).not.toHaveBeenCalled();
    done();
    expect(run).toHaveBeenCalledTimes(1);
    // Once per page: a second session changes nothing.
    markBusy('quiz')();
    expect(run).toHaveBeenCalledTimes(1);
    stop();
  });

  test('a while after start it runs without a session, but not during one', async () => {
    const { host } = hostWith([]);
    const run = vi.fn(async () => true);
    const done = markBusy('study');
    scheduleToolCaching({ host, events: events(), afterStartMs: 10, run });
    await new Promise((r) => setTimeout(r, 30));
    expect(run).not.toHaveBeenCalled();
    done();
    expect(run).toHaveBeenCalledTimes(1);
  });

  test('offline it waits for the network; on Save-Data it never runs', async () => {
    const offline = hostWith([], { onLine: false });
    const target = events();
    const run = vi.fn(async () => true);
    scheduleToolCaching({ host: offline.host, events: target, afterStartMs: 0, run });
    await new Promise((r) => setTimeout(r, 10));
    expect(run).not.toHaveBeenCalled();
    offline.host.navigator.onLine = true;
    target.dispatchEvent(new Event('online'));
    expect(run).toHaveBeenCalledTimes(1);

    const saving = hostWith([], { saveData: true });
    const never = vi.fn(async () => true);
    const savingEvents = events();
    const stop = scheduleToolCaching({ host: saving.host, events: savingEvents, afterStartMs: 0, run: never });
    await new Promise((r) => setTimeout(r, 10));
    markBusy('study')();
    savingEvents.dispatchEvent(new Event('online'));
    expect(never).not.toHaveBeenCalled();
    stop();
  });
});
