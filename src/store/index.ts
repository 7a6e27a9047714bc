/**
 * Briefdeck's progress store: the only door to IndexedDB (through idb). Intent-level async
 * functions over review items, the review log, stored decks, settings, quizzes and drafts.
 * Scheduling decisions come from the pure `src/srs/` modules; this module reads the facts they
 * need with index ranges (never a scan of everything) and writes each change in one transaction.
 * Every time-dependent function takes `now` (epoch ms).
 */
import type { Deck } from '../deck/schema';
import { nextStudyDayStart, studyDayStart } from '../srs/day';
import { expandDeck, itemsSignature, parseItemId } from '../srs/items';
import { LEARN_AHEAD_MS, pickNext, QUEUE, queueOf, withinLimit, type QueueFacts } from '../srs/queue';
import { gradeItem, newItem } from '../srs/scheduler';
import { settingsProblems } from '../srs/settings';
import {
  DEFAULT_SETTINGS,
  type Grade,
  type ItemId,
  type ItemRecord,
  type QuizRecord,
  type ReviewMode,
  type ReviewRecord,
  type Settings,
} from '../srs/types';
import { announce, batch, closeDatabase, inTransaction, onRemoteChange, onStoreChange, StaleWrite, writeCount, writesStarted, type Tx } from './db';
import { StoreError } from './errors';
import { syncKey, syncMarks } from './sync-marks';
import { forgetDamage, reportDamage, soundItem, soundStoredDeck } from './integrity';
import { countReview, planCount, prepareCount, preparedPlan, studyDayOf, type CountPlan, type PreparedCount } from './aggregates';
import type { StoredDeck } from './schema';
import { isSummary, summaryDeckId, summaryKey, summaryKeys, summaryOf, type StoredDeckSummary } from './deck-summaries';

export type { StoredDeckSummary } from './deck-summaries';

export { StoreError, type StoreErrorKind } from './errors';
export { onStoreChange, onConnectionEvent, type StoreChange, type ConnectionEvent } from './db';
/** Called when another tab wrote to the store (this tab's own writes do not call it). */
export { onRemoteChange as onRemoteStoreChange } from './db';
export type { StoredDeck } from './schema';
export { onDamage, damagedRecords, type Damage } from './integrity';
export type { ReviewBucket, RebuildProgress } from './aggregates';

/** Longest time counted for one answer, as Anki caps it, so a card left open does not skew stats. */
export const MAX_DURATION_MS = 60_000;
/** How many grades this tab can undo. */
const UNDO_DEPTH = 100;

// ---- tab-local state, kept small ----

let settingsCache: Settings | null = null;
/** Review ids this tab recorded, newest last: the undo history. */
const undoStack: number[] = [];
/** Of the reviews on the undo stack, those counted as their item's first study answer of the day (for the aggregates). */
const firstOfDayIds = new Set<number>();
let persistenceAsked = false;

onRemoteChange(() => {
  settingsCache = null;
});

/** Closes the database and forgets this tab's caches and undo history (which refer to it). */
export async function closeStore(): Promise<void> {
  settingsCache = null;
  unburiedUntil.clear();
  undoStack.length = 0;
  firstOfDayIds.clear();
  prepared = null;
  persistenceAsked = false;
  forgetDamage();
  await closeDatabase();
}

// ---- settings ----

/** The learner's settings (defaults until changed). */
export async function getSettings(): Promise<Settings> {
  if (settingsCache) return settingsCache;
  const stored = await inTransaction(['settings'], 'readonly', (tx) => tx.objectStore('settings').get('settings'));
  // Settings added in later versions get their defaults.
  const merged: Settings = { ...DEFAULT_SETTINGS, ...stored };
  const problems = settingsProblems(merged);
  if (problems.length) {
    // Damaged settings must not stop studying: use the defaults and say so.
    reportDamage({ store: 'settings', key: 'settings', problem: `could not be read (${problems.join('; ')}); the defaults are used` });
    settingsCache = { ...DEFAULT_SETTINGS };
  } else settingsCache = merged;
  return settingsCache;
}

