/**
 * Backups: everything the learner owns (settings, stored decks, review items, the review log,
 * quiz history, drafts), the table of backup versions, the reader of version 1 files (one JSON
 * text) and the complete check before anything is replaced; `backup-stream.ts` writes and reads
 * today's files. Loaded lazily: valibot and the deck validator stay off
 * the study path.
 */
import { formatPath, validateDeck } from '../deck/validate';
import { itemId, parseItemId } from '../deck/items';
import { queueOf } from '../srs/queue';
import { settingsProblems } from '../srs/settings';
import { parametersProblems } from '../srs/parameters';
import { isGrade } from '../srs/rating';
import * as State from '../srs/state';
import { DEFAULT_SETTINGS, type ItemRecord, type QuizRecord, type ReviewRecord, type Settings } from '../srs/types';
import { FSRS_MAX, MAX_TIME } from '../srs/ranges';
import { tooDeepAt } from '../deck/json-depth';
import { draftProblem } from './draft-check';
import { asWriteTx } from './aggregates';
import { replaceAggregates } from './buckets';
import { batch, inTransaction, putAll } from './db';
import { expandDeck, itemsSignature } from '../deck/items';
import { summaryOf } from './deck-summaries';
import { summaryKey, summaryKeys, syncKey, syncMarks } from './keys';
import { DRAFT_SHAPE, ITEM_SHAPE, QUIZ_SHAPE, REVIEW_SHAPE, STORED_DECK_SHAPE, type Kind, type RecordShape } from './records';
import type { DraftRecord, MediaRecord, StoredDeck } from './schema';
import { readBackupMedia, verifyMedia } from './backup-media';

export const BACKUP_FORMAT = 'briefdeck-backup';

/**
 * Every backup version this Briefdeck reads, oldest first, each with what brings a file of it up
 * to the next version before it is checked: a field added in a later version gets its default
 * there, so that the checks, which describe today's records, never refuse an older backup for
 * lacking it. The last is the version written today.
 */
const BACKUP_VERSIONS: readonly { version: number; toNext?: (data: Record<string, unknown>) => Record<string, unknown> }[] = [
  // 1: the first shape, one JSON text. Its records are today's records.
  { version: 1, toNext: (data) => data },
  // 2: the same records, written compactly and gzip-compressed, a page of rows per line (`backup-stream.ts`).
  { version: 2, toNext: (data) => ({ ...data, media: [] }) },
  // 3: `media`, the decks' pictures and sounds by content hash, one file per line (see backup-media.ts).
  { version: 3 },
];
export const BACKUP_VERSION = BACKUP_VERSIONS[BACKUP_VERSIONS.length - 1]!.version;

export interface Backup {
  settings: Settings;
  decks: StoredDeck[];
  items: ItemRecord[];
  reviews: ReviewRecord[];
  quizzes: QuizRecord[];
  drafts: DraftRecord[];
  /** Media files by content hash (none in a backup from before media). */
  media?: MediaRecord[];
}

// ---- the record checks ----
// Each record is checked against its one description (`records.ts`) by a plain loop rather than a
// schema library's nested objects: a backup holds hundreds of thousands of records, and these run
// in well under a second over them. Paths are only built when something is wrong.

/** Problems found so far: the first few kept as text, all counted. */
export class Problems {
  readonly shown: string[] = [];
  total = 0;
  add(path: string, message: string): void {
    this.line(`${path}: ${message}`);
  }
  /** A problem already written as `path: problem`. */
  line(text: string): void {
    this.total++;
    if (this.shown.length < MAX_PROBLEMS) this.shown.push(text);
  }
}

type Rec = Record<string, unknown>;
export const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

function timeProblem(x: unknown): string | null {
  if (typeof x !== 'number') return 'must be a time (a number)';
  if (!Number.isFinite(x)) return 'must be a finite number';
  return Math.abs(x) <= MAX_TIME ? null : 'must be a time a date can hold (milliseconds since 1970, within ±8.64e15)';
}
function countProblem(x: unknown): string | null {
  if (typeof x !== 'number') return 'must be a number';
  if (!Number.isInteger(x)) return 'must be a whole number';
  return x < 0 ? 'must be 0 or more' : null;
}
function amountProblem(x: unknown): string | null {
  if (typeof x !== 'number') return 'must be a number';
  if (!Number.isFinite(x)) return 'must be a finite number';
  return x < 0 ? 'must be 0 or more' : null;
}
function idProblem(x: unknown): string | null {
  if (typeof x !== 'string') return 'must be text';
  return x.length === 0 ? 'must not be empty' : null;
}

