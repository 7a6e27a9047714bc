/**
 * What a deck list needs of a stored deck, kept in `meta` beside it (`summaryKey` in `keys.ts`)
 * and written in the same transaction as the deck, so listing the library reads a few small
 * records instead of every deck's cards. Whatever writes or removes a stored deck writes or removes its summary too.
 */
import type { DeckSummary } from '../deck/catalog-types';
import { summarise } from '../deck/summary';
import type { StoredDeck } from './schema';

export interface StoredDeckSummary {
  summary: DeckSummary;
  origin: StoredDeck['origin'];
  updated: number;
}

/** The summary a deck list shows of a stored deck. */
export const summaryOf = (stored: StoredDeck): StoredDeckSummary => ({
  summary: summarise(stored.deck),
  origin: stored.origin,
  updated: stored.updated,
});

/** Whether a record read back from `meta` is a usable summary. */
export function isSummary(x: unknown): x is StoredDeckSummary {
  const s = x as StoredDeckSummary | undefined;
  return !!s && typeof s === 'object' && typeof s.summary?.id === 'string' && typeof s.summary.title === 'string';
}
