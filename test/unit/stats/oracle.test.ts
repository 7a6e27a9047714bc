import fc from 'fast-check';
import { wasMature } from '../../../src/srs/day-counts';
import { studyDayNumber } from '../../../src/srs/day';
import { streaks } from '../../../src/stats/log-stats';
import { ReviewFold } from './oracle';
import type { ReviewRecord } from '../../../src/srs/types';
import { at, inTimeZone, item, matureReview, review, reviewItem } from './fixtures';

function fold(reviews: ReviewRecord[], now: number, dayStartHour = 4, deckIds?: string[]) {
  const f = new ReviewFold({ dayStartHour, deckIds: deckIds ?? null });
  for (const r of reviews) f.add(r);
  return f.result(now);
}

describe('an empty log', () => {
  test('gives zeros and nulls, a year of empty heatmap days ending today', () => {
    const now = at(2026, 3, 10, 9);
    const s = fold([], now);
    expect(s.total).toBe(0);
    expect(s.firstReviewAt).toBeNull();
    expect(s.todayStats).toEqual({ reviewed: 0, study: 0, quiz: 0, newLearned: 0, timeMs: 0, again: 0, againRate: null });
    expect(s.streak).toEqual({ current: 0, longest: 0, reviewedToday: false });
    expect(s.heatmap).toHaveLength(365);
    expect(s.heatmap.every((d) => d.count === 0)).toBe(true);
    expect(s.heatmap.at(-1)!.date).toBe('2026-03-10');
    expect(s.heatmap[0]!.date).toBe('2025-03-11');
    expect(s.retention.overall['7d']).toEqual({ right: 0, total: 0, rate: null });
    expect(s.retention.byDeck).toEqual({});
  });
});

describe('today', () => {
  test('counts answers since the day start hour: reviewed, new learned, time, again-rate', () => {
    const now = at(2026, 3, 10, 20);
    const s = fold(
      [
        review('a', at(2026, 3, 10, 3, 59)), // still 9 March with a 4 a.m. start
        review('b', at(2026, 3, 10, 4, 0), { durationMs: 4000 }),
        review('c', at(2026, 3, 10, 8), { durationMs: 6000, grade: 1 }),
        review('b', at(2026, 3, 10, 9), { before: reviewItem('b', 1), durationMs: 2000 }),
        review('d', at(2026, 3, 10, 10), { mode: 'quiz', grade: 1, durationMs: 3000, afterState: 0 }),
      ],
      now,
    );
    expect(s.todayStats).toEqual({
      reviewed: 4,
      study: 3,
      quiz: 1,
      // b and c left the new state; d was quizzed without being scheduled
      newLearned: 2,
      timeMs: 15000,
      again: 2,
      againRate: 0.5,
    });
    expect(s.total).toBe(5);
  });

  test('with a midnight day start the 03:59 review is today', () => {
    const s = fold([review('a', at(2026, 3, 10, 3, 59))], at(2026, 3, 10, 20), 0);
    expect(s.todayStats.reviewed).toBe(1);
  });

  test('at 02:00 "today" is still the study day that began yesterday at 04:00', () => {
    const s = fold([review('a', at(2026, 3, 9, 22))], at(2026, 3, 10, 2), 4);
    expect(s.todayStats.reviewed).toBe(1);
    expect(s.heatmap.at(-1)!.date).toBe('2026-03-09');
  });
});

describe('streaks', () => {
  test('a late-night review before the start hour keeps the previous day alive', () => {
    // 8 March 23:00, 10 March 02:00 (= 9 March), 10 March 05:00: three study days in a row
    const log = [review('a', at(2026, 3, 8, 23)), review('a', at(2026, 3, 10, 2)), review('a', at(2026, 3, 10, 5))];
    expect(fold(log, at(2026, 3, 10, 12)).streak).toEqual({ current: 3, longest: 3, reviewedToday: true });
    // With a midnight start, 9 March has no review: the run breaks.
    expect(fold(log, at(2026, 3, 10, 12), 0).streak).toEqual({ current: 1, longest: 1, reviewedToday: true });
  });

  test('an empty today does not break yesterday\'s streak; an empty yesterday does', () => {
    const log = [review('a', at(2026, 3, 8, 12)), review('a', at(2026, 3, 9, 12))];
    expect(fold(log, at(2026, 3, 10, 12)).streak).toEqual({ current: 2, longest: 2, reviewedToday: false });
    expect(fold(log, at(2026, 3, 11, 12)).streak).toEqual({ current: 0, longest: 2, reviewedToday: false });
  });

  test('the longest run is found anywhere in history', () => {
    const days = [1, 2, 3, 4, 5, 10, 11, 20, 21, 22];
    const log = days.map((d) => review('a', at(2026, 1, d, 12)));
    expect(fold(log, at(2026, 1, 22, 18)).streak).toEqual({ current: 3, longest: 5, reviewedToday: true });
  });

  test('streaks() works from day counts alone', () => {
    expect(streaks(new Map([[10, 1], [11, 2], [12, 0]]), 12)).toEqual({ current: 2, longest: 2, reviewedToday: false });
  });
});