/** Changes some settings; refuses invalid values with a message naming the field. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = await inTransaction(['settings'], 'readwrite', async (tx) => {
    const store = tx.objectStore('settings');
    const merged: Settings = { ...DEFAULT_SETTINGS, ...(await store.get('settings')), ...patch };
    const problems = settingsProblems(merged);
    if (problems.length) throw new TypeError(`Settings not saved: ${problems.join('; ')}`);
    await store.put(merged, 'settings');
    return merged;
  }).catch((error: unknown) => {
    if (error instanceof StoreError && error.cause instanceof TypeError) throw error.cause;
    throw error;
  });
  settingsCache = next;
  announce([]);
  return next;
}

// ---- items and decks ----

/**
 * Brings a deck's review items in line with its cards: new cards arrive as new items, items
 * whose card is gone are marked orphaned (their history stays), returning cards get their
 * items (and history) back. Edited cards keep their ids and so their progress.
 */
export async function syncDeckItems(deck: Deck, now: number): Promise<void> {
  const refs = expandDeck(deck);
  const signature = itemsSignature(refs.map((r) => r.id));
  const changed = await inTransaction(['items', 'meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    // The deck's items were already brought in line with exactly these item ids: nothing to read.
    // (Clearing the items, by a reset or a backup import, clears these marks too.)
    if ((await meta.get(syncKey(deck.id))) === signature) return false;
    const store = tx.objectStore('items');
    const existing = new Map((await store.index('by-card').getAll(deckItems(deck.id))).map((item) => [item.id, item]));
    const writes = batch();
    refs.forEach((ref, order) => {
      const item = existing.get(ref.id);
      existing.delete(ref.id);
      // A damaged item is left as it is (reported, skipped by every read), never overwritten.
      if (item && !soundItem(item)) return;
      if (!item) writes.add(store.add(newItem(ref, now, order)));
      else if (item.orphaned) {
        const back = { ...item, orphaned: false };
        writes.add(store.put({ ...back, queue: queueOf(back, now) }));
      }
    });
    for (const item of existing.values()) {
      if (!soundItem(item) || item.orphaned) continue;
      writes.add(store.put({ ...item, orphaned: true, queue: QUEUE.orphaned }));
    }
    writes.add(meta.put(signature, syncKey(deck.id)));
    return (await writes.done()) > 1;
  });
  if (changed) announce([deck.id]);
}

/** A deck's items as a range of the `by-card` index ([deckId, cardId]: any card id sorts between). */
const deckItems = (deckId: string) => IDBKeyRange.bound([deckId], [deckId, []]);

/** Every review item of a deck, orphaned ones included. */
export async function getItems(deckId: string): Promise<ItemRecord[]> {
  const all = await inTransaction(['items'], 'readonly', (tx) => tx.objectStore('items').index('by-card').getAll(deckItems(deckId)));
  return all.filter(soundItem);
}

export async function getItem(id: ItemId): Promise<ItemRecord | undefined> {
  const item = await inTransaction(['items'], 'readonly', (tx) => tx.objectStore('items').get(id));
  return item && soundItem(item) ? item : undefined;
}

/** Suspends or unsuspends items (a leech stays tagged leech when unsuspended). */
export async function setSuspended(itemIds: ItemId[], suspended: boolean, now: number = Date.now()): Promise<void> {
  const deckIds = await inTransaction(['items'], 'readwrite', async (tx) => {
    const store = tx.objectStore('items');
    const items = await Promise.all(itemIds.map((id) => store.get(id)));
    const missing = itemIds.filter((_, i) => !items[i]);
    if (missing.length) throw new StoreError('unknown', `There is no review item "${missing[0]}" to ${suspended ? 'suspend' : 'unsuspend'}.`);
    const decks = new Set<string>();
    const writes = batch();
    for (const item of items as ItemRecord[]) {
      const next = { ...item, suspended };
      writes.add(store.put({ ...next, queue: queueOf(next, now) }));
      decks.add(item.deckId);
    }
    await writes.done();
    return decks;
  });
  announce(deckIds);
}

