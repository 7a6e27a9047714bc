/**
 * The one fold of answers into study days: per deck and study day, the counts the stats screen
 * shows (answers, study / quiz, Again, new items learned, time spent, and the true-retention
 * counters). The store keeps them with every answer and rebuilds them from the log; the stats
 * derive today's numbers, streaks, the heatmap and retention from them. Pure.
 *
 * True retention counts mature study answers that were the item's FIRST study answer of its
 * study day; quiz answers are left out (a quiz asks cards that are not due).
 */
import { nextStudyDayStart, studyDayNumber, studyDayStart } from './day';
import * as Rating from './rating';
import * as State from './state';
import type { ReviewRecord } from './types';

/** Review-log counts of one deck on one study day. */
export interface ReviewBucket {
  deckId: string;
  /** The study day (see `studyDayNumber`). */
  day: number;
  /** Time of the day's earliest answer. */
  first: number;
  reviewed: number;
  study: number;
  quiz: number;
  /** Answers graded Again. */
  again: number;
  /** Answers that took an item out of the new state. */
  newLearned: number;
  /** Time spent answering, ms (each answer already capped). */
  timeMs: number;
  /** Mature study answers that were the item's first study answer of the day, and passed… */
  retained: number;
  /** …and all of them. */
  retentionTotal: number;
}

/** An item is mature when its interval before the answer was at least this many days (as Anki). */
export const MATURE_DAYS = 21;

/** Whether the item was mature when this answer was given (in review, interval of 21 days or more). */
export function wasMature(r: Pick<ReviewRecord, 'before'>): boolean {
  return r.before.state === State.Review && r.before.fsrs.scheduled_days >= MATURE_DAYS;
}

/** A deck's study day with nothing counted yet; `first` is the time of its earliest answer. */
export function emptyBucket(deckId: string, day: number, first: number): ReviewBucket {
  return { deckId, day, first, reviewed: 0, study: 0, quiz: 0, again: 0, newLearned: 0, timeMs: 0, retained: 0, retentionTotal: 0 };
}

/** Adds (sign 1) or takes back (sign -1) one answer's counts; `first`: it was the item's first study answer of its day. */
export function countAnswer(b: ReviewBucket, r: ReviewRecord, first: boolean, sign: 1 | -1): void {
  b.reviewed += sign;
  if (r.mode === 'quiz') b.quiz += sign;
  else b.study += sign;
  if (r.grade === Rating.Again) b.again += sign;
  if (r.before.state === State.New && r.after.state !== State.New) b.newLearned += sign;
  b.timeMs += sign * (r.durationMs > 0 ? r.durationMs : 0);
  // Only study answers can count: a quiz asks cards that are not due.
  if (first && r.mode === 'study' && wasMature(r)) {
    b.retentionTotal += sign;
    if (r.grade > Rating.Again) b.retained += sign;
  }
}

/**
 * Folds a whole log, fed in time order, into its study days: an item's first study answer of a
 * study day is the first one met on that day.
 */
export class BucketBuilder {
  private readonly buckets = new Map<string, ReviewBucket>();
  private readonly seen = new Set<string>();
  private seenDay = NaN;
  private seenDayStart = NaN;
  private seenDayEnd = NaN;

  constructor(private readonly dayStartHour: number) {}

  add(r: ReviewRecord): void {
    const day = r.at >= this.seenDayStart && r.at < this.seenDayEnd ? this.seenDay : studyDayNumber(r.at, this.dayStartHour);
    const key = `${r.deckId}\u0000${day}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = emptyBucket(r.deckId, day, r.at)));
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
    countAnswer(b, r, first, 1);
  }

  result(): ReviewBucket[] {
    return [...this.buckets.values()];
  }
}
