/**
 * Backup files: everything the learner owns (settings, stored decks, review items, the review
 * log, quiz history, drafts) as one versioned JSON text, and the reader that checks a file
 * completely before anything is replaced. Loaded lazily: valibot and the deck validator stay off
 * the study path.
 */
import { formatPath, validateDeck } from '../deck/validate';
import { itemId } from '../deck/items';
import { queueOf } from '../srs/queue';
import { settingsProblems } from '../srs/settings';
import { isGrade } from '../srs/rating';
import * as State from '../srs/state';
import { DEFAULT_SETTINGS, type ItemRecord, type QuizRecord, type ReviewRecord, type Settings } from '../srs/types';
import { asWriteTx } from './aggregates';
import { replaceAggregates } from './buckets';
import { batch, inTransaction } from './db';
import { DB_VERSION } from './migrations';
import { expandDeck, itemsSignature } from '../deck/items';
import { summaryOf } from './deck-summaries';
import { summaryKey, summaryKeys, syncKey, syncMarks } from './keys';
import { DRAFT_SHAPE, ITEM_SHAPE, QUIZ_SHAPE, REVIEW_SHAPE, STORED_DECK_SHAPE, type Kind, type RecordShape } from './records';
import type { DraftRecord, MediaRecord, StoredDeck } from './schema';
import { mediaToJson, readBackupMedia, verifyMedia } from './backup-media';

export const BACKUP_FORMAT = 'briefdeck-backup';

/**
 * Every backup version this Briefdeck reads, oldest first, each with what brings a file of it up
 * to the next version before it is checked: a field added in a later version gets its default
 * there, so that the checks, which describe today's records, never refuse an older backup for
 * lacking it. The last is the version written today.
 */
const BACKUP_VERSIONS: readonly { version: number; toNext?: (data: Record<string, unknown>) => Record<string, unknown> }[] = [
  // 1: the first shape.
  { version: 1, toNext: (data) => ({ ...data, media: [] }) },
  // 2: `media`, the decks' pictures and sounds by content hash (see backup-media.ts).
  { version: 2 },
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

/** Records read per request while exporting: a round trip per page, not per record. */
const PAGE = 2000;

/** Each exported store's primary key, read from its records (for paging by key). */
const KEY_OF = {
  decks: (r: StoredDeck) => r.deck.id,
  items: (r: ItemRecord) => r.id,
  reviews: (r: ReviewRecord) => r.id!,
  quizzes: (r: QuizRecord) => r.id!,
  drafts: (r: DraftRecord) => r.key,
} as const;

/** Writes the backup a page of records at a time, so the log is never held twice as objects. */
export async function writeBackup(now: number): Promise<string> {
  return inTransaction(['settings', 'decks', 'items', 'reviews', 'quizzes', 'drafts', 'media'], 'readonly', async (tx) => {
    const parts: string[] = [];
    const settings = { ...DEFAULT_SETTINGS, ...(await tx.objectStore('settings').get('settings')) };
    parts.push(
      `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"database":${DB_VERSION},"exportedAt":${now},`,
      `"settings":${JSON.stringify(settings)}`,
    );
    for (const name of ['decks', 'items', 'reviews', 'quizzes', 'drafts'] as const) {
      parts.push(`,\n"${name}":[`);
      const keyOf = KEY_OF[name] as (r: unknown) => IDBValidKey;
      const store = tx.objectStore(name) as unknown as { getAll(q: IDBKeyRange | null, n: number): Promise<unknown[]> };
      let after: IDBValidKey | null = null;
      let first = true;
      for (;;) {
        const page = await store.getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), PAGE);
        // One stringify per page, not per record: a few hundred calls for the whole log.
        if (page.length) {
          parts.push(first ? '\n' : ',\n', JSON.stringify(page).slice(1, -1));
          first = false;
        }
        if (page.length < PAGE) break;
        after = keyOf(page[page.length - 1]);
      }
      parts.push(']');
    }
    // One file at a time: each may be megabytes, so no page of them is ever held at once.
    parts.push(',\n"media":[');
    const hashes = await tx.objectStore('media').getAllKeys();
    for (let i = 0; i < hashes.length; i++) {
      const record = await tx.objectStore('media').get(hashes[i]!);
      if (record) parts.push(i ? ',\n' : '\n', mediaToJson(record));
    }
    parts.push(']}\n');
    return parts.join('');
  });
}

// ---- the record checks ----
// Each record is checked against its one description (`records.ts`) by a plain loop rather than a
// schema library's nested objects: a backup holds hundreds of thousands of records, and these run
// in well under a second over them. Paths are only built when something is wrong.

