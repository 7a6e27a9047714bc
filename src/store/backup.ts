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
import {
  DEFAULT_SETTINGS,
  type FsrsState,
  type Grade,
  type ItemRecord,
  type ItemState,
  type QuizRecord,
  type ReviewMode,
  type ReviewRecord,
  type Settings,
} from '../srs/types';
import { asWriteTx } from './aggregates';
import { replaceAggregates } from './buckets';
import { batch, inTransaction } from './db';
import { DB_VERSION } from './migrations';
import { expandDeck, itemsSignature } from '../deck/items';
import { summaryOf } from './deck-summaries';
import { summaryKey, summaryKeys, syncKey, syncMarks } from './keys';
import type { DraftRecord, MediaRecord, StoredDeck } from './schema';
import { mediaToJson, readBackupMedia, verifyMedia } from './backup-media';

export const BACKUP_FORMAT = 'briefdeck-backup';
export const BACKUP_VERSION = 1;

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
// Hand-written rather than a schema library's nested objects: a backup holds hundreds of thousands
// of records, and these run in well under a second over them. Each check returns a fresh record
// holding only the known fields (unknown ones are dropped, as a schema's output would), or
// reports `path: problem` and returns null. Paths are only built when something is wrong.

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
function nonNegativeProblem(x: unknown): string | null {
  if (typeof x !== 'number') return 'must be a number';
  if (!Number.isFinite(x)) return 'must be a finite number';
  return x < 0 ? 'must be 0 or more' : null;
}
function idProblem(x: unknown): string | null {
  if (typeof x !== 'string') return 'must be text';
  return x.length === 0 ? 'must not be empty' : null;
}
function positiveIdProblem(x: unknown): string | null {
  return countProblem(x) ?? ((x as number) < 1 ? 'must be 1 or more' : null);
}
const stateProblem = (x: unknown) => (x === 0 || x === 1 || x === 2 || x === 3 ? null : 'must be 0, 1, 2 or 3');
const boolProblem = (x: unknown) => (typeof x === 'boolean' ? null : 'must be true or false');
const textProblem = (x: unknown) => (typeof x === 'string' ? null : 'must be text');

type FieldCheck = (x: unknown) => string | null;

/** Checks the listed fields of `r`; true when all are fine. */
function fields(r: Rec, spec: readonly (readonly [string, FieldCheck])[], path: () => string, problems: Problems): boolean {
  let ok = true;
  for (const [key, check] of spec) {
    const problem = check(r[key]);
    if (problem) {
      ok = false;
      problems.add(at(path(), key), problem);
    }
  }
  return ok;
}

const FSRS_FIELDS = [
  ['due', timeProblem],
  ['stability', nonNegativeProblem],
  ['difficulty', nonNegativeProblem],
  ['elapsed_days', nonNegativeProblem],
  ['scheduled_days', nonNegativeProblem],
  ['learning_steps', countProblem],
  ['reps', countProblem],
  ['lapses', countProblem],
  ['state', stateProblem],
] as const;

function checkFsrs(x: unknown, path: () => string, problems: Problems): FsrsState | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  let ok = fields(x, FSRS_FIELDS, path, problems);
  if (x.last_review !== undefined) {
    const problem = timeProblem(x.last_review);
    if (problem) {
      ok = false;
      problems.add(at(path(), 'last_review'), problem);
    }
  }
  if (!ok) return null;
  const f: FsrsState = {
    due: x.due as number,
    stability: x.stability as number,
    difficulty: x.difficulty as number,
    elapsed_days: x.elapsed_days as number,
    scheduled_days: x.scheduled_days as number,
    learning_steps: x.learning_steps as number,
    reps: x.reps as number,
    lapses: x.lapses as number,
    state: x.state as ItemState,
  };
  if (x.last_review !== undefined) f.last_review = x.last_review as number;
  return f;
}

const ITEM_FIELDS = [
  ['id', idProblem],
  ['deckId', idProblem],
  ['cardId', idProblem],
  ['sub', textProblem],
  ['due', timeProblem],
  ['state', stateProblem],
  ['suspended', boolProblem],
  ['buriedUntil', timeProblem],
  ['leech', boolProblem],
  ['orphaned', boolProblem],
  ['created', timeProblem],
] as const;

function checkItem(x: unknown, path: () => string, problems: Problems): ItemRecord | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  let ok = fields(x, ITEM_FIELDS, path, problems);
  const fsrs = checkFsrs(x.fsrs, () => at(path(), 'fsrs'), problems);
  if (x.queue !== undefined && typeof x.queue !== 'number') {
    ok = false;
    problems.add(at(path(), 'queue'), 'must be a number');
  }
  if (!ok || !fsrs) return null;
  const item: ItemRecord = {
    id: x.id as string,
    deckId: x.deckId as string,
    cardId: x.cardId as string,
    sub: x.sub as string,
    fsrs,
    due: x.due as number,
    state: x.state as ItemState,
    suspended: x.suspended as boolean,
    buriedUntil: x.buriedUntil as number,
    leech: x.leech as boolean,
    orphaned: x.orphaned as boolean,
    created: x.created as number,
  };
  if (x.queue !== undefined) item.queue = x.queue as number;
  return item;
}

