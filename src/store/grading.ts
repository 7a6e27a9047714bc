/**
 * Grading: an answer's reads (made ahead while its card is on screen, or in the recording
 * transaction), its writes (the item's new schedule, buried siblings, the log entry, its study
 * day's counts and the log's kept length) in ONE transaction, and undo. The writes of a grade are
 * all issued here; `aggregates.ts` only reads what counting it needs.
 */
import { parseItemId } from '../deck/items';
import { nextStudyDayStart, studyDayNumber } from '../srs/day';
import { QUEUE } from '../srs/queue';
import { gradeItem } from '../srs/scheduler';
import { MAX_DURATION_MS, type Grade, type ItemId, type ItemRecord, type ReviewMode, type ReviewRecord, type Settings } from '../srs/types';
import { countedDay, planCount, prepareCount, preparedPlan, type CountPlan, type PreparedCount } from './aggregates';
import { announce, batch, inTransaction, onStoreChange, StaleWrite, writeCount, writesStarted, type Tx } from './db';
import { StoreError } from './errors';
import { BASIS_KEY, LOGGED_KEY } from './keys';
import { askPersistenceOnce } from './persistence';
import { getSettings, knownSettings } from './settings';
import { isGrade } from '../srs/rating';

/** How many grades this tab can undo. */
const UNDO_DEPTH = 100;

/** Review ids this tab recorded, newest last: the undo history. */
const undoStack: number[] = [];
/** Of the reviews on the undo stack, those counted as their item's first study answer of the day (for the aggregates). */
const firstOfDayIds = new Set<number>();

/** Forgets this tab's undo history and prepared reads (the store was closed, reset or replaced). */
export function forgetGrades(): void {
  undoStack.length = 0;
  firstOfDayIds.clear();
  prepared = null;
}

function safeParseItemId(id: string): { deckId: string; cardId: string } | null {
  try {
    return parseItemId(id);
  } catch {
    return null;
  }
}

export interface ReviewInput {
  itemId: ItemId;
  grade: Grade;
  mode: ReviewMode;
  at: number;
  durationMs: number;
  correct?: boolean;
  /** false: log the answer without changing the schedule (a quiz answer on a card not due). */
  reschedule?: boolean;
}

/**
 * What grading one item reads, read while its card is on screen (`prepareGrade`): the write of
 * its grade then needs no read, and stamps the write count the reads were made at, so that it
 * lands only if nothing was written since (see `stampWrite` in db.ts).
 */
interface PreparedGrade {
  itemId: ItemId;
  count: number;
  /** When it was read, by this tab's monotonic clock. */
  readAt: number;
  /** This tab's stamped writes begun before the reads (`writesStarted`). */
  begun: number;
  item: ItemRecord;
  siblings: ItemRecord[];
  plan: PreparedCount;
}
let prepared: PreparedGrade | null = null;
/** Prepared reads older than this are not used (the kept write marks cover far longer). */
const PREPARED_FOR_MS = 10 * 60_000;
// Any write heard of (this tab's or another's, which reach change listeners too) makes them out of date.
onStoreChange(() => {
  prepared = null;
});

/**
 * Reads ahead what grading `itemId` will read (the item, its card's other items, what the day's
 * aggregates need), so that the grade is one write with no read before it. Call it once the
 * card is on screen; a later write anywhere makes it unused, never wrong.
 */
export async function prepareGrade(itemId: ItemId, now: number = Date.now()): Promise<void> {
  const ref = safeParseItemId(itemId);
  if (!ref) return;
  const { dayStartHour } = await getSettings();
  const begun = writesStarted;
  const readAt = performance.now();
  const read = await inTransaction(['items', 'reviews', 'days', 'meta'], 'readonly', async (tx) => {
    const items = tx.objectStore('items');
    const [count, item, siblings, plan] = await Promise.all([
      writeCount(tx),
      items.get(itemId),
      items.index('by-card').getAll([ref.deckId, ref.cardId]),
      prepareCount(tx, itemId, now, dayStartHour),
    ]);
    return item && plan ? { itemId, count, readAt, begun, item, siblings, plan } : null;
  });
  // (A write since the reads began, here or in another tab, would only make the stamp fail.)
  if (read) prepared = read;
}

/** The prepared reads for an answer to `input`, if they can stand for reading now. */
function takePrepared(input: ReviewInput, dayStartHour: number): PreparedGrade | null {
  const p = prepared;
  prepared = null;
  // A write of this tab since, even one that announced nothing, would only make the stamp fail.
  if (!p || p.itemId !== input.itemId || p.begun !== writesStarted) return null;
  if (performance.now() - p.readAt > PREPARED_FOR_MS || studyDayNumber(input.at, dayStartHour) !== p.plan.day) return null;
  return p;
}

type GradeTx = Tx<['items', 'reviews', 'days', 'meta'], 'readwrite'>;

/**
 * Issues the writes of one answer, from what was read (in this transaction or prepared), and asks
 * for the commit at once, so that it travels with the writes.
 */
