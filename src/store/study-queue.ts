/**
 * The study queue: today's counts per deck and the next item to study, read as index ranges
 * (never a scan of everything) and decided by the pure rules of `src/srs/queue.ts`. Reads only.
 */
import { nextStudyDayStart, studyDayStart } from '../srs/day';
import { LEARN_AHEAD_MS, pickNext, QUEUE, withinLimit, type QueueFacts } from '../srs/queue';
import type { ItemRecord, Settings } from '../srs/types';
import { inTransaction, type Tx } from './db';
import { soundItem } from './integrity';
import { unburyDue } from './items';
import { deckTime, liveItems, MAX_KEY, MIN_KEY, queueRange, studiedSince } from './keys';
import { getSettings } from './settings';
import * as State from '../srs/state';

/** Today's counts of a deck, as the deck list and a deck's page show them. */
export interface DeckCounts {
  /** Review items due today, within what is left of today's review limit. */
  due: number;
  /** New items still available today, within today's new-card limit. */
  new: number;
  /** Learning and relearning items due now. */
  learning: number;
  /** The deck has items for its cards (they are made when it is first opened or studied). */
  started: boolean;
  /** When the deck was last studied or quizzed, or null. */
  lastStudied: number | null;
}

type ReadTx = Tx<['items', 'reviews'], 'readonly'>;

const queueIndex = (tx: ReadTx) => tx.objectStore('items').index('by-deck-queue-due');

function doneToday(tx: ReadTx, deckId: string, stateBefore: number, dayStart: number): Promise<number> {
  return tx.objectStore('reviews').index('by-limit').count(studiedSince(deckId, stateBefore, dayStart));
}

/** Cards (`deckId/cardId`) a query must pass over, e.g. the card on screen while the next one is fetched. */
type Exclude = ReadonlySet<string> | undefined;
const cardKey = (item: Pick<ItemRecord, 'deckId' | 'cardId'>) => `${item.deckId}/${item.cardId}`;

/**
 * The first item of a range, passing over excluded cards and damaged records (skipped and
 * reported, never handed to the scheduler). Read with getAll, not a cursor: a cursor keeps its
 * channel to the store open until it is garbage collected, a session opens thousands, and when
 * they are collected at once their closing holds up the next write (a grade waited 250 ms).
 */
async function firstIn(tx: ReadTx, range: IDBKeyRange, exclude?: Exclude): Promise<ItemRecord | null> {
  // An excluded card may have several items here: read past them, more each time.
  for (let count = 2 * (exclude?.size ?? 0) + 1; ; count *= 4) {
    const items = await queueIndex(tx).getAll(range, count);
    const first = items.find((item) => soundItem(item) && !exclude?.has(cardKey(item)));
    if (first || items.length < count) return first ?? null;
  }
}

function countIn(tx: ReadTx, range: IDBKeyRange): Promise<number> {
  return queueIndex(tx).count(range);
}

/**
 * min(items in range, cap), reading at most `cap` keys: the work stays bounded however long an
 * overdue pile or a new-card backlog grows. (Chromium's store on disk counts an index range entry
 * by entry, each checked against its record, so a count costs what the whole range holds.)
 */
async function countUpTo(tx: ReadTx, range: IDBKeyRange, cap: number): Promise<number> {
  if (cap <= 0) return 0;
  return (await queueIndex(tx).getAllKeys(range, cap)).length;
}

/**
 * The learning items of a deck due by `now`, counted without reading them (their ids come from
 * the index's keys), passing over excluded cards.
 */
async function learningDueCount(tx: ReadTx, deckId: string, now: number, exclude?: Exclude): Promise<number> {
  const range = queueRange(deckId, QUEUE.learning, MIN_KEY, now);
  if (!exclude) return countIn(tx, range);
  const ids = await queueIndex(tx).getAllKeys(range);
  // Item ids are `deckId/cardId` or `deckId/cardId#sub`.
  return ids.filter((id) => !exclude.has(String(id).split('#')[0]!)).length;
}

interface Day {
  start: number;
  end: number;
}

function dayOf(now: number, settings: Settings): Day {
  return { start: studyDayStart(now, settings.dayStartHour), end: nextStudyDayStart(now, settings.dayStartHour) };
}