/** Hides every item of a card until the next study day. */
export async function buryCard(deckId: string, cardId: string, now: number): Promise<void> {
  const settings = await getSettings();
  const until = nextStudyDayStart(now, settings.dayStartHour);
  await inTransaction(['items'], 'readwrite', async (tx) => {
    const store = tx.objectStore('items');
    const items = await store.index('by-card').getAll([deckId, cardId]);
    const writes = batch();
    for (const item of items) writes.add(store.put({ ...item, buriedUntil: until, queue: queueOf({ ...item, buriedUntil: until }, now) }));
    await writes.done();
  });
  announce([deckId]);
}

/**
 * Per deck, the time until which no buried item of it can be due to return: burying hides items
 * until the next study day starts, so once a deck's pile was checked, it need not be read again
 * before then. Forgotten when anything but a deck's own changes happen (an import, a reset, another tab).
 */
const unburiedUntil = new Map<string, number>();
onStoreChange((change) => {
  if (change.deckIds.length === 0) unburiedUntil.clear();
});
onRemoteChange(() => unburiedUntil.clear());

/**
 * Returns the scope's buried items whose day is over to their queues. Buried piles are small and
 * sit in their own index range per deck, so this reads only them, and each deck's at most once a
 * study day.
 */
async function unburyDue(scope: string[], now: number): Promise<void> {
  const deckIds = scope.filter((id) => (unburiedUntil.get(id) ?? -Infinity) <= now);
  if (!deckIds.length) return;
  const until = nextStudyDayStart(now, (await getSettings()).dayStartHour);
  const buriedRange = (deckId: string) => IDBKeyRange.bound([deckId, QUEUE.buried, MIN_KEY], [deckId, QUEUE.buried, MAX_KEY]);
  const over = await inTransaction(['items'], 'readonly', async (tx) => {
    const index = tx.objectStore('items').index('by-deck-queue-due');
    const piles = await Promise.all(deckIds.map((deckId) => index.getAll(buriedRange(deckId))));
    return piles.flat().filter((item) => soundItem(item) && item.buriedUntil <= now);
  });
  if (over.length) {
    await inTransaction(['items'], 'readwrite', async (tx) => {
      const store = tx.objectStore('items');
      // Re-read inside the write: another tab may have changed these items since.
      const current = await Promise.all(over.map((item) => store.get(item.id)));
      const writes = batch();
      for (const item of current) {
        if (!item || item.queue !== QUEUE.buried || item.buriedUntil > now) continue;
        const back = { ...item, buriedUntil: 0 };
        writes.add(store.put({ ...back, queue: queueOf(back, now) }));
      }
      await writes.done();
    });
    announce(new Set(over.map((item) => item.deckId)));
  }
  for (const id of deckIds) unburiedUntil.set(id, until);
}

// ---- counts and the study queue ----

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
const MIN_KEY = -Infinity;
const MAX_KEY = Infinity;

function queueRange(deckId: string, queue: number, from = MIN_KEY, to = MAX_KEY, toOpen = false): IDBKeyRange {
  return IDBKeyRange.bound([deckId, queue, from], [deckId, queue, to], false, toOpen);
}

const queueIndex = (tx: ReadTx) => tx.objectStore('items').index('by-deck-queue-due');

function doneToday(tx: ReadTx, deckId: string, stateBefore: number, dayStart: number): Promise<number> {
  return tx
    .objectStore('reviews')
    .index('by-limit')
    .count(IDBKeyRange.bound([deckId, 'study', stateBefore, dayStart], [deckId, 'study', stateBefore, MAX_KEY]));
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
          doneToday(tx, deckId, 0, day.start),
          doneToday(tx, deckId, 2, day.start),
          tx.objectStore('reviews').index('by-deck-time').openCursor(IDBKeyRange.bound([deckId, MIN_KEY], [deckId, MAX_KEY]), 'prev'),
          // Any item in a queue above the orphaned one (the lowest).
          queueIndex(tx).getKey(IDBKeyRange.bound([deckId, QUEUE.buried], [deckId, MAX_KEY])),
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
          doneToday(tx, deckId, 0, day.start),
          doneToday(tx, deckId, 2, day.start),
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
  return { item: null, nextDue: await nextDueAfter(scope.deckIds, now, day, found.heldBack) };
}

