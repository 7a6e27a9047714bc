/**
 * The review-log figures (today, streaks, heatmap, true retention) from the study-day counts
 * (`src/srs/day-counts.ts`, kept by the store) instead of the raw log: one small record per deck
 * and day studied. The records must have been
 * cut with the same `dayStartHour` (the store rebuilds them when it changed). Pure: no DOM, no IndexedDB.
 */
import { studyDayNumber } from '../srs/day';
import type { ReviewBucket } from '../srs/day-counts';
import { heatmap, streaks, toRow, WINDOW_DAYS, type RetentionRow, type ReviewLogStats, type TodayStats } from './log-stats';

/** What one study day holds, across the decks in scope. */
type DayTotals = Omit<TodayStats, 'againRate'>;

/**
 * Review-log figures as of `now` from the day records of the decks in scope (`deckIds`; every
 * record when absent), in any order.
 */
export function statsFromBuckets(
  buckets: readonly ReviewBucket[],
  opts: { dayStartHour: number; now: number; deckIds?: readonly string[] | null },
): ReviewLogStats {
  const { dayStartHour, now } = opts;
  if (!Number.isFinite(now)) throw new RangeError(`now: must be a time in ms, got ${String(now)}`);
  const scope = opts.deckIds ? new Set(opts.deckIds) : null;
  // In day order, so the first deck to reach retention is listed first, as the fold lists it.
  const sorted = buckets.filter((b) => b.reviewed > 0 && (!scope || scope.has(b.deckId))).sort((a, b) => a.day - b.day);
  const today = studyDayNumber(now, dayStartHour);
  const days = new Map<number, DayTotals>();
  const retention = new Map<string, number[]>();
  let total = 0;
  let firstAt: number | null = null;
  for (const b of sorted) {
    const day = b.day;
    let t = days.get(day);
    if (!t) days.set(day, (t = { reviewed: 0, study: 0, quiz: 0, newLearned: 0, timeMs: 0, again: 0 }));
    t.reviewed += b.reviewed;
    t.study += b.study;
    t.quiz += b.quiz;
    t.newLearned += b.newLearned;
    t.timeMs += b.timeMs;
    t.again += b.again;
    total += b.reviewed;
    if (firstAt === null || b.first < firstAt) firstAt = b.first;
    if (b.retentionTotal > 0) {
      let cells = retention.get(b.deckId);
      if (!cells) retention.set(b.deckId, (cells = [0, 0, 0, 0, 0, 0, 0, 0]));
      const age = today - day;
      if (age < 0) continue; // dated after `now` (the device clock was changed): in no window
      for (let w = 0; w < 4; w++) {
        if (age < WINDOW_DAYS[w]!) {
          cells[w * 2]! += b.retained;
          cells[w * 2 + 1]! += b.retentionTotal;
        }
      }
    }
  }
  const counts = new Map<number, number>();
  for (const [day, t] of days) counts.set(day, t.reviewed);
  const t = days.get(today) ?? { reviewed: 0, study: 0, quiz: 0, newLearned: 0, timeMs: 0, again: 0 };
  const byDeck: Record<string, RetentionRow> = {};
  const sum = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const [deckId, cells] of retention) {
    byDeck[deckId] = toRow(cells);
    for (let i = 0; i < 8; i++) sum[i]! += cells[i]!;
  }
  return {
    today,
    total,
    firstReviewAt: firstAt,
    todayStats: { ...t, againRate: t.reviewed ? t.again / t.reviewed : null },
    streak: streaks(counts, today),
    heatmap: heatmap(counts, today, 365),
    retention: { overall: toRow(sum), byDeck },
  };
}
