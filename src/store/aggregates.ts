/**
 * Review-log aggregates for stats: per deck, per 15-minute time bucket, the counts the stats
 * screen folds (answers, study / quiz, Again, new items learned, time spent, and the true-retention
 * counters). They live in the `days` store and are kept by the store itself — updated in the same
 * readwrite transaction as each recorded answer, taken back by undo, rebuilt by the v2 migration
 * and by a backup import, cleared by a reset — so the stats screen reads a few thousand small
 * records instead of deserialising the whole log.
 *
 * Why 15 minutes: every time zone's offset is a multiple of 15 minutes, so a study day (which
 * starts at a whole local hour) always begins on a bucket boundary, and buckets can be grouped
 * into study days for any `dayStartHour` and any zone, daylight-saving changes included.
 *
 * True retention counts mature study answers that were the item's FIRST study answer of its study
 * day. "First of the day" is decided when the answer is written, with the learner's
 * `dayStartHour` at that moment (a later change of the day start does not re-decide old answers;
 * the day each bucket belongs to is still worked out with the current setting when stats are read).
 */
import type { IDBPTransaction } from 'idb';
import { nextStudyDayStart, studyDayStart } from '../srs/day';
import { DEFAULT_SETTINGS, type ReviewRecord } from '../srs/types';
import { inTransaction, type Tx } from './db';
import { soundReview } from './integrity';
import type { BriefdeckDB, ReviewBucket, StoreName } from './schema';

export type { ReviewBucket } from './schema';

/** Width of a bucket: 15 minutes (see the header for why this is safe for every day start). */
export const BUCKET_MS = 15 * 60_000;
/** An item is mature when its interval before the answer was at least this many days (as Anki; `src/stats/review-fold.ts`). */
const MATURE_DAYS = 21;
const REVIEW_STATE = 2;
const NEW_STATE = 0;

/** Start of the bucket that holds time `at`. */
export function bucketOf(at: number): number {
  return Math.floor(at / BUCKET_MS) * BUCKET_MS;
}

function emptyBucket(deckId: string, bucket: number, first: number): ReviewBucket {
  return { deckId, bucket, first, reviewed: 0, study: 0, quiz: 0, again: 0, newLearned: 0, timeMs: 0, retained: 0, retentionTotal: 0 };
}

/** Whether a study answer on this item can count for true retention (mature before the answer). */
export function countsForRetention(r: Pick<ReviewRecord, 'mode' | 'before'>): boolean {
  return r.mode === 'study' && r.before.state === REVIEW_STATE && r.before.fsrs.scheduled_days >= MATURE_DAYS;
}

/** Adds (sign 1) or takes back (sign -1) one answer's counts; `first`: it was the item's first study answer of its day. */
function apply(b: ReviewBucket, r: ReviewRecord, first: boolean, sign: 1 | -1): void {
  b.reviewed += sign;
  if (r.mode === 'quiz') b.quiz += sign;
  else b.study += sign;
  if (r.grade === 1) b.again += sign;
  if (r.before.state === NEW_STATE && r.after.state !== NEW_STATE) b.newLearned += sign;
  b.timeMs += sign * (r.durationMs > 0 ? r.durationMs : 0);
  if (first && countsForRetention(r)) {
    b.retentionTotal += sign;
    if (r.grade > 1) b.retained += sign;
  }
}

/**
 * Builds the buckets of a whole log, fed in time order (migration, backup import). Mirrors the
 * stats fold: an item's first study answer of a study day is the first one met on that day.
 */
export class BucketBuilder {
  private readonly buckets = new Map<string, ReviewBucket>();
  private readonly seen = new Set<string>();
  private seenDayStart = NaN;
  private seenDayEnd = NaN;

  constructor(private readonly dayStartHour: number) {}

