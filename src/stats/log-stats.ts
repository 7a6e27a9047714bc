/**
 * The review-log figures the stats screen shows (today, streaks, the year heatmap, true retention)
 * and the pieces they are made of. Pure: no DOM, no IndexedDB. They are derived from the study-day
 * counts (`src/srs/day-counts.ts`) by `bucket-fold.ts`.
 */
import { dayLabel } from './days';

export const RETENTION_WINDOWS = ['7d', '30d', '365d', 'all'] as const;
export type RetentionWindow = (typeof RETENTION_WINDOWS)[number];
/** Each retention window's length in study days. */
export const WINDOW_DAYS = [7, 30, 365, Infinity];

export interface TodayStats {
  /** Every answer given today, study and quiz. */
  reviewed: number;
  study: number;
  quiz: number;
  /** Items seen for the first time today (they left the "new" state). */
  newLearned: number;
  /** Time spent answering, ms. */
  timeMs: number;
  /** Answers graded Again (a wrong quiz answer counts as Again). */
  again: number;
  /** `again / reviewed`, or null when nothing was reviewed. */
  againRate: number | null;
}

export interface StreakStats {
  /** Consecutive study days with at least one review, ending today (or yesterday while today is still empty). */
  current: number;
  longest: number;
  reviewedToday: boolean;
}

export interface HeatmapDay {
  day: number;
  /** Calendar date of the study day, `YYYY-MM-DD`. */
  date: string;
  count: number;
}

export interface RetentionCell {
  right: number;
  total: number;
  /** `right / total`, or null when there was nothing to measure. */
  rate: number | null;
}
export type RetentionRow = Record<RetentionWindow, RetentionCell>;

export interface ReviewLogStats {
  /** Study day number of `now`. */
  today: number;
  /** Reviews counted (within the deck scope). */
  total: number;
  firstReviewAt: number | null;
  todayStats: TodayStats;
  streak: StreakStats;
  /** The past 365 study days, oldest first, today last. */
  heatmap: HeatmapDay[];
  /** True retention over mature study reviews, first review of an item per day. */
  retention: { overall: RetentionRow; byDeck: Record<string, RetentionRow> };
}

/** A retention row from its cells: [right, total] per window, in `RETENTION_WINDOWS` order. */
export function toRow(cells: number[]): RetentionRow {
  const row = {} as RetentionRow;
  RETENTION_WINDOWS.forEach((w, i) => {
    const right = cells[i * 2]!;
    const total = cells[i * 2 + 1]!;
    row[w] = { right, total, rate: total ? right / total : null };
  });
  return row;
}

/** An empty retention row (for a deck with no mature reviews yet). */
export function emptyRetentionRow(): RetentionRow {
  return toRow([0, 0, 0, 0, 0, 0, 0, 0]);
}

/** Current and longest runs of consecutive study days that have at least one review. */
export function streaks(dayCounts: ReadonlyMap<number, number>, today: number): StreakStats {
  const active = (d: number) => (dayCounts.get(d) ?? 0) > 0;
  const reviewedToday = active(today);
  let current = 0;
  // Today still counts as "in progress": yesterday's streak is not broken until today ends.
  for (let d = reviewedToday ? today : today - 1; active(d); d--) current++;
  let longest = 0;
  let run = 0;
  let prev = NaN;
  for (const d of [...dayCounts.keys()].filter(active).sort((a, b) => a - b)) {
    run = d === prev + 1 ? run + 1 : 1;
    prev = d;
    if (run > longest) longest = run;
  }
  return { current, longest: Math.max(longest, current), reviewedToday };
}

/** Review counts for the `days` study days ending today, oldest first. */
export function heatmap(dayCounts: ReadonlyMap<number, number>, today: number, days = 365): HeatmapDay[] {
  const out: HeatmapDay[] = [];
  for (let d = today - days + 1; d <= today; d++) out.push({ day: d, date: dayLabel(d), count: dayCounts.get(d) ?? 0 });
  return out;
}
