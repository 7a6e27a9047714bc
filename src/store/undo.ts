/**
 * Undo's transaction, loaded on the first undo (it is not needed to show or grade a card): the
 * item back to exactly its state before, the siblings it buried back in their queues, its log
 * entry removed and taken back out of its day's counts, all at once.
 */
import { nextStudyDayStart, studyDayNumber, studyDayStart } from '../srs/day';
import { QUEUE, queueOf } from '../srs/queue';
import type { ReviewRecord } from '../srs/types';
import { countAnswer } from '../srs/day-counts';
import { packDay, sameBasis, unpackDay, type ReviewTx } from './aggregates';
import { inTransaction } from './db';
import { deckTime, LOGGED_KEY } from './keys';

/**
 * Reverts log entry `id`: null when it is gone, 'answered since' when its item was answered
 * again since (in another tab), which undo must never overwrite.
 */
export function revertReview(id: number, firstOfDay: boolean, dayStartHour: number): Promise<ReviewRecord | null | 'answered since'> {
  return inTransaction(['items', 'reviews', 'days', 'meta'], 'readwrite', async (tx) => {
    const reviews = tx.objectStore('reviews');
    const items = tx.objectStore('items');
    const review = await reviews.get(id);
    if (!review) return null;
    const item = await items.get(review.itemId);
    // Another answer since moves the count of answers or the time of the last one; sync deriving
    // the same history again may only redraw the interval's fuzz, which is no newer progress.
    if (item && (item.fsrs.reps !== review.after.reps || item.fsrs.last_review !== review.after.last_review)) return 'answered since';
    await items.put(review.before);
    for (const siblingId of review.buried ?? []) {
      const sibling = await items.get(siblingId);
      if (!sibling || sibling.queue !== QUEUE.buried) continue;
      const back = { ...sibling, buriedUntil: 0 };
      await items.put({ ...back, queue: queueOf(back, review.at) });
    }
    await reviews.delete(id);
    await uncountReview(tx, review, firstOfDay, dayStartHour);
    return review;
  });
}

/** Takes an undone answer (already deleted from the log) back out of its day, inside the undo transaction. */
export async function uncountReview(tx: ReviewTx, r: ReviewRecord, firstOfDay: boolean, dayStartHour: number): Promise<void> {
  if (!(await sameBasis(tx, dayStartHour))) return;
  const meta = tx.objectStore('meta');
  const logged = await meta.get(LOGGED_KEY);
  if (typeof logged === 'number') await meta.put(logged - 1, LOGGED_KEY);
  const store = tx.objectStore('days');
  const day = studyDayNumber(r.at, dayStartHour);
  const stored = await store.get(day);
  const decks = stored ? unpackDay(stored) : [];
  const b = decks.find((x) => x.deckId === r.deckId);
  if (!b) return;
  countAnswer(b, r, firstOfDay, -1);
  if (b.reviewed <= 0) {
    const left = decks.filter((x) => x !== b);
    await (left.length ? store.put(packDay(day, left)) : store.delete(day));
    return;
  }
  if (b.first === r.at) {
    // The day's earliest answer may be the one taken back: find the earliest one left.
    const from = studyDayStart(r.at, dayStartHour);
    const [left] = await tx
      .objectStore('reviews')
      .index('by-deck-time')
      .getAll(deckTime(r.deckId, from, nextStudyDayStart(r.at, dayStartHour)), 1);
    if (left) b.first = left.at;
  }
  await store.put(packDay(day, decks));
}

