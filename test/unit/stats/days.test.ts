import fc from 'fast-check';
import { studyDayNumber, studyDayStart } from '../../../src/srs/day';
import { dayLabel, studyDayStartOf } from '../../../src/stats/days';
import { DayClock } from './oracle';
import { at, inTimeZone } from './fixtures';

describe('study days are local days that start at the configured hour', () => {
  test('a review before the start hour belongs to the day before', () => {
    const tenth = studyDayNumber(at(2026, 3, 10, 4, 0), 4);
    expect(dayLabel(tenth)).toBe('2026-03-10');
    expect(studyDayNumber(at(2026, 3, 10, 3, 59), 4)).toBe(tenth - 1);
    expect(studyDayNumber(at(2026, 3, 10, 23, 59), 4)).toBe(tenth);
    expect(studyDayNumber(at(2026, 3, 11, 3, 59), 4)).toBe(tenth);
    expect(studyDayStartOf(tenth, 4)).toBe(at(2026, 3, 10, 4));
  });

  test('with a midnight start the study day is the calendar day', () => {
    expect(dayLabel(studyDayNumber(at(2026, 1, 1, 0, 0), 0))).toBe('2026-01-01');
    expect(dayLabel(studyDayNumber(at(2025, 12, 31, 23, 59), 0))).toBe('2025-12-31');
  });

  test('rejects a day start hour that is not a whole hour 0–23', () => {
    expect(() => new DayClock(24)).toThrow(/dayStartHour: must be a whole hour from 0 to 23, got 24/);
    expect(() => new DayClock(3.5)).toThrow(/dayStartHour/);
  });

  for (const tz of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'UTC']) {
    test(
      `${tz}: day numbers are consecutive across daylight-saving changes and agree with the scheduler's studyDayStart`,
      inTimeZone(tz, () => {
        fc.assert(
          fc.property(
            fc.integer({ min: at(2025, 1, 1, 0), max: at(2027, 1, 1, 0) }),
            fc.integer({ min: 0, max: 23 }),
            (t, hour) => {
              const day = studyDayNumber(t, hour);
              const start = studyDayStartOf(day, hour);
              const next = studyDayStartOf(day + 1, hour);
              expect(start).toBe(studyDayStart(t, hour));
              expect(start).toBeLessThanOrEqual(t);
              expect(next).toBeGreaterThan(t);
              // 23 to 25 hours (Lord Howe shifts by 30 minutes)
              expect(next - start).toBeGreaterThanOrEqual(23 * 3_600_000);
              expect(next - start).toBeLessThanOrEqual(25 * 3_600_000);
            },
          ),
          { numRuns: 400 },
        );
      }),
    );

    test(
      `${tz}: the caching DayClock gives the same day as a fresh computation, hour by hour through a year`,
      inTimeZone(tz, () => {
        for (const hour of [0, 2, 4]) {
          const clock = new DayClock(hour);
          for (let t = at(2026, 1, 1, 0); t < at(2027, 1, 1, 0); t += 1_800_000) {
            if (clock.dayOf(t) !== studyDayNumber(t, hour)) {
              throw new Error(`${tz} hour ${hour}: ${new Date(t).toString()} disagrees`);
            }
          }
        }
      }),
    );
  }

  test(
    'New York: the study day holding the spring-forward night is one day of 23 hours',
    inTimeZone('America/New_York', () => {
      // Clocks jump from 02:00 to 03:00 on 8 March 2026, inside the study day of 7 March (04:00 to 04:00).
      const day = studyDayNumber(at(2026, 3, 8, 3, 30), 4);
      expect(dayLabel(day)).toBe('2026-03-07');
      expect(studyDayStartOf(day + 1, 4) - studyDayStartOf(day, 4)).toBe(23 * 3_600_000);
      expect(studyDayStartOf(day + 2, 4) - studyDayStartOf(day + 1, 4)).toBe(24 * 3_600_000);
      // 02:00 does not exist that night; a 2 a.m. day start falls on 03:00 local.
      expect(new Date(studyDayStartOf(day + 1, 2)).getHours()).toBe(3);
    }),
  );
});
