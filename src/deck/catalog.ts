/**
 * Loads the bundled decks the build publishes (`decks/index.json`, `decks/<id>.json`).
 * The service worker precaches both, so this works offline once installed.
 * Imported and authored decks come from the store, not from here.
 */
import type { DeckIndex } from './catalog-types';
import type { Deck } from './schema';
import { validateDeck, formatError } from './validate';

const base = import.meta.env.BASE_URL;

/** The list of bundled decks. */
export async function loadDeckIndex(fetcher: typeof fetch = fetch): Promise<DeckIndex> {
  const res = await fetcher(`${base}decks/index.json`);
  if (!res.ok) throw new Error(`Could not load the deck list (HTTP ${res.status}).`);
  return (await res.json()) as DeckIndex;
}

const cache = new Map<string, Promise<Deck>>();

/** One bundled deck by its published file, validated again so a damaged cache cannot poison the app. */
export function loadBundledDeck(file: string, fetcher: typeof fetch = fetch): Promise<Deck> {
  let pending = cache.get(file);
  if (!pending) {
    pending = (async () => {
      const res = await fetcher(`${base}${file}`);
      if (!res.ok) throw new Error(`Could not load ${file} (HTTP ${res.status}).`);
      const result = validateDeck(await res.json());
      if (!result.ok) throw new Error(`${file} is damaged: ${result.errors.slice(0, 3).map(formatError).join('; ')}`);
      return result.deck;
    })();
    pending.catch(() => cache.delete(file));
    cache.set(file, pending);
  }
  return pending;
}
