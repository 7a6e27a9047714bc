/**
 * The learner's library: bundled decks (from the published index) merged with decks kept in the
 * store (imported or authored). A stored deck with the same id as a bundled one replaces it, so a
 * teacher's edited copy wins. Views ask here, never the catalog or the store directly, for decks.
 */
import { loadBundledDeck, loadDeckIndex } from './catalog';
import type { DeckIndex, DeckSummary } from './catalog-types';
import type { Deck } from './schema';
import { summarise } from './summary';
import { listStoredDecks, onStoreChange, type StoredDeck } from '../store';

export type DeckOrigin = 'bundled' | 'imported' | 'authored';

export interface LibraryEntry {
  summary: DeckSummary;
  origin: DeckOrigin;
}

let index: Promise<DeckIndex> | null = null;

// The bundled index only changes with an app update (which reloads the page), so load it once.
function bundledIndex(): Promise<DeckIndex> {
  if (!index) {
    index = loadDeckIndex();
    index.catch(() => (index = null));
  }
  return index;
}

/** Forgets the cached bundled index (tests, or after an update without reload). */
export function forgetBundledIndex(): void {
  index = null;
}

let stored: Promise<Map<string, StoredDeck>> | null = null;
let storeWatch: (() => void) | null = null;

/**
 * Imported and authored decks by id, read once and kept until the store changes (in this tab or
 * another), so a study session's start does not read every stored deck twice.
 */
function storedDecks(): Promise<Map<string, StoredDeck>> {
  storeWatch ??= onStoreChange(() => {
    stored = null;
  });
  if (!stored) {
    const reading = listStoredDecks().then((all) => new Map(all.map((s) => [s.deck.id, s])));
    reading.catch(() => {
      if (stored === reading) stored = null;
    });
    stored = reading;
  }
  return stored;
}

/** Forgets the stored decks read so far (tests that swap the database under the library). */
export function forgetStoredDecks(): void {
  stored = null;
}

export { summarise };

/** Every deck: bundled ones in index order (replaced by a stored copy with the same id), then the rest by title. */
export async function listDecks(): Promise<LibraryEntry[]> {
  const [bundled, own] = await Promise.all([bundledIndex(), storedDecks()]);
  const byId = new Map(own);
  const entries: LibraryEntry[] = bundled.decks.map((summary) => {
    const own = byId.get(summary.id);
    if (!own) return { summary, origin: 'bundled' };
    byId.delete(summary.id);
    return { summary: summarise(own.deck), origin: own.origin };
  });
  const rest = [...byId.values()]
    .sort((a, b) => a.deck.title.localeCompare(b.deck.title))
    .map((s): LibraryEntry => ({ summary: summarise(s.deck), origin: s.origin }));
  return [...entries, ...rest];
}

/** One deck with where it came from, or null when no deck has this id. */
export async function getDeckEntry(id: string): Promise<{ deck: Deck; origin: DeckOrigin } | null> {
  const own = (await storedDecks()).get(id);
  if (own) return { deck: own.deck, origin: own.origin };
  const summary = (await bundledIndex()).decks.find((d) => d.id === id);
  if (!summary) return null;
  return { deck: await loadBundledDeck(summary.file), origin: 'bundled' };
}

/** One deck by id (a stored copy first, then the bundled one), or null when there is none. */
export async function getDeck(id: string): Promise<Deck | null> {
  return (await getDeckEntry(id))?.deck ?? null;
}
