/**
 * Review-log aggregates for stats: per deck and study day, the counts the stats screen folds
 * (answers, study / quiz, Again, new items learned, time spent, and the true-retention counters).
 * They live in the `days` store and are kept by the store itself — updated in the same readwrite
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
 * True retention counts mature study answers that were the item's FIRST study answer of its study
 * day. "First of the day" is decided when the answer is written, from the item's own log (its
 * newest entries, walked back to the start of the day), which gives the same answer as a fold of
 * the whole log in time order.
 */
import type { IDBPTransaction } from 'idb';
import { nextStudyDayStart, studyDayStart } from '../srs/day';
import { DEFAULT_SETTINGS, type ReviewRecord } from '../srs/types';
import type { Tx } from './db';
import { soundReview } from './integrity';
import { BASIS_KEY, LOGGED_KEY, MIN_KEY, UNSOUND_KEY } from './keys';
import type { BriefdeckDB, DayRecord, ReviewBucket, StoreName } from './schema';

export type { ReviewBucket } from './schema';

const DAY_MS = 86_400_000;
/** An item is mature when its interval before the answer was at least this many days (as Anki; `src/stats/review-fold.ts`). */
const MATURE_DAYS = 21;
const REVIEW_STATE = 2;
const NEW_STATE = 0;
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

/**
 * Number of the local study day holding time `t`: whole days since 1970-01-01 of the local
 * calendar, as `studyDayNumber` in `src/stats/days.ts` numbers them (the stats fold and these
 * aggregates must agree; a test checks they do).
 */
export function studyDayOf(t: number, dayStartHour: number): number {
  const d = new Date(studyDayStart(t, dayStartHour));
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
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
    const b = emptyDay(deckId, record.day, 0);
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

function emptyDay(deckId: string, day: number, first: number): ReviewBucket {
  return { deckId, day, first, reviewed: 0, study: 0, quiz: 0, again: 0, newLearned: 0, timeMs: 0, retained: 0, retentionTotal: 0 };
}

/** Whether a study answer on this item can count for true retention (mature before the answer). */
export function countsForRetention(r: Pick<ReviewRecord, 'mode' | 'before'>): boolean {
  return r.mode === 'study' && r.before.state === REVIEW_STATE && r.before.fsrs.scheduled_days >= MATURE_DAYS;
}

/** Adds (sign 1) or takes back (sign -1) one answer's counts; `first`: it was the item's first study answer of its day. */
export function apply(b: ReviewBucket, r: ReviewRecord, first: boolean, sign: 1 | -1): void {
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
 * Builds the day records of a whole log, fed in time order (migration, backup import). Mirrors the
 * stats fold: an item's first study answer of a study day is the first one met on that day.
 */
export class BucketBuilder {
  private readonly buckets = new Map<string, ReviewBucket>();
  private readonly seen = new Set<string>();
  private seenDay = NaN;
  private seenDayStart = NaN;
  private seenDayEnd = NaN;

  constructor(private readonly dayStartHour: number) {}

  add(r: ReviewRecord): void {
    const day = r.at >= this.seenDayStart && r.at < this.seenDayEnd ? this.seenDay : studyDayOf(r.at, this.dayStartHour);
    const key = `${r.deckId}\u0000${day}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = emptyDay(r.deckId, day, r.at)));
    if (r.at < b.first) b.first = r.at;
    let first = false;
    if (r.mode === 'study') {
      if (!(r.at >= this.seenDayStart && r.at < this.seenDayEnd)) {
        this.seen.clear();
        this.seenDay = day;
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

export type ReviewTx = Tx<['items', 'reviews', 'days', 'meta'], 'readwrite'>;
type ReadTx = Tx<['items', 'reviews', 'days', 'meta'], IDBTransactionMode>;

/** What counting a later answer to an item needs, read ahead of it (see `prepareCount`). */
export interface PreparedCount {
  day: number;
  stored: DayRecord | undefined;
  /** Times of the item's study answers logged on `day`, as far as the first at or before the reads' time. */
  studied: number[];
  logged: unknown;
}

/**
 * What counting an answer to `itemId` on the study day of `at` reads, whatever the basis: the
 * day's record, the log's kept length, and (`walk`) the item's study answers that day, walking its
 * log newest first only as far as the day's start (the log is in time order) or the first study
 * answer at or before `at`, which settles that a later answer is not the day's first.
 */
async function countReads(tx: ReadTx, itemId: string, at: number, dayStartHour: number, walk = true): Promise<PreparedCount> {
  const day = studyDayOf(at, dayStartHour);
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
  return basis === basisOf(dayStartHour) ? reads : null;
}

/**
 * The plan for an answer at `at` from the reads of its study day: made in the recording
 * transaction (`planCount`), or prepared with nothing written since (which the prepared write's
 * stamp guarantees). First study answer of the day: no study answer of the item that day up to `at`.
 */
export function preparedPlan(p: PreparedCount, mode: ReviewRecord['mode'], at: number): CountPlan {
  return { day: p.day, stored: p.stored, first: mode === 'study' && !p.studied.some((t) => t <= at), logged: p.logged };
}

/** Whether the aggregates were built with this basis; when not, they are marked stale (rebuilt by the next stats load). */
export async function sameBasis(tx: ReviewTx, dayStartHour: number): Promise<boolean> {
  const meta = tx.objectStore('meta');
  const basis = await meta.get(BASIS_KEY);
  if (basis === basisOf(dayStartHour)) return true;
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
  if (!b) decks.push((b = emptyDay(r.deckId, plan.day, r.at)));
  if (r.at < b.first) b.first = r.at;
  apply(b, r, plan.first, 1);
  return packDay(plan.day, decks);
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
