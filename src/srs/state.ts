/**
 * FSRS item states by name: the numbers of ts-fsrs's `State`, which items store. Import the
 * module as a namespace (`import * as State from '../srs/state'`) and write `State.Review`; the
 * bundler puts the numbers in place.
 */
export const New = 0;
export const Learning = 1;
export const Review = 2;
export const Relearning = 3;

/** Learning or relearning: an item on short steps measured in minutes. */
export function isLearning(state: number): boolean {
  return state === Learning || state === Relearning;
}
