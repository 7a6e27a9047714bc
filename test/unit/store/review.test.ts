import fc from 'fast-check';
import {
  closeStore,
  deckCounts,
  getItem,
  onStoreChange,
  recordReview,
  reviewCount,
  StoreError,
  syncDeckItems,
  undoLastReview,
  undoDepth,
} from '../../../src/store';
import { forEachReview, itemHistory, reviewCountBetween } from '../../../src/store/log';
import type { Grade, ReviewRecord } from '../../../src/srs/types';
import { at, deckOf, MIN, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recording a review', () => {
  it('writes the item and its log entry with the state before and after', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    const before = (await getItem('a/card-1'))!;
    const { item, review, becameLeech } = await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 95_000 });
    expect(becameLeech).toBe(false);
    expect(item.state).toBe(1);
    expect(item.due).toBe(T0 + 10 * MIN);
    expect(await getItem('a/card-1')).toEqual(item);
    expect(review).toMatchObject({ itemId: 'a/card-1', deckId: 'a', cardId: 'card-1', grade: 3, mode: 'study', at: T0, durationMs: 60_000 });
    expect(review.before).toEqual(before);
    expect(review.after).toEqual(item.fsrs);
    expect(await itemHistory('a/card-1')).toEqual([review]);
    expect((await deckCounts(['a'], T0)).a!.lastStudied).toBe(T0);
  });

  it('logs a quiz answer without rescheduling when asked', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    const before = (await getItem('a/card-1'))!;
    const { review } = await recordReview({ itemId: 'a/card-1', grade: 1, mode: 'quiz', at: T0, durationMs: 1, correct: false, reschedule: false });
    expect(await getItem('a/card-1')).toEqual(before);
    expect(review).toMatchObject({ mode: 'quiz', correct: false });
    expect(review.after).toEqual(before.fsrs);
    // Quiz answers do not use up the day's new cards.
    expect((await deckCounts(['a'], T0)).a!.new).toBe(1);
  });

  it('refuses bad input with a clear error', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await expect(recordReview({ itemId: 'a/nope', grade: 3, mode: 'study', at: T0, durationMs: 1 })).rejects.toThrow(/no review item "a\/nope"/);
    await expect(recordReview({ itemId: 'a/card-1', grade: 5 as Grade, mode: 'study', at: T0, durationMs: 1 })).rejects.toThrow(/grade must be/);
    expect(await reviewCount()).toBe(0);
  });

  it('counts reviews by time range and walks the log in time order', async () => {
    await syncDeckItems(deckOf('a', 3), T0);
    await recordReview({ itemId: 'a/card-2', grade: 3, mode: 'study', at: T0 + 2 * MIN, durationMs: 1 });
    await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 });
    await recordReview({ itemId: 'a/card-3', grade: 3, mode: 'study', at: at(11, 9), durationMs: 1 });
    expect(await reviewCountBetween(at(10, 4), at(11, 4))).toBe(2);
    const seen: number[] = [];
    await forEachReview({ from: T0 }, (r) => seen.push(r.at));
    expect(seen).toEqual([T0, T0 + 2 * MIN, at(11, 9)]);
    const window: string[] = [];
    await forEachReview({ from: T0, to: T0 + 2 * MIN }, (r) => window.push(r.itemId));
    expect(window).toEqual(['a/card-1']);
  });

  it('walks the log page by page without losing or repeating entries at equal times', async () => {
    await syncDeckItems(deckOf('a', 4), T0);
    const times = [T0, T0, T0, T0 + 1, T0 + 1, T0 + 2, T0 + 2, T0 + 2, T0 + 2, T0 + 3];
    const ids: number[] = [];
    for (const [i, t] of times.entries()) {
      const { review } = await recordReview({ itemId: `a/card-${(i % 4) + 1}`, grade: 3, mode: 'quiz', at: t, durationMs: 1, reschedule: false });
      ids.push(review.id!);
    }
    for (const pageSize of [1, 2, 3, 4, 100]) {
      const seen: number[] = [];
      await forEachReview({}, (r) => seen.push(r.id!), { pageSize });
      expect(seen).toEqual(ids);
      const window: number[] = [];
      await forEachReview({ from: T0 + 1, to: T0 + 3 }, (r) => window.push(r.at), { pageSize });
      expect(window).toEqual([T0 + 1, T0 + 1, T0 + 2, T0 + 2, T0 + 2, T0 + 2]);
    }
    const none: number[] = [];
    await forEachReview({ from: T0 + 3, to: T0 + 3 }, (r) => none.push(r.at));
    expect(none).toEqual([]);
  });

  it('announces every write to this tab and to other tabs', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    const local = vi.fn();
    const off = onStoreChange(local);
    const otherTab = new BroadcastChannel('briefdeck');
    const remote = new Promise<unknown>((resolve) => {
      otherTab.onmessage = (e) => resolve(e.data);
    });
    await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 });
    expect(local).toHaveBeenCalledWith({ type: 'changed', deckIds: ['a'] });
    expect(await remote).toEqual({ type: 'changed', deckIds: ['a'] });
    otherTab.close();
    off();
  });
});