const REVIEW_FIELDS = [
  ['id', positiveIdProblem],
  ['itemId', idProblem],
  ['deckId', idProblem],
  ['cardId', idProblem],
  ['grade', (x: unknown) => (x === 1 || x === 2 || x === 3 || x === 4 ? null : 'must be 1, 2, 3 or 4')],
  ['mode', (x: unknown) => (x === 'study' || x === 'quiz' ? null : 'must be "study" or "quiz"')],
  ['at', timeProblem],
  ['durationMs', nonNegativeProblem],
] as const;

function checkReview(x: unknown, path: () => string, problems: Problems): ReviewRecord | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  let ok = fields(x, REVIEW_FIELDS, path, problems);
  const before = checkItem(x.before, () => at(path(), 'before'), problems);
  const after = checkFsrs(x.after, () => at(path(), 'after'), problems);
  if (x.correct !== undefined && typeof x.correct !== 'boolean') {
    ok = false;
    problems.add(at(path(), 'correct'), 'must be true or false');
  }
  let buried: string[] | undefined;
  if (x.buried !== undefined) {
    if (!Array.isArray(x.buried)) {
      ok = false;
      problems.add(at(path(), 'buried'), 'must be a list');
    } else {
      x.buried.forEach((b, k) => {
        const problem = idProblem(b);
        if (problem) {
          ok = false;
          problems.add(`${at(path(), 'buried')}[${k}]`, problem);
        }
      });
      buried = x.buried as string[];
    }
  }
  if (!ok || !before || !after) return null;
  const review: ReviewRecord = {
    id: x.id as number,
    itemId: x.itemId as string,
    deckId: x.deckId as string,
    cardId: x.cardId as string,
    grade: x.grade as Grade,
    mode: x.mode as ReviewMode,
    at: x.at as number,
    durationMs: x.durationMs as number,
    before,
    after,
  };
  if (x.correct !== undefined) review.correct = x.correct as boolean;
  if (buried) review.buried = buried;
  return review;
}

function checkQuiz(x: unknown, path: () => string, problems: Problems): QuizRecord | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  let ok = fields(
    x,
    [
      ['id', positiveIdProblem],
      ['deckId', idProblem],
      ['at', timeProblem],
      ['durationMs', nonNegativeProblem],
      ['score', countProblem],
      ['total', countProblem],
    ],
    path,
    problems,
  );
  if (!Array.isArray(x.missed)) {
    ok = false;
    problems.add(at(path(), 'missed'), 'must be a list of item ids');
  } else {
    x.missed.forEach((m, k) => {
      const problem = idProblem(m);
      if (problem) {
        ok = false;
        problems.add(`${at(path(), 'missed')}[${k}]`, problem);
      }
    });
  }
  const byKeyPoint: Record<string, { right: number; total: number }> = {};
  if (!isRecord(x.byKeyPoint)) {
    ok = false;
    problems.add(at(path(), 'byKeyPoint'), 'must be an object');
  } else {
    for (const [key, cell] of Object.entries(x.byKeyPoint)) {
      const cellPath = () => `${at(path(), 'byKeyPoint')}${formatPath([key])}`;
      if (!isRecord(cell)) {
        ok = false;
        problems.add(cellPath(), 'must be an object');
      } else if (fields(cell, [['right', countProblem], ['total', countProblem]], cellPath, problems)) {
        byKeyPoint[key] = { right: cell.right as number, total: cell.total as number };
      } else ok = false;
    }
  }
  if (!ok) return null;
  return {
    id: x.id as number,
    deckId: x.deckId as string,
    at: x.at as number,
    durationMs: x.durationMs as number,
    score: x.score as number,
    total: x.total as number,
    missed: x.missed as string[],
    byKeyPoint,
  };
}

function checkDraft(x: unknown, path: () => string, problems: Problems): DraftRecord | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  if (!fields(x, [['key', idProblem], ['updated', timeProblem]], path, problems)) return null;
  return { key: x.key as string, value: x.value, updated: x.updated as number };
}

function checkStoredDeck(x: unknown, path: () => string, problems: Problems): { deck: unknown; origin: StoredDeck['origin']; updated: number } | null {
  if (!isRecord(x)) {
    problems.add(path(), 'must be an object');
    return null;
  }
  const originProblem = (o: unknown) => (o === 'imported' || o === 'authored' ? null : 'must be "imported" or "authored"');
  if (!fields(x, [['origin', originProblem], ['updated', timeProblem]], path, problems)) return null;
  return { deck: x.deck, origin: x.origin as StoredDeck['origin'], updated: x.updated as number };
}

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
  const data = json as Rec;
  const problems = new Problems();
  if (typeof data.version !== 'number') problems.add('version', 'must be a number');
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
