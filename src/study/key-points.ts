/**
 * Review items under some key points, for a focused session ("study shaky key points"). Kept apart
 * from `mastery.ts` so the review screen (main bundle) does not carry the mastery rules.
 */
import type { Deck } from '../deck/schema';
import { expandCard } from '../deck/items';
import type { ItemId } from '../srs/types';

/** Item ids of every card under the given key points, in deck order. */
export function keyPointItems(deck: Deck, keyPointIds: readonly string[]): ItemId[] {
  const wanted = new Set(keyPointIds);
  return deck.cards.filter((c) => c.keyPoint && wanted.has(c.keyPoint)).flatMap((c) => expandCard(deck.id, c).map((r) => r.id));
}