/** When there will next be something to study, once nothing is left now (a second, rare query). */
async function nextDueAfter(deckIds: string[], now: number, day: Day, heldBack: boolean): Promise<number | null> {
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
  const learningDue = usable.filter((i) => i.queue === QUEUE.learning || i.state === 1 || i.state === 3).filter((i) => i.due <= now);
  const unseenToday = usable.filter(
    (i) => i.state !== 1 && i.state !== 3 && (i.fsrs.last_review === undefined || i.fsrs.last_review < day.start),
  );
  const ahead = usable.filter((i) => (i.state === 1 || i.state === 3) && i.due > now && i.due <= now + LEARN_AHEAD_MS);
  const remaining = {
    new: unseenToday.filter((i) => i.state === 0).length,
    learning: learningDue.length,
    review: unseenToday.filter((i) => i.state !== 0).length,
  };
  const first = learningDue.sort((a, b) => a.due - b.due)[0] ?? unseenToday[0] ?? ahead.sort((a, b) => a.due - b.due)[0];
  if (first) return { item: first, remaining };
  const later = usable.filter((i) => i.state === 1 || i.state === 3).map((i) => i.due);
  return { item: null, nextDue: later.length ? Math.min(...later) : null };
}

// ---- grading and undo ----

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
  if (performance.now() - p.readAt > PREPARED_FOR_MS || studyDayOf(input.at, dayStartHour) !== p.plan.day) return null;
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
  if (plan) writes.add(countReview(tx, plan, review));
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
  if (![1, 2, 3, 4].includes(input.grade)) throw new TypeError(`recordReview: grade must be 1, 2, 3 or 4, not ${String(input.grade)}`);
  if (input.mode !== 'study' && input.mode !== 'quiz') throw new TypeError(`recordReview: mode must be "study" or "quiz"`);
  if (!Number.isFinite(input.at)) throw new TypeError('recordReview: at must be a time in epoch milliseconds');
  // Read without waiting when known, so that a prepared grade's writes leave within the key
  // press, before the screen re-renders for it.
  const settings = settingsCache ?? (await getSettings());
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

// ---- review log for stats ----

export async function reviewCount(): Promise<number> {
  return inTransaction(['reviews'], 'readonly', (tx) => tx.objectStore('reviews').count());
}


// ---- stored decks, drafts, quizzes ----

/** Keeps an imported or authored deck (replacing an older copy with the same id). */
export async function saveDeck(deck: Deck, origin: 'imported' | 'authored', now: number = Date.now()): Promise<void> {
  const stored: StoredDeck = { deck, origin, updated: now };
  await inTransaction(['decks', 'meta'], 'readwrite', (tx) =>
    Promise.all([tx.objectStore('decks').put(stored), tx.objectStore('meta').put(summaryOf(stored), summaryKey(deck.id))]),
  );
  announce([deck.id]);
}

export async function getStoredDeck(id: string): Promise<StoredDeck | undefined> {
  const stored = await inTransaction(['decks'], 'readonly', (tx) => tx.objectStore('decks').get(id));
  return stored && soundStoredDeck(stored) ? stored : undefined;
}

export async function listStoredDecks(): Promise<StoredDeck[]> {
  const all = await inTransaction(['decks'], 'readonly', (tx) => tx.objectStore('decks').getAll());
  return all.filter(soundStoredDeck);
}

/**
 * Every stored deck's summary, in id order, without reading the decks. A deck with no summary
 * yet (stored by an older version of Briefdeck) is read once and its summary written; a damaged
 * deck is reported and left out.
 */
