/**
 * Mastery of a deck's key points for the brief: new (nothing studied yet), shaky (something
 * forgotten, still being learnt, or likely to be forgotten soon) or solid. Derived from the items'
 * FSRS retrievability at `now`; pure, so the deck page and tests agree on the rule.
 */
import type { Deck } from '../deck/schema';
import { expandCard } from '../deck/items';
import { recallWith } from '../srs/retrievability';
import type { ItemId, ItemRecord, Settings } from '../srs/types';
import { countMasteries, groupMastery, type KeyPointMastery, type Mastery } from '../srs/mastery';

/** A key point as the brief shows it. */
export interface BriefPoint extends KeyPointMastery {
  /** Mean recall probability of the items past their first steps (in review), null when none is. */
  recall: number | null;
  /** The lowest of those, which is what makes a point shaky when nothing is being learnt. */
  weakest: number | null;
  /** Cards of the point still in their learning or relearning steps (answered Again, or just met). */
  learning: number;
  itemIds: ItemId[];
  studied: number;
}

/**
 * Mastery of one group of items by the shared rule (suspended and orphaned ones do not count),
 * recall predicted by the learner's fitted `parameters` (the defaults when there are none).
 */
export function masteryOf(
  items: readonly ItemRecord[],
  now: number,
  parameters: Settings['parameters'] = {},
): { mastery: Mastery; recall: number | null; weakest: number | null; learning: number; studied: number } {
  const recallOf = recallWith(parameters);
  const live = items.filter((i) => !i.suspended && !i.orphaned);
  // A card in its steps was just answered, so its recall reads near 100 % whatever the grade:
  // it counts as still being learnt, never as recall.
  const steps = live.filter((i) => i.state === 1 || i.state === 3);
  const recalls = live
    .filter((i) => i.state === 2)
    .map((i) => recallOf(i, now))
    .filter((r): r is number => r !== null);
  const recall = recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null;
  return {
    mastery: groupMastery(countMasteries(live, now, recallOf)),
    recall,
    weakest: recalls.length ? Math.min(...recalls) : null,
    learning: new Set(steps.map((i) => i.cardId)).size,
    studied: recalls.length + steps.length,
  };
}

/** The brief: each key point of the deck, in deck order, with its mastery (by the fitted `parameters`). */
export function briefMastery(deck: Deck, items: readonly ItemRecord[], now: number, parameters: Settings['parameters'] = {}): BriefPoint[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return (deck.keyPoints ?? []).map((kp) => {
    const itemIds = deck.cards.filter((c) => c.keyPoint === kp.id).flatMap((c) => expandCard(deck.id, c).map((r) => r.id));
    const records = itemIds.map((id) => byId.get(id)).filter((i): i is ItemRecord => !!i);
    return { id: kp.id, text: kp.text, itemIds, ...masteryOf(records, now, parameters) };
  });
}

