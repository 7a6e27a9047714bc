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

const cache = new Map<string, Promise<Deck>>();

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

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === 'string';
const isTextList = (x: unknown) => Array.isArray(x) && x.every(isText);
const isIndex = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;

/** Per card type: the fields the study, quiz and browser screens read, and whether each is well formed. */
const CARD_FIELDS: Record<string, Record<string, (x: unknown) => boolean>> = {
  basic: { front: isText, back: isText },
  cloze: { text: isText },
  mcq: {
    question: isText,
    choices: (x) => isTextList(x) && (x as string[]).length >= 2,
    answer: (x) => isIndex(x) || (Array.isArray(x) && x.length > 0 && x.every(isIndex)),
  },
  truefalse: { statement: isText, answer: (x) => typeof x === 'boolean' },
  typed: { question: isText, answer: isText },
};

const OPTIONAL_CARD_FIELDS: Record<string, (x: unknown) => boolean> = {
  keyPoint: isText,
  explanation: isText,
  tags: isTextList,
  accept: isTextList,
  reverse: (x) => typeof x === 'boolean',
};

/**
 * The first structural problem of a bundled deck as `path: message`, or null when the screens can
 * show it safely. Not the full format rules (lengths, slugs, references): the build checked those.
 */
export function checkDeckShape(data: unknown): string | null {
  if (!isRec(data)) return 'deck: must be a JSON object';
  if (!isText(data.id) || !data.id) return 'id: must be a text id';
  if (!Number.isInteger(data.version)) return 'version: must be a whole number';
  if (!isText(data.title)) return 'title: must be text';
  for (const key of ['description', 'language'] as const) {
    if (data[key] !== undefined && !isText(data[key])) return `${key}: must be text`;
  }
  if (data.tags !== undefined && !isTextList(data.tags)) return 'tags: must be a list of tags';
  if (data.source !== undefined && !(isRec(data.source) && isText(data.source.title))) {
    return 'source: must be a citation with a title';
  }
  if (data.keyPoints !== undefined) {
    if (!Array.isArray(data.keyPoints)) return 'keyPoints: must be a list of key points';
    const bad = data.keyPoints.findIndex((p) => !(isRec(p) && isText(p.id) && isText(p.text)));
    if (bad !== -1) return `keyPoints[${bad}]: must be a key point with id and text`;
  }
  if (!Array.isArray(data.cards) || data.cards.length === 0) return 'cards: must be a list of at least 1 card';
  const ids = new Set<string>();
  for (let i = 0; i < data.cards.length; i++) {
    const problem = checkCard(data.cards[i] as unknown, ids);
    if (problem) return `cards[${i}]${problem}`;
  }
  return null;
}

function checkCard(card: unknown, ids: Set<string>): string | null {
  if (!isRec(card)) return ': must be a card object';
  if (!isText(card.id) || !card.id) return '.id: must be a text id';
  // Items and reviews are keyed by card id: a repeated id would mix two cards' schedules.
  if (ids.has(card.id)) return `.id: "${card.id}" is used by an earlier card`;
  ids.add(card.id);
  const fields = isText(card.type) ? CARD_FIELDS[card.type] : undefined;
  if (!fields) return `.type: must be one of ${Object.keys(CARD_FIELDS).join(', ')}`;
  for (const [key, ok] of Object.entries(fields)) {
    if (!ok(card[key])) return `.${key}: ${card[key] === undefined ? 'is required' : 'is not well formed'}`;
  }
  for (const [key, ok] of Object.entries(OPTIONAL_CARD_FIELDS)) {
    if (card[key] !== undefined && !ok(card[key])) return `.${key}: is not well formed`;
  }
  return null;
}

/** The first structural problem of the bundled deck list, or null. */
function checkIndex(data: unknown): string | null {
  if (!isRec(data) || !Array.isArray(data.decks)) return 'it must be an object with a list of decks';
  const bad = data.decks.findIndex(
    (d) => !(isRec(d) && isText(d.id) && isText(d.title) && isText(d.file) && Number.isInteger(d.cardCount)),
  );
  return bad === -1 ? null : `decks[${bad}] must have an id, title, file and card count`;
}