/**
 * Today's counts per deck. The due and new counts read at most their day's limit of keys, and
 * whether a deck has items is one key looked up, not a count of them all.
 */
export async function deckCounts(deckIds: string[], now: number): Promise<Record<string, DeckCounts>> {
  const settings = await getSettings();
  await unburyDue(deckIds, now);
  const day = dayOf(now, settings);
  return inTransaction(['items', 'reviews'], 'readonly', async (tx) => {
    const entries = await Promise.all(
      deckIds.map(async (deckId): Promise<[string, DeckCounts]> => {
        const [reviewDue, fresh, learning, newDone, reviewDone, last, own] = await Promise.all([
          countUpTo(tx, queueRange(deckId, QUEUE.review, MIN_KEY, day.end, true), settings.reviewsPerDay),
          countUpTo(tx, queueRange(deckId, QUEUE.new), settings.newPerDay),
          countIn(tx, queueRange(deckId, QUEUE.learning, MIN_KEY, now)),
          doneToday(tx, deckId, State.New, day.start),
          doneToday(tx, deckId, State.Review, day.start),
          tx.objectStore('reviews').index('by-deck-time').openCursor(deckTime(deckId), 'prev'),
          queueIndex(tx).getKey(liveItems(deckId)),
        ]);
        return [
          deckId,
          {
            due: withinLimit(reviewDue, settings.reviewsPerDay, reviewDone),
            new: withinLimit(fresh, settings.newPerDay, newDone),
            learning,
            started: own !== undefined,
            lastStudied: last?.value.at ?? null,
          },
        ];
      }),
    );
    return Object.fromEntries(entries);
  });
}

export type NextStudy =
  /**
   * `remaining` counts what is left today, the returned item included. `learningSoon` is when the
   * earliest learning item in the learn-ahead window falls due (null when none): a caller holding
   * this answer for later must ask again once that time has come.
   */
  | { item: ItemRecord; remaining: { new: number; learning: number; review: number }; learningSoon?: number | null }
  | { item: null; nextDue: number | null };

function earliest(a: ItemRecord | null, b: ItemRecord | null): ItemRecord | null {
  if (!a) return b;
  if (!b) return a;
  return b.due < a.due ? b : a;
}

/**
 * The next item to study in a scope. For decks: learning items when due, then reviews and new
 * items interleaved within today's limits (counted from the review log), siblings buried,
 * suspended / orphaned / buried items skipped, and up to 20 minutes of learn-ahead when nothing
 * else is due. With `itemIds`, only those items and no limits: each is shown once per study day
 * (then again only while its learning steps make it due), so "study the missed cards" ends.
 */