export async function listStoredDeckSummaries(): Promise<StoredDeckSummary[]> {
  const { ids, known } = await inTransaction(['decks', 'meta'], 'readonly', async (tx) => {
    const meta = tx.objectStore('meta');
    const [ids, keys, values] = await Promise.all([
      tx.objectStore('decks').getAllKeys(),
      meta.getAllKeys(summaryKeys()),
      meta.getAll(summaryKeys()),
    ]);
    const known = new Map<string, StoredDeckSummary>();
    keys.forEach((key, i) => known.set(summaryDeckId(key), values[i] as StoredDeckSummary));
    return { ids: ids.map(String), known };
  });
  const missing = ids.filter((id) => !isSummary(known.get(id)));
  if (missing.length) {
    await inTransaction(['decks', 'meta'], 'readwrite', async (tx) => {
      const decks = await Promise.all(missing.map((id) => tx.objectStore('decks').get(id)));
      const writes = batch();
      for (const stored of decks) {
        if (!stored || !soundStoredDeck(stored)) continue;
        const summary = summaryOf(stored);
        known.set(stored.deck.id, summary);
        writes.add(tx.objectStore('meta').put(summary, summaryKey(stored.deck.id)));
      }
      await writes.done();
    });
  }
  return ids.flatMap((id) => {
    const summary = known.get(id);
    return isSummary(summary) ? [summary] : [];
  });
}

/**
 * Of the decks given with the item fingerprint their cards call for, those whose items were not
 * last synced to exactly that (or with no fingerprint given): the decks a session must load and sync.
 */
export async function decksToSync(wanted: ReadonlyArray<{ id: string; items?: string | undefined }>): Promise<string[]> {
  const marks = await inTransaction(['meta'], 'readonly', async (tx) => {
    const meta = tx.objectStore('meta');
    const [keys, values] = await Promise.all([meta.getAllKeys(syncMarks()), meta.getAll(syncMarks())]);
    return new Map(keys.map((key, i) => [String(key), values[i]]));
  });
  return wanted.filter((w) => !w.items || marks.get(syncKey(w.id)) !== w.items).map((w) => w.id);
}

/** Removes a stored deck; its items and history stay, so re-importing it brings progress back. */
export async function deleteStoredDeck(id: string): Promise<void> {
  await inTransaction(['decks', 'meta'], 'readwrite', (tx) =>
    Promise.all([tx.objectStore('decks').delete(id), tx.objectStore('meta').delete(summaryKey(id))]),
  );
  announce([id]);
}

// ---- whole-collection operations ----

/** Forgets all progress (items, review log, quiz history); decks, drafts and settings stay. */
export async function resetProgress(): Promise<void> {
  await inTransaction(['items', 'reviews', 'quizzes', 'meta', 'days'], 'readwrite', (tx) =>
    Promise.all([
      tx.objectStore('items').clear(),
      tx.objectStore('reviews').clear(),
      tx.objectStore('quizzes').clear(),
      tx.objectStore('meta').delete(syncMarks()),
      tx.objectStore('days').clear(),
    ]),
  );
  undoStack.length = 0;
  firstOfDayIds.clear();
  announce([]);
}

/** Everything the learner owns as one versioned JSON text. */
export async function exportBackup(now: number): Promise<string> {
  const { writeBackup } = await import('./backup');
  return writeBackup(now);
}

export type ImportResult =
  | { ok: true; counts: { items: number; reviews: number; decks: number; quizzes: number; drafts: number } }
  | { ok: false; error: string };

/** Checks a backup completely, then replaces everything with it in one transaction; on any problem nothing changes. */
export async function importBackup(text: string, now: number = Date.now()): Promise<ImportResult> {
  const { readBackup, replaceWithBackup } = await import('./backup');
  const parsed = readBackup(text, now);
  if (!parsed.ok) return parsed;
  let counts: Awaited<ReturnType<typeof replaceWithBackup>>;
  try {
    counts = await replaceWithBackup(parsed.backup);
  } catch (error) {
    // The replacing transaction aborted as a whole, so the old data is all still there.
    const message = error instanceof StoreError ? error.message : String(error);
    return { ok: false, error: `The backup could not be imported, nothing was changed: ${message}` };
  }
  undoStack.length = 0;
  firstOfDayIds.clear();
  settingsCache = null;
  announce([]);
  return { ok: true, counts };
}

// ---- persistent storage ----

/** Asks the browser to keep the data (some grant it silently, Safari may refuse). */
export async function requestPersistence(): Promise<boolean> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    return false;
  }
}

/** Once there is progress worth keeping, ask for persistence (once per tab). */
async function askPersistenceOnce(): Promise<void> {
  if (persistenceAsked) return;
  persistenceAsked = true;
  await requestPersistence();
}
