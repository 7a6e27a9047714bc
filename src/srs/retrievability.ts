/**
 * An item's probability of recall now, from its FSRS memory state. Its own module, apart from the
 * scheduler, because only the deck page, stats and quizzes ask for it: the study screen never does,
 * so it stays out of the code loaded to study.
 */
import { schedulerFor, toCard } from './scheduler';
import { DEFAULT_SETTINGS, type ItemRecord } from './types';
import * as State from './state';

/** Probability (0–1) of recalling the item at `now`; null for an item never studied. */
export function retrievability(item: ItemRecord, now: number): number | null {
  if (item.fsrs.state === State.New || item.fsrs.last_review === undefined) return null;
  // Retrievability depends on the parameters alone, not on retention or fuzz.
  return schedulerFor(DEFAULT_SETTINGS).get_retrievability(toCard(item.fsrs), new Date(Math.max(now, item.fsrs.last_review)), false);
}
