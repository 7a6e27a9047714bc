import { itemMastery } from '../../../src/srs/mastery';
import { cardStates, forecast, keyPointMastery } from '../../../src/stats/item-stats';
import { quizTrend } from '../../../src/stats/quiz-trend';
import { retrievability } from '../../../src/srs/scheduler';
import type { QuizRecord } from '../../../src/srs/types';
import { at, inTimeZone, item } from './fixtures';

const DAY = 86_400_000;

describe('forecast', () => {
  const now = at(2026, 3, 10, 12);
  const due = (id: string, t: number, extra = {}) => item(id, { state: 2, due: t, ...extra });

  test('counts due items per study day for 30 days; overdue items land on today', () => {
    const f = forecast(
      [
        due('overdue', at(2026, 2, 1)),
        due('later-today', at(2026, 3, 10, 22)),
        due('before-4am', at(2026, 3, 11, 3, 59)), // still today's study day
        due('tomorrow', at(2026, 3, 11, 4)),
        due('day-29', at(2026, 4, 8, 12)),
        due('day-30', at(2026, 4, 9, 12)), // beyond the 30 days shown
        item('learning', { state: 1, due: at(2026, 3, 10, 12, 10) }),
        item('new', { state: 0, due: at(2026, 3, 1) }),
        due('suspended', at(2026, 3, 10), { suspended: true }),
        due('orphaned', at(2026, 3, 10), { orphaned: true }),
        due('buried', at(2026, 3, 10), { buriedUntil: at(2026, 3, 11, 4) }),
      ],
      { now, dayStartHour: 4 },
    );
    expect(f).toHaveLength(30);
    expect(f[0]).toEqual({ day: f[0]!.day, date: '2026-03-10', count: 4 });
    expect(f[1]).toMatchObject({ date: '2026-03-11', count: 2 });
    expect(f[29]).toMatchObject({ date: '2026-04-08', count: 1 });
    expect(f.reduce((n, d) => n + d.count, 0)).toBe(7);
  });

  test('an empty collection forecasts 30 empty days', () => {
    const f = forecast([], { now, dayStartHour: 4 });
    expect(f.map((d) => d.count)).toEqual(new Array(30).fill(0));
  });

  test(
    'Europe/London: days stay calendar days over the clock change',
    inTimeZone('Europe/London', () => {
      // Clocks go forward on 29 March 2026; 30 days from 20 March run to 18 April.
      const f = forecast([due('a', at(2026, 4, 18, 4)), due('b', at(2026, 3, 29, 4))], { now: at(2026, 3, 20, 12), dayStartHour: 4 });
      expect(f.at(-1)).toMatchObject({ date: '2026-04-18', count: 1 });
      expect(f.find((d) => d.date === '2026-03-29')!.count).toBe(1);
    }),
  );
});

describe('card states', () => {
  test('counts each state per deck, suspended apart, orphaned not at all', () => {
    const states = cardStates([
      item('x/a', { state: 0 }),
      item('x/b', { state: 1 }),
      item('x/c', { state: 2 }),
      item('x/d', { state: 2 }),
      item('x/e', { state: 3 }),
      item('x/f', { state: 2, suspended: true }),
      item('x/g', { state: 2, orphaned: true }),
      item('y/a', { state: 0 }),
    ]);
    expect(states).toEqual({
      x: { new: 1, learning: 1, review: 2, relearning: 1, suspended: 1, total: 6 },
      y: { new: 1, learning: 0, review: 0, relearning: 0, suspended: 0, total: 1 },
    });
  });

  test('an unknown state is refused with the item named', () => {
    expect(() => cardStates([item('x/a', { state: 7 as never })])).toThrow(/item x\/a: state must be 0, 1, 2 or 3, got 7/);
  });
});

