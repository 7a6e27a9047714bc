/** What a deck list shows of a deck without loading its cards: one shape for the build's index and the app's library. */
import type { DeckSummary } from './catalog-types';
import type { Deck } from './schema';
import { deckItemsSignature } from './items.ts';

/** The summary of a deck; `file` is its published file (`decks/<id>.json`), empty for a stored deck. */
export function summarise(deck: Deck, file = ''): DeckSummary {
  return {
    id: deck.id,
    version: deck.version,
    title: deck.title,
    ...(deck.description ? { description: deck.description } : {}),
    ...(deck.tags ? { tags: deck.tags } : {}),
    cardCount: deck.cards.length,
    keyPointCount: deck.keyPoints?.length ?? 0,
    file,
    items: deckItemsSignature(deck),
  };
}
