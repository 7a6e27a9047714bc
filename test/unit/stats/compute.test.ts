import { computeStats, type ReviewSource } from './oracle';
import type { ReviewRecord } from '../../../src/srs/types';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';
import { at, item, matureReview, review } from './fixtures';

const now = at(2026, 3, 10, 12);
const decks = [
  { id: 'x', title: 'Deck X', keyPoints: [{ id: 'k', text: 'Key' }], cards: [{ id: 'a', keyPoint: 'k' }, { id: 'b' }] },
  { id: 'y', title: 'Deck Y', cards: [{ id: 'c' }] },
];
const items = [
  item('x/a', { state: 2, due: at(2026, 3, 12), fsrs: { state: 2, stability: 40, difficulty: 5, last_review: at(2026, 3, 9), scheduled_days: 30 } }),
  item('x/b'),
  item('y/c', { state: 1, due: at(2026, 3, 10, 12, 5) }),
  item('gone/z', { state: 2, due: now }), // a deck no longer in the library
];
const log: ReviewRecord[] = [
  matureReview('x/a', at(2026, 3, 8, 9), 3),
  review('y/c', at(2026, 3, 9, 9), { grade: 1 }),
  matureReview('gone/z', at(2026, 3, 9, 10), 1),
  review('y/c', at(2026, 3, 10, 9)),
];
const base = { items, decks, quizzes: [], settings: DEFAULT_SETTINGS, now };

describe('computeStats', () => {
  test('accepts an array, an async iterable and a push source (like the store\'s forEachReview) alike', async () => {
    async function* gen() {
      for (const r of log) yield r;
    }
    const push: ReviewSource = async (visit) => {
      for (const r of log) {
        await Promise.resolve();
        visit(r);
      }
    };
    const [a, b, c] = await Promise.all([
      computeStats({ ...base, reviews: log }),
      computeStats({ ...base, reviews: gen() }),
      computeStats({ ...base, reviews: push }),
    ]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  test('puts log, items, decks and settings together', async () => {
    const s = await computeStats({ ...base, reviews: log });
    expect(s.total).toBe(4);
    expect(s.todayStats.reviewed).toBe(1);
    expect(s.streak).toEqual({ current: 3, longest: 3, reviewedToday: true });
    expect(s.desiredRetention).toBe(0.9);
    // All-deck retention keeps the history of the deleted deck; per-deck rows only for decks in the library.
    expect(s.retention.overall.all).toEqual({ right: 1, total: 2, rate: 0.5 });
    expect(s.decks.map((d) => [d.id, d.title, d.retention.all.total])).toEqual([
      ['x', 'Deck X', 1],
      ['y', 'Deck Y', 0],
    ]);
    expect(s.decks[0]!.states).toEqual({ new: 1, learning: 0, review: 1, relearning: 0, suspended: 0, total: 2 });
    expect(s.decks[0]!.mastery).toMatchObject([{ id: 'k', mastery: 'solid' }]);
    // Items of decks outside the library are not forecast.
    expect(s.forecast[0]!.count).toBe(1);
    expect(s.forecast[2]!.count).toBe(1);
  });

  test('a deck scope limits every part to that deck', async () => {
    const s = await computeStats({ ...base, reviews: log, deckIds: ['y'] });
    expect(s.total).toBe(2);
    expect(s.retention.overall.all.total).toBe(0);
    expect(s.decks.map((d) => d.id)).toEqual(['y']);
    expect(s.forecast.reduce((n, d) => n + d.count, 0)).toBe(1);
  });

  test('an empty collection gives empty stats, not errors', async () => {
    const s = await computeStats({ reviews: [], items: [], decks: [], quizzes: [], settings: DEFAULT_SETTINGS, now });
    expect(s.total).toBe(0);
    expect(s.decks).toEqual([]);
    expect(s.quizzes.points).toEqual([]);
    expect(s.forecast.every((d) => d.count === 0)).toBe(true);
  });

  test('bad settings and a failing source are reported, not swallowed', async () => {
    await expect(
      computeStats({ ...base, reviews: [], settings: { ...DEFAULT_SETTINGS, desiredRetention: 1.5 } }),
    ).rejects.toThrow(/settings.desiredRetention: must be between 0 and 1, got 1.5/);
    await expect(
      computeStats({ ...base, reviews: [], settings: { ...DEFAULT_SETTINGS, dayStartHour: -1 } }),
    ).rejects.toThrow(/settings.dayStartHour/);
    await expect(
      computeStats({ ...base, reviews: async () => Promise.reject(new Error('cursor failed')) }),
    ).rejects.toThrow('cursor failed');
  });
});
