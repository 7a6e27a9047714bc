/**
 * How well a learner knows an item, and a key point from its items: one rule for the brief on the
 * deck page, the stats screen and the quiz's "shaky key points", so they never disagree.
 * Pure: takes items, `now` and (for tests) a recall function.
 */
import { retrievability, type RecallFn } from './retrievability';

export type { RecallFn };
import type { ItemRecord } from './types';
import * as State from './state';

export type Mastery = 'new' | 'shaky' | 'solid';

/** Below this predicted recall a studied item is shaky (a little under the default 90 % target). */
export const SHAKY_RECALL = 0.8;


/** New if never studied; shaky if in (re)learning or likely forgotten; solid otherwise. */
export function itemMastery(item: ItemRecord, now: number, recall: RecallFn = retrievability): Mastery {
  if (item.state === State.New) return 'new';
  if (State.isLearning(item.state)) return 'shaky';
  const r = recall(item, now);
  return r === null ? 'new' : r < SHAKY_RECALL ? 'shaky' : 'solid';
}

/** A key point and how well it is known: the brief and the stats screen each add what they show of it. */
export interface KeyPointMastery {
  id: string;
  text: string;
  mastery: Mastery;
}

/** Counts of a group's items by mastery. */
export type MasteryCounts = Record<Mastery, number>;

/** Tallies items' masteries. */
export function countMasteries(items: Iterable<ItemRecord>, now: number, recall: RecallFn = retrievability): MasteryCounts {
  const counts: MasteryCounts = { new: 0, shaky: 0, solid: 0 };
  for (const item of items) counts[itemMastery(item, now, recall)]++;
  return counts;
}

/**
 * A group's mastery (a key point's items; leave suspended and orphaned ones out): new while none
 * is studied, solid only when every item is studied and solid, shaky in between.
 */
export function groupMastery(counts: MasteryCounts): Mastery {
  if (counts.shaky + counts.solid === 0) return 'new';
  return counts.shaky > 0 || counts.new > 0 ? 'shaky' : 'solid';
}
