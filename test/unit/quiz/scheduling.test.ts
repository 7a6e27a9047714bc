import { isDue, planQuizReview, shakiness } from '../../../src/quiz/scheduling';
import { gradeItem, newItem } from '../../../src/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 5, 9);
const ref = { id: 'd/c', deckId: 'd', cardId: 'c', sub: '' };

/** An item graduated to review with Good twice, so it is due some days later. */
function reviewed() {
  let item = newItem(ref, t0);
  item = gradeItem(item, 3, t0, DEFAULT_SETTINGS, { fuzz: false }).item;
  item = gradeItem(item, 3, t0 + 10 * 60_000, DEFAULT_SETTINGS, { fuzz: false }).item;
  return item;
}

describe('planQuizReview (default again-on-wrong)', () => {
  test('a wrong answer is graded Again and rescheduled, whatever the item', () => {
    expect(planQuizReview(reviewed(), false, t0 + DAY, 'again-on-wrong')).toEqual({ grade: 1, reschedule: true });
    expect(planQuizReview(newItem(ref, t0), false, t0, 'again-on-wrong')).toEqual({ grade: 1, reschedule: true });
  });

  test('a right answer reschedules only a due card', () => {
    const item = reviewed();
    expect(item.state).toBe(2);
    expect(planQuizReview(item, true, item.due - 1, 'again-on-wrong')).toEqual({ grade: 3, reschedule: false });
    expect(planQuizReview(item, true, item.due + 1, 'again-on-wrong')).toEqual({ grade: 3, reschedule: true });
  });

  test('a right answer on a card never studied leaves it new', () => {
    expect(planQuizReview(newItem(ref, t0), true, t0 + DAY, 'again-on-wrong')).toEqual({ grade: 3, reschedule: false });
    expect(planQuizReview(undefined, true, t0, 'again-on-wrong')).toEqual({ grade: 3, reschedule: false });
  });

  test("'none' logs every answer without touching the schedule", () => {
    expect(planQuizReview(reviewed(), false, t0 + 30 * DAY, 'none')).toEqual({ grade: 1, reschedule: false });
    expect(planQuizReview(reviewed(), true, t0 + 30 * DAY, 'none')).toEqual({ grade: 3, reschedule: false });
  });
});

describe('isDue and shakiness', () => {
  test('new items are neither due nor shaky; learning items are shaky', () => {
    const fresh = newItem(ref, t0);
    expect(isDue(fresh, t0 + DAY)).toBe(false);
    expect(shakiness(fresh, t0)).toBe('new');
    const learning = gradeItem(fresh, 1, t0, DEFAULT_SETTINGS, { fuzz: false }).item;
    expect(learning.state).toBe(1);
    expect(shakiness(learning, t0)).toBe('shaky');
  });

  test('a reviewed item becomes shaky as predicted recall falls under 80%', () => {
    const item = reviewed();
    expect(shakiness(item, t0 + 20 * 60_000)).toBe('steady');
    expect(shakiness(item, t0 + 365 * DAY)).toBe('shaky');
  });
});
