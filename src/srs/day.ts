/**
 * Study days. A learner's day starts at `dayStartHour` local time (4 am by default, as in Anki),
 * so a late-night session still counts as "today". Built from local-time Date constructors so
 * daylight-saving changes move the boundary with the wall clock. Pure.
 */

/** Start (epoch ms) of the study day that contains `now`. */
export function studyDayStart(now: number, dayStartHour: number): number {
  const d = new Date(now);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate(), dayStartHour);
  if (start.getTime() <= now) return start.getTime();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, dayStartHour).getTime();
}

/** Start (epoch ms) of the study day after the one that contains `now`. */
export function nextStudyDayStart(now: number, dayStartHour: number): number {
  const start = new Date(studyDayStart(now, dayStartHour));
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1, dayStartHour).getTime();
}

const DAY_MS = 86_400_000;

/**
 * Number of the study day that contains `t`: whole days since 1970-01-01 of the local calendar,
 * named by the date the study day starts on. Consecutive integers even across daylight-saving
 * changes (a 23- or 25-hour day is still one day). The store's day counts and the stats use it.
 */
export function studyDayNumber(t: number, dayStartHour: number): number {
  const d = new Date(studyDayStart(t, dayStartHour));
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}
