/** Shared decks and times for the store tests. */
import type { Deck } from '../../../src/deck/schema';

export const at = (day: number, hour: number, minute = 0) => new Date(2026, 0, day, hour, minute).getTime();
export const T0 = at(10, 9);
export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;

export function deckOf(id: string, cards: number, extra: Deck['cards'] = []): Deck {
  return {
    id,
    version: 1,
    title: `Deck ${id}`,
    cards: [
      ...Array.from({ length: cards }, (_, i) => ({ id: `card-${i + 1}`, type: 'basic' as const, front: `Q${i + 1}`, back: `A${i + 1}` })),
      ...extra,
    ],
  };
}
