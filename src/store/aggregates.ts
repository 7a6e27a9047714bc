/**
 * Review-log aggregates for stats: per deck and study day, the counts of the one study-day fold
 * (`src/srs/day-counts.ts`). They live in the `days` store and are kept by the store itself — updated in the same readwrite
 * transaction as each recorded answer, taken back by undo, rebuilt by the v2 migration and by a
 * backup import, cleared by a reset — so the stats screen reads one small record per day studied
 * (every deck's numbers packed in one typed array) instead of deserialising the whole log.
 *
 * Study days depend on the learner's `dayStartHour` and the device's time zone. The aggregates
 * record the pair they were built with (their "basis", in `meta`); an answer written under another
 * basis (the setting changed, or the device moved to another zone) is not counted but marks the
 * aggregates stale, and the next stats load rebuilds them from the log, reporting its progress.
 * So the stats never mix days cut two ways.
 *
 * Whether an answer was its item's FIRST study answer of its study day (which true retention
 * counts) is decided when the answer is written, from the item's own log (its
 * newest entries, walked back to the start of the day), which gives the same answer as a fold of
 * the whole log in time order.
 */
import type { IDBPTransaction } from 'idb';
import { studyDayNumber, studyDayStart } from '../srs/day';
import { BucketBuilder, countAnswer, emptyBucket, type ReviewBucket } from '../srs/day-counts';
import { DEFAULT_SETTINGS, type ReviewRecord } from '../srs/types';
import { soundReview } from './integrity';
import { BASIS_KEY, LOGGED_KEY, MIN_KEY, UNSOUND_KEY } from './keys';
import type { BriefdeckDB, DayRecord, StoreName } from './schema';

/** The basis study days are cut with: the day start hour and the device's time zone. */
export function basisOf(dayStartHour: number): string {
  let zone = '';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    // No Intl time zone support: the offset now stands in for it.
  }
  return `${dayStartHour}@${zone || new Date().getTimezoneOffset()}`;
}

/** The numbers of a deck's day, in the order a `DayRecord` packs them. */
const PACKED = ['first', 'reviewed', 'study', 'quiz', 'again', 'newLearned', 'timeMs', 'retained', 'retentionTotal'] as const;
const WIDTH = PACKED.length;

/** Every deck's counts of one day as one record: one record per day studied, its numbers in one typed array (cheap to read back). */
export function packDay(day: number, decks: readonly ReviewBucket[]): DayRecord {
  const counts = new Float64Array(decks.length * WIDTH);
  decks.forEach((b, i) => PACKED.forEach((k, j) => (counts[i * WIDTH + j] = b[k])));
  return { day, deckIds: decks.map((b) => b.deckId), counts };
}

/** A day record's per-deck counts. */
export function unpackDay(record: DayRecord): ReviewBucket[] {
  return record.deckIds.map((deckId, i) => {
    const b = emptyBucket(deckId, record.day, 0);
    PACKED.forEach((k, j) => (b[k] = record.counts[i * WIDTH + j]!));
    return b;
  });
}

export function packAll(buckets: readonly ReviewBucket[]): DayRecord[] {
  const byDay = new Map<number, ReviewBucket[]>();
  for (const b of buckets) {
    const list = byDay.get(b.day);
    if (list) list.push(b);
    else byDay.set(b.day, [b]);
  }
  return [...byDay].map(([day, decks]) => packDay(day, decks));
}

export type ReviewTx = IDBPTransaction<BriefdeckDB, ['items', 'reviews', 'days', 'meta'], 'readwrite'>;
type ReadTx = IDBPTransaction<BriefdeckDB, ['items', 'reviews', 'days', 'meta'], IDBTransactionMode>;

/** What counting a later answer to an item needs, read ahead of it (see `prepareCount`). */
export interface PreparedCount {
  day: number;
  stored: DayRecord | undefined;
  /** Times of the item's study answers logged on `day`, as far as the first at or before the reads' time. */
  studied: number[];
  logged: unknown;
  /** The basis a new database's empty aggregates take with this answer (see `sameBasis`). */
  basis?: string;
}

/**
 * What counting an answer to `itemId` on the study day of `at` reads, whatever the basis: the
 * day's record, the log's kept length, and (`walk`) the item's study answers that day, walking its
 * log newest first only as far as the day's start (the log is in time order) or the first study
 * answer at or before `at`, which settles that a later answer is not the day's first.
 */
async function countReads(tx: ReadTx, itemId: string, at: number, dayStartHour: number, walk = true): Promise<PreparedCount> {
  const day = studyDayNumber(at, dayStartHour);
  const dayStart = studyDayStart(at, dayStartHour);
  const studiedToday = async () => {
    const studied: number[] = [];
    let cursor = walk ? await tx.objectStore('reviews').index('by-item').openCursor(itemId, 'prev') : null;
    while (cursor && cursor.value.at >= dayStart) {
      if (cursor.value.mode === 'study') {
        studied.push(cursor.value.at);
        if (cursor.value.at <= at) break;
      }
      cursor = await cursor.continue();
    }
    return studied;
  };
  const [studied, stored, logged] = await Promise.all([studiedToday(), tx.objectStore('days').get(day), tx.objectStore('meta').get(LOGGED_KEY)]);
  return { day, stored, studied, logged };
}

/**
 * The reads of `planCount`, made ahead of an answer to `itemId` on the study day of `at`, in any
 * transaction; null when the aggregates are stale (the answer then takes the reading path).
 */
