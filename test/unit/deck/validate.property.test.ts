/**
 * Property tests for the validator: whatever it is given (arbitrary JSON, or a valid deck bent by
 * random edits), it never throws, and it answers either with a deck that survives a JSON round trip
 * or with a non-empty list of errors whose paths lead into the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeckSchema } from '../../../src/deck/schema';
import { parseDeckJson, validateDeck, type DeckResult } from '../../../src/deck/validate';
import { readJson, validDeck } from './helpers';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const DECK_FIELDS = new Set(Object.keys(DeckSchema.entries));

/** The first key of an error path: `cards[3].x` → `cards`, `["odd key"].y` → `odd key`. */
function firstKey(path: string): string {
  const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(path);
  if (quoted) return JSON.parse(quoted[1]!) as string;
  return /^[^.[]+/.exec(path)?.[0] ?? '';
}

/** The invariants every answer of `validateDeck(input)` must satisfy. */
function expectSound(input: unknown, result: DeckResult): void {
  if (result.ok) {
    const copy = JSON.parse(JSON.stringify(result.deck));
    const again = validateDeck(copy);
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.deck).toEqual(result.deck);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.message === 'string' && error.message.length > 0).toBe(true);
    expect(error.path).not.toMatch(/undefined|NaN/);
  }
  if (!isObject(input)) {
    expect(result.errors).toEqual([{ path: 'deck', message: expect.any(String) }]);
    return;
  }
  for (const error of result.errors) {
    const key = firstKey(error.path);
    // Either the error is about a key the input has, or about a deck field it lacks.
    const real = Object.hasOwn(input, key) || (DECK_FIELDS.has(key) && error.message === 'is required');
    expect(real, `${error.path}: ${error.message}`).toBe(true);
  }
}

/** Every place in a JSON tree that an edit can touch: the container and the key inside it. */
function places(node: Json, out: { parent: Json[] | { [key: string]: Json }; key: Key }[] = []) {
  if (Array.isArray(node)) node.forEach((child, i) => (out.push({ parent: node, key: i }), places(child, out)));
  else if (isObject(node)) for (const [k, child] of Object.entries(node)) out.push({ parent: node, key: k }), places(child, out);
  return out;
}

interface Edit {
  op: 'delete' | 'set' | 'duplicate' | 'rename' | 'add';
  at: number;
  key: string;
  value: Json;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom<Edit['op']>('delete', 'set', 'duplicate', 'rename', 'add'),
  at: fc.nat(),
  key: fc.string({ maxLength: 10 }),
  value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
});

/** Applies one random edit to `deck` in place. */
function applyEdit(deck: Json, { op, at, key, value }: Edit) {
  const all = places(deck);
  if (!all.length) return;
  const { parent, key: k } = all[at % all.length]!;
  const current = (parent as Record<Key, Json>)[k]!;
  if (Array.isArray(parent)) {
    const i = k as number;
    if (op === 'delete') parent.splice(i, 1);
    else if (op === 'duplicate') parent.splice(i, 0, structuredClone(current));
    else if (op === 'add') parent.push(value);
    else parent[i] = value;
    return;
  }
  const obj = parent as { [key: string]: Json };
  if (op === 'delete') delete obj[k];
  else if (op === 'rename') {
    delete obj[k];
    obj[key] = current;
  } else if (op === 'add') obj[key] = value;
  else if (op === 'duplicate' && Array.isArray(current) && current.length) current.push(structuredClone(current[at % current.length]!));
  else obj[k] = value;
}

const article: Json = readJson('decks/article-full.json');
const brief: Json = readJson('decks/article-brief.json');
const sample: Json = validDeck();

describe('validateDeck properties', () => {
  it('answers soundly for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expectSound(input, validateDeck(input));
      }),
      { numRuns: 500 },
    );
  });

  it('answers soundly for arbitrary objects with deck-like fields', () => {
    const deckish = fc.record(
      {
        id: fc.oneof(fc.constantFrom('deck', 'Bad Id', ''), fc.jsonValue({ maxDepth: 1 })),
        version: fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 1 })),
        title: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
        keyPoints: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'B c'), text: fc.string() }), { maxLength: 3 }),
        cards: fc.array(
          fc.oneof(
            fc.record({ id: fc.constantFrom('x', 'y'), type: fc.constant('cloze'), text: fc.string(), keyPoint: fc.constantFrom('a', 'z') }),
            fc.record({ id: fc.constantFrom('x', 'y'), type: fc.constant('mcq'), question: fc.string(), choices: fc.array(fc.string(), { maxLength: 9 }), answer: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 4 })) }),
            fc.jsonValue({ maxDepth: 2 }),
          ),
          { maxLength: 5 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(deckish, (input) => {
        expectSound(input, validateDeck(input));
      }),
      { numRuns: 500 },
    );
  });

  it('answers soundly for random edits of valid decks, and the unedited decks pass', () => {
    for (const deck of [article, brief, sample]) expect(validateDeck(deck).ok).toBe(true);
    const seen = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.constantFrom(article, brief, sample), fc.array(edit, { minLength: 1, maxLength: 3 }), (base, edits) => {
        const input = structuredClone(base);
        for (const e of edits) applyEdit(input, e);
        const result = validateDeck(input);
        seen[result.ok ? 'ok' : 'rejected'] += 1;
        expectSound(input, result);
      }),
      { numRuns: 400 },
    );
    // Both answers must have been exercised, or the property proved little.
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.rejected).toBeGreaterThan(0);
  });

  it('never throws on arbitrary text given as a deck file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const result = parseDeckJson(text);
        expect(result.ok || result.errors.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
