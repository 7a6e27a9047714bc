/**
 * Validates unknown input against deck formats 1 and 2 and the rules a schema cannot express.
 * Returns every problem at once, each with the JSON path it is about. Never throws.
 * Pure: used by the app's importers, `scripts/decks-check.ts` and the tests.
 */
import * as v from 'valibot';
import { parseCloze } from './cloze.ts';
import { isImageType, isMediaType, mediaNameProblem, mediaRefs, typeOfName } from './media.ts';
import { DeckSchema, LIMITS, MEDIA_FORMAT, type Deck } from './schema.ts';
import { hasVisibleText } from './visible.ts';
import { tooDeepAt } from './json-depth.ts';

/** Deepest nesting a deck file may have: a deck needs 4 levels (deck, cards, a card, its choices). */
export const MAX_JSON_DEPTH = 16;

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
  errors.push(...mediaErrors(input));
  if (!Array.isArray(input.cards)) return errors;
  const cardIds = new Map<string, number>();
  // Review items the cards make (see srs/items.ts), counted as they are checked.
  let items = 0;
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
    if (card.type === 'basic') items += card.reverse === true ? 2 : 1;
    else if (card.type === 'occlusion') items += Array.isArray(card.masks) ? card.masks.length : 0;
    else if (card.type !== 'cloze') items++;
    if (card.type === 'occlusion') errors.push(...maskErrors(card, i));
    if (card.type === 'cloze' && typeof card.text === 'string' && /\S/.test(card.text)) {
      const { numbers, problems, segments } = parseCloze(card.text);
      items += numbers.length;
      for (const p of problems) errors.push({ path: at('text'), message: `${p.message} (at character ${p.offset + 1})` });
      if (!problems.length && numbers.length === 0) {
        errors.push({ path: at('text'), message: 'needs at least one deletion such as {{c1::answer}}' });
      }
      const deletions = segments.filter((x) => x.kind === 'deletion');
      // Bounded so that no card asks for hundreds of items, and no number outgrows what a number holds.
      if (deletions.length > LIMITS.deletions) {
        errors.push({ path: at('text'), message: `has ${deletions.length} deletions; a card may have at most ${LIMITS.deletions}` });
      }
      if (numbers.some((n) => n > LIMITS.clozeNumber)) {
        errors.push({ path: at('text'), message: `numbers a deletion past c${LIMITS.clozeNumber}; deletions are numbered c1 to c${LIMITS.clozeNumber}` });
      }
      const blank = deletions.find((x) => !hasVisibleText(x.answer));
      if (blank) errors.push({ path: at('text'), message: `has an empty answer in c${blank.n}` });
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
  if (items > LIMITS.items) {
    errors.push({ path: 'cards', message: `make ${items} review items; a deck may make at most ${LIMITS.items}` });
  }
  return errors;
}

/** An occlusion card's masks: unique ids, and rectangles of some size that stay on the image. */
function maskErrors(card: Record<string, unknown>, i: number): DeckError[] {
  const errors: DeckError[] = [];
  if (!Array.isArray(card.masks)) return errors;
  const ids = new Map<string, number>();
  card.masks.forEach((mask, j) => {
    if (!isRecord(mask)) return;
    const at = (field: string) => `cards[${i}].masks[${j}].${field}`;
    if (typeof mask.id === 'string') {
      const first = ids.get(mask.id);
      if (first !== undefined) errors.push({ path: at('id'), message: `repeats the mask id "${mask.id}" of masks[${first}]; each mask is its own review item` });
      else ids.set(mask.id, j);
    }
    for (const [start, size, edge] of [['x', 'width', 'right'], ['y', 'height', 'bottom']] as const) {
      const from = mask[start];
      const extent = mask[size];
      if (typeof extent !== 'number' || typeof from !== 'number') continue;
      if (extent === 0) errors.push({ path: at(size), message: 'is 0; a mask must cover some of the image' });
      // A little rounding slack: shares written as decimals may sum to 1.0000000001.
      else if (from + extent > 1 + 1e-9) {
        errors.push({ path: at(size), message: `reaches past the ${edge} edge of the image (${start} + ${size} is ${+(from + extent).toFixed(4)}; at most 1)` });
      }
    }
  });
  return errors;
}

/** Card fields that are deck text and so may refer to media (typed answers are plain text). */
const CARD_TEXT_FIELDS = ['front', 'back', 'text', 'question', 'statement', 'explanation'] as const;