describe('heatmap', () => {
  test('counts reviews per study day for the past 365 days and leaves older ones out', () => {
    const now = at(2026, 3, 10, 12);
    const s = fold(
      [
        review('a', at(2025, 3, 10, 12)), // 365 days back: outside
        review('a', at(2025, 3, 11, 12)), // the first day shown
        review('a', at(2026, 3, 9, 23)),
        review('b', at(2026, 3, 10, 1)), // counts for 9 March
        review('a', at(2026, 3, 10, 6)),
      ],
      now,
    );
    const byDate = Object.fromEntries(s.heatmap.map((d) => [d.date, d.count]));
    expect(s.heatmap).toHaveLength(365);
    expect(byDate['2025-03-10']).toBeUndefined();
    expect(byDate['2025-03-11']).toBe(1);
    expect(byDate['2026-03-09']).toBe(2);
    expect(byDate['2026-03-10']).toBe(1);
    expect(s.heatmap.reduce((n, d) => n + d.count, 0)).toBe(4);
    expect(s.total).toBe(5);
  });
});

describe('true retention', () => {
  const now = at(2026, 3, 31, 12);

  test('mature means in review state with an interval of at least 21 days before the review', () => {
    expect(wasMature(review('a', now, { before: reviewItem('a', 21) }))).toBe(true);
    expect(wasMature(review('a', now, { before: reviewItem('a', 20) }))).toBe(false);
    const relearning = item('a', { state: 3, fsrs: { state: 3, scheduled_days: 40 } });
    expect(wasMature(review('a', now, { before: relearning }))).toBe(false);
    expect(wasMature(review('a', now))).toBe(false);
  });

  test('counts only study reviews of mature items, the first per item per day, Hard or better as right', () => {
    const s = fold(
      [
        matureReview('a', at(2026, 3, 30, 9), 1), // wrong
        matureReview('a', at(2026, 3, 30, 10), 3), // second review of a that day: ignored
        matureReview('b', at(2026, 3, 30, 11), 2), // Hard is right
        matureReview('c', at(2026, 3, 30, 12), 1, 'quiz'), // quiz: ignored
        matureReview('c', at(2026, 3, 30, 13), 4), // first *study* review of c that day
        review('d', at(2026, 3, 30, 14), { grade: 1, before: reviewItem('d', 20) }), // young: ignored
        matureReview('a', at(2026, 3, 31, 3), 3), // 03:00 is still 30 March: ignored
        matureReview('a', at(2026, 3, 31, 5), 3), // a new study day: counts
      ],
      now,
    );
    expect(s.retention.overall['7d']).toEqual({ right: 3, total: 4, rate: 0.75 });
    expect(s.retention.overall.all).toEqual({ right: 3, total: 4, rate: 0.75 });
  });

  test('splits into 7 / 30 / 365-day windows and all time, overall and per deck', () => {
    const s = fold(
      [
        matureReview('x/a', at(2024, 6, 1), 1), // older than a year
        matureReview('x/a', at(2025, 6, 1), 3), // within 365 days
        matureReview('x/a', at(2026, 3, 10), 1), // within 30 days
        matureReview('y/b', at(2026, 3, 10), 3),
        matureReview('x/a', at(2026, 3, 25, 4), 3), // the 7th day back, first hour of it
        matureReview('y/b', at(2026, 3, 31, 9), 3), // today
      ],
      now,
    );
    const cell = (right: number, total: number) => ({ right, total, rate: right / total });
    expect(s.retention.overall).toEqual({ '7d': cell(2, 2), '30d': cell(3, 4), '365d': cell(4, 5), all: cell(4, 6) });
    expect(s.retention.byDeck.x).toEqual({ '7d': cell(1, 1), '30d': cell(1, 2), '365d': cell(2, 3), all: cell(2, 4) });
    expect(s.retention.byDeck.y).toEqual({ '7d': cell(1, 1), '30d': cell(2, 2), '365d': cell(2, 2), all: cell(2, 2) });
  });

  test('a review at 03:59 on the 8th day back belongs to the 8th day, outside the 7-day window', () => {
    const s = fold([matureReview('a', at(2026, 3, 25, 3, 59), 3)], now);
    expect(s.retention.overall['7d'].total).toBe(0);
    expect(s.retention.overall['30d'].total).toBe(1);
  });
});