/** The longest an answer or a quiz can take: a day (answers are capped far lower now, but older backups kept longer ones). */
const MAX_SPAN_MS = 86_400_000;

/** A number from 0 to `max`, whole when `whole`. */
const upTo =
  (max: number, whole = false) =>
  (x: unknown): string | null =>
    (whole ? countProblem(x) : amountProblem(x)) ?? ((x as number) > max ? `must be at most ${max}` : null);

/** The complete check of each kind of value a description names (lists and tallies are walked in `checkField`). */
const VALUE_PROBLEM: Record<Exclude<Kind, 'ids' | 'tally'>, (x: unknown) => string | null> = {
  id: idProblem,
  text: (x) => (typeof x === 'string' ? null : 'must be text'),
  time: timeProblem,
  count: countProblem,
  amount: amountProblem,
  stability: upTo(FSRS_MAX.stability),
  difficulty: upTo(FSRS_MAX.difficulty),
  interval: upTo(FSRS_MAX.scheduled_days),
  days: upTo(FSRS_MAX.elapsed_days),
  steps: upTo(FSRS_MAX.learning_steps, true),
  duration: upTo(MAX_SPAN_MS),
  key: (x) => countProblem(x) ?? ((x as number) < 1 ? 'must be 1 or more' : null),
  number: (x) => (typeof x === 'number' ? null : 'must be a number'),
  state: (x) => (x === State.New || x === State.Learning || x === State.Review || x === State.Relearning ? null : 'must be 0, 1, 2 or 3'),
  grade: (x) => (isGrade(x) ? null : 'must be 1, 2, 3 or 4'),
  mode: (x) => (x === 'study' || x === 'quiz' ? null : 'must be "study" or "quiz"'),
  origin: (x) => (x === 'imported' || x === 'authored' ? null : 'must be "imported" or "authored"'),
  bool: (x) => (typeof x === 'boolean' ? null : 'must be true or false'),
  any: () => null,
};

/** One key point's right and total answers in a quiz (`QuizRecord.byKeyPoint`). */
const TALLY_SHAPE: RecordShape = { notObject: 'is not a tally', fields: [['right', 'count'], ['total', 'count']] };

/** What `checkField` returns for a wrong value (after reporting it). */
const WRONG = Symbol('wrong');

/** Checks one field's value: the value to keep, or WRONG once its problems are reported. */
function checkField(x: unknown, kind: Kind, path: () => string, problems: Problems): unknown {
  if (kind === 'ids') {
    if (!Array.isArray(x)) {
      problems.add(path(), 'must be a list of item ids');
      return WRONG;
    }
    let ok = true;
    x.forEach((id, k) => {
      const problem = idProblem(id);
      if (problem) {
        ok = false;
        problems.add(`${path()}[${k}]`, problem);
      }
    });
    return ok ? x : WRONG;
  }
  if (kind === 'tally') {
    if (!isRecord(x)) {
      problems.add(path(), 'must be an object');
      return WRONG;
    }
    // Keyed by key point ids, outside text: gathered in a Map, so `__proto__` is a key like any other.
    const tally = new Map<string, Rec>();
    let ok = true;
    for (const [key, cell] of Object.entries(x)) {
      const checked = checkRecord(cell, TALLY_SHAPE, () => `${path()}${formatPath([key])}`, problems);
      if (checked) tally.set(key, checked);
      else ok = false;
    }
    return ok ? Object.fromEntries(tally) : WRONG;
  }
  const problem = VALUE_PROBLEM[kind](x);
  if (!problem) return x;
  problems.add(path(), problem);
  return WRONG;
}

/**
 * Checks a record against its description: a fresh record holding only the described fields
 * (unknown ones are dropped, as a schema's output would be), or null when anything is wrong.
 */
