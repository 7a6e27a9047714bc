/**
 * Loads the bundled decks the build publishes (`decks/index.json`, `decks/<id>.json`).
 * The service worker precaches both, so this works offline once installed.
 * Imported and authored decks come from the store, not from here.
 *
 * Bundled decks are fully validated at build time (`scripts/vite-plugin-decks.ts`), so the app
 * does not ship the schema validator on its study path. What can still go wrong at run time is a
 * damaged cache or a wrong response (truncated JSON, an HTML page, an old file): a small
 * structural check of the fields the screens read turns that into a clear error, not a crash.
 */
import type { DeckIndex } from './catalog-types';
import type { Deck } from './schema';

const base = import.meta.env.BASE_URL;

/** The list of bundled decks. */
export async function loadDeckIndex(fetcher: typeof fetch = fetch): Promise<DeckIndex> {
  const res = await fetcher(`${base}decks/index.json`);
  if (!res.ok) throw new Error(`Could not load the deck list (HTTP ${res.status}).`);
  const data = await readJson(res, 'The deck list');
  const problem = checkIndex(data);
  if (problem) throw new Error(`The deck list is damaged: ${problem}`);
  return data as DeckIndex;
}

/** Where index.html carries the bundled deck list (a JSON data block the build writes; never run). */
export const PAGE_INDEX_ID = 'deck-index';

/**
 * The bundled deck list the page was built with (index.html's data block), read without a
 * request; null when the page has none (tests, the dev server) or it is damaged, and the list is
 * then fetched as before.
 */
export function pageDeckIndex(doc: Document | undefined = globalThis.document): DeckIndex | null {
  const text = doc?.getElementById(PAGE_INDEX_ID)?.textContent;
  if (!text) return null;
  try {
    const data: unknown = JSON.parse(text);
    return checkIndex(data) ? null : (data as DeckIndex);
  } catch {
    return null;
  }
}

const cache = new Map<string, Promise<Deck>>();

/** Forgets the bundled decks loaded so far (tests). */
export function forgetBundledDecks(): void {
  cache.clear();
}

/** One bundled deck by its published file, checked again so a damaged cache cannot poison the app. */
export function loadBundledDeck(file: string, fetcher: typeof fetch = fetch): Promise<Deck> {
  let pending = cache.get(file);
  if (!pending) {
    pending = (async () => {
      const res = await fetcher(`${base}${file}`);
      if (!res.ok) throw new Error(`Could not load ${file} (HTTP ${res.status}).`);
      const data = await readJson(res, file);
      const problem = checkDeckShape(data);
      if (problem) throw new Error(`${file} is damaged: ${problem}`);
      return data as Deck;
    })();
    pending.catch(() => cache.delete(file));
    cache.set(file, pending);
  }
  return pending;
}

async function readJson(res: Response, what: string): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    throw new Error(`${what} is damaged: it is not valid JSON.`);
  }
}

type Check = (x: unknown) => boolean;
type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const text: Check = (x) => typeof x === 'string';
const texts: Check = (x) => Array.isArray(x) && x.every(text);
const whole: Check = (x) => Number.isInteger(x);
const flag: Check = (x) => typeof x === 'boolean';
const choice: Check = (x) => whole(x) && (x as number) >= 0;

/** The fields the screens read, per card type; every card also has an id. */
const CARD_FIELDS: Record<string, Record<string, Check>> = {
  // No prototype: a card type `constructor` finds nothing (the type is outside text).
  __proto__: null as never,
  basic: { front: text, back: text },
  cloze: { text },
  mcq: {
    question: text,
    choices: (x) => texts(x) && (x as string[]).length >= 2,
    answer: (x) => choice(x) || (Array.isArray(x) && x.length > 0 && x.every(choice)),
  },
  truefalse: { statement: text, answer: flag },
  typed: { question: text, answer: text },
  // Each mask is a review item keyed by its id, placed by four numbers and answered by its label.
  occlusion: { image: text, alt: text, masks: (x) => Array.isArray(x) && x.every((m) => isRec(m) && text(m.id) && text(m.label) && [m.x, m.y, m.width, m.height].every(Number.isFinite)) },
};
const CARD_OPTIONAL = { keyPoint: text, explanation: text, tags: texts, accept: texts, reverse: flag, question: text };

const DECK_FIELDS = { id: text, version: whole, title: text };
const DECK_OPTIONAL: Record<string, Check> = {
  description: text,
  language: text,
  tags: texts,
  source: (x) => isRec(x) && text(x.title),
  keyPoints: (x) => Array.isArray(x) && x.every((p) => isRec(p) && text(p.id) && text(p.text)),
};

/** The first field of `obj` that is missing or of the wrong kind, as `path: problem`. */
function checkFields(obj: Rec, at: string, required: Record<string, Check>, optional: Record<string, Check>): string | null {
  for (const [key, ok] of Object.entries(required)) {
    if (!ok(obj[key])) return `${at}${key}: ${obj[key] === undefined ? 'is required' : 'is not well formed'}`;
  }
  for (const [key, ok] of Object.entries(optional)) {
    if (obj[key] !== undefined && !ok(obj[key])) return `${at}${key}: is not well formed`;
  }
  return null;
}

/**
 * The first structural problem of a bundled deck as `path: problem`, or null when the screens can
 * show it safely. Not the full format rules (lengths, slugs, references): the build checked those.
 */
export function checkDeckShape(data: unknown): string | null {
  if (!isRec(data)) return 'deck: must be a JSON object';
  const problem = checkFields(data, '', DECK_FIELDS, DECK_OPTIONAL);
  if (problem) return problem;
  if (!Array.isArray(data.cards) || !data.cards.length) return 'cards: must be a list of at least 1 card';
  // Items and reviews are keyed by card id: a repeated id would mix two cards' schedules.
  const ids = new Set<unknown>();
  for (const [i, card] of (data.cards as unknown[]).entries()) {
    const at = `cards[${i}]`;
    if (!isRec(card) || !text(card.id) || ids.has(card.id)) return `${at}: must be a card with an id of its own`;
    ids.add(card.id);
    const fields = CARD_FIELDS[card.type as string];
    if (!fields) return `${at}.type: must be one of ${Object.keys(CARD_FIELDS).join(', ')}`;
    const bad = checkFields(card, `${at}.`, fields, CARD_OPTIONAL);
    if (bad) return bad;
  }
  return null;
}

/** The first structural problem of the bundled deck list, or null. */
function checkIndex(data: unknown): string | null {
  const ok = isRec(data) && Array.isArray(data.decks) && data.decks.every((d) => isRec(d) && text(d.id) && text(d.title) && text(d.file));
  return ok ? null : 'every deck needs an id, a title and a file';
}
