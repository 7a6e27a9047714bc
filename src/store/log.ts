/**
 * Reading the review log: an item's history (the card browser) and walks over time (stats). Loaded
 * with those screens, not with the study screen.
 */
import type { ItemId, ReviewRecord } from '../srs/types';
import { inTransaction } from './db';
import { soundReview } from './integrity';
import { MAX_KEY, MIN_KEY } from './keys';


/** An item's review log, oldest first. */
export async function itemHistory(itemId: ItemId): Promise<ReviewRecord[]> {
  const all = await inTransaction(['reviews'], 'readonly', (tx) => tx.objectStore('reviews').index('by-item').getAll(itemId));
  return all.filter(soundReview);
}

/** Records read per request when walking the log: big enough to avoid a round trip per entry, small enough to keep memory flat. */
const PAGE = 2000;

/**
 * Walks the log in time order over [from, to), a page of records at a time from the time index,
 * so stats never hold it all and never pay a round trip per entry (as a cursor does). One
 * read-only transaction keeps the walk consistent; `fn` must not await.
 */
export async function forEachReview(
  range: { from?: number; to?: number },
  fn: (r: ReviewRecord) => void,
  options: { pageSize?: number } = {},
): Promise<void> {
  const pageSize = Math.max(1, options.pageSize ?? PAGE);
  const upper = range.to ?? MAX_KEY;
  const upperOpen = range.to !== undefined;
  let lower = range.from ?? MIN_KEY;
  if (upperOpen && lower >= upper) return;
  await inTransaction(['reviews'], 'readonly', async (tx) => {
    const index = tx.objectStore('reviews').index('by-time');
    // Entries at exactly `lower` already handed out (the index orders equal times by id, stably).
    let seen = 0;
    for (;;) {
      const page = await index.getAll(IDBKeyRange.bound(lower, upper, false, upperOpen), seen + pageSize);
      for (let i = seen; i < page.length; i++) if (soundReview(page[i])) fn(page[i]!);
      if (page.length < seen + pageSize) return;
      const last = page[page.length - 1]!.at;
      seen = 0;
      for (let i = page.length - 1; i >= 0 && page[i]!.at === last; i--) seen++;
      lower = last;
    }
  });
}

/** How many answers were given in [from, to) — one index count. */
export async function reviewCountBetween(from: number, to: number): Promise<number> {
  return inTransaction(['reviews'], 'readonly', (tx) => tx.objectStore('reviews').index('by-time').count(IDBKeyRange.bound(from, to, false, true)));
}
