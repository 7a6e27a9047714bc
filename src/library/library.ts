/**
 * The learner's library: bundled decks (from the published index) merged with decks kept in the
 * store (imported or authored). A stored deck with the same id as a bundled one replaces it, so a
 * teacher's edited copy wins. Views ask here, never the catalog or the store directly, for decks.
 */
import { loadBundledDeck, loadDeckIndex, pageDeckIndex } from '../deck/catalog';
import type { DeckIndex, DeckSummary } from '../deck/catalog-types';
import type { Deck } from '../deck/schema';
import { getStoredDeck, listStoredDeckSummaries, onStoreChange, type StoredDeck, type StoredDeckSummary } from '../store';

export type DeckOrigin = 'bundled' | 'imported' | 'authored';

export interface LibraryEntry {
  summary: DeckSummary;
  origin: DeckOrigin;
}

let index: Promise<DeckIndex> | null = null;

// The bundled index only changes with an app update (which reloads the page), so load it once:
// from the page itself when the build wrote it there, else from decks/index.json.
function bundledIndex(): Promise<DeckIndex> {
  if (!index) {
    const inPage = pageDeckIndex();
    index = inPage ? Promise.resolve(inPage) : loadDeckIndex();
    index.catch(() => (index = null));
  }
  return index;
}

/** The bundled decks as the page holds them, at once (the prerendered home's list); null when it holds none. */
export function bundledEntriesNow(): LibraryEntry[] | null {
  const inPage = pageDeckIndex();
  return inPage && inPage.decks.map((summary) => ({ summary, origin: 'bundled' }));
}

/** Forgets the cached bundled index (tests, or after an update without reload). */
export function forgetBundledIndex(): void {
  index = null;
}

let stored: Promise<Map<string, StoredDeckSummary>> | null = null;
/** Stored decks read in full so far, by id. */
const full = new Map<string, Promise<StoredDeck | undefined>>();
let storeWatch: (() => void) | null = null;

/**
 * Imported and authored decks' summaries by id, read once and kept until the store changes (in
 * this tab or another). Listing the library never reads a stored deck's cards.
 */
function storedSummaries(): Promise<Map<string, StoredDeckSummary>> {
  storeWatch ??= onStoreChange(() => {
    stored = null;
    full.clear();
  });
  if (!stored) {
    const reading = listStoredDeckSummaries().then((all) => new Map(all.map((s) => [s.summary.id, s])));
    reading.catch(() => {
      if (stored === reading) stored = null;
    });
    stored = reading;
  }
  return stored;
}

/** One stored deck in full, read once until the store changes. */
function storedDeck(id: string): Promise<StoredDeck | undefined> {
  let pending = full.get(id);
  if (!pending) {
    pending = getStoredDeck(id);
    full.set(id, pending);
    pending.catch(() => {
      if (full.get(id) === pending) full.delete(id);
    });
  }
  return pending;
}

/** Every deck: bundled ones in index order (replaced by a stored copy with the same id), then the rest by title. */
export async function listDecks(): Promise<LibraryEntry[]> {
  const [bundled, own] = await Promise.all([bundledIndex(), storedSummaries()]);
  const byId = new Map(own);
  const entries: LibraryEntry[] = bundled.decks.map((summary) => {
    const own = byId.get(summary.id);
    if (!own) return { summary, origin: 'bundled' };
    byId.delete(summary.id);
    return { summary: own.summary, origin: own.origin };
  });
  const rest = [...byId.values()]
    .sort((a, b) => a.summary.title.localeCompare(b.summary.title))
    .map((s): LibraryEntry => ({ summary: s.summary, origin: s.origin }));
  return [...entries, ...rest];
}

/** One deck with where it came from, or null when no deck has this id. */
export async function getDeckEntry(id: string): Promise<{ deck: Deck; origin: DeckOrigin } | null> {
  if ((await storedSummaries()).has(id)) {
    const own = await storedDeck(id);
    if (own) return { deck: own.deck, origin: own.origin };
  }
  const summary = (await bundledIndex()).decks.find((d) => d.id === id);
  if (!summary) return null;
  return { deck: await loadBundledDeck(summary.file), origin: 'bundled' };
}

/** One deck by id (a stored copy first, then the bundled one), or null when there is none. */
export async function getDeck(id: string): Promise<Deck | null> {
  return (await getDeckEntry(id))?.deck ?? null;
}
