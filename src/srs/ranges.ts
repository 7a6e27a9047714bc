/**
 * The one description of the numbers a review item's schedule holds: the range each may take.
 * The backup reader refuses a file whose numbers fall outside it (and the scheduler refuses to
 * write a number that is not finite), so a number no schedule can have (1e308, NaN) never
 * reaches the store. Pure.
 */
import type { FsrsState } from './types';

/** The furthest a JavaScript date reaches from 1970, either way (about 275,000 years). */
export const MAX_TIME = 8.64e15;

/** Each scheduling number's highest value (the lowest is 0); counts are also whole. */
export const FSRS_MAX = {
  // ts-fsrs keeps stability within 36,500 days and difficulty within 1 to 10 (0 before the first answer).
  stability: 36500,
  difficulty: 10,
  elapsed_days: MAX_TIME / 864e5,
  scheduled_days: 36500,
  learning_steps: 99,
  reps: 1e7,
  lapses: 1e7,
} as const;

/** The first scheduling number of `f` that no schedule can hold, as `field value`; null when all fit. */
export function fsrsOutOfRange(f: FsrsState): string | null {
  for (const [k, max] of Object.entries(FSRS_MAX) as [keyof typeof FSRS_MAX, number][]) {
    if (!(f[k] >= 0 && f[k] <= max)) return `${k} ${f[k]}`;
  }
  for (const k of ['due', 'last_review'] as const) if (!(Math.abs(f[k] ?? 0) <= MAX_TIME)) return `${k} ${f[k]}`;
  return null;
}
