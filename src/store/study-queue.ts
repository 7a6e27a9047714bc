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
  /** Cards due for review today, within what is left of today's review limit. */
  due: number;
  /** New cards still available today, within today's new-card limit. */
  new: number;
  /** Learning and relearning cards due now. */
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
async function firstIn(tx: ReadTx, range: IDBKeyRange, exclude?: Exclude, first = 2 * (exclude?.size ?? 0) + 1): Promise<ItemRecord | null> {
  // An excluded card may have several items here: read past them, more each time.
  for (let count = first; ; count *= 4) {
    const items = await queueIndex(tx).getAll(range, count);
    const first = items.find((item) => soundItem(item) && !exclude?.has(cardKey(item)));
    if (first || items.length < count) return first ?? null;
  }
}

/**
 * The cards (`deckId/cardId`) of a range, up to `cap` of them, leaving out those in `except`. A
 * learner sees one part of a card a day (answering it buries the others), so every count a screen
 * shows is of cards: the number before a session is the number of answers it takes. At most a few
 * times `cap` keys are read: the work stays bounded however long an overdue pile or a new-card
 * backlog grows. (Chromium's store on disk counts an index range entry by entry, each checked
 * against its record, so a count costs what the whole range holds.)
 */
async function cardsUpTo(tx: ReadTx, range: IDBKeyRange, cap: number, except?: ReadonlySet<string>): Promise<Set<string>> {
  const cards = new Set<string>();
  if (cap <= 0) return cards;
  // Read past siblings and excepted cards, more each time, until `cap` cards are seen. Few of the
  // excepted cards are in the range (the new parts of cards with a part due), however many there
  // are: the first read is at most twice `cap`, not a read of every due card's worth of keys.
  for (let count = cap + Math.min(except?.size ?? 0, cap); ; count *= 4) {
    const keys = await queueIndex(tx).getAllKeys(range, count);
    cards.clear();
    for (const key of keys) {
      const card = cardOfKey(key);
      if (!except?.has(card)) cards.add(card);
    }
    if (cards.size >= cap || keys.length < count) return new Set([...cards].slice(0, cap));
  }
}

/** `deckId/cardId` of an item id (`deckId/cardId` or `deckId/cardId#sub`). */
const cardOfKey = (id: IDBValidKey) => String(id).split('#')[0]!;

/** The cards with a learning part due by `now` (read from the index's keys, not the records). */
async function learningDueCards(tx: ReadTx, deckId: string, now: number): Promise<Set<string>> {
  return new Set((await queueIndex(tx).getAllKeys(queueRange(deckId, QUEUE.learning, MIN_KEY, now))).map(cardOfKey));
}

/** How many of `cards` are not excluded. */
const countBut = (cards: ReadonlySet<string>, exclude: Exclude) => (exclude ? [...cards].filter((c) => !exclude.has(c)).length : cards.size);

/**
 * A deck's cards due today: reviews (up to the day's limit) and learning parts due now, and the
 * cards new today with none of those parts (a card's due part comes first and buries its new ones).
 */
async function dueCards(tx: ReadTx, deckId: string, now: number, day: Day, settings: Settings) {
  const [review, learning] = await Promise.all([
    cardsUpTo(tx, queueRange(deckId, QUEUE.review, MIN_KEY, day.end, true), settings.reviewsPerDay),
    learningDueCards(tx, deckId, now),
  ]);
  const due = new Set([...review, ...learning]);
  return { review, learning, due, fresh: await cardsUpTo(tx, queueRange(deckId, QUEUE.new), settings.newPerDay, due) };
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
        const [cards, newDone, reviewDone, last, own] = await Promise.all([
          dueCards(tx, deckId, now, day, settings),
          doneToday(tx, deckId, State.New, day.start),
          doneToday(tx, deckId, State.Review, day.start),
          tx.objectStore('reviews').index('by-deck-time').openCursor(deckTime(deckId), 'prev'),
          queueIndex(tx).getKey(liveItems(deckId)),
        ]);
        return [
          deckId,
          {
            due: withinLimit(cards.review.size, settings.reviewsPerDay, reviewDone),
            new: withinLimit(cards.fresh.size, settings.newPerDay, newDone),
            learning: cards.learning.size,
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
   * `remaining` counts the cards left today, the returned item's included (one per card: see `cardsUpTo`). `learningSoon` is when the
   * earliest learning item in the learn-ahead window falls due (null when none): a caller holding
   * this answer for later must ask again once that time has come.
   */
  | {
      item: ItemRecord;
      remaining: { new: number; learning: number; review: number };
      learningSoon?: number | null;
      /** Excluded cards counted in `remaining` (still new or due when read): 0 once graded. */
      pending: { new: number; review: number };
    }
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
        const [learnAhead, cards, review, newDone, reviewDone] = await Promise.all([
          // The earliest learning item within the learn-ahead window: due now if its time has come.
          firstIn(tx, queueRange(deckId, QUEUE.learning, MIN_KEY, now + LEARN_AHEAD_MS), exclude),
          dueCards(tx, deckId, now, day, settings),
          firstIn(tx, queueRange(deckId, QUEUE.review, MIN_KEY, day.end, true), exclude),
          doneToday(tx, deckId, State.New, day.start),
          doneToday(tx, deckId, State.Review, day.start),
        ]);
        // A card with a part due is not offered as new: that part comes first and buries the rest.
        // Few due cards have new parts, so the first read is sized by the cards passed over on
        // purpose only: sized by every due card, it read hundreds of new items in a big collection.
        const fresh = await firstIn(tx, queueRange(deckId, QUEUE.new), new Set([...cards.due, ...(exclude ?? [])]), 2 * (exclude?.size ?? 0) + 1);
        const learningCount = countBut(cards.learning, exclude);
        const reviewDue = cards.review.size;
        const freshCount = cards.fresh.size;
        const pending = (set: Set<string>) => (exclude ? [...exclude].filter((c) => set.has(c)).length : 0);
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
          pendingNew: pending(cards.fresh),
          pendingReview: pending(cards.review),
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
    const pending = { new: 0, review: 0 };
    for (const d of perDeck) {
      pending.new += d.pendingNew;
      pending.review += d.pendingReview;
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
      // A card learnt ahead (not due yet) is on screen all the same: it counts as one left.
      if (item === facts.learnAhead && item.due > now) learning++;
      const remaining = { new: facts.progress.newLeft, learning, review: facts.progress.reviewLeft };
      return { item, remaining, learningSoon: facts.learnAhead?.due ?? null, pending };
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
  // A card learnt ahead is on screen all the same: it counts as one left.
  if (first && first === ahead[0]) remaining.learning++;
  if (first) return { item: first, remaining, pending: { new: 0, review: 0 } };
  const later = usable.filter((i) => State.isLearning(i.state)).map((i) => i.due);
  return { item: null, nextDue: later.length ? Math.min(...later) : null };
}