describe('scope and bad input', () => {
  test('a deck scope leaves other decks out of every number', () => {
    const now = at(2026, 3, 10, 12);
    const s = fold([review('x/a', at(2026, 3, 10, 9)), review('y/b', at(2026, 3, 10, 10))], now, 4, ['x']);
    expect(s.total).toBe(1);
    expect(s.todayStats.reviewed).toBe(1);
  });

  test('reviews out of time order are refused with the offending entry named', () => {
    const a = review('a', at(2026, 3, 10, 9));
    const b = review('a', at(2026, 3, 10, 8));
    const f = new ReviewFold({ dayStartHour: 4 });
    f.add(a);
    expect(() => f.add(b)).toThrow(new RegExp(`review id ${b.id} at .* comes after one at .*; reviews must be in time order`));
  });

  test('a grade outside 1–4 and a missing time are refused', () => {
    const f = new ReviewFold({ dayStartHour: 4 });
    expect(() => f.add({ ...review('a', at(2026, 3, 10, 9)), grade: 5 as never })).toThrow(/has grade 5; expected 1, 2, 3 or 4/);
    expect(() => f.add({ ...review('a', NaN) })).toThrow(/has no valid time/);
  });
});

describe('time zones: days are local to the device', () => {
  for (const tz of ['Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    test(
      `${tz}: the same local clock times give the same days and streaks`,
      inTimeZone(tz, () => {
        const log = [review('a', at(2026, 3, 8, 23)), review('a', at(2026, 3, 10, 2)), review('a', at(2026, 3, 10, 5))];
        const s = fold(log, at(2026, 3, 10, 12));
        expect(s.streak.current).toBe(3);
        expect(s.todayStats.reviewed).toBe(1);
        expect(s.heatmap.at(-1)!.date).toBe('2026-03-10');
      }),
    );
  }

  test(
    'one instant is a different study day in Tokyo and in New York',
    async () => {
      const instant = Date.UTC(2026, 2, 10, 20, 0); // 05:00 on 11 March in Tokyo, 16:00 on 10 March in New York
      let tokyo = 0;
      let newYork = 0;
      await inTimeZone('Asia/Tokyo', () => void (tokyo = studyDayNumber(instant, 4)))();
      await inTimeZone('America/New_York', () => void (newYork = studyDayNumber(instant, 4)))();
      expect(tokyo - newYork).toBe(1);
    },
  );

  test(
    'America/New_York: a review on the 23-hour day after the clocks spring forward still counts once per day',
    inTimeZone('America/New_York', () => {
      const log = [
        matureReview('a', at(2026, 3, 7, 23), 3),
        matureReview('a', at(2026, 3, 8, 3, 30), 1), // 03:30 EDT, same study day (7 March)
        matureReview('a', at(2026, 3, 8, 4, 0), 1), // new study day
      ];
      const s = fold(log, at(2026, 3, 8, 12));
      expect(s.retention.overall['7d']).toEqual({ right: 1, total: 2, rate: 0.5 });
      expect(s.streak).toEqual({ current: 2, longest: 2, reviewedToday: true });
    }),
  );
});

describe('a kept fold', () => {
  const arbLog = fc
    .array(
      fc.record({
        minute: fc.integer({ min: 0, max: 60 * 24 * 60 }), // within 60 days
        item: fc.constantFrom('x/a', 'x/b', 'y/c'),
        grade: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
        quiz: fc.boolean(),
        mature: fc.boolean(),
      }),
      { maxLength: 80 },
    )
    .map((entries) =>
      entries
        .sort((p, q) => p.minute - q.minute)
        .map((e) =>
          review(e.item, at(2026, 1, 1, 0) + e.minute * 60_000, {
            grade: e.grade,
            mode: e.quiz ? 'quiz' : 'study',
            before: e.mature ? reviewItem(e.item, 30) : reviewItem(e.item, 3),
          }),
        ),
    );

  test('fed the log in two parts, with a result taken in between, gives what one pass gives', () => {
    fc.assert(
      fc.property(arbLog, fc.nat(), fc.integer({ min: 0, max: 70 }), (log, cut, laterDays) => {
        const k = log.length ? cut % (log.length + 1) : 0;
        const now = at(2026, 3, 1 + (laterDays % 20), 12);
        const kept = new ReviewFold({ dayStartHour: 4 });
        log.slice(0, k).forEach((r) => kept.add(r));
        kept.result(at(2026, 1, 15, 12));
        log.slice(k).forEach((r) => kept.add(r));
        const once = new ReviewFold({ dayStartHour: 4 });
        log.forEach((r) => once.add(r));
        expect(kept.result(now)).toEqual(once.result(now));
        expect(kept.offered).toBe(log.length);
      }),
      { numRuns: 150 },
    );
  });

  test('remembers where it stopped: the newest time and the ids logged at that time', () => {
    const f = new ReviewFold({ dayStartHour: 4, deckIds: ['x'] });
    const t = at(2026, 3, 10, 9);
    const a = review('x/a', t - 1000);
    const b = review('y/b', t); // out of scope, still offered
    const c = review('x/c', t);
    [a, b, c].forEach((r) => f.add(r));
    expect(f.last).toEqual({ at: t, ids: [b.id, c.id] });
    expect(f.offered).toBe(3);
    expect(f.result(t).total).toBe(2);
  });
});
