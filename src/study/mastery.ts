/**
 * Mastery of a deck's key points for the brief: new (nothing studied yet), shaky (something
 * forgotten, still being learnt, or likely to be forgotten soon) or solid. Derived from the items'
 * FSRS retrievability at `now`; pure, so the deck page and tests agree on the rule.
 */
import type { Deck } from '../deck/schema';
import { expandCard } from '../srs/items';
import { retrievability } from '../srs/scheduler';
import type { ItemId, ItemRecord } from '../srs/types';

export type Mastery = 'new' | 'shaky' | 'solid';

/** Below this chance of recall a key point counts as shaky (a little under the default 90 % target). */
export const SOLID_RECALL = 0.85;

export interface KeyPointMastery {
  id: string;
  text: string;
  mastery: Mastery;
  /** Mean recall probability of the studied items, null when none is studied. */
  recall: number | null;
  itemIds: ItemId[];
  studied: number;
}

/** Mastery of one group of items (suspended and orphaned ones do not count). */
export function masteryOf(items: readonly ItemRecord[], now: number): { mastery: Mastery; recall: number | null; studied: number } {
  const live = items.filter((i) => !i.suspended && !i.orphaned);
  const recalls = live.map((i) => retrievability(i, now)).filter((r): r is number => r !== null);
  if (!recalls.length) return { mastery: 'new', recall: null, studied: 0 };
  const recall = recalls.reduce((a, b) => a + b, 0) / recalls.length;
  const learning = live.some((i) => i.state === 1 || i.state === 3);
  const weakest = Math.min(...recalls);
  const allStudied = recalls.length === live.length;
  const mastery: Mastery = !learning && allStudied && weakest >= SOLID_RECALL ? 'solid' : 'shaky';
  return { mastery, recall, studied: recalls.length };
}

/** The brief: each key point of the deck, in deck order, with its mastery. */
export function briefMastery(deck: Deck, items: readonly ItemRecord[], now: number): KeyPointMastery[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return (deck.keyPoints ?? []).map((kp) => {
    const itemIds = deck.cards.filter((c) => c.keyPoint === kp.id).flatMap((c) => expandCard(deck.id, c).map((r) => r.id));
    const records = itemIds.map((id) => byId.get(id)).filter((i): i is ItemRecord => !!i);
    return { id: kp.id, text: kp.text, itemIds, ...masteryOf(records, now) };
  });
}

export { keyPointItems } from './key-points';
