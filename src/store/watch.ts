/**
 * Watches for the two ways a full disk loses a learner's data. The browser's storage estimate is
 * read now and then; when little room is left the learner is told early, and writes that can wait
 * stop (see space.ts). And the collection's size is remembered outside IndexedDB (localStorage),
 * so that a start which finds the database empty though it held progress before (the browser
 * recovered from a full disk by deleting it) says so instead of quietly starting fresh.
 * Loaded after the first card, never on the study path.
 */
import { inTransaction } from './db';
import { setSpaceLow } from './space';

/** How often the room left and the collection's counts are read again. */
export const CHECK_EVERY_MS = 60_000;

export interface Counts {
  items: number;
  reviews: number;
}

const KEY = 'briefdeck:last-counts';
/** Room left below which the learner is warned and drafts stop: 50 MB, or a tenth of the quota. */
const LOW_BYTES = 50 * 1024 * 1024;

/** How many review items and answers the database holds now. */
export function collectionCounts(): Promise<Counts> {
  return inTransaction(['items', 'reviews'], 'readonly', async (tx) => {
    const [items, reviews] = await Promise.all([tx.objectStore('items').count(), tx.objectStore('reviews').count()]);
    return { items, reviews };
  });
}

/** The counts remembered at the last check, if any. */
export function lastCounts(): Counts | null {
  try {
    const c = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Counts> | null;
    return c && Number.isInteger(c.items) && Number.isInteger(c.reviews) ? { items: c.items!, reviews: c.reviews! } : null;
  } catch {
    return null;
  }
}

/** Remembers the counts outside IndexedDB (nothing is lost if localStorage is unavailable). */
export function rememberCounts(c: Counts): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(c));
  } catch {
    /* no localStorage: the emptied-database check simply cannot run */
  }
}

/**
 * The counts the database held before, when it held progress and now holds none; null otherwise
 * (and the counts of now are remembered). Emptied counts are kept until the learner restores a
 * backup or chooses to start fresh (`rememberCounts`).
 */
export async function emptiedSince(): Promise<Counts | null> {
  const [now, before] = [await collectionCounts(), lastCounts()];
  if (before && before.items + before.reviews > 0 && now.items + now.reviews === 0) return before;
  rememberCounts(now);
  return null;
}

/** Room left for Briefdeck (bytes) when it is running low, else null; sets the flag that stops drafts. */
export async function lowSpace(): Promise<number | null> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  if (!estimate?.quota || estimate.usage === undefined) return null;
  const left = estimate.quota - estimate.usage;
  const low = left < Math.max(LOW_BYTES, estimate.quota / 10) ? left : null;
  setSpaceLow(low !== null);
  return low;
}
