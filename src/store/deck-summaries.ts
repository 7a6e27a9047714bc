/**
 * What a deck list needs of a stored deck, kept in \`meta\` beside it (\`deck:<id>\`) and written in
 * the same transaction as the deck, so listing the library reads a few small records instead of
 * every deck's cards. Whatever writes or removes a stored deck writes or removes its summary too.
 */
import type { DeckSummary } from '../deck/catalog-types';
import { summarise } from '../deck/summary';
import type { StoredDeck } from './schema';

export interface StoredDeckSummary {
  summary: DeckSummary;
  origin: StoredDeck['origin'];
  updated: number;
}

const PREFIX = 'deck:';

/** The \`meta\` key of a stored deck's summary. */
export const summaryKey = (deckId: string) => `${PREFIX}${deckId}`;

/** Every stored deck's summary, as a key range of the \`meta\` store. */
export const summaryKeys = () => IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`);

/** The deck id a summary key names. */
export const summaryDeckId = (key: IDBValidKey) => String(key).slice(PREFIX.length);

export const summaryOf = (stored: StoredDeck): StoredDeckSummary => ({
  summary: summarise(stored.deck),
  origin: stored.origin,
  updated: stored.updated,
});

/** Whether a record read back from \`meta\` is a usable summary. */
export function isSummary(x: unknown): x is StoredDeckSummary {
  const s = x as StoredDeckSummary | undefined;
  return !!s && typeof s === 'object' && typeof s.summary?.id === 'string' && typeof s.summary.title === 'string';
}
