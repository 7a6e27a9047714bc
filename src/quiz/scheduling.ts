/**
 * How a quiz answer touches the learner's schedule, and which items count as "shaky".
 * Pure: the quiz screen passes the result to the store's `recordReview`.
 *
 * Default (`settings.quizScheduling = 'again-on-wrong'`):
 * - a wrong answer is graded Again and rescheduled, so the card comes back soon in study;
 * - a right answer on a card that is due is graded Good and rescheduled (it was a fair review);
 * - a right answer on a card that is not due yet, or not studied yet, is logged but leaves the
 *   schedule alone (a quiz is not a substitute for spaced practice).
 * With `'none'` every answer is logged and no schedule changes.
 * Every answer is written to the review log with mode 'quiz' either way.
 */
import type { Grade, ItemRecord, Settings } from '../srs/types';
import { itemMastery } from '../srs/mastery';
import { recallWith } from '../srs/retrievability';
import * as State from '../srs/state';
import * as Rating from '../srs/rating';

export interface QuizReviewPlan {
  grade: Grade;
  reschedule: boolean;
}

/** True when the item is due for review now (new items are not: they have not been studied). */
export function isDue(item: ItemRecord | undefined, now: number): boolean {
  return !!item && item.state !== State.New && item.due <= now;
}

/** The grade and whether to reschedule for one quiz answer. */
export function planQuizReview(
  item: ItemRecord | undefined,
  correct: boolean,
  now: number,
  mode: Settings['quizScheduling'],
): QuizReviewPlan {
  if (mode === 'none') return { grade: correct ? Rating.Good : Rating.Again, reschedule: false };
  if (!correct) return { grade: Rating.Again, reschedule: true };
  return { grade: Rating.Good, reschedule: isDue(item, now) };
}

export type Shakiness = 'shaky' | 'steady' | 'new';

/**
 * Learning or relearning, or predicted recall under 80% (by the learner's fitted `parameters`,
 * else the defaults): shaky. Never studied: new.
 */
export function shakiness(item: ItemRecord, now: number, parameters: Settings['parameters'] = {}): Shakiness {
  const m = itemMastery(item, now, recallWith(parameters));
  return m === 'solid' ? 'steady' : m;
}
