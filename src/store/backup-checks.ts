/**
 * The checks of a backup's records, one by one, each against its one description in `records.ts`:
 * used by the readers of every backup version (`backup.ts`, `backup-stream.ts`) before the checks
 * across records. Pure: never touches the database.
 */
import { formatPath } from '../deck/validate';
import { isGrade } from '../srs/rating';
import * as State from '../srs/state';
import type { ItemRecord, QuizRecord, ReviewRecord } from '../srs/types';
import { FSRS_MAX, MAX_TIME } from '../srs/ranges';
import { DRAFT_SHAPE, ITEM_SHAPE, MEDIA_SHAPE, QUIZ_SHAPE, REVIEW_SHAPE, STORED_DECK_SHAPE, type Kind, type RecordShape } from './records';
import { isMediaType } from '../deck/media';
import type { DraftRecord, StoredDeck } from './schema';

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

/** A JSON object as read. */
export type Rec = Record<string, unknown>;
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
  hash: (x) => (typeof x === 'string' && /^[0-9a-f]{64}$/.test(x) ? null : 'must be a SHA-256 hash (64 hex digits)'),
  mediaType: (x) => (typeof x === 'string' && isMediaType(x) ? null : 'is not a media type Briefdeck takes'),
  // A backup holds a file's bytes as base64 text.
  binary: (x) => (typeof x === 'string' && x.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(x) ? null : "must be the file's bytes in base64"),
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
  media: recordOf<BackupMedia>(MEDIA_SHAPE),
};
/** A media file as a backup holds it: its bytes in base64. */
export type BackupMedia = { hash: string; type: string; data: string };
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
export function checkList<T>(
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