export async function nextStudyItem(
  scope: { deckIds: string[]; itemIds?: string[] },
  now: number,
  options: {
    /**
     * Cards (`deckId/cardId`) to pass over: lets a study screen fetch the card after the one on
     * screen while the learner is still answering (grading it buries its siblings anyway).
     */
    excludeCards?: readonly string[];
  } = {},
): Promise<NextStudy> {
  const settings = await getSettings();
  await unburyDue(scope.deckIds, now);
  const day = dayOf(now, settings);
  if (scope.itemIds) return nextOfItems(scope.itemIds, now, day);
  const exclude: Exclude = options.excludeCards?.length ? new Set(options.excludeCards) : undefined;
  const found = await inTransaction(['items', 'reviews'], 'readonly', async (tx) => {
    const perDeck = await Promise.all(
      scope.deckIds.map(async (deckId) => {
        const [learnAhead, learningCount, review, reviewDue, fresh, freshCount, newDone, reviewDone] = await Promise.all([
          // The earliest learning item within the learn-ahead window: due now if its time has come.
          firstIn(tx, queueRange(deckId, QUEUE.learning, MIN_KEY, now + LEARN_AHEAD_MS), exclude),
          learningDueCount(tx, deckId, now, exclude),
          firstIn(tx, queueRange(deckId, QUEUE.review, MIN_KEY, day.end, true), exclude),
          countUpTo(tx, queueRange(deckId, QUEUE.review, MIN_KEY, day.end, true), settings.reviewsPerDay),
          firstIn(tx, queueRange(deckId, QUEUE.new), exclude),
          countUpTo(tx, queueRange(deckId, QUEUE.new), settings.newPerDay),
          doneToday(tx, deckId, State.New, day.start),
          doneToday(tx, deckId, State.Review, day.start),
        ]);
        return {
          learningDue: learnAhead && learnAhead.due <= now ? learnAhead : null,
          learningCount,
          learnAhead,
          review,
          fresh,
          freshCount,
          newDone,
          reviewDone,
          newLeft: withinLimit(freshCount, settings.newPerDay, newDone),
          reviewLeft: withinLimit(reviewDue, settings.reviewsPerDay, reviewDone),
        };
      }),
    );
    const facts: QueueFacts = {
      learningDue: null,
      review: null,
      fresh: null,
      learnAhead: null,
      progress: { newDone: 0, reviewDone: 0, newLeft: 0, reviewLeft: 0 },
    };
    let learning = 0;
    for (const d of perDeck) {
      facts.learningDue = earliest(facts.learningDue, d.learningDue);
      facts.learnAhead = earliest(facts.learnAhead, d.learnAhead);
      if (d.reviewLeft > 0) facts.review = earliest(facts.review, d.review);
      // New items come deck by deck, in the order of the scope.
      if (d.newLeft > 0 && !facts.fresh) facts.fresh = d.fresh;
      facts.progress.newDone += d.newDone;
      facts.progress.reviewDone += d.reviewDone;
      facts.progress.newLeft += d.newLeft;
      facts.progress.reviewLeft += d.reviewLeft;
      learning += d.learningCount;
    }
    const item = pickNext(facts);
    if (item) {
      const remaining = { new: facts.progress.newLeft, learning, review: facts.progress.reviewLeft };
      return { item, remaining, learningSoon: facts.learnAhead?.due ?? null };
    }
    // Reviews or new items held back by today's limits come back on the next study day.
    const heldBack = perDeck.some((d) => d.review || d.freshCount > 0);
    return { item: null, heldBack };
  });
  if (found.item) return found;
  return { item: null, nextDue: await nextDueAfter(scope.deckIds, day, found.heldBack) };
}

/** When there will next be something to study, once nothing is left now (a second, rare query). */
async function nextDueAfter(deckIds: string[], day: Day, heldBack: boolean): Promise<number | null> {
  return inTransaction(['items', 'reviews'], 'readonly', async (tx) => {
    const firsts = await Promise.all(
      deckIds.flatMap((deckId) => [
        firstIn(tx, queueRange(deckId, QUEUE.learning)),
        firstIn(tx, queueRange(deckId, QUEUE.review, day.end, MAX_KEY)),
      ]),
    );
    const times = firsts.filter((item): item is ItemRecord => !!item).map((item) => item.due);
    if (heldBack) times.push(day.end);
    return times.length ? Math.min(...times) : null;
  });
}

async function nextOfItems(itemIds: string[], now: number, day: Day): Promise<NextStudy> {
  const items = await inTransaction(['items'], 'readonly', (tx) => Promise.all(itemIds.map((id) => tx.objectStore('items').get(id))));
  const usable = items.filter((item): item is ItemRecord => !!item && soundItem(item) && !item.suspended && !item.orphaned);
  const learningDue = usable.filter((i) => i.queue === QUEUE.learning || State.isLearning(i.state)).filter((i) => i.due <= now);
  const unseenToday = usable.filter(
    (i) => !State.isLearning(i.state) && (i.fsrs.last_review === undefined || i.fsrs.last_review < day.start),
  );
  const ahead = usable.filter((i) => State.isLearning(i.state) && i.due > now && i.due <= now + LEARN_AHEAD_MS);
  const remaining = {
    new: unseenToday.filter((i) => i.state === State.New).length,
    learning: learningDue.length,
    review: unseenToday.filter((i) => i.state !== State.New).length,
  };
  const first = learningDue.sort((a, b) => a.due - b.due)[0] ?? unseenToday[0] ?? ahead.sort((a, b) => a.due - b.due)[0];
  if (first) return { item: first, remaining };
  const later = usable.filter((i) => State.isLearning(i.state)).map((i) => i.due);
  return { item: null, nextDue: later.length ? Math.min(...later) : null };
}