  add(r: ReviewRecord): void {
    const bucket = bucketOf(r.at);
    const key = `${r.deckId}\u0000${bucket}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = emptyBucket(r.deckId, bucket, r.at)));
    if (r.at < b.first) b.first = r.at;
    let first = false;
    if (r.mode === 'study') {
      if (!(r.at >= this.seenDayStart && r.at < this.seenDayEnd)) {
        this.seen.clear();
        this.seenDayStart = studyDayStart(r.at, this.dayStartHour);
        this.seenDayEnd = nextStudyDayStart(r.at, this.dayStartHour);
      }
      first = !this.seen.has(r.itemId);
      this.seen.add(r.itemId);
    }
    apply(b, r, first, 1);
  }

  result(): ReviewBucket[] {
    return [...this.buckets.values()];
  }
}

/** Sorts reviews into time order (ties by id), as the log's time index gives them. */
export function inTimeOrder(reviews: readonly ReviewRecord[]): ReviewRecord[] {
  const sorted = reviews.slice();
  let ordered = true;
  for (let i = 1; i < sorted.length && ordered; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.at > b.at || (a.at === b.at && (a.id ?? 0) > (b.id ?? 0))) ordered = false;
  }
  if (!ordered) sorted.sort((a, b) => a.at - b.at || (a.id ?? 0) - (b.id ?? 0));
  return sorted;
}

type ReviewTx = Tx<['items', 'reviews', 'days'], 'readwrite'>;

/**
 * Whether `r` (not yet in the log) is its item's first study answer of its study day: walks the
 * item's log backwards from the newest entry while entries are within that day, so it usually
 * reads a single entry.
 */
export async function firstStudyOfDay(tx: ReviewTx, r: ReviewRecord, dayStartHour: number): Promise<boolean> {
  if (r.mode !== 'study') return false;
  const dayStart = studyDayStart(r.at, dayStartHour);
  let cursor = await tx.objectStore('reviews').index('by-item').openCursor(r.itemId, 'prev');
  while (cursor) {
    const other = cursor.value;
    if (other.id !== r.id && other.mode === 'study' && other.at >= dayStart && other.at <= r.at) return false;
    // The log is appended in time order, so once an entry is before the day, all older ones are.
    if (other.at < dayStart) return true;
    cursor = await cursor.continue();
  }
  return true;
}

/** Counts one recorded answer into its bucket, inside the recording transaction. */
export async function countReview(tx: ReviewTx, r: ReviewRecord, firstOfDay: boolean): Promise<void> {
  const store = tx.objectStore('days');
  const bucket = bucketOf(r.at);
  const b = (await store.get([r.deckId, bucket])) ?? emptyBucket(r.deckId, bucket, r.at);
  if (r.at < b.first) b.first = r.at;
  apply(b, r, firstOfDay, 1);
  await store.put(b);
}

/** Takes an undone answer back out of its bucket, inside the undo transaction. */
export async function uncountReview(tx: ReviewTx, r: ReviewRecord, firstOfDay: boolean): Promise<void> {
  const store = tx.objectStore('days');
  const bucket = bucketOf(r.at);
  const b = await store.get([r.deckId, bucket]);
  if (!b) return;
  apply(b, r, firstOfDay, -1);
  if (b.reviewed <= 0) {
    await store.delete([r.deckId, bucket]);
    return;
  }
  if (b.first === r.at) {
    // The bucket's earliest answer may be the one taken back: find the earliest one left.
    const left = await tx
      .objectStore('reviews')
      .index('by-deck-time')
      .getAll(IDBKeyRange.bound([r.deckId, bucket], [r.deckId, bucket + BUCKET_MS], false, true));
    const times = left.filter((x) => x.id !== r.id).map((x) => x.at);
    if (times.length) b.first = Math.min(...times);
  }
  await store.put(b);
}

/** Meta key: how many log entries the last rebuild skipped as damaged (they are in the log's count but in no bucket). */
const UNSOUND_KEY = 'aggregates:unsound';
/** Log entries read per request while the log is walked to rebuild. */
const PAGE = 2000;

type FillTx = IDBPTransaction<BriefdeckDB, StoreName[], 'readwrite' | 'versionchange'>;
/** A readwrite transaction over (at least) the stores a function names; callers pass theirs through `asWriteTx`. */
export type AnyWriteTx = IDBPTransaction<BriefdeckDB, StoreName[], 'readwrite'>;
/** Widens a transaction's store list for the helpers here (each only opens stores its caller included). */
export const asWriteTx = (tx: unknown): AnyWriteTx => tx as AnyWriteTx;

/** Reviews read so far, of how many in the log; reported while the whole log is read. */
export type RebuildProgress = (read: number, total: number) => void;
const PROGRESS_EVERY = 5000;

/**
 * Replaces every bucket with ones built from the whole log, walked in time order a page at a time
 * (the v2 migration, and a repair when the buckets no longer add up to the log). Only awaits
 * requests of `tx`, so it works inside an upgrade transaction.
 */
export async function fillAggregates(tx: FillTx, onProgress?: RebuildProgress): Promise<ReviewBucket[]> {
  const stored = (await tx.objectStore('settings').get('settings')) as { dayStartHour?: unknown } | undefined;
  const hour = stored?.dayStartHour;
  const dayStartHour = Number.isInteger(hour) && (hour as number) >= 0 && (hour as number) <= 23 ? (hour as number) : DEFAULT_SETTINGS.dayStartHour;
  const builder = new BucketBuilder(dayStartHour);
  const reviews = tx.objectStore('reviews');
  const total = onProgress ? await reviews.count() : 0;
  const index = reviews.index('by-time');
  let lower = -Infinity;
  // Entries at exactly `lower` already taken in (the index orders equal times by id).
  let seen = 0;
  let read = 0;
  let unsound = 0;
  for (;;) {
    const page = await index.getAll(IDBKeyRange.lowerBound(lower), seen + PAGE);
    for (let i = seen; i < page.length; i++) {
      if (soundReview(page[i])) builder.add(page[i]!);
      else unsound++;
      if (onProgress && ++read % PROGRESS_EVERY === 0) onProgress(read, total);
    }
    if (page.length < seen + PAGE) break;
    const last = page[page.length - 1]!.at;
    seen = 0;
    for (let i = page.length - 1; i >= 0 && page[i]!.at === last; i--) seen++;
    lower = last;
  }
  const days = tx.objectStore('days');
  const buckets = builder.result();
  await days.clear();
  await Promise.all([...buckets.map((b) => days.put(b)), tx.objectStore('meta').put(unsound, UNSOUND_KEY)]);
  return buckets;
}

/** Writes the buckets of a log that replaces the old one (backup import), inside its transaction. */
export async function replaceAggregates(
  tx: AnyWriteTx,
  log: readonly ReviewRecord[],
  dayStartHour: number,
): Promise<void> {
  const builder = new BucketBuilder(dayStartHour);
  for (const r of inTimeOrder(log)) builder.add(r);
  const days = tx.objectStore('days');
  await days.clear();
  await Promise.all([...builder.result().map((b) => days.put(b)), tx.objectStore('meta').put(0, UNSOUND_KEY)]);
}

/**
 * Every bucket, for the stats screen. The buckets are checked against the log first: when they
 * no longer add up to its length (an entry removed or added behind the store's back, e.g. by an
 * older Briefdeck in another tab), they are rebuilt from the log, reporting progress.
 */
export async function reviewBuckets(onProgress?: RebuildProgress): Promise<ReviewBucket[]> {
  const checked = await inTransaction(['days', 'reviews', 'meta'], 'readonly', async (tx) => {
    const [buckets, logged, unsound] = await Promise.all([
      tx.objectStore('days').getAll(),
      tx.objectStore('reviews').count(),
      tx.objectStore('meta').get(UNSOUND_KEY),
    ]);
    let counted = typeof unsound === 'number' ? unsound : 0;
    for (const b of buckets) counted += b.reviewed;
    return counted === logged ? buckets : null;
  });
  if (checked) return checked;
  return inTransaction(['reviews', 'settings', 'days', 'meta'], 'readwrite', (tx) => fillAggregates(asWriteTx(tx), onProgress));
}
