/**
 * Gathers what a quiz needs before it starts: the deck (or every deck for `all`), the learner's
 * review items for them (synced first, so new cards have items) and the settings, and turns the
 * route's query (`?keyPoints=a,b`, `?shaky=1`, `?seed=`) into engine options.
 * The only quiz module that talks to the library and the store.
 */
import { getDeck, listDecks } from '../library/library';
import type { Deck } from '../deck/schema';
import type { ItemRef } from '../deck/items';
import type { ItemRecord, Settings } from '../srs/types';
import { getItems, getSettings, syncDeckItems } from '../store';
import { shakiness } from './scheduling';

export const ALL_DECKS = 'all';

export interface QuizSource {
  /** The route id: a deck id or `all`. */
  id: string;
  title: string;
  decks: Deck[];
  items: Map<string, ItemRecord>;
  settings: Settings;
}

export interface QuizFocus {
  keyPointIds?: string[];
  itemFilter?: (ref: ItemRef) => boolean;
  /** Said on the setup screen: what the quiz is narrowed to, if anything. */
  label: string | null;
  seed: string | null;
}

/** Loads the decks and progress for `/quiz/:id`; null when no deck has this id. */
export async function loadQuizSource(id: string, now: number): Promise<QuizSource | null> {
  let decks: Deck[];
  if (id === ALL_DECKS) {
    const entries = await listDecks();
    const loaded = await Promise.all(entries.map((e) => getDeck(e.summary.id)));
    decks = loaded.filter((d): d is Deck => d !== null);
  } else {
    const deck = await getDeck(id);
    if (!deck) return null;
    decks = [deck];
  }
  // Sequential on purpose: each sync is its own write transaction, and a phone has little to spare.
  const items = new Map<string, ItemRecord>();
  for (const deck of decks) {
    await syncDeckItems(deck, now);
    for (const item of await getItems(deck.id)) items.set(item.id, item);
  }
  const settings = await getSettings();
  return { id, title: id === ALL_DECKS ? 'All decks' : decks[0]!.title, decks, items, settings };
}

/** Splits a comma-separated query value into trimmed, non-empty parts. */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Engine options from the route query. Unknown key point ids are an error naming them, since a
 * link that silently quizzes on everything would mislead.
 */
export function focusFromQuery(query: Record<string, string>, source: QuizSource, now: number): QuizFocus | { error: string } {
  const seed = query.seed?.trim() || null;
  const keyPointIds = list(query.keyPoints);
  const known = new Map<string, string>();
  for (const deck of source.decks) for (const kp of deck.keyPoints ?? []) known.set(kp.id, kp.text);
  const unknown = keyPointIds.filter((k) => !known.has(k));
  if (unknown.length) {
    return { error: `${source.title} has no key point ${unknown.map((k) => `"${k}"`).join(', ')} (from the link's keyPoints).` };
  }
  const shaky = query.shaky === '1' || query.shaky === 'true';
  const itemFilter = shaky
    ? (ref: ItemRef) => {
        const item = source.items.get(ref.id);
        return !!item && !item.suspended && !item.orphaned && shakiness(item, now, source.settings.parameters) === 'shaky';
      }
    : undefined;
  const parts: string[] = [];
  if (shaky) parts.push('shaky cards only');
  if (keyPointIds.length === 1) parts.push(`key point: ${known.get(keyPointIds[0]!)}`);
  else if (keyPointIds.length > 1) parts.push(`${keyPointIds.length} key points`);
  return {
    ...(keyPointIds.length ? { keyPointIds } : {}),
    ...(itemFilter ? { itemFilter } : {}),
    label: parts.length ? parts.join('; ') : null,
    seed,
  };
}
