import { closeStore, deckCounts, getItems, nextStudyItem, recordReview, syncDeckItems, updateSettings } from '../../../src/store';
import { QUEUE } from '../../../src/srs/queue';
import { deckOf, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

/**
 * Counts what the items' queue index hands back from ranges of `queue` while `fn` runs: records
 * (getAll) and keys (getAllKeys), as the results arrive.
 */
async function readsOf<T>(queue: number, fn: () => Promise<T>): Promise<{ records: number; keys: number; value: T }> {
  const read = { records: 0, keys: 0 };
  const watch = (method: 'getAll' | 'getAllKeys', into: 'records' | 'keys') => {
    const original = IDBIndex.prototype[method];
    return vi.spyOn(IDBIndex.prototype, method).mockImplementation(function (this: IDBIndex, query?: IDBValidKey | IDBKeyRange | null, count?: number) {
      const request = original.call(this, query, count);
      const lower = query instanceof IDBKeyRange ? (query.lower as unknown[]) : null;
      if (this.name === 'by-deck-queue-due' && Array.isArray(lower) && lower[1] === queue) {
        request.addEventListener('success', () => (read[into] += (request.result as unknown[]).length));
      }
      return request;
    });
  };
  const spies = [watch('getAll', 'records'), watch('getAllKeys', 'keys')];
  try {
    const value = await fn();
    return { ...read, value };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('reads bounded by the day, not by the collection', () => {
  it('finds the next new card and counts new cards without reading a new pile the size of the due one', async () => {
    // 60 cards answered Easy come due together; 100 new cards wait behind them.
    await updateSettings({ newPerDay: 60, reviewsPerDay: 200 });
    await syncDeckItems(deckOf('a', 60), T0);
    for (let i = 1; i <= 60; i++) await recordReview({ itemId: `a/card-${i}`, grade: 4, mode: 'study', at: T0, durationMs: 1000 });
    await updateSettings({ newPerDay: 10 });
    await syncDeckItems(deckOf('a', 160), T0);
    const later = Math.max(...(await getItems('a')).filter((i) => i.queue === QUEUE.review).map((i) => i.due)) + 1;

    const next = await readsOf(QUEUE.new, () => nextStudyItem({ deckIds: ['a'] }, later, { excludeCards: ['a/card-61'] }));
    expect(next.value.item && next.value.remaining).toMatchObject({ new: 10, review: 60 });
    // The first new card not on screen: a few records, not the 100 new ones.
    expect(next.records).toBeLessThanOrEqual(3);
    // Ten new cards counted from at most twice the day's limit of keys.
    expect(next.keys).toBeLessThanOrEqual(20);

    const counts = await readsOf(QUEUE.new, () => deckCounts(['a'], later));
    expect(counts.value.a).toMatchObject({ new: 10, due: 60 });
    expect(counts.keys).toBeLessThanOrEqual(20);
  });
});
