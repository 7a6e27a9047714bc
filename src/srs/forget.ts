/**
 * Resetting an item (Anki's Forget): the card back to new, its history kept. One rule for the
 * store (the card browser's Reset) and for sync's replay of a reset event, so both give the same
 * item. Pure; kept out of the study path.
 */
import { fromCard, schedulerFor, toCard } from './scheduler';
import type { ItemRecord, Settings } from './types';

/**
 * `item` back to new at `at`: an empty FSRS state (reps and lapses counted from zero again) due at
 * `at`, no longer a leech or buried. Suspension stays as it was; `queue` is the caller's to set.
 */
export function forgetItem(item: ItemRecord, at: number, settings: Settings): ItemRecord {
  const fsrs = fromCard(schedulerFor(settings).forget(toCard(item.fsrs), new Date(at), true).card);
  return { ...item, fsrs, due: fsrs.due, state: fsrs.state, leech: false, buriedUntil: 0 };
}
