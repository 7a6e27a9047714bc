/**
 * One pass over the review log: today's numbers, streaks, the year heatmap and true retention.
 * Pure (no DOM, no IndexedDB). The fold keeps one small accumulator — counts per study day, and
 * per deck and day for retention, plus the items seen on the current day — never the reviews
 * themselves, so 200,000 log entries cost the same memory as 200.
 * The accumulator does not depend on `now`: `result(now)` derives the figures, so a fold can be
 * kept and fed only the reviews logged since (see `load.ts`).
 * Reviews must arrive in time order (the store's time index gives that order).
 */
import type { ReviewRecord } from '../srs/types';
import { DayClock, dayLabel, studyDayNumber } from './days';

/** An item is mature when its interval before the review was at least this many days (as Anki). */
export const MATURE_DAYS = 21;
/** Review state number (ts-fsrs State.Review). */
const REVIEW_STATE = 2;
const NEW_STATE = 0;

export const RETENTION_WINDOWS = ['7d', '30d', '365d', 'all'] as const;
export type RetentionWindow = (typeof RETENTION_WINDOWS)[number];
const WINDOW_DAYS = [7, 30, 365, Infinity];

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
  retention: { overall: RetentionRow; byDeck: Map<string, RetentionRow> };
}

export interface FoldOptions {
  dayStartHour: number;
  /** Only reviews of these decks count; all decks when absent. */
  deckIds?: Iterable<string> | null;
}

/** What one study day holds. */
interface DayTotals {
  reviewed: number;
  study: number;
  quiz: number;
  newLearned: number;
  timeMs: number;
  again: number;
}

/** Whether the item was mature when this review was given (interval ≥ 21 days, in review state). */
export function wasMature(r: Pick<ReviewRecord, 'before'>): boolean {
  return r.before.state === REVIEW_STATE && r.before.fsrs.scheduled_days >= MATURE_DAYS;
}

function describe(r: ReviewRecord, index: number): string {
  return r.id !== undefined ? `review id ${r.id}` : `review #${index + 1}`;
}

function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}

/** Accumulates review-log statistics one entry at a time; `result(now)` gives the figures. */
export class ReviewFold {
  readonly dayStartHour: number;
  private readonly clock: DayClock;
  private readonly scope: Set<string> | null;
  /** Entries offered so far, in or out of scope. */
  private offeredCount = 0;
  /** Entries counted (in scope). */
  private count = 0;
  private lastTime = -Infinity;
  /** Ids of the entries offered at exactly `lastTime`, to resume after them. */
  private idsAtLast: number[] = [];
  private firstAt: number | null = null;
  private readonly days = new Map<number, DayTotals>();
  private curDay = NaN;
  private cur: DayTotals | null = null;
  /** Per deck, per study day: [right, total] of first-of-the-day study reviews of mature items. */
  private readonly retention = new Map<string, Map<number, [number, number]>>();
  /** Items already reviewed in study mode on `seenDay`; cleared when the day changes. */
  private readonly seen = new Set<string>();
  private seenDay = NaN;

  constructor(opts: FoldOptions) {
    this.dayStartHour = opts.dayStartHour;
    this.clock = new DayClock(opts.dayStartHour);
    this.scope = opts.deckIds ? new Set(opts.deckIds) : null;
  }

  /** How many entries were offered (in or out of scope). */
  get offered(): number {
    return this.offeredCount;
  }

  /** Time of the newest entry offered, and the ids of the entries offered at exactly that time. */
  get last(): { at: number; ids: readonly number[] } {
    return { at: this.lastTime, ids: this.idsAtLast };
  }