export async function prepareCount(tx: ReadTx, itemId: string, at: number, dayStartHour: number): Promise<PreparedCount | null> {
  const [basis, reads] = await Promise.all([tx.objectStore('meta').get(BASIS_KEY), countReads(tx, itemId, at, dayStartHour)]);
  const current = basisOf(dayStartHour);
  if (basis === current) return reads;
  // A new database's first answer: its empty aggregates take this basis as it is written.
  return basis === undefined && reads.logged === 0 ? { ...reads, basis: current } : null;
}

/**
 * The plan for an answer at `at` from the reads of its study day: made in the recording
 * transaction (`planCount`), or prepared with nothing written since (which the prepared write's
 * stamp guarantees). First study answer of the day: no study answer of the item that day up to `at`.
 */
export function preparedPlan(p: PreparedCount, mode: ReviewRecord['mode'], at: number): CountPlan {
  const plan: CountPlan = { day: p.day, stored: p.stored, first: mode === 'study' && !p.studied.some((t) => t <= at), logged: p.logged };
  if (p.basis) plan.basis = p.basis;
  return plan;
}

/**
 * Whether the aggregates were built with this basis; when not, they are marked stale (rebuilt by
 * the next stats load). Aggregates of an empty log with no basis yet (a new database's) hold for
 * any basis: they take this one, and the answer is counted.
 */
export async function sameBasis(tx: ReviewTx, dayStartHour: number): Promise<boolean> {
  const meta = tx.objectStore('meta');
  const [basis, logged] = await Promise.all([meta.get(BASIS_KEY), meta.get(LOGGED_KEY)]);
  const current = basisOf(dayStartHour);
  if (basis === current) return true;
  if (basis === undefined && logged === 0) {
    await meta.put(current, BASIS_KEY);
    return true;
  }
  if (basis !== undefined) await meta.delete(BASIS_KEY);
  return false;
}

/** What counting one answer needs to know, read alongside the answer's other reads. */
export interface CountPlan {
  day: number;
  stored: DayRecord | undefined;
  first: boolean;
  /** The log's kept length before this answer (undefined in a database from before it was kept). */
  logged: unknown;
  /** The basis to write with this answer: a new database's first, prepared ahead (see `prepareCount`). */
  basis?: string;
}

/**
 * The reads for counting an answer to `itemId` at `at` into its deck's day, made inside the
 * recording transaction before the answer is added; null when the aggregates are stale (then the
 * answer is not counted now, and the next stats load rebuilds them from the log).
 */
export async function planCount(
  tx: ReviewTx,
  answer: { itemId: string; mode: ReviewRecord['mode']; at: number },
  dayStartHour: number,
): Promise<CountPlan | null> {
  const [same, reads] = await Promise.all([sameBasis(tx, dayStartHour), countReads(tx, answer.itemId, answer.at, dayStartHour, answer.mode === 'study')]);
  return same ? preparedPlan(reads, answer.mode, answer.at) : null;
}

/**
 * The study day `plan` read with one answer counted in, for the recording transaction to write
 * (whether it counted as its item's first study answer of the day, which undo needs, is `plan.first`).
 */
export function countedDay(plan: CountPlan, r: ReviewRecord): DayRecord {
  const decks = plan.stored ? unpackDay(plan.stored) : [];
  let b = decks.find((x) => x.deckId === r.deckId);
  if (!b) decks.push((b = emptyBucket(r.deckId, plan.day, r.at)));
  if (r.at < b.first) b.first = r.at;
  countAnswer(b, r, plan.first, 1);
  return packDay(plan.day, decks);
}

/**
 * A new database's aggregates: nothing logged, none damaged, no basis yet (the first answer gives
 * them one, see `sameBasis`).
 */
export async function startAggregates(tx: FillTx): Promise<void> {
  const meta = tx.objectStore('meta');
  await Promise.all([meta.put(0, LOGGED_KEY), meta.put(0, UNSOUND_KEY)]);
}

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
export async function fillAggregates(tx: FillTx, dayStartHour?: number, onProgress?: RebuildProgress): Promise<ReviewBucket[]> {
  if (dayStartHour === undefined) {
    const stored = (await tx.objectStore('settings').get('settings')) as { dayStartHour?: unknown } | undefined;
    const hour = stored?.dayStartHour;
    dayStartHour = Number.isInteger(hour) && (hour as number) >= 0 && (hour as number) <= 23 ? (hour as number) : DEFAULT_SETTINGS.dayStartHour;
  }
  const builder = new BucketBuilder(dayStartHour);
  const reviews = tx.objectStore('reviews');
  const total = onProgress ? await reviews.index('by-time').count() : 0;
  const index = reviews.index('by-time');
  let lower = MIN_KEY;
  // Entries at exactly `lower` already taken in (the index orders equal times by id).
  let seen = 0;
  let read = 0;
  let unsound = 0;
  for (;;) {
    const page = await index.getAll(IDBKeyRange.lowerBound(lower), seen + PAGE);
    for (let i = seen; i < page.length; i++) {
      if (soundReview(page[i])) builder.add(page[i]!);
      else unsound++;
      if (++read % PROGRESS_EVERY === 0) onProgress?.(read, total);
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
  const meta = tx.objectStore('meta');
  await Promise.all([
    ...packAll(buckets).map((d) => days.put(d)),
    meta.put(unsound, UNSOUND_KEY),
    meta.put(basisOf(dayStartHour), BASIS_KEY),
    meta.put(read, LOGGED_KEY),
  ]);
  return buckets;
}