describe('undo', () => {
  it('reverts item and log in one step, repeatedly, and buried siblings come back', async () => {
    await syncDeckItems(deckOf('a', 0, [{ id: 'rev', type: 'basic', front: 'F', back: 'B', reverse: true }]), T0);
    const start = (await getItem('a/rev'))!;
    const sibling = (await getItem('a/rev#reverse'))!;
    const first = await recordReview({ itemId: 'a/rev', grade: 3, mode: 'study', at: T0, durationMs: 1 });
    expect((await getItem('a/rev#reverse'))!.buriedUntil).toBeGreaterThan(T0);
    const second = await recordReview({ itemId: 'a/rev', grade: 3, mode: 'study', at: T0 + 10 * MIN, durationMs: 1 });
    expect(undoDepth()).toBe(2);

    expect(await undoLastReview()).toEqual(second.review);
    expect(await getItem('a/rev')).toEqual(first.item);
    expect(await undoLastReview()).toEqual(first.review);
    expect(await getItem('a/rev')).toEqual(start);
    expect(await getItem('a/rev#reverse')).toEqual(sibling);
    expect(await reviewCount()).toBe(0);
    expect(await undoLastReview()).toBeNull();
  });

  it('undo restores the exact previous item and log; log count equals reviews made (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ grade: fc.constantFrom<Grade>(1, 2, 3, 4), wait: fc.integer({ min: 0, max: 30 * 24 * 60 * MIN }), card: fc.integer({ min: 1, max: 3 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 12 }),
        async (steps, undos) => {
          await closeStore();
          globalThis.indexedDB = new IDBFactory();
          await syncDeckItems(deckOf('p', 3), T0);
          let now = T0;
          const snapshots: { item: unknown; count: number }[] = [];
          const reviews: ReviewRecord[] = [];
          for (const { grade, wait, card } of steps) {
            now += wait;
            const id = `p/card-${card}`;
            snapshots.push({ item: await getItem(id), count: await reviewCount() });
            const r = await recordReview({ itemId: id, grade, mode: 'study', at: now, durationMs: 1 });
            expect(r.item.due).toBeGreaterThanOrEqual(now);
            reviews.push(r.review);
          }
          expect(await reviewCount()).toBe(steps.length);
          for (let u = 0; u < Math.min(undos, steps.length); u++) {
            const undone = await undoLastReview();
            const review = reviews.pop()!;
            const snap = snapshots.pop()!;
            expect(undone).toEqual(review);
            expect(await getItem(review.itemId)).toEqual(snap.item);
            expect(await reviewCount()).toBe(snap.count);
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it('will not undo over an answer given since in another tab', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 });
    // Another tab (its own connection) answers the same card again.
    const other = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('briefdeck');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const current = (await getItem('a/card-1'))!;
    const newer = { ...current, fsrs: { ...current.fsrs, reps: current.fsrs.reps + 1, due: current.due + 5 * MIN }, due: current.due + 5 * MIN };
    await new Promise<void>((resolve, reject) => {
      const tx = other.transaction('items', 'readwrite');
      tx.objectStore('items').put(newer);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    other.close();
    await expect(undoLastReview()).rejects.toThrow(/answered again since/);
    expect(await getItem('a/card-1')).toEqual(newer);
    expect(await reviewCount()).toBe(1);
    expect(undoDepth()).toBe(0);
  });
});

describe('failures leave nothing half written', () => {
  it('a quota error while appending the log aborts the item write too', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    const before = await getItem('a/card-1');
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failure = await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).kind).toBe('quota');
    expect((failure as StoreError).message).toMatch(/no room left/);
    expect(await getItem('a/card-1')).toEqual(before);
    expect(await reviewCount()).toBe(0);
    expect(undoDepth()).toBe(0);
  });

  it('an aborted transaction surfaces as StoreError "aborted" and writes nothing', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    const before = await getItem('a/card-1');
    const realAdd = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = realAdd.apply(this, args);
      this.transaction.abort(); // as when the browser aborts a transaction under us
      return request;
    });
    const failure = await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).kind).toBe('aborted');
    expect(await getItem('a/card-1')).toEqual(before);
    expect(await reviewCount()).toBe(0);
  });
});
