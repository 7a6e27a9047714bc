/**
 * Grades by name: the numbers of ts-fsrs's `Rating`, which the review log stores. Import the
 * module as a namespace (`import * as Rating from '../srs/rating'`) and write `Rating.Again`; the
 * bundler puts the numbers in place.
 */
import type { Grade } from './types';

export const Again = 1;
export const Hard = 2;
export const Good = 3;
export const Easy = 4;

/** Every grade, from Again to Easy. */
export const GRADES: readonly Grade[] = [Again, Hard, Good, Easy];

/** Whether `x` is one of the four grades. */
export function isGrade(x: unknown): x is Grade {
  return GRADES.includes(x as Grade);
}
