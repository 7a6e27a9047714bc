/** The bundled deck index (`/decks/index.json`), generated at build time from `decks/*.json`. */
export interface DeckSummary {
  id: string;
  version: number;
  title: string;
  description?: string;
  tags?: string[];
  cardCount: number;
  keyPointCount: number;
  /** URL of the deck file, relative to the app root, e.g. `decks/article-full.json`. */
  file: string;
  /** Fingerprint of the review items its cards call for (`deckItemsSignature`). */
  items?: string;
}

export interface DeckIndex {
  format: 1;
  decks: DeckSummary[];
}
