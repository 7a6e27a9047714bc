/**
 * The on-device optimiser end to end in Node: a seeded synthetic learner whose memory follows known
 * parameters, the time split (which never lets a judged review into the fit), fitting with
 * fsrs-browser's wasm and judging on held-out reviews.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { default_w } from 'ts-fsrs';
import { initSync } from 'fsrs-browser';
import { syntheticAnswers, TRUE_W } from '../../fixtures/synthetic-learner';
import { buildHistories, longTermTimes, MIN_TEST_REVIEWS, MIN_TRAIN_REVIEWS, splitByTime, trainingItems, type Answer } from '../../../src/optimize/dataset';
import { scoreParameters } from '../../../src/optimize/metrics';
import { fitParameters } from '../../../src/optimize/fit';

beforeAll(() => {
  initSync({ module: readFileSync('node_modules/fsrs-browser/fsrs_browser_bg.wasm') });
});

function prepared(answers: Answer[]) {
  const histories = buildHistories(answers, 4);
  const split = splitByTime(longTermTimes(histories));
  if (!split.ok) throw new Error(`not enough reviews: ${split.more} more`);
  return { histories, split, data: trainingItems(histories, split.cutoff) };
}

describe('synthetic learner', () => {
  test('the same seed gives the same answers, another seed others', () => {
    const a = syntheticAnswers({ reviews: 2000, seed: 11 });
    expect(syntheticAnswers({ reviews: 2000, seed: 11 })).toEqual(a);
    expect(syntheticAnswers({ reviews: 2000, seed: 12 })).not.toEqual(a);
    expect(a).toHaveLength(2000);
  });
});

describe('time split', () => {
  const answers = syntheticAnswers({ reviews: 4000, seed: 3 });
  const { histories, split, data } = prepared(answers);

  test('fits on the older reviews and judges on the newest fifth', () => {
    expect(split.train).toBeGreaterThanOrEqual(MIN_TRAIN_REVIEWS);
    expect(split.test).toBeGreaterThanOrEqual(MIN_TEST_REVIEWS);
    expect(split.test / (split.train + split.test)).toBeCloseTo(0.2, 1);
    expect(data.items).toBe(split.train);
    expect(scoreParameters(histories, default_w, split.cutoff).reviews).toBe(split.test);
  });

  test('never leaks: changing every answer from the cut on leaves the training data as it was', () => {
    const changed = answers.map((a) => (a.at >= split.cutoff ? { ...a, grade: (a.grade === 1 ? 4 : 1) as Answer['grade'] } : a));
    const again = trainingItems(buildHistories(changed, 4), split.cutoff);
    expect(again).toEqual(data);
    // …while the judged outcomes do change, so the check above can fail.
    expect(scoreParameters(buildHistories(changed, 4), default_w, split.cutoff).logLoss).not.toBeCloseTo(
      scoreParameters(histories, default_w, split.cutoff).logLoss,
      3,
    );
  });

  test('current parameters are never judged on reviews they were fitted on', () => {
    const times = longTermTimes(histories);
    const trainedUntil = times[times.length - 150]!;
    const s = splitByTime(times, trainedUntil);
    expect(s.ok && s.cutoff).toBe(trainedUntil);
    const late = splitByTime(times, times[times.length - 40]!);
    expect(late).toMatchObject({ ok: false, reason: 'since-last', test: 40, more: MIN_TEST_REVIEWS - 40 });
  });

  test('below the minimum it says how many more reviews are needed', () => {
    const few = buildHistories(syntheticAnswers({ reviews: 300, seed: 5 }), 4);
    const times = longTermTimes(few);
    expect(splitByTime(times)).toMatchObject({ ok: false, reason: 'total', more: MIN_TRAIN_REVIEWS + MIN_TEST_REVIEWS - times.length });
  });

  test('a history starts at an answer to a new item; answers with no known start are left out', () => {
    const hs = buildHistories(
      [
        { itemId: 'a', deckId: 'd', at: Date.UTC(2025, 0, 2, 12), grade: 3, fresh: false },
        { itemId: 'b', deckId: 'd', at: Date.UTC(2025, 0, 1, 12), grade: 3, fresh: true },
        { itemId: 'b', deckId: 'd', at: Date.UTC(2025, 0, 1, 12, 10), grade: 1, fresh: false },
        { itemId: 'b', deckId: 'd', at: Date.UTC(2025, 0, 4, 12), grade: 3, fresh: false },
      ],
      4,
    );
    expect(hs).toEqual([{ deckId: 'd', grades: [3, 1, 3], gaps: [0, 0, 3], at: [Date.UTC(2025, 0, 1, 12), Date.UTC(2025, 0, 1, 12, 10), Date.UTC(2025, 0, 4, 12)] }]);
  });
});

describe('scores', () => {
  test('log loss of one review is minus the log of its predicted recall', () => {
    const hs = buildHistories(
      [
        { itemId: 'a', deckId: 'd', at: Date.UTC(2025, 0, 1, 12), grade: 3, fresh: true },
        { itemId: 'a', deckId: 'd', at: Date.UTC(2025, 0, 3, 12), grade: 1, fresh: false },
      ],
      4,
    );
    const s0 = default_w[2]!;
    const decay = -default_w[20]!;
    const factor = 0.9 ** (1 / decay) - 1;
    const p = (1 + (factor * 2) / s0) ** decay;
    const fit = scoreParameters(hs, default_w, 0);
    expect(fit.reviews).toBe(1);
    expect(fit.logLoss).toBeCloseTo(-Math.log(1 - p), 6);
    expect(fit.rmseBins).toBeCloseTo(p, 6);
  });
});

describe('optimiser', () => {
  test('fitted parameters predict held-out reviews better than the defaults, the same way every run', () => {
    const { histories, split, data } = prepared(syntheticAnswers({ reviews: 5000, seed: 42 }));
    const w = fitParameters(data);
    expect(w).toHaveLength(21);
    const fitted = scoreParameters(histories, w, split.cutoff);
    const defaults = scoreParameters(histories, default_w, split.cutoff);
    const truth = scoreParameters(histories, TRUE_W, split.cutoff);
    expect(fitted.logLoss).toBeLessThan(defaults.logLoss);
    expect(fitted.rmseBins).toBeLessThan(defaults.rmseBins);
    // Close to what the learner's real memory parameters would score.
    expect(fitted.logLoss - truth.logLoss).toBeLessThan((defaults.logLoss - truth.logLoss) / 2);
    expect(fitParameters(prepared(syntheticAnswers({ reviews: 5000, seed: 42 })).data)).toEqual(w);
  });
});
