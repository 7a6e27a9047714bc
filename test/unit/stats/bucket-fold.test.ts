import fc from 'fast-check';
import { studyDayNumber } from '../../../src/srs/day';
import { BucketBuilder } from '../../../src/srs/day-counts';
import { statsFromBuckets } from '../../../src/stats/bucket-fold';
import { oracleDayNumber, ReviewFold } from './oracle';
import type { Grade, ReviewRecord } from '../../../src/srs/types';
import { at, inTimeZone, matureReview, review } from './fixtures';

const HOUR = 3_600_000;

/** Builds buckets and the raw fold from the same time-ordered log, and compares their figures. */
function compare(log: ReviewRecord[], dayStartHour: number, now: number, deckIds: string[] | null = null): void {
  const builder = new BucketBuilder(dayStartHour);
  const fold = new ReviewFold({ dayStartHour, deckIds });
  for (const r of log) {
    builder.add(r);
    fold.add(r);
  }
  expect(statsFromBuckets(builder.result(), { dayStartHour, now, deckIds })).toEqual(fold.result(now));
}

/** A random log: study and quiz answers on new and mature items of two decks, in time order. */
const logArb = fc
  .array(
    fc.record({
      gapMin: fc.integer({ min: 0, max: 20 * 60 }),
      item: fc.constantFrom('a/1', 'a/2', 'a/3', 'b/1', 'b/2'),
      mature: fc.boolean(),
      grade: fc.constantFrom<Grade>(1, 2, 3, 4),
      quiz: fc.boolean(),
    }),
    { maxLength: 80 },
  )
  .map((steps) => {
    let t = at(2026, 3, 1, 9);
    return steps.map((s) => {
      t += s.gapMin * 60_000;
      const mode = s.quiz ? 'quiz' : 'study';
      return s.mature ? matureReview(s.item, t, s.grade, mode) : review(s.item, t, { grade: s.grade, mode });
    });
  });

describe('stats from per-day aggregates', () => {
  for (const tz of ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe']) {
    test(
      `study days are numbered as the oracle numbers them (${tz}, daylight-saving changes included)`,
      inTimeZone(tz, () => {
        fc.assert(
          fc.property(fc.integer({ min: at(2025, 1, 1), max: at(2027, 1, 1) }), fc.integer({ min: 0, max: 23 }), (t, hour) => {
            expect(studyDayNumber(t, hour)).toBe(oracleDayNumber(t, hour));
          }),
          { numRuns: 300 },
        );
      }),
    );
  }

  test('give the same figures as the raw fold, for every day start and scope', () => {
    fc.assert(
      fc.property(logArb, fc.integer({ min: 0, max: 23 }), fc.constantFrom<string[] | null>(null, ['a'], ['b']), (log, hour, scope) => {
        const last = log.at(-1)?.at ?? at(2026, 3, 1, 9);
        compare(log, hour, last + 2 * HOUR, scope);
        compare(log, hour, last + 40 * 24 * HOUR, scope);
      }),
      { numRuns: 150 },
    );
  });

  test('a second study answer of a mature item on the same day is not counted for retention', () => {
    const t = at(2026, 3, 10, 9);
    const log = [matureReview('a/1', t, 1), matureReview('a/1', t + HOUR, 3), matureReview('a/1', t + 24 * HOUR, 3)];
    const builder = new BucketBuilder(4);
    for (const r of log) builder.add(r);
    const s = statsFromBuckets(builder.result(), { dayStartHour: 4, now: t + 25 * HOUR });
    expect(s.retention.overall.all).toEqual({ right: 1, total: 2, rate: 0.5 });
  });

  test(
    'group into study days correctly where the offset is not a whole hour',
    inTimeZone('Asia/Kathmandu', () => {
      const t = at(2026, 3, 10, 3, 50);
      const log = [review('a/1', t), review('a/2', t + 20 * 60_000), matureReview('a/3', t + 30 * 60_000)];
      compare(log, 4, t + HOUR);
    }),
  );
});