export function checkRecord(x: unknown, shape: RecordShape, path: () => string, problems: Problems): Rec | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  const out: Rec = {};
  let ok = true;
  for (const [key, kind, , optional] of shape.fields) {
    const value = x[key];
    if (optional && value === undefined) continue;
    let checked: unknown;
    if (typeof kind === 'object') checked = checkRecord(value, kind, () => at(path(), key), problems) ?? WRONG;
    else if (kind === 'ids' || kind === 'tally') checked = checkField(value, kind, () => at(path(), key), problems);
    else {
      // The plain kinds inline, with no path made unless something is wrong: this runs for every field of every record.
      const problem = VALUE_PROBLEM[kind](value);
      if (problem) problems.add(at(path(), key), problem);
      checked = problem ? WRONG : value;
    }
    if (checked === WRONG) ok = false;
    else out[key] = checked;
  }
  return ok ? out : null;
}

/** A list's record check: the checked record, typed as what its description describes, or null. */
const recordOf =
  <T>(shape: RecordShape) =>
  (x: unknown, path: () => string, problems: Problems): T | null =>
    checkRecord(x, shape, path, problems) as T | null;
/** The record check of each list in a backup. */
export const CHECK = {
  items: recordOf<ItemRecord>(ITEM_SHAPE),
  reviews: recordOf<ReviewRecord>(REVIEW_SHAPE),
  quizzes: recordOf<QuizRecord>(QUIZ_SHAPE),
  drafts: recordOf<DraftRecord>(DRAFT_SHAPE),
  decks: recordOf<CheckedDeck>(STORED_DECK_SHAPE),
};
/** A stored deck whose deck is still to be checked by the deck validator. */
export type CheckedDeck = { deck: unknown; origin: StoredDeck['origin']; updated: number };
/** Each list of a backup with its records checked one by one, before the checks across them. */
export type CheckedLists = {
  decks: CheckedDeck[];
  items: ItemRecord[];
  reviews: ReviewRecord[];
  quizzes: QuizRecord[];
  drafts: DraftRecord[];
  /** Media entries as read (checked with the decks that list them, by backup-media.ts). */
  media?: unknown;
};

/** Checks every record of a list (`name` in the backup); the checked records, or null when anything was wrong. */
function checkList<T>(
  list: unknown,
  name: string,
  check: (x: unknown, path: () => string, problems: Problems) => T | null,
  problems: Problems,
): T[] | null {
  if (!Array.isArray(list)) {
    problems.add(name, 'must be a list');
    return null;
  }
  const out: T[] = new Array<T>(list.length);
  let ok = true;
  for (let i = 0; i < list.length; i++) {
    const record = check(list[i], () => `${name}[${i}]`, problems);
    if (record === null) ok = false;
    else out[i] = record;
  }
  return ok ? out : null;
}

const MAX_PROBLEMS = 5;

/** The refusal naming the first problems found. */
export function refuse(problems: Problems): { ok: false; error: string } {
  const shown = problems.shown.join('; ');
  const more = problems.total > MAX_PROBLEMS ? ` (and ${problems.total - MAX_PROBLEMS} more problems)` : '';
  return { ok: false, error: `This backup was not imported, nothing was changed: ${shown}${more}.` };
}

const MAX_BACKUP_DEPTH = 32;

