/**
 * The store's keys and key ranges, defined once: the bounds IndexedDB orders keys between, the
 * named keys and prefixes of `meta`, and the index ranges the store's queries read. Pure.
 */
import { QUEUE } from '../srs/queue';
import type { ItemEvent } from '../srs/types';

/** Below every number key (IndexedDB sorts numbers before strings, dates and arrays). */
export const MIN_KEY = -Infinity;
/** Above every number key. */
export const MAX_KEY = Infinity;

/** Every string key that starts with `prefix`. */
const prefixRange = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

// ---- meta ----

/**
 * Deck sync marks: `syncDeckItems` records, per deck, a fingerprint of the item ids it last brought
 * the items store in line with, so opening a deck whose cards did not change reads nothing.
 * Whatever clears the items store must clear the marks in the same transaction.
 */
const SYNC = 'sync:';
/** The `meta` key of a deck's sync mark. */
export const syncKey = (deckId: string) => `${SYNC}${deckId}`;
/** Every deck's sync mark, as a key range of `meta`. */
export const syncMarks = () => prefixRange(SYNC);

/** Stored decks' summaries (see `deck-summaries.ts`). */
const SUMMARY = 'deck:';
/** The `meta` key of a stored deck's summary. */
export const summaryKey = (deckId: string) => `${SUMMARY}${deckId}`;
/** Every stored deck's summary, as a key range of `meta`. */
export const summaryKeys = () => prefixRange(SUMMARY);
/** The deck id a summary key names. */
export const summaryDeckId = (key: IDBValidKey) => String(key).slice(SUMMARY.length);

/**
 * Suspensions, burials and resets waiting for sync to send them (`ItemEvent`s, drained by the
 * sync engine; kept however long no one signs in), one record each, keyed by item, kind and time.
 */
const EVENT = 'event:';
/** The `meta` key of a waiting item event. */
export const eventKey = (e: ItemEvent) => `${EVENT}${e.itemId}:${e.kind}:${e.at}`;
/** Every waiting item event, as a key range of `meta`. */
export const eventKeys = () => prefixRange(EVENT);

/** The basis (`dayStartHour@timeZone`) the study-day aggregates were built with; absent when stale. */
export const BASIS_KEY = 'aggregates:basis';
/**
 * How many entries the review log holds, kept in the transactions that change the log (an answer,
 * an undo, a restore, a rebuild), so checking that the day records add up to the log reads one
 * number rather than walking the log's index. A database from before it was kept has none: the
 * first check counts the log once and stores the count. (A reset leaves it behind: the next check
 * finds it wrong and rebuilds the emptied log at once.)
 */
export const LOGGED_KEY = 'aggregates:logged';
/**
 * How many log entries the last rebuild skipped as damaged (they are in the log's time index,
 * which the rebuild walks and whose count is checked, but in no day record).
 */
export const UNSOUND_KEY = 'aggregates:unsound';

/** Every write mark (see `stampWrite` in db.ts): the only number keys of `meta`, which sort before the named ones. */
export const writeMarks = () => IDBKeyRange.bound(MIN_KEY, MAX_KEY);

// ---- items ----

/** A deck's items as a range of the `by-card` index ([deckId, cardId]: any card id sorts between). */
export const deckItems = (deckId: string) => IDBKeyRange.bound([deckId], [deckId, []]);

/** A deck's items in one queue, due in [from, to] (`toOpen`: [from, to)), as a range of `by-deck-queue-due`. */
export function queueRange(deckId: string, queue: number, from = MIN_KEY, to = MAX_KEY, toOpen = false): IDBKeyRange {
  return IDBKeyRange.bound([deckId, queue, from], [deckId, queue, to], false, toOpen);
}

/** A deck's items in any queue above the orphaned one (the lowest), as a range of `by-deck-queue-due`. */
export const liveItems = (deckId: string) => IDBKeyRange.bound([deckId, QUEUE.buried], [deckId, MAX_KEY]);

// ---- review log ----

/** A deck's study answers given since `from` to items in `stateBefore`, as a range of `by-limit`. */
export const studiedSince = (deckId: string, stateBefore: number, from: number) =>
  IDBKeyRange.bound([deckId, 'study', stateBefore, from], [deckId, 'study', stateBefore, MAX_KEY]);

/** A deck's answers (or quizzes) in [from, to), as a range of a `[deckId, at]` index. */
export const deckTime = (deckId: string, from = MIN_KEY, to = MAX_KEY) => IDBKeyRange.bound([deckId, from], [deckId, to], false, to !== MAX_KEY);