  add(r: ReviewRecord): void {
    const index = this.offeredCount;
    const at = r.at;
    if (typeof at !== 'number' || !Number.isFinite(at)) {
      throw new TypeError(`review log: ${describe(r, index)} has no valid time (at = ${String(at)})`);
    }
    if (at < this.lastTime) {
      throw new RangeError(
        `review log: ${describe(r, index)} at ${iso(at)} comes after one at ${iso(this.lastTime)}; reviews must be in time order`,
      );
    }
    const g = r.grade;
    if (g !== 1 && g !== 2 && g !== 3 && g !== 4) {
      throw new RangeError(`review log: ${describe(r, index)} has grade ${String(g)}; expected 1, 2, 3 or 4`);
    }
    this.offeredCount++;
    if (at !== this.lastTime) {
      this.lastTime = at;
      this.idsAtLast = [];
    }
    if (r.id !== undefined) this.idsAtLast.push(r.id);
    if (this.scope && !this.scope.has(r.deckId)) return;
    if (this.firstAt === null) this.firstAt = at;
    this.count++;

    const day = this.clock.dayOf(at);
    // Time order means a day's reviews are contiguous: keep the current day's totals at hand.
    if (day !== this.curDay || !this.cur) {
      this.curDay = day;
      this.cur = this.days.get(day) ?? { reviewed: 0, study: 0, quiz: 0, newLearned: 0, timeMs: 0, again: 0 };
      this.days.set(day, this.cur);
    }
    const t = this.cur;
    t.reviewed++;
    if (r.mode === 'quiz') t.quiz++;
    else t.study++;
    if (r.before.state === NEW_STATE && r.after.state !== NEW_STATE) t.newLearned++;
    t.timeMs += r.durationMs > 0 ? r.durationMs : 0;
    if (g === 1) t.again++;

    // Quiz answers are excluded from retention: a quiz asks cards that are not due.
    if (r.mode !== 'study') return;
    if (day !== this.seenDay) {
      this.seen.clear();
      this.seenDay = day;
    }
    if (this.seen.has(r.itemId)) return;
    this.seen.add(r.itemId);
    if (!wasMature(r)) return;
    let byDay = this.retention.get(r.deckId);
    if (!byDay) this.retention.set(r.deckId, (byDay = new Map()));
    let cell = byDay.get(day);
    if (!cell) byDay.set(day, (cell = [0, 0]));
    if (g > 1) cell[0]++;
    cell[1]++;
  }

  /** The figures as of `now` (today, the past year and the retention windows end at `now`'s study day). */
  result(now: number): ReviewLogStats {
    if (!Number.isFinite(now)) throw new RangeError(`now: must be a time in ms, got ${String(now)}`);
    const today = studyDayNumber(now, this.dayStartHour);
    const counts = new Map<number, number>();
    for (const [day, totals] of this.days) counts.set(day, totals.reviewed);
    const t = this.days.get(today) ?? { reviewed: 0, study: 0, quiz: 0, newLearned: 0, timeMs: 0, again: 0 };

    const byDeck = new Map<string, RetentionRow>();
    const sum = [0, 0, 0, 0, 0, 0, 0, 0];
    for (const [deckId, byDay] of this.retention) {
      const cells = [0, 0, 0, 0, 0, 0, 0, 0];
      for (const [day, [right, total]] of byDay) {
        const age = today - day;
        if (age < 0) continue; // dated after `now` (the device clock was changed): in no window
        for (let w = 0; w < 4; w++) {
          if (age < WINDOW_DAYS[w]!) {
            cells[w * 2]! += right;
            cells[w * 2 + 1]! += total;
          }
        }
      }
      byDeck.set(deckId, toRow(cells));
      for (let i = 0; i < 8; i++) sum[i]! += cells[i]!;
    }
    return {
      today,
      total: this.count,
      firstReviewAt: this.firstAt,
      todayStats: { ...t, againRate: t.reviewed ? t.again / t.reviewed : null },
      streak: streaks(counts, today),
      heatmap: heatmap(counts, today, 365),
      retention: { overall: toRow(sum), byDeck },
    };
  }
}

function toRow(cells: number[]): RetentionRow {
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