/** Parses and checks a backup text completely; never touches the database. */
export function readBackup(text: string, now: number): { ok: true; backup: Backup } | { ok: false; error: string } {
  // A backup nests at most 7 levels (a review's item's schedule); millions of `[` parse for seconds.
  if (tooDeepAt(text, MAX_BACKUP_DEPTH) !== -1) {
    return { ok: false, error: `This file is not a Briefdeck backup: it nests lists and objects more than ${MAX_BACKUP_DEPTH} levels deep. Nothing was changed.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not a Briefdeck backup: it is not valid JSON (it may be damaged or cut short). Nothing was changed.' };
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BACKUP_FORMAT) {
    return { ok: false, error: 'This file is not a Briefdeck backup (it has no "format": "briefdeck-backup"). Nothing was changed.' };
  }
  // Versions count 1, 2, 3…: anything else (0, -1, 0.5, the text "1") is no version Briefdeck wrote.
  if (typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < 1) {
    return { ok: false, error: `This backup has an unknown version (${JSON.stringify(head.version) ?? 'none'}): Briefdeck numbers its backups 1, 2, 3…. Nothing was changed.` };
  }
  if (head.version > BACKUP_VERSION) {
    return {
      ok: false,
      error: `This backup was made by a newer Briefdeck (backup version ${String(head.version)}); update Briefdeck to import it. Nothing was changed.`,
    };
  }
  const from = BACKUP_VERSIONS.findIndex((v) => v.version === head.version);
  if (from === -1) return { ok: false, error: `This backup has an unknown version (${String(head.version)}): it was not made by Briefdeck. Nothing was changed.` };
  let data = json as Rec;
  for (const step of BACKUP_VERSIONS.slice(from, -1)) data = step.toNext!(data);
  const problems = new Problems();
  if (!isRecord(data.settings)) problems.add('settings', 'must be an object');
  const checked = {
    decks: checkList(data.decks, 'decks', CHECK.decks, problems),
    items: checkList(data.items, 'items', CHECK.items, problems),
    reviews: checkList(data.reviews, 'reviews', CHECK.reviews, problems),
    quizzes: checkList(data.quizzes, 'quizzes', CHECK.quizzes, problems),
    drafts: checkList(data.drafts, 'drafts', CHECK.drafts, problems),
    media: data.media,
  };
  if (problems.total) return refuse(problems);
  return checkBackup(data.settings as Rec, checked as CheckedLists, now);
}

/** An item id's deck, card and side, or null when it names no deck and card (text from a file may be anything). */
export const itemRefOf = (id: string) => (id.indexOf('/') > 0 ? parseItemId(id) : null);
/** The problem with an item id that names no deck and card. */
export const NOT_AN_ITEM_ID = (id: string) => `"${id}" is not a review item id (deckId/cardId)`;

/** The checks across a backup's records (settings, decks, ids and references), once each record has passed its own. */
export function checkBackup(rawSettings: Rec, lists: CheckedLists, now: number): { ok: true; backup: Backup } | { ok: false; error: string } {
  const problems = new Problems();
  const { decks: storedDecks, items: checkedItems, reviews, quizzes, drafts } = lists;
  const settings = { ...DEFAULT_SETTINGS, ...rawSettings } as Settings;
  for (const p of [...settingsProblems(settings), ...parametersProblems(settings.parameters)]) problems.line(`settings.${p}`);

  const decks: StoredDeck[] = [];
  storedDecks.forEach((stored, i) => {
    const valid = validateDeck(stored.deck);
    if (valid.ok) decks.push({ ...stored, deck: valid.deck });
    else for (const e of valid.errors) problems.line(`decks[${i}].deck${e.path === 'deck' ? '' : e.path.startsWith('[') ? e.path : `.${e.path}`}: ${e.message}`);
  });
  const deckIds = new Set<string>();
  decks.forEach((d, i) => {
    if (deckIds.has(d.deck.id)) problems.line(`decks[${i}].deck.id: "${d.deck.id}" appears twice`);
    deckIds.add(d.deck.id);
  });

  const itemIds = new Set<string>();
  const items = checkedItems.map((item, i) => {
    if (item.id !== itemId(item.deckId, item.cardId, item.sub)) problems.line(`items[${i}].id: "${item.id}" does not match its deck, card and side`);
    if (itemIds.has(item.id)) problems.line(`items[${i}].id: "${item.id}" appears twice`);
    itemIds.add(item.id);
    item.queue = queueOf(item, now);
    return item;
  });

  const reviewIds = new Set<number>();
  reviews.forEach((review, i) => {
    if (!itemIds.has(review.itemId)) problems.line(`reviews[${i}].itemId: refers to "${review.itemId}", which is not in the backup`);
    // A review names its item three ways (id, deck and card, the item before it): all must agree.
    const ref = itemRefOf(review.itemId);
    if (!ref) problems.line(`reviews[${i}].itemId: ${NOT_AN_ITEM_ID(review.itemId)}`);
    else if (review.deckId !== ref.deckId) problems.line(`reviews[${i}].deckId: "${review.deckId}" is not the deck of its item "${review.itemId}"`);
    if (ref && review.cardId !== ref.cardId) problems.line(`reviews[${i}].cardId: "${review.cardId}" is not the card of its item "${review.itemId}"`);
    if (review.before.id !== review.itemId) problems.line(`reviews[${i}].before.id: "${review.before.id}" is not the review's item "${review.itemId}"`);
    if (reviewIds.has(review.id!)) problems.line(`reviews[${i}].id: ${review.id} appears twice`);
    reviewIds.add(review.id!);
  });
  const quizIds = new Set<number>();
  quizzes.forEach((quiz, i) => {
    if (quizIds.has(quiz.id!)) problems.line(`quizzes[${i}].id: ${quiz.id} appears twice`);
    quizIds.add(quiz.id!);
  });
  const draftKeys = new Set<string>();
  drafts.forEach((draft, i) => {
    if (draftKeys.has(draft.key)) problems.line(`drafts[${i}].key: "${draft.key}" appears twice`);
    // Checked like every other record: a draft the editor cannot open would hang it.
    const problem = draftProblem(draft.key, draft.value);
    if (problem) problems.line(`drafts[${i}].${problem}`);
    draftKeys.add(draft.key);
  });
  const media = readBackupMedia(lists.media ?? [], decks);
  for (const p of media.problems) problems.line(p);
  if (problems.total) return refuse(problems);

  return { ok: true, backup: { settings, decks, items, reviews, quizzes, drafts, media: media.media } };
}

