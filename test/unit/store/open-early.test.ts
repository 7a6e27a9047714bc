/**
 * The page's early open (src/store/open-early.ts, loaded from the head while the code loads): it
 * creates and upgrades nothing, and the store takes its connection over only at today's version.
 */
import { closeStore, getSettings, onConnectionEvent, updateSettings } from '../../../src/store';
import { openDB } from 'idb';
import { DB_VERSION, MIGRATIONS } from '../../../src/store/migrations';
import { EARLY_OPEN, type BriefdeckDB } from '../../../src/store/schema';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';

type Page = { [EARLY_OPEN]?: Promise<IDBDatabase | null> };
const page = globalThis as Page;

/** Runs the early script as the page does (each import of a fresh copy runs it again). */
async function runEarlyScript(): Promise<IDBDatabase | null> {
  vi.resetModules();
  await import('../../../src/store/open-early');
  return page[EARLY_OPEN]!;
}

const databases = async () => (await indexedDB.databases()).map((d) => [d.name, d.version]);

beforeEach(async () => {
  await closeStore();
  delete page[EARLY_OPEN];
});

test('on a first visit it creates nothing: the store then creates the database with its migrations', async () => {
  expect(await runEarlyScript()).toBeNull();
  expect(await databases()).toEqual([]);
  expect((await getSettings()).newPerDay).toBe(DEFAULT_SETTINGS.newPerDay);
  expect(await databases()).toEqual([['briefdeck', DB_VERSION]]);
});

test('the store takes over the connection it opened, without opening another, and lets it go for an upgrade', async () => {
  await updateSettings({ newPerDay: 7 });
  await closeStore();
  const early = await runEarlyScript();
  expect(early?.version).toBe(DB_VERSION);
  const open = vi.spyOn(indexedDB, 'open');
  expect((await getSettings()).newPerDay).toBe(7);
  expect(open).not.toHaveBeenCalled();
  open.mockRestore();
  // Taken once: the page's handle is gone.
  expect(page[EARLY_OPEN]).toBeUndefined();
  const events: string[] = [];
  const off = onConnectionEvent((e) => events.push(e.type));
  const newer = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('briefdeck', DB_VERSION + 1);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  expect(events).toEqual(['blocking']);
  newer.close();
  off();
});

test('a database of an older version is closed and upgraded by the migrations', async () => {
  // The version 1 shape, as version 1 wrote it.
  const v1 = await openDB<BriefdeckDB>('briefdeck', 1, { upgrade: (db, _old, _new, tx) => void MIGRATIONS[0]!(db, tx, 0) });
  await v1.put('settings', { ...DEFAULT_SETTINGS, newPerDay: 9 }, 'settings');
  v1.close();
  const early = await runEarlyScript();
  expect(early?.version).toBe(1);
  // The early connection would block the upgrade if it were kept open.
  expect((await getSettings()).newPerDay).toBe(9);
  expect(await databases()).toEqual([['briefdeck', DB_VERSION]]);
});

test('the build makes it one classic script that leaves its promise on the page', async () => {
  const { buildOpenEarly } = await import('../../../scripts/vite-plugin-open-early');
  const code = await buildOpenEarly();
  expect(code).not.toMatch(/\b(import|export)\b/);
  expect(code.length).toBeLessThan(600);
  new Function(code)();
  expect(await page[EARLY_OPEN]).toBeNull();
  expect(await databases()).toEqual([]);
});
