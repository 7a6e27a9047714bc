/**
 * Two tabs in one test: a second, independent copy of the store module (its own connection,
 * caches and undo history) over the same IndexedDB, talking through the BroadcastChannel.
 */
import * as tabA from '../../../src/store';
import type { StoreChange } from '../../../src/store';
import { deckOf, T0 } from './fixtures';

type Store = typeof tabA;

async function openTab(): Promise<Store> {
  vi.resetModules();
  return (await import('../../../src/store')) as Store;
}

let tabB: Store;

beforeEach(async () => {
  await tabA.closeStore();
  tabB = await openTab();
});

afterEach(async () => {
  await tabB.closeStore();
});

function nextChange(store: Store): Promise<StoreChange> {
  return new Promise((resolve) => {
    const off = store.onStoreChange((change) => {
      off();
      resolve(change);
    });
  });
}

describe('two tabs', () => {
  it('see each other’s reviews and never lose one', async () => {
    await tabA.syncDeckItems(deckOf('a', 2), T0);
    const heard = nextChange(tabB);
    await tabA.recordReview({ itemId: 'a/card-1', grade: 4, mode: 'study', at: T0, durationMs: 1 });
    expect(await heard).toEqual({ type: 'changed', deckIds: ['a'] });
    // Tab B grades the other card at the same time; both reviews are kept.
    await tabB.recordReview({ itemId: 'a/card-2', grade: 4, mode: 'study', at: T0, durationMs: 1 });
    expect(await tabA.reviewCount()).toBe(2);
    expect((await tabB.deckCounts(['a'], T0)).a).toMatchObject({ new: 0 });
    expect((await tabB.getItems('a')).map((i) => i.state)).toEqual([2, 2]);
    // Each tab undoes only its own answers.
    expect((await tabB.undoLastReview())?.itemId).toBe('a/card-2');
    expect(await tabB.undoLastReview()).toBeNull();
    expect((await tabA.undoLastReview())?.itemId).toBe('a/card-1');
  });

  it('pick up settings changed in another tab', async () => {
    expect((await tabA.getSettings()).newPerDay).toBe(20);
    const heard = nextChange(tabA);
    await tabB.updateSettings({ newPerDay: 3 });
    await heard;
    expect((await tabA.getSettings()).newPerDay).toBe(3);
  });

  it('an upgrading tab is not blocked by an open one', async () => {
    await tabA.getSettings();
    await tabB.getSettings();
    const events: string[] = [];
    tabA.onConnectionEvent((e) => events.push(e.type));
    const req = indexedDB.open('briefdeck', 99);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      req.onblocked = () => reject(new Error('blocked'));
      req.onsuccess = () => resolve(req.result);
    });
    expect(db.version).toBe(99);
    expect(events).toEqual(['blocking']);
    db.close();
  });
});