/** Every text field of a deck that may refer to media, with its path. */
function textFields(input: Record<string, unknown>): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  if (typeof input.description === 'string') out.push({ path: 'description', text: input.description });
  if (Array.isArray(input.keyPoints)) {
    input.keyPoints.forEach((kp, i) => {
      if (isRecord(kp) && typeof kp.text === 'string') out.push({ path: `keyPoints[${i}].text`, text: kp.text });
    });
  }
  if (Array.isArray(input.cards)) {
    input.cards.forEach((card, i) => {
      if (!isRecord(card)) return;
      for (const field of CARD_TEXT_FIELDS) {
        const value = card[field];
        if (typeof value === 'string') out.push({ path: `cards[${i}].${field}`, text: value });
      }
      if (card.type === 'mcq' && Array.isArray(card.choices)) {
        card.choices.forEach((c, j) => typeof c === 'string' && out.push({ path: `cards[${i}].choices[${j}]`, text: c }));
      }
    });
  }
  return out;
}

/**
 * Format 2's media rules: safe, unique names of types Briefdeck takes, pixel sizes for images, and
 * references that name a listed file of the right kind, images with alt text. Format 1 text is
 * not read for references: `![x](y)` there stays the characters it always showed.
 */
function mediaErrors(input: Record<string, unknown>): DeckError[] {
  const errors: DeckError[] = [];
  const format2 = input.format === MEDIA_FORMAT;
  if (input.media !== undefined && !format2) {
    errors.push({ path: 'media', message: `needs "format": ${MEDIA_FORMAT}; format 1 decks carry no media` });
    return errors;
  }
  if (!format2) {
    if (Array.isArray(input.cards)) {
      input.cards.forEach((card, i) => {
        if (isRecord(card) && card.type === 'occlusion') {
          errors.push({ path: `cards[${i}].type`, message: `is "occlusion", which needs "format": ${MEDIA_FORMAT} with the picture listed in media` });
        }
      });
    }
    return errors;
  }
  const types = new Map<string, string>();
  if (Array.isArray(input.media)) {
    input.media.forEach((m, i) => {
      if (!isRecord(m) || typeof m.name !== 'string') return;
      const at = (field: string) => `media[${i}].${field}`;
      const problem = mediaNameProblem(m.name);
      if (problem) errors.push({ path: at('name'), message: `"${m.name}" ${problem}` });
      if (types.has(m.name)) errors.push({ path: at('name'), message: `repeats the media name "${m.name}"` });
      if (typeof m.type !== 'string') return;
      types.set(m.name, m.type);
      if (!isMediaType(m.type)) {
        errors.push({ path: at('type'), message: `is "${m.type}", a type Briefdeck does not take (images: PNG, JPEG, WebP, GIF, SVG; sound: MP3, Ogg, WAV, M4A, WebM)` });
      } else if (!problem && typeOfName(m.name) !== m.type) {
        errors.push({ path: at('type'), message: `is "${m.type}", but the name "${m.name}" ends like ${typeOfName(m.name)}` });
      }
      if (isImageType(m.type)) {
        for (const field of ['width', 'height'] as const) {
          if (m[field] === undefined) errors.push({ path: at(field), message: 'is required for an image, so the card keeps its room while it loads' });
        }
      }
    });
  }
  if (Array.isArray(input.cards)) {
    input.cards.forEach((card, i) => {
      if (!isRecord(card) || card.type !== 'occlusion' || typeof card.image !== 'string' || !card.image) return;
      const type = types.get(card.image);
      const path = `cards[${i}].image`;
      if (type === undefined) errors.push({ path, message: `is "${card.image}", which is not in media` });
      else if (!isImageType(type)) errors.push({ path, message: `is "${card.image}", which is ${type}, not a picture` });
    });
  }
  for (const { path, text } of textFields(input)) {
    for (const ref of mediaRefs(text)) {
      const type = types.get(ref.name);
      const where = `(at character ${ref.offset + 1})`;
      if (type === undefined) {
        errors.push({ path, message: `refers to the media "${ref.name}", which is not in media ${where}` });
        continue;
      }
      if (ref.kind === 'image' && !isImageType(type)) errors.push({ path, message: `shows "${ref.name}" as an image, but it is ${type} ${where}` });
      if (ref.kind === 'audio' && !type.startsWith('audio/')) errors.push({ path, message: `plays "${ref.name}" as sound, but it is ${type} ${where}` });
      if (ref.kind === 'image' && !ref.alt) {
        errors.push({ path, message: `shows the image "${ref.name}" without alt text: write what it shows, as in ![a bar chart of sales](${ref.name}) ${where}` });
      }
    }
  }
  return errors;
}

/** Checks any value against deck formats 1 and 2; all errors at once, sorted by path order of discovery. */
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
  const deep = tooDeepAt(json, MAX_JSON_DEPTH);
  if (deep !== -1) {
    const where = lineColumn(json, deep);
    return { ok: false, errors: [{ path: 'deck', message: `nests lists and objects more than ${MAX_JSON_DEPTH} levels deep (line ${where.line}, column ${where.column}); a deck needs 4` }] };
  }
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