describe('key-point mastery', () => {
  const now = at(2026, 3, 10, 12);
  const deck = {
    id: 'x',
    title: 'X',
    keyPoints: [
      { id: 'kp-new', text: 'Never studied' },
      { id: 'kp-solid', text: 'Well known' },
      { id: 'kp-shaky', text: 'Half forgotten' },
      { id: 'kp-learning', text: 'Being learnt' },
    ],
    cards: [
      { id: 'n1', keyPoint: 'kp-new' },
      { id: 's1', keyPoint: 'kp-solid' },
      { id: 's2', keyPoint: 'kp-solid' },
      { id: 'h1', keyPoint: 'kp-shaky' },
      { id: 'h2', keyPoint: 'kp-shaky' },
      { id: 'l1', keyPoint: 'kp-learning' },
      { id: 'free' },
    ],
  };
  // A fake recall that reads the probability off the stability field, to pin the 0.8 threshold.
  const recall = (i: { fsrs: { stability: number } }) => i.fsrs.stability;
  const rev = (id: string, r: number, extra = {}) => item(id, { state: 2, fsrs: { state: 2, stability: r }, ...extra });

  test('new, shaky (recall below 0.8 or in learning) and solid, with the shaky item ids', () => {
    const m = keyPointMastery(
      deck,
      [
        item('x/n1'),
        rev('x/s1', 0.95),
        rev('x/s2', 0.8),
        rev('x/h1', 0.79),
        rev('x/h2', 0.99),
        item('x/l1', { state: 3 }),
        rev('x/free', 0.1),
        rev('y/h1', 0.1), // another deck
        rev('x/s1#reverse', 0.1, { suspended: true }),
      ],
      now,
      recall as never,
    );
    expect(m.map((k) => [k.id, k.mastery])).toEqual([
      ['kp-new', 'new'],
      ['kp-solid', 'solid'],
      ['kp-shaky', 'shaky'],
      ['kp-learning', 'shaky'],
    ]);
    expect(m[2]!.items).toEqual({ new: 0, shaky: 1, solid: 1 });
    expect(m[2]!.shakyItemIds).toEqual(['x/h1']);
    expect(m[3]!.shakyItemIds).toEqual(['x/l1']);
  });

  test('uses the scheduler\'s FSRS retrievability: an item studied yesterday is solid, one 200 days overdue is shaky', () => {
    const fresh = item('x/s1', { state: 2, fsrs: { state: 2, stability: 30, difficulty: 5, last_review: now - DAY, scheduled_days: 30 } });
    const stale = item('x/h1', { state: 2, fsrs: { state: 2, stability: 3, difficulty: 5, last_review: now - 200 * DAY, scheduled_days: 3 } });
    expect(itemMastery(fresh, now, retrievability)).toBe('solid');
    expect(itemMastery(stale, now, retrievability)).toBe('shaky');
    expect(itemMastery(item('x/n1'), now, retrievability)).toBe('new');
  });

  test('a deck without key points has no mastery rows', () => {
    expect(keyPointMastery({ id: 'x', title: 'X', cards: [{ id: 'a' }] }, [item('x/a')], now, retrievability)).toEqual([]);
  });
});

describe('quiz trend', () => {
  const quiz = (deckId: string, t: number, score: number, total: number): QuizRecord => ({
    deckId,
    at: t,
    durationMs: 60000,
    score,
    total,
    missed: [],
    byKeyPoint: {},
  });

  test('orders quizzes by time and reports average, best and the change of the latest', () => {
    const t = quizTrend([quiz('x', 3, 9, 10), quiz('x', 1, 5, 10), quiz('y', 2, 3, 4), quiz('x', 4, 0, 0)]);
    expect(t.points.map((p) => p.ratio)).toEqual([0.5, 0.75, 0.9]);
    expect(t.average).toBeCloseTo(0.7167, 3);
    expect(t.best).toBe(0.9);
    expect(t.change).toBeCloseTo(0.9 - 0.625, 6);
  });

  test('scoped to a deck, limited to the latest, empty without quizzes', () => {
    const qs = [1, 2, 3, 4, 5].map((i) => quiz('x', i, i, 5));
    expect(quizTrend(qs, { limit: 2 }).points.map((p) => p.at)).toEqual([4, 5]);
    expect(quizTrend(qs, { deckIds: ['y'] })).toEqual({ points: [], average: null, best: null, change: null });
    expect(quizTrend([quiz('x', 1, 4, 5)]).change).toBeNull();
  });

  test('a score above the total is refused', () => {
    expect(() => quizTrend([{ ...quiz('x', 1, 6, 5), id: 7 }])).toThrow(/quiz 7: score 6 is not between 0 and total 5/);
  });
});
