/**
 * The documents a learner's progress syncs as. A review is immutable and has a globally unique
 * id; undo deletes it (a tombstone that replicates). Suspend, unsuspend, bury and reset are
 * events in the same log. Scheduling state is never synced: `replay.ts` derives it from the log.
 * Decks and settings are edited documents: the last edit by time wins (`conflicts.ts`).
 * Pure types and constructors: no PouchDB, no IndexedDB.
 */
import type { Grade, ItemEvent, ItemId, ItemRecord, ReviewMode, ReviewRecord } from '../srs/types';

/** What every synced document carries from CouchDB. */
export interface CouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
}

/** One answer to one review item, as given; never edited. */
export interface ReviewDoc extends CouchDoc {
  type: 'review';
  itemId: ItemId;
  grade: Grade;
  mode: ReviewMode;
  /** When the answer was given (epoch ms). */
  at: number;
  /** Time spent on the card, ms. */
  durationMs: number;
  /** Whether the answer moves the schedule (a quiz answer on a card not yet due does not). */
  reschedule: boolean;
  /** For quiz answers: whether the answer was right. */
  correct?: boolean;
}

export type EventKind = ItemEvent['kind'];

/** A change to an item that is not an answer: suspend, unsuspend, bury (until a time), reset. */
export interface EventDoc extends CouchDoc {
  type: 'event';
  kind: EventKind;
  itemId: ItemId;
  at: number;
  /** For `bury`: buried until this time (the start of the next study day). */
  until?: number;
  /** For `suspend`: the suspension a grade made, the item having become a leech. */
  leech?: true;
}

/** An entry of an item's history. */
export type HistoryDoc = ReviewDoc | EventDoc;

/** A document edited in place (a deck, the settings): carries when and where it was last edited. */
export interface EditedDoc extends CouchDoc {
  /** When this revision was written (epoch ms): the latest edit wins a conflict. */
  editedAt: number;
  /** Which device wrote it, to say where the other version came from. */
  device: string;
}

/** 16 random hex digits: with the item and the time, a collision is out of reach. */
export function nonce(): string {
  let out = '';
  for (const b of crypto.getRandomValues(new Uint8Array(8))) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * A history document's id: its kind, the item, the time (13 digits, so ids of one item sort by
 * time) and a random part. `review:deck/card#c1:1733212345678:9f3a…`.
 */
export function historyId(type: HistoryDoc['type'], itemId: ItemId, at: number, random: string = nonce()): string {
  return `${type}:${itemId}:${String(Math.max(0, Math.trunc(at))).padStart(13, '0')}:${random}`;
}

const HISTORY_ID = /^(review|event):([^:]+):(\d{13}):([0-9a-f]{16})$/;

/** The parts of a history document's id, or null when it is not one (e.g. a tombstone's id). */
export function parseHistoryId(id: string): { type: HistoryDoc['type']; itemId: ItemId; at: number } | null {
  const m = HISTORY_ID.exec(id);
  return m ? { type: m[1] as HistoryDoc['type'], itemId: m[2]!, at: Number(m[3]) } : null;
}

/** The id range (`startkey`, `endkey`) holding one item's documents of one type. */
export function historyRange(type: HistoryDoc['type'], itemId: ItemId): { startkey: string; endkey: string } {
  return { startkey: `${type}:${itemId}:`, endkey: `${type}:${itemId}:\uffff` };
}

/** A new review document. */
export function reviewDoc(fields: Omit<ReviewDoc, '_id' | 'type'>, random?: string): ReviewDoc {
  return { _id: historyId('review', fields.itemId, fields.at, random), type: 'review', ...fields };
}

/** A new event document. */
export function eventDoc(fields: Omit<EventDoc, '_id' | 'type'>, random?: string): EventDoc {
  return { _id: historyId('event', fields.itemId, fields.at, random), type: 'event', ...fields };
}

/** Undo: the review's tombstone (it replicates, so the review is undone on every device). */
export function tombstone(doc: Required<Pick<CouchDoc, '_id' | '_rev'>>): CouchDoc {
  return { _id: doc._id, _rev: doc._rev, _deleted: true };
}

/** The start of the ids of an item's reviews given at `at` (any device). */
export function reviewPrefix(itemId: ItemId, at: number): string {
  return historyId('review', itemId, at, '');
}

/** A recorded answer as its review document, its id tagged with this device. */
export function toReviewDoc(r: ReviewRecord, device: string): ReviewDoc {
  const doc: ReviewDoc = {
    _id: historyId('review', r.itemId, r.at, device + nonce().slice(8)),
    type: 'review',
    itemId: r.itemId,
    grade: r.grade,
    mode: r.mode,
    at: r.at,
    durationMs: r.durationMs,
    // A logged answer that did not move the schedule left the item as it was.
    reschedule: r.after.reps !== r.before.fsrs.reps,
  };
  if (r.correct !== undefined) doc.correct = r.correct;
  return doc;
}

/** A review document back as an answer in the log, with the item's states around it. */
export function toReviewRecord(doc: ReviewDoc, before: ItemRecord, after: ItemRecord): ReviewRecord {
  const r: ReviewRecord = {
    itemId: doc.itemId,
    deckId: before.deckId,
    cardId: before.cardId,
    grade: doc.grade,
    mode: doc.mode,
    at: doc.at,
    durationMs: doc.durationMs,
    before,
    after: after.fsrs,
  };
  if (doc.correct !== undefined) r.correct = doc.correct;
  return r;
}
