/** The one connection: data from a newer Briefdeck, and tabs that need the database to upgrade. */
import { closeStore, getSettings, onConnectionEvent, StoreError } from '../../../src/store';
import { saveDraft, getDraft } from '../../../src/store/drafts';
import { DB_VERSION } from '../../../src/store/migrations';

beforeEach(async () => {
  await closeStore();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function rawOpen(version?: number, upgrade?: (db: IDBDatabase, tx: IDBTransaction, old: number) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open('briefdeck') : indexedDB.open('briefdeck', version);
    req.onupgradeneeded = (e) => upgrade?.(req.result, req.transaction!, e.oldVersion);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('data from a newer Briefdeck', () => {
  it('is refused with a clear error and left untouched', async () => {
    const future = await rawOpen(DB_VERSION + 5, (db) => {
      db.createObjectStore('future').put({ precious: true }, 'x');
    });
    future.close();
    const failure = await getSettings().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).kind).toBe('newer-version');
    expect((failure as StoreError).message).toMatch(/newer version of Briefdeck/);
    const db = await rawOpen();
    expect(db.version).toBe(DB_VERSION + 5);
    const value = await new Promise((resolve) => {
      const req = db.transaction('future').objectStore('future').get('x');
      req.onsuccess = () => resolve(req.result);
    });
    expect(value).toEqual({ precious: true });
    db.close();
  });
});

describe('several tabs', () => {
  it('lets go of the database when another tab upgrades, and says so', async () => {
    await saveDraft('k', 'v');
    const events: string[] = [];
    const off = onConnectionEvent((e) => events.push(e.type));
    // A newer Briefdeck in another tab opens a higher version: it must not stay blocked.
    const newer = await rawOpen(DB_VERSION + 1);
    expect(events).toEqual(['blocking']);
    newer.close();
    off();
    // This tab's code is now older than the data: it refuses rather than writing stale state.
    await expect(getDraft('k')).rejects.toMatchObject({ kind: 'newer-version' });
  });
});
