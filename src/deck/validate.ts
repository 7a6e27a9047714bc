/**
 * Validates unknown input against deck format v1 and the rules a schema cannot express.
 * Returns every problem at once, each with the JSON path it is about. Never throws.
 * Pure: used by the app's importers, `scripts/decks-check.ts` and the tests.
 */
import * as v from 'valibot';
import { parseCloze } from './cloze.ts';
import { DeckSchema, LIMITS, type Deck } from './schema.ts';

export interface DeckError {
  /** JSON path such as `cards[12].choices`; `deck` for the whole document. */
  path: string;
  message: string;
}

export type DeckResult = { ok: true; deck: Deck } | { ok: false; errors: DeckError[] };

type PathKey = string | number;

/** Renders a path the way a teacher reads it: `cards[3].choices[1]`. */
export function formatPath(keys: readonly PathKey[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || 'deck';
}

/** `cards[12].choices: needs at least 2 choices` */
export function formatError(error: DeckError): string {
  return `${error.path}: ${error.message}`;
}

function issueToError(issue: v.BaseIssue<unknown>): DeckError {
  const items = issue.path ?? [];
  const keys = items.map((item) => item.key as PathKey);
  // Valibot accepts arrays where it expects an object and then reports their missing fields
  // and indices one by one; a teacher needs to hear once that a list stands where an object belongs.
  const listAt = items.findIndex((item) => item.type === 'object' && Array.isArray(item.input));
  if (listAt !== -1) return { path: formatPath(keys.slice(0, listAt)), message: 'must be an object with named fields, not a list' };
  const path = formatPath(keys);
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return { path, message: 'is not a field this card or deck can have (check the spelling)' };
  }
  if (issue.received === 'undefined' && keys.length > 0) {
    return { path, message: 'is required' };
  }
  if (issue.type === 'variant') {
    if (keys.at(-1) === 'type') return { path, message: issue.message };
    if (!isRecord(issue.input)) return { path, message: 'must be a card: an object with a "type"' };
    return { path: formatPath([...keys, 'type']), message: issue.message };
  }
  return { path, message: issue.message };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** False only for YYYY-MM(-DD) shapes naming a month or day that does not exist; the schema checks the shape. */
function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!m) return true;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  const daysInMonth = lastDay.getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

const normalise = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Rules across fields. Runs on the raw input, so it still reports when the schema also fails. */
function semanticErrors(input: Record<string, unknown>): DeckError[] {
  const errors: DeckError[] = [];
  const keyPointIds = new Set<string>();
  // A key point whose id cannot be read is already reported; references to it are not guessed at,
  // so that one mistake yields one error rather than one per card that used it.
  let keyPointsReadable = input.keyPoints === undefined || Array.isArray(input.keyPoints);
  if (Array.isArray(input.keyPoints)) {
    input.keyPoints.forEach((kp, i) => {
      if (!isRecord(kp) || typeof kp.id !== 'string') {
        keyPointsReadable = false;
        return;
      }
      if (keyPointIds.has(kp.id)) errors.push({ path: `keyPoints[${i}].id`, message: `repeats the key point id "${kp.id}"` });
      keyPointIds.add(kp.id);
    });
  }
  if (isRecord(input.source) && typeof input.source.date === 'string' && !isRealDate(input.source.date)) {
    errors.push({ path: 'source.date', message: `is "${input.source.date}", which is not a real calendar date` });
  }
  if (!Array.isArray(input.cards)) return errors;
  const cardIds = new Map<string, number>();
  input.cards.forEach((card, i) => {
    if (!isRecord(card)) return;
    const at = (field: string) => `cards[${i}].${field}`;
    if (typeof card.id === 'string') {
      const first = cardIds.get(card.id);
      if (first !== undefined) errors.push({ path: at('id'), message: `repeats the id "${card.id}" of cards[${first}]` });
      else cardIds.set(card.id, i);
    }
    if (keyPointsReadable && typeof card.keyPoint === 'string' && !keyPointIds.has(card.keyPoint)) {
      errors.push({ path: at('keyPoint'), message: `refers to key point "${card.keyPoint}", which is not in keyPoints` });
    }
    if (card.type === 'cloze' && typeof card.text === 'string' && /\S/.test(card.text)) {
      const { numbers, problems } = parseCloze(card.text);
      for (const p of problems) errors.push({ path: at('text'), message: `${p.message} (at character ${p.offset + 1})` });
      if (!problems.length && numbers.length === 0) {
        errors.push({ path: at('text'), message: 'needs at least one deletion such as {{c1::answer}}' });
      }
    }
    const choices = card.choices;
    if (card.type === 'mcq' && Array.isArray(choices)) {
      const seen = new Map<string, number>();
      choices.forEach((choice, j) => {
        if (typeof choice !== 'string') return;
        const key = normalise(choice);
        const first = seen.get(key);
        if (first !== undefined) errors.push({ path: at(`choices[${j}]`), message: `repeats choices[${first}]; choices must differ` });
        else seen.set(key, j);
      });
      const answers = Array.isArray(card.answer) ? card.answer : [card.answer];
      const picked = new Set<unknown>();
      answers.forEach((a, j) => {
        const path = Array.isArray(card.answer) ? at(`answer[${j}]`) : at('answer');
        if (typeof a !== 'number' || !Number.isInteger(a)) return;
        // Negative and fractional indices are already reported by the schema.
        if (choices.length > 0 && a >= choices.length) {
          errors.push({ path, message: `is ${a}, but the choices are numbered 0 to ${choices.length - 1}` });
        }
        if (picked.has(a)) errors.push({ path, message: `repeats the choice ${a}` });
        picked.add(a);
      });
    }
  });
  return errors;
}

/** Checks any value against deck format v1; all errors at once, sorted by path order of discovery. */
export function validateDeck(input: unknown): DeckResult {
  const parsed = v.safeParse(DeckSchema, input);
  const errors = parsed.success ? [] : parsed.issues.map(issueToError);
  if (isRecord(input)) errors.push(...semanticErrors(input));
  if (errors.length) return { ok: false, errors: dedupe(errors) };
  return { ok: true, deck: (parsed as { output: Deck }).output };
}

function dedupe(errors: DeckError[]): DeckError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = formatError(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses deck JSON text: syntax errors name the line and column, then the deck is validated. */
export function parseDeckJson(text: string): DeckResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > LIMITS.fileBytes) {
    return {
      ok: false,
      // Rounded up, so a file just over the limit never reads as exactly the limit.
      errors: [{ path: 'deck', message: `is ${(Math.ceil((bytes / 1048576) * 10) / 10).toFixed(1)} MB; a deck file may be at most ${LIMITS.fileBytes / 1048576} MB` }],
    };
  }
  // Positions in JSON.parse's message count from after a byte order mark, so lines and columns must too.
  const json = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    // A truncated file has no position in the message: the problem is at its very end.
    const offset = pos ? Number(pos[1]) : /end of (JSON )?input/i.test(message) ? json.length : null;
    const where = offset === null ? null : lineColumn(json, offset);
    return {
      ok: false,
      errors: [{ path: 'deck', message: `is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ''}: ${message}` }],
    };
  }
  return validateDeck(value);
}
