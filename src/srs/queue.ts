/**
 * What to study next, as pure decisions over facts the store gathers with index queries:
 * learning cards when due, then reviews and new cards interleaved within the daily limits,
 * and up to 20 minutes of learn-ahead when nothing else is due. Also the `queue` value each
 * item is filed under, so the store can count a deck's due cards as index ranges.
 */
import type { ItemRecord } from './types';
import * as State from './state';

/** Queue values kept on `ItemRecord.queue`: negative values are never shown. */
export const QUEUE = {
  new: 0,
  /** Learning and relearning: short steps measured in minutes. */
  learning: 1,
  review: 2,
  suspended: -1,
  buried: -2,
  orphaned: -3,
} as const;

/** How early a learning card may be shown when nothing else is due (Anki's default). */
export const LEARN_AHEAD_MS = 20 * 60 * 1000;

/** The queue an item belongs in at `now` (orphaned beats suspended beats buried). */
export function queueOf(item: Pick<ItemRecord, 'state' | 'suspended' | 'orphaned' | 'buriedUntil'>, now: number): number {
  if (item.orphaned) return QUEUE.orphaned;
  if (item.suspended) return QUEUE.suspended;
  if (item.buriedUntil > now) return QUEUE.buried;
  if (item.state === State.New) return QUEUE.new;
  if (item.state === State.Review) return QUEUE.review;
  return QUEUE.learning;
}

/** Returns the item with its `queue` field brought up to date. */
export function withQueue(item: ItemRecord, now: number): ItemRecord {
  return { ...item, queue: queueOf(item, now) };
}

export interface DayProgress {
  /** New items introduced today (study mode). */
  newDone: number;
  /** Review-state items answered today (study mode). */
  reviewDone: number;
  /** New items still available today, limit applied. */
  newLeft: number;
  /** Reviews still due today, limit applied. */
  reviewLeft: number;
}

/** How many of `available` items fit in what is left of a daily `limit` after `done`. */
export function withinLimit(available: number, limit: number, done: number): number {
  return Math.max(0, Math.min(available, limit - done));
}

/**
 * Chooses between a review and a new card so new cards are spread evenly through the day's
 * reviews rather than front- or back-loaded: whichever kind is further behind its share of
 * today's total goes next. Ties go to reviews, which are the more urgent.
 */
export function pickKind(p: DayProgress): 'review' | 'new' | null {
  if (p.reviewLeft <= 0 && p.newLeft <= 0) return null;
  if (p.newLeft <= 0) return 'review';
  if (p.reviewLeft <= 0) return 'new';
  const newShare = p.newDone / (p.newDone + p.newLeft);
  const reviewShare = p.reviewDone / (p.reviewDone + p.reviewLeft);
  return newShare < reviewShare ? 'new' : 'review';
}

export interface QueueFacts {
  /** Earliest learning item due at or before now, if any. */
  learningDue: ItemRecord | null;
  /** Earliest review due today within the limit, if any. */
  review: ItemRecord | null;
  /** First new item within the limit, if any. */
  fresh: ItemRecord | null;
  /** Earliest learning item due within the learn-ahead window, if any. */
  learnAhead: ItemRecord | null;
  progress: DayProgress;
}

/** The next item to show, following the order above; null when the session is done. */
export function pickNext(f: QueueFacts): ItemRecord | null {
  if (f.learningDue) return f.learningDue;
  const kind = pickKind({
    ...f.progress,
    reviewLeft: f.review ? f.progress.reviewLeft : 0,
    newLeft: f.fresh ? f.progress.newLeft : 0,
  });
  if (kind === 'review') return f.review;
  if (kind === 'new') return f.fresh;
  return f.learnAhead;
}
