/**
 * Deck → file: the JSON a teacher downloads or shares. Output passes `npm run decks:check`:
 * `$schema` points at the published schema, `format` is 1, or 2 for a deck with media, keys in the documented order.
 * Pure: the download and the Web Share call live in the editor view.
 */
import { DECK_FORMAT, MEDIA_FORMAT, type Deck } from '../deck/schema';

export const DECK_SCHEMA_URL = 'https://briefdeck.app/deck.schema.json';

const ORDER = ['id', 'version', 'title', 'description', 'language', 'tags', 'source', 'keyPoints', 'media', 'cards'] as const;

/** The deck as a plain object with `$schema` and `format` first and fields in the documented order. */
export function exportableDeck(deck: Deck): Deck {
  const out: Record<string, unknown> = { $schema: DECK_SCHEMA_URL, format: deck.media?.length ? MEDIA_FORMAT : DECK_FORMAT };
  for (const key of ORDER) if (deck[key] !== undefined) out[key] = deck[key];
  return out as Deck;
}

/** Pretty-printed JSON text with a final newline, as the bundled deck files are written. */
export function deckToJson(deck: Deck): string {
  return `${JSON.stringify(exportableDeck(deck), null, 2)}\n`;
}

/** `my-deck.json` */
export function deckFileName(deck: Deck): string {
  return `${deck.id}.json`;
}
