/**
 * Grades whose reads were prepared while the card was on screen: one write, the same result as a
 * grade that reads first, and never built on reads another write has made out of date.
 */
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import * as tabA from '../../../src/store';
import { setSuspended } from '../../../src/store/hold';
import { MARKS_KEPT } from '../../../src/store/db';
import type { BriefdeckDB } from '../../../src/store/schema';
import { at, deckOf, MIN } from './fixtures';

type Store = typeof tabA;
const T = at(10, 9);
/** A card with a reversed side (a sibling to bury) and plain ones. */
const deck = deckOf('p', 2, [{ id: 'both', type: 'basic', front: 'F', back: 'B', reverse: true }]);

beforeEach(async () => {
  await tabA.closeStore();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function everything() {
  const db = await openDB<BriefdeckDB>('briefdeck');
  const tx = db.transaction(['items', 'reviews', 'days', 'meta'], 'readonly');
  const [items, reviews, days, metaKeys, metaValues] = await Promise.all([
    tx.objectStore('items').getAll(),
    tx.objectStore('reviews').getAll(),
    tx.objectStore('days').getAll(),
    tx.objectStore('meta').getAllKeys(),
    tx.objectStore('meta').getAll(),
  ]);
  db.close();
  const named = metaKeys.flatMap((k, i) => (typeof k === 'string' ? [[k, metaValues[i]] as const] : []));
  return { items, reviews, days, meta: Object.fromEntries(named), marks: metaKeys.filter((k): k is number => typeof k === 'number') };
}

/** Reads made by IndexedDB requests while `fn` runs. */
async function readsDuring(fn: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as const) {
    for (const name of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor'] as const) {
      const real = (proto as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
      vi.spyOn(proto as unknown as Record<string, (...a: unknown[]) => unknown>, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
        reads++;
        return real.apply(this, args);
      });
    }
  }
  await fn();
  vi.restoreAllMocks();
  return reads;
}

/** The same history: a study answer earlier today, then grades of the reversed card and a plain one. */
async function history(store: Store, prepare: boolean) {
  await store.syncDeckItems(deck, T - 60 * MIN);
  await store.recordReview({ itemId: 'p/card-1', grade: 1, mode: 'study', at: T - 30 * MIN, durationMs: 5000 });
  const reads: number[] = [];
  for (const [itemId, grade, t] of [
    ['p/card-1', 3, T],
    ['p/both', 3, T + MIN],
    ['p/card-2', 4, T + 2 * MIN],
  ] as const) {
    if (prepare) await store.prepareGrade(itemId, t - 1000);
    reads.push(await readsDuring(() => store.recordReview({ itemId, grade, mode: 'study', at: t, durationMs: 4000 })));
  }
  return reads;
}

describe('prepared grades', () => {
  it('only write, and write exactly what a grade that reads first writes', async () => {
    const readsPrepared = await history(tabA, true);
    const prepared = await everything();
    await tabA.closeStore();
    globalThis.indexedDB = new IDBFactory();
    const readsReading = await history(tabA, false);
    const reading = await everything();

    expect(readsPrepared).toEqual([0, 0, 0]);
    expect(readsReading.every((n) => n > 0)).toBe(true);
    expect(prepared).toEqual(reading);
    // What the comparison covers: a buried sibling, a second answer of the day, a first one.
    expect(prepared.items.find((i) => i.id === 'p/both#reverse')?.buriedUntil).toBeGreaterThan(0);
    expect(prepared.reviews).toHaveLength(4);
    expect(prepared.meta['aggregates:logged']).toBe(4);
    expect(prepared.marks.at(-1)).toBeGreaterThan(4);
  });

  it('with the connection open, a prepared grade issues its writes before the call returns', async () => {
    await tabA.syncDeckItems(deck, T);
    await tabA.prepareGrade('p/card-1', T);
    const writes: string[] = [];
    for (const name of ['put', 'add'] as const) {
      const real = IDBObjectStore.prototype[name];
      vi.spyOn(IDBObjectStore.prototype, name).mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof real>) {
        writes.push(`${this.name}.${name}`);
        return real.apply(this, args);
      });
    }
    const saved = tabA.recordReview({ itemId: 'p/card-1', grade: 3, mode: 'study', at: T + MIN, durationMs: 1 });
    // Nothing awaited yet: the item, its log entry, the day's counts and the write mark are on their way.
    expect(writes).toEqual(expect.arrayContaining(['items.put', 'reviews.add', 'days.put', 'meta.add']));
    await saved;
    expect((await everything()).reviews).toHaveLength(1);
  });

  it('prepared before another tab answered the same card: the grade reads again and builds on that answer', async () => {
    await tabA.syncDeckItems(deck, T);
    vi.resetModules();
    const tabB = (await import('../../../src/store')) as Store;
    await tabA.prepareGrade('p/card-1', T);
    const answeredInB = (await tabB.recordReview({ itemId: 'p/card-1', grade: 3, mode: 'study', at: T + MIN, durationMs: 1 })).item;
    // Tab A grades before it hears of tab B's answer: its prepared reads are out of date.
    const reads = await readsDuring(() => tabA.recordReview({ itemId: 'p/card-1', grade: 4, mode: 'study', at: T + 2 * MIN, durationMs: 1 }));
    expect(reads).toBeGreaterThan(0);
    const { items, reviews, meta } = await everything();
    expect(reviews.map((r) => [r.grade, r.before.fsrs.reps])).toEqual([
      [3, 0],
      [4, 1],
    ]);
    expect(reviews[1]!.before).toEqual(answeredInB);
    expect(items.find((i) => i.id === 'p/card-1')!.fsrs.reps).toBe(2);
    expect(meta['aggregates:logged']).toBe(2);
    await tabB.closeStore();
  });

  it('a change of this tab since the reads (a suspension) is read again, not written over', async () => {
    await tabA.syncDeckItems(deck, T);
    await tabA.prepareGrade('p/card-1', T);
    await setSuspended(['p/card-1'], true, T);
    await tabA.recordReview({ itemId: 'p/card-1', grade: 3, mode: 'study', at: T + MIN, durationMs: 1 });
    expect((await tabA.getItem('p/card-1'))?.suspended).toBe(true);
  });

  it('every write to what a grade reads is marked with the next number; old marks go', async () => {
    await tabA.syncDeckItems(deck, T);
    const start = (await everything()).marks;
    expect(start).toEqual(start.map((_, i) => i + 1));
    const n = start.at(-1)!;
    await tabA.updateSettings({ newPerDay: 5 });
    await tabA.saveDeck(deckOf('other', 1), 'imported', T);
    // Settings are marked; a stored deck alone is not something a grade reads.
    expect((await everything()).marks.at(-1)).toBe(n + 1);
    // A database far along keeps only the last MARKS_KEPT marks (pruned a hundred at a time).
    const db = await openDB<BriefdeckDB>('briefdeck');
    await db.put('meta', true, MARKS_KEPT + 99);
    db.close();
    await tabA.updateSettings({ newPerDay: 6 });
    const { marks } = await everything();
    expect(marks.at(-1)).toBe(MARKS_KEPT + 100);
    expect(marks.filter((m) => m <= 100)).toEqual([]);
  });
});
