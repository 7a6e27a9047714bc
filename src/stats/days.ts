/**
 * Study days as the stats screen shows them: a day number's date and start (the numbers come from
 * `studyDayNumber` in `src/srs/day.ts`). Pure: no DOM, no IndexedDB.
 */

const DAY_MS = 86_400_000;

/** Checks a day start hour the way settings store it (a whole local hour, 0–23). */
export function checkDayStartHour(hour: number): number {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`settings.dayStartHour: must be a whole hour from 0 to 23, got ${String(hour)}`);
  }
  return hour;
}

/** Local time (epoch ms) at which study day `day` begins. */
export function studyDayStartOf(day: number, dayStartHour: number): number {
  const c = new Date(day * DAY_MS);
  return new Date(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate(), dayStartHour).getTime();
}

/** The calendar date of study day `day` as `YYYY-MM-DD`. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
