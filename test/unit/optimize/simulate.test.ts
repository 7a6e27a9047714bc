/** The retention simulator: more reviews and more remembered as the target rises, seeded, and the cheapest target marked. */
import { default_w } from 'ts-fsrs';
import { simulateTarget, simulateTargets, TARGETS, type SimCard } from '../../../src/optimize/simulate';

const cards: SimCard[] = [
  ...Array.from({ length: 200 }, (): SimCard => ({ state: 'new' })),
  ...Array.from({ length: 100 }, (_, i): SimCard => ({ state: 'known', stability: 5 + i, difficulty: 5, lastDay: -3, dueDay: (i % 30) - 3 })),
];

describe('retention simulator', () => {
  const input = { cards, w: default_w, newPerDay: 10, days: 365 };
  const { points, best } = simulateTargets(input);

  it('covers every target from 0.70 to 0.97', () => {
    expect(TARGETS[0]).toBe(0.7);
    expect(TARGETS.at(-1)).toBe(0.97);
    expect(points.map((p) => p.target)).toEqual([...TARGETS]);
  });

  it('asks for more reviews and keeps more remembered as the target rises', () => {
    const low = points[0]!;
    const mid = points.find((p) => p.target === 0.9)!;
    const high = points.at(-1)!;
    expect(low.reviewsPerDay).toBeLessThan(mid.reviewsPerDay);
    expect(mid.reviewsPerDay).toBeLessThan(high.reviewsPerDay);
    expect(low.remembered).toBeLessThan(mid.remembered);
    expect(mid.remembered).toBeLessThan(high.remembered);
    // Roughly the target itself: recall is judged a year out, between reviews.
    expect(high.remembered).toBeGreaterThan(0.9);
    expect(low.remembered).toBeLessThan(0.85);
  });

  it('is smooth enough to read: a small collection is simulated many times over, so reviews rise with every step of 0.03', () => {
    for (let i = 3; i < points.length; i++) expect(points[i]!.reviewsPerDay).toBeGreaterThan(points[i - 3]!.reviewsPerDay);
  });

  it('marks the target with the least work per card remembered', () => {
    expect(best.costPerCard).toBe(Math.min(...points.map((p) => p.costPerCard)));
    expect(best.target).toBeLessThan(0.97);
  });

  it('gives the same figures for the same seed', () => {
    expect(simulateTarget(input, 0.85)).toEqual(points.find((p) => p.target === 0.85));
    expect(simulateTarget({ ...input, seed: 2 }, 0.85)).not.toEqual(simulateTarget(input, 0.85));
  });

  it('counts nothing for a collection with nothing due within the period and no new cards', () => {
    const quiet = simulateTarget({ cards: [{ state: 'known', stability: 5000, difficulty: 3, lastDay: 0, dueDay: 400 }], w: default_w, newPerDay: 0, days: 30 }, 0.9);
    expect(quiet.reviewsPerDay).toBe(0);
    expect(quiet.remembered).toBeGreaterThan(0.99);
  });
});
