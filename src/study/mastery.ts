/**
 * Mastery of a deck's key points for the brief: new (nothing studied yet), shaky (something
 * forgotten, still being learnt, or likely to be forgotten soon) or solid. Derived from the items'
 * FSRS retrievability at `now`; pure, so the deck page and tests agree on the rule.
 */
import type { Deck } from '../deck/schema';
import { expandCard } from '../deck/items';
import { retrievability } from '../srs/scheduler';
import type { ItemId, ItemRecord } from '../srs/types';
import { countMasteries, groupMastery, type KeyPointMastery, type Mastery } from '../srs/mastery';

/** A key point as the brief shows it. */
export interface BriefPoint extends KeyPointMastery {
  /** Mean recall probability of the studied items, null when none is studied. */
  recall: number | null;
  itemIds: ItemId[];
  studied: number;
}

/** Mastery of one group of items by the shared rule (suspended and orphaned ones do not count). */
export function masteryOf(items: readonly ItemRecord[], now: number): { mastery: Mastery; recall: number | null; studied: number } {
  const live = items.filter((i) => !i.suspended && !i.orphaned);
  const recalls = live.map((i) => retrievability(i, now)).filter((r): r is number => r !== null);
  const recall = recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null;
  return { mastery: groupMastery(countMasteries(live, now)), recall, studied: recalls.length };
}

/** The brief: each key point of the deck, in deck order, with its mastery. */
export function briefMastery(deck: Deck, items: readonly ItemRecord[], now: number): BriefPoint[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return (deck.keyPoints ?? []).map((kp) => {
    const itemIds = deck.cards.filter((c) => c.keyPoint === kp.id).flatMap((c) => expandCard(deck.id, c).map((r) => r.id));
    const records = itemIds.map((id) => byId.get(id)).filter((i): i is ItemRecord => !!i);
    return { id: kp.id, text: kp.text, itemIds, ...masteryOf(records, now) };
  });
}

