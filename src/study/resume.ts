/**
 * The card each study session showed last, kept in localStorage per scope (a deck id, or `all`),
 * so that the next start can put it on screen before the store has even opened. It is only ever
 * a preview: the session still asks the store for its first card, keeps the saved one if the
 * store picks the same card in the same state, and replaces it otherwise; nothing is graded
 * until then. Part of the main bundle: keep it small.
 */
import type { Card, MediaFile } from '../deck/schema';
import type { ItemRecord } from '../srs/types';
import { pageBuild } from '../pwa/state';

export interface ShownCard {
  item: ItemRecord;
  card: Card;
  /** What the screen needs of the deck: its id and title, and the card's key point, if any. */
  deck: { id: string; title: string; keyPoints?: { id: string; text: string }[]; format?: number | undefined; media?: MediaFile[] | undefined; language?: string | undefined };
  /** Cards left after this one when it was shown. */
  remaining: number;
}

interface Saved extends ShownCard {
  build: string | null;
  savedAt: number;
}

/** Bump when the shape of a saved card changes: older entries are then ignored. */
const KEY = 'briefdeck:shown-cards:1';
/** Scopes remembered at most (the newest win). */
const MAX_SCOPES = 8;
/** A saved card older than this is not worth showing: the day's queue has moved on. */
const MAX_AGE_MS = 12 * 3_600_000;

function readAll(): Record<string, Saved> {
  try {
    const all = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return all && typeof all === 'object' && !Array.isArray(all) ? (all as Record<string, Saved>) : {};
  } catch {
    // No storage (private mode, disabled) or an unreadable entry: nothing saved.
    return {};
  }
}

function writeAll(all: Record<string, Saved>): void {
  try {
    if (Object.keys(all).length) localStorage.setItem(KEY, JSON.stringify(all));
    else localStorage.removeItem(KEY);
  } catch {
    // Full or unavailable: the next start simply waits for the store.
  }
}

const isText = (x: unknown) => typeof x === 'string';

/** The text fields each card type needs to render. */
const TEXTS: Record<string, string[]> = {
  // No prototype: a hand-edited entry's type `constructor` must find nothing.
  __proto__: null as never,
  basic: ['front', 'back'],
  cloze: ['text'],
  mcq: ['question'],
  truefalse: ['statement'],
  typed: ['question', 'answer'],
};

/** Enough of a card's shape for the card face to render it (a hand-edited entry must not break the screen). */
function renders(card: Card | undefined): boolean {
  const c = card as unknown as Record<string, unknown> | undefined;
  const texts = c && TEXTS[c.type as string];
  return (
    !!texts &&
    texts.concat('id').every((f) => isText(c[f])) &&
    (c.explanation === undefined || isText(c.explanation)) &&
    (c.type !== 'mcq' || (Array.isArray(c.choices) && c.choices.every(isText))) &&
    (c.type !== 'truefalse' || typeof c.answer === 'boolean')
  );
}

/** The card last shown in `scope`, if it is recent, from this build, still due at `now`, and whole. */
export function savedCard(scope: string, now: number): ShownCard | null {
  // A scope named like an Object property (`constructor`) finds a function with no `build`: refused below.
  const s = readAll()[scope];
  if (!s || s.build !== pageBuild() || !(now - s.savedAt < MAX_AGE_MS) || !(s.item?.due <= now)) return null;
  if (!isText(s.item.id) || !isText(s.item.sub) || !s.item.fsrs || !isText(s.deck?.title) || !renders(s.card)) return null;
  const points = s.deck.keyPoints;
  if (points !== undefined && !(Array.isArray(points) && points.every((k) => isText(k?.id) && isText(k?.text)))) return null;
  return { item: s.item, card: s.card, deck: s.deck, remaining: Number(s.remaining) || 0 };
}

/**
 * Remembers the card now shown in `scope` (or, with null, that the scope has nothing left).
 * Other scopes that were about to show `graded`, the card just answered, forget it.
 */
export function saveShownCard(scope: string, shown: ShownCard | null, now: number, graded?: string): void {
  const all = readAll();
  for (const [key, s] of Object.entries(all)) if (key !== scope && s?.item?.id === graded) delete all[key];
  delete all[scope];
  if (shown) {
    const newest = Object.entries(all)
      .sort(([, a], [, b]) => b.savedAt - a.savedAt)
      .slice(0, MAX_SCOPES - 1);
    writeAll({ ...Object.fromEntries(newest), [scope]: { ...shown, build: pageBuild(), savedAt: now } });
  } else writeAll(all);
}

/** Forgets every saved card (after a restore or an erase: they may show what is gone). */
export function forgetShownCards(): void {
  writeAll({});
}

/** Whether the store's pick is the card already on screen, in the same state. */
export function sameShowing(a: ShownCard, b: ShownCard): boolean {
  return (
    a.item.id === b.item.id &&
    a.item.fsrs.reps === b.item.fsrs.reps &&
    a.item.due === b.item.due &&
    a.item.state === b.item.state &&
    a.deck.title === b.deck.title &&
    JSON.stringify(a.card) === JSON.stringify(b.card) &&
    JSON.stringify(a.deck.keyPoints ?? []) === JSON.stringify(b.deck.keyPoints ?? [])
  );
}