/**
 * Stored decks of a backup whose items are in line with their cards (an item for every card's
 * item, live; every other item of the deck orphaned), with the fingerprint `syncDeckItems` marks.
 */
function syncedDecks(b: Backup): Map<string, string> {
  const byDeck = new Map<string, Map<string, boolean>>();
  for (const item of b.items) {
    let items = byDeck.get(item.deckId);
    if (!items) byDeck.set(item.deckId, (items = new Map()));
    items.set(item.id, item.orphaned);
  }
  const synced = new Map<string, string>();
  for (const { deck } of b.decks) {
    const ids = expandDeck(deck).map((r) => r.id);
    const items = byDeck.get(deck.id) ?? new Map<string, boolean>();
    const live = ids.every((id) => items.get(id) === false);
    const wanted = new Set(ids);
    const restOrphaned = [...items].every(([id, orphaned]) => wanted.has(id) || orphaned);
    if (live && restOrphaned) synced.set(deck.id, itemsSignature(ids));
  }
  return synced;
}

/** Replaces everything the learner owns with a checked backup, in one transaction. */
export async function replaceWithBackup(
  b: Backup,
): Promise<{ items: number; cards: number; reviews: number; decks: number; quizzes: number; drafts: number }> {
  await verifyMedia(b.media ?? []);
  await inTransaction(['settings', 'decks', 'items', 'reviews', 'quizzes', 'drafts', 'meta', 'days', 'media'], 'readwrite', async (tx) => {
    // The items are replaced, so no deck's sync mark describes them any more.
    await tx.objectStore('meta').delete(syncMarks());
    await tx.objectStore('meta').delete(summaryKeys());
    const settings = tx.objectStore('settings');
    const decks = tx.objectStore('decks');
    const items = tx.objectStore('items');
    const reviews = tx.objectStore('reviews');
    const quizzes = tx.objectStore('quizzes');
    const drafts = tx.objectStore('drafts');
    const writes = batch();
    for (const store of [settings, decks, items, reviews, quizzes, drafts]) writes.add(store.clear());
    writes.add(settings.put(b.settings, 'settings'));
    for (const d of b.decks) {
      writes.add(decks.put(d));
      writes.add(tx.objectStore('meta').put(summaryOf(d), summaryKey(d.deck.id)));
    }
    // The many records go without a promise each (see `putAll`); a failed one aborts the transaction.
    putAll(items, b.items);
    putAll(reviews, b.reviews);
    putAll(quizzes, b.quizzes);
    putAll(drafts, b.drafts);
    writes.add(tx.objectStore('media').clear());
    putAll(tx.objectStore('media'), b.media ?? []);
    // A stored deck whose items in the backup are exactly in line with its cards is marked synced,
    // so the first session after a restore does not read its items again.
    for (const [deckId, signature] of syncedDecks(b)) writes.add(tx.objectStore('meta').put(signature, syncKey(deckId)));
    // The stats aggregates of the new log, in the same transaction (see aggregates.ts).
    writes.add(replaceAggregates(asWriteTx(tx), b.reviews, b.settings.dayStartHour));
    await writes.done();
  });
  // `cards`: what the learner calls them (a card's parts, each with its own schedule, are `items`).
  const cards = new Set(b.items.map((i) => `${i.deckId}/${i.cardId}`)).size;
  return { items: b.items.length, cards, reviews: b.reviews.length, decks: b.decks.length, quizzes: b.quizzes.length, drafts: b.drafts.length };
}