async function writeAnswer(
  tx: GradeTx,
  input: ReviewInput,
  settings: Settings,
  before: ItemRecord,
  siblings: ItemRecord[],
  plan: CountPlan | null,
): Promise<{ item: ItemRecord; review: ReviewRecord; becameLeech: boolean; firstOfDay: boolean }> {
  const items = tx.objectStore('items');
  const now = input.at;
  const reschedule = input.reschedule !== false;
  const graded = reschedule ? gradeItem(before, input.grade, now, settings) : { item: before, becameLeech: false };
  const writes = batch();
  const buried: ItemId[] = [];
  if (reschedule && input.mode === 'study') {
    const buryUntil = nextStudyDayStart(now, settings.dayStartHour);
    for (const sibling of siblings) {
      if (sibling.id === before.id || (sibling.queue !== QUEUE.new && sibling.queue !== QUEUE.review)) continue;
      buried.push(sibling.id);
      writes.add(items.put({ ...sibling, buriedUntil: buryUntil, queue: QUEUE.buried }));
    }
  }
  const review: ReviewRecord = {
    itemId: before.id,
    deckId: before.deckId,
    cardId: before.cardId,
    grade: input.grade,
    mode: input.mode,
    at: now,
    durationMs: Math.max(0, Math.min(MAX_DURATION_MS, Math.round(input.durationMs) || 0)),
    before,
    after: graded.item.fsrs,
  };
  if (input.correct !== undefined) review.correct = input.correct;
  if (buried.length) review.buried = buried;
  if (reschedule) writes.add(items.put(graded.item));
  const added = tx.objectStore('reviews').add(review);
  writes.add(added);
  if (plan) {
    // The answer's study day, counted, and the log's kept length one longer.
    writes.add(tx.objectStore('days').put(countedDay(plan, review)));
    if (typeof plan.logged === 'number') writes.add(tx.objectStore('meta').put(plan.logged + 1, LOGGED_KEY));
    if (plan.basis) writes.add(tx.objectStore('meta').put(plan.basis, BASIS_KEY));
  }
  // Every write is issued: ask for the commit now, so it travels with the writes instead of
  // waiting for their results to come back first. (Browsers without commit() auto-commit.)
  tx.commit?.();
  review.id = await added;
  await writes.done();
  return { item: graded.item, review, becameLeech: graded.becameLeech, firstOfDay: plan?.first ?? false };
}

/**
 * Records one answer: the item's new schedule and its log entry in ONE readwrite transaction,
 * so a review is either fully saved or not at all. In study mode the card's other new / review
 * items are buried for the day. Returns whether the item just became a leech (tagged and suspended).
 * With the item's reads prepared (`prepareGrade`) and nothing written since, the transaction only
 * writes; otherwise (or when its stamp finds a newer write) it reads first.
 */
export async function recordReview(input: ReviewInput): Promise<{ item: ItemRecord; review: ReviewRecord; becameLeech: boolean }> {
  if (!isGrade(input.grade)) throw new TypeError(`recordReview: grade must be 1, 2, 3 or 4, not ${String(input.grade)}`);
  if (input.mode !== 'study' && input.mode !== 'quiz') throw new TypeError(`recordReview: mode must be "study" or "quiz"`);
  if (!Number.isFinite(input.at)) throw new TypeError('recordReview: at must be a time in epoch milliseconds');
  // Read without waiting when known, so that a prepared grade's writes leave within the key
  // press, before the screen re-renders for it.
  const settings = knownSettings() ?? (await getSettings());
  const ahead = takePrepared(input, settings.dayStartHour);
  const STORES: ['items', 'reviews', 'days', 'meta'] = ['items', 'reviews', 'days', 'meta'];
  const result =
    (ahead &&
      (await inTransaction(
        STORES,
        'readwrite',
        (tx) => writeAnswer(tx, input, settings, ahead.item, ahead.siblings, preparedPlan(ahead.plan, input.mode, input.at)),
        { stampedAt: ahead.count },
      ).catch((error: unknown) => {
        if (error instanceof StaleWrite) return null;
        throw error;
      }))) ||
    (await inTransaction(STORES, 'readwrite', async (tx) => {
      const items = tx.objectStore('items');
      // Every read is issued at once: the item, its card's other items (to bury), and what the
      // day's aggregates need. Item ids name their deck and card, so none waits for another.
      const ref = safeParseItemId(input.itemId);
      const buries = input.reschedule !== false && input.mode === 'study';
      const [before, siblings, plan] = await Promise.all([
        items.get(input.itemId),
        buries && ref ? items.index('by-card').getAll([ref.deckId, ref.cardId]) : Promise.resolve([]),
        planCount(tx, input, settings.dayStartHour),
      ]);
      if (!before) throw new StoreError('unknown', `There is no review item "${input.itemId}" to record an answer for.`);
      return writeAnswer(tx, input, settings, before, siblings, plan);
    }));
  undoStack.push(result.review.id!);
  if (result.firstOfDay) firstOfDayIds.add(result.review.id!);
  if (undoStack.length > UNDO_DEPTH) firstOfDayIds.delete(undoStack.shift()!);
  announce([result.item.deckId]);
  void askPersistenceOnce();
  return { item: result.item, review: result.review, becameLeech: result.becameLeech };
}

/**
 * Reverts this tab's newest recorded review: the item goes back to exactly its state before,
 * siblings it buried come back, and the log entry is removed, all in one transaction. Returns the
 * reverted review, or null when there is nothing (left) to undo. Refuses to revert an item that
 * was answered again since (in another tab), so undo never overwrites newer progress.
 */
export async function undoLastReview(): Promise<ReviewRecord | null> {
  const id = undoStack.at(-1);
  if (id === undefined) return null;
  const { dayStartHour } = await getSettings();
  const { revertReview } = await import('./undo');
  const reverted = await revertReview(id, firstOfDayIds.has(id), dayStartHour);
  // Done, gone or stale: either way the entry leaves the history (a stale one can never be undone,
  // and dropping it keeps older ones reachable).
  firstOfDayIds.delete(undoStack.pop()!);
  if (reverted === 'answered since') throw new StoreError('unknown', 'This answer cannot be undone: the card was answered again since, maybe in another tab.');
  if (reverted) announce([reverted.deckId]);
  return reverted;
}

/** How many reviews this tab can still undo. */
export function undoDepth(): number {
  return undoStack.length;
}
