/**
 * Each stored record described once: its fields, the kind of value each holds, which are
 * optional, and which the cheap checks on every read rely on, with what a read reports when one of
 * those is damaged. A backup's complete checks (`backup.ts`) walk these descriptions. The read
 * checks (`integrity.ts`, and for media `media.ts`) are written out by hand, because they run on the study path, where
 * every byte counts; a test holds them to the `read` marks here. A field added later must be
 * optional here (or given a default by the backup version table in `backup.ts`), so that older
 * records and backups still pass. Data only.
 */

/**
 * The kinds of value a field holds. Reads check only that a number is finite, an id is non-empty
 * text, a grade is a grade and a mode a mode; a backup checks each kind completely.
 */
export type Kind =
  | 'id' // non-empty text
  | 'text'
  | 'time' // epoch ms a date can hold
  | 'count' // a whole number, 0 or more
  | 'amount' // a finite number, 0 or more
  // Scheduling numbers, each within its range (srs/ranges.ts): a number no schedule can hold
  // (a stability of 1e308) would turn into NaN at the next grade.
  | 'stability' // 0–36,500 days
  | 'difficulty' // 0–10
  | 'interval' // 0–36,500 days
  | 'days' // 0 to the days a date can span
  | 'steps' // a whole number, 0–99
  | 'duration' // ms, 0 to a day
  | 'key' // a store's own number key, 1 or more
  | 'number'
  | 'state' // an FSRS state, 0–3
  | 'grade' // 1–4
  | 'mode' // 'study' | 'quiz'
  | 'origin' // 'imported' | 'authored'
  | 'bool'
  | 'ids' // a list of item ids
  | 'tally' // per key point: { right, total }
  | 'hash' // a SHA-256 as 64 lowercase hex digits
  | 'mediaType' // a media type Briefdeck takes (deck/media.ts)
  | 'binary' // a file's bytes: an ArrayBuffer where stored, base64 text in a backup
  | 'any';

/**
 * One field: its key; its kind or nested record; what a read reports when it is damaged (`%`
 * stands for the key; '' for a nested record, which reports its own), left out for fields only a
 * backup checks; and whether it may be absent.
 */
export type Field = readonly [key: string, kind: Kind | RecordShape, read?: string, optional?: true];

/** A record: its fields in the order problems are reported, and what a read reports when it is not an object at all. */
export interface RecordShape {
  fields: readonly Field[];
  notObject: string;
}

const SCHEDULING = 'has a damaged scheduling field "%"';
const ITEM_ID = 'has no valid id';
const DUE_STATE = 'has no valid due date or state';
const ITEM_TIME_GRADE = 'has no valid item, time or grade';

/** An item's FSRS memory state (`FsrsState`). */
export const FSRS_SHAPE: RecordShape = {
  notObject: 'has no scheduling state',
  fields: [
    ['due', 'time', SCHEDULING],
    ['stability', 'stability', SCHEDULING],
    ['difficulty', 'difficulty', SCHEDULING],
    ['elapsed_days', 'days'],
    ['scheduled_days', 'interval'],
    ['learning_steps', 'steps'],
    ['reps', 'count', SCHEDULING],
    ['lapses', 'count', SCHEDULING],
    ['state', 'state', SCHEDULING],
    ['last_review', 'time', undefined, true],
  ],
};

/** A review item (`ItemRecord`). */
export const ITEM_SHAPE: RecordShape = {
  notObject: 'is not a review item',
  fields: [
    ['id', 'id', ITEM_ID],
    ['deckId', 'id', ITEM_ID],
    ['cardId', 'id', ITEM_ID],
    ['sub', 'text', ITEM_ID],
    ['due', 'time', DUE_STATE],
    ['state', 'state', DUE_STATE],
    ['suspended', 'bool'],
    ['buriedUntil', 'time'],
    ['leech', 'bool'],
    ['orphaned', 'bool'],
    ['created', 'time'],
    ['fsrs', FSRS_SHAPE, ''],
    ['queue', 'number', undefined, true],
  ],
};

/** An entry of the review log (`ReviewRecord`). */
export const REVIEW_SHAPE: RecordShape = {
  notObject: 'is not a review',
  fields: [
    ['id', 'key'],
    ['itemId', 'id', ITEM_TIME_GRADE],
    ['deckId', 'id', ITEM_TIME_GRADE],
    ['cardId', 'id'],
    ['grade', 'grade', ITEM_TIME_GRADE],
    ['mode', 'mode', 'has no valid mode'],
    ['at', 'time', ITEM_TIME_GRADE],
    ['durationMs', 'duration'],
    ['before', ITEM_SHAPE, ''],
    ['after', FSRS_SHAPE, ''],
    ['correct', 'bool', undefined, true],
    ['buried', 'ids', undefined, true],
  ],
};

/** A finished quiz (`QuizRecord`). */
export const QUIZ_SHAPE: RecordShape = {
  notObject: 'is not a quiz',
  fields: [
    ['id', 'key'],
    ['deckId', 'id'],
    ['at', 'time'],
    ['durationMs', 'duration'],
    ['score', 'count'],
    ['total', 'count'],
    ['missed', 'ids'],
    ['byKeyPoint', 'tally'],
  ],
};

/** An authoring draft (`DraftRecord`): its value is the editor's own. */
export const DRAFT_SHAPE: RecordShape = {
  notObject: 'is not a draft',
  fields: [
    ['key', 'id'],
    ['value', 'any'],
    ['updated', 'time'],
  ],
};

/** A stored deck (`StoredDeck`): the deck itself is checked by the deck validator. */
export const STORED_DECK_SHAPE: RecordShape = {
  notObject: 'is not a stored deck',
  fields: [
    ['deck', 'any'],
    ['origin', 'origin'],
    ['updated', 'time'],
  ],
};

const MEDIA_UNREADABLE = 'is not a readable media file';

/** A media file stored by the SHA-256 of its bytes (`MediaRecord`); a backup carries no `bytes`, it counts them. */
export const MEDIA_SHAPE: RecordShape = {
  notObject: 'is not a media file',
  fields: [
    ['hash', 'hash', MEDIA_UNREADABLE],
    ['type', 'mediaType', MEDIA_UNREADABLE],
    ['bytes', 'count', undefined, true],
    ['data', 'binary', 'has no file data'],
  ],
};