/** Problems found so far: the first few kept as text, all counted. */
class Problems {
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
const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The furthest a JavaScript date reaches from 1970, either way (about 275,000 years). */
const MAX_TIME = 8.64e15;
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

/** The complete check of each kind of value a description names (lists and tallies are walked in `checkField`). */
const VALUE_PROBLEM: Record<Exclude<Kind, 'ids' | 'tally'>, (x: unknown) => string | null> = {
  id: idProblem,
  text: (x) => (typeof x === 'string' ? null : 'must be text'),
  time: timeProblem,
  count: countProblem,
  amount: amountProblem,
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
    const tally: Rec = {};
    let ok = true;
    for (const [key, cell] of Object.entries(x)) {
      const checked = checkRecord(cell, TALLY_SHAPE, () => `${path()}${formatPath([key])}`, problems);
      if (checked) tally[key] = checked;
      else ok = false;
    }
    return ok ? tally : WRONG;
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
function checkRecord(x: unknown, shape: RecordShape, path: () => string, problems: Problems): Rec | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  const out: Rec = {};
  let ok = true;
  for (const [key, kind, , optional] of shape.fields) {
    const value = x[key];
    if (optional && value === undefined) continue;
    const fieldPath = () => at(path(), key);
    const checked = typeof kind === 'object' ? (checkRecord(value, kind, fieldPath, problems) ?? WRONG) : checkField(value, kind, fieldPath, problems);
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
const checkItem = recordOf<ItemRecord>(ITEM_SHAPE);
const checkReview = recordOf<ReviewRecord>(REVIEW_SHAPE);
const checkQuiz = recordOf<QuizRecord>(QUIZ_SHAPE);
const checkDraft = recordOf<DraftRecord>(DRAFT_SHAPE);
const checkStoredDeck = recordOf<{ deck: unknown; origin: StoredDeck['origin']; updated: number }>(STORED_DECK_SHAPE);

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

function refuse(problems: Problems): { ok: false; error: string } {
  const shown = problems.shown.join('; ');
  const more = problems.total > MAX_PROBLEMS ? ` (and ${problems.total - MAX_PROBLEMS} more problems)` : '';
  return { ok: false, error: `This backup was not imported, nothing was changed: ${shown}${more}.` };
}

/** Parses and checks a backup text completely; never touches the database. */
export function readBackup(text: string, now: number): { ok: true; backup: Backup } | { ok: false; error: string } {
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
  if (typeof head.version !== 'number' || head.version > BACKUP_VERSION) {
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
    decks: checkList(data.decks, 'decks', checkStoredDeck, problems),
    items: checkList(data.items, 'items', checkItem, problems),
    reviews: checkList(data.reviews, 'reviews', checkReview, problems),
    quizzes: checkList(data.quizzes, 'quizzes', checkQuiz, problems),
    drafts: checkList(data.drafts, 'drafts', checkDraft, problems),
  };
  if (problems.total) return refuse(problems);
  const rawSettings = data.settings as Rec;
  const { decks: storedDecks, items: checkedItems, reviews, quizzes, drafts } = checked as { [K in keyof typeof checked]: NonNullable<(typeof checked)[K]> };

  const settings = { ...DEFAULT_SETTINGS, ...rawSettings } as Settings;
  for (const p of settingsProblems(settings)) problems.line(`settings.${p}`);

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
    draftKeys.add(draft.key);
  });
  const media = readBackupMedia(data.media, decks);
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
export async function replaceWithBackup(b: Backup): Promise<{ items: number; reviews: number; decks: number; quizzes: number; drafts: number }> {
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
    for (const i of b.items) writes.add(items.put(i));
    for (const r of b.reviews) writes.add(reviews.put(r));
    for (const q of b.quizzes) writes.add(quizzes.put(q));
    for (const d of b.drafts) writes.add(drafts.put(d));
    writes.add(tx.objectStore('media').clear());
    for (const m of b.media ?? []) writes.add(tx.objectStore('media').put(m));
    // A stored deck whose items in the backup are exactly in line with its cards is marked synced,
    // so the first session after a restore does not read its items again.
    for (const [deckId, signature] of syncedDecks(b)) writes.add(tx.objectStore('meta').put(signature, syncKey(deckId)));
    // The stats aggregates of the new log, in the same transaction (see aggregates.ts).
    writes.add(replaceAggregates(asWriteTx(tx), b.reviews, b.settings.dayStartHour));
    await writes.done();
  });
  return { items: b.items.length, reviews: b.reviews.length, decks: b.decks.length, quizzes: b.quizzes.length, drafts: b.drafts.length };
}
