/**
 * Study days for stats. Pure: no DOM, no IndexedDB.
 *
 * Days are LOCAL days of the device's time zone: a study day starts at `dayStartHour` local time
 * (4 by default, so a review at 1 a.m. still counts for the evening before). A study day is named
 * by its calendar date and numbered as whole days since 1970-01-01 of that calendar, so day
 * numbers are consecutive integers even across daylight-saving changes (a 23- or 25-hour day is
 * still one day).
 */

const DAY_MS = 86_400_000;

/** Checks a day start hour the way settings store it (a whole local hour, 0–23). */
export function checkDayStartHour(hour: number): number {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`settings.dayStartHour: must be a whole hour from 0 to 23, got ${String(hour)}`);
  }
  return hour;
}

/** Number of the local study day that contains time `t` (epoch ms). */
export function studyDayNumber(t: number, dayStartHour: number): number {
  const d = new Date(t);
  // Date.UTC on the local calendar fields gives an integer day count that ignores offset changes.
  let n = Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
  if (d.getHours() < dayStartHour) n -= 1;
  return n;
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

/**
 * Maps times to study days, remembering the last day's bounds: reviews arrive in time order,
 * so almost every lookup is two comparisons instead of a Date construction.
 */
export class DayClock {
  private from = Infinity;
  private to = -Infinity;
  private day = 0;

  constructor(readonly dayStartHour: number) {
    checkDayStartHour(dayStartHour);
  }

  dayOf(t: number): number {
    if (t >= this.from && t < this.to) return this.day;
    const day = studyDayNumber(t, this.dayStartHour);
    this.day = day;
    this.from = studyDayStartOf(day, this.dayStartHour);
    this.to = studyDayStartOf(day + 1, this.dayStartHour);
    // A start hour skipped by a clock change can put `t` outside the computed bounds; then do not cache.
    if (t < this.from || t >= this.to) {
      this.from = Infinity;
      this.to = -Infinity;
    }
    return day;
  }
}
