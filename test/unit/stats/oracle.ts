/**
 * A test oracle: the raw fold of the review log that the stats once used, kept here as an
 * independent second way to the same figures. It walks the log entry by entry with its own day
 * numbering (local calendar fields, not `studyDayStart`), and the tests hold the app's one
 * study-day fold (`src/srs/day-counts.ts` with `src/stats/bucket-fold.ts`) against it.
 */
import type { ReviewRecord } from '../../../src/srs/types';
import { assembleStats, type Stats, type StatsInput } from '../../../src/stats/compute';
import { checkDayStartHour, studyDayStartOf } from '../../../src/stats/days';
import { heatmap, streaks, toRow, WINDOW_DAYS, type ReviewLogStats, type RetentionRow } from '../../../src/stats/log-stats';

const DAY_MS = 86_400_000;

/** Number of the local study day that contains time `t`, from the local calendar fields and the hour. */
export function oracleDayNumber(t: number, dayStartHour: number): number {
  const d = new Date(t);
  // Date.UTC on the local calendar fields gives an integer day count that ignores offset changes.
  let n = Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
  if (d.getHours() < dayStartHour) n -= 1;
  return n;
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
    const day = oracleDayNumber(t, this.dayStartHour);
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

function describe(r: ReviewRecord, index: number): string {
  return r.id !== undefined ? `review id ${r.id}` : `review #${index + 1}`;
}

function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
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

/** Whether the item was mature when this review was given (interval ≥ 21 days, in review state: ts-fsrs's State.Review is 2). */
function wasMature(r: Pick<ReviewRecord, 'before'>): boolean {
  return r.before.state === 2 && r.before.fsrs.scheduled_days >= 21;
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
    if (r.before.state === 0 && r.after.state !== 0) t.newLearned++;
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
    const today = oracleDayNumber(now, this.dayStartHour);
    const counts = new Map<number, number>();
    for (const [day, totals] of this.days) counts.set(day, totals.reviewed);
    const t = this.days.get(today) ?? { reviewed: 0, study: 0, quiz: 0, newLearned: 0, timeMs: 0, again: 0 };

    const byDeck: Record<string, RetentionRow> = {};
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
      byDeck[deckId] = toRow(cells);
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

export type ReviewVisitor = (r: ReviewRecord) => void;

/** Where reviews come from, in time order: an array or (async) iterable, or a function that pushes every review to a visitor. */
export type ReviewSource =
  | Iterable<ReviewRecord>
  | AsyncIterable<ReviewRecord>
  | ((visit: ReviewVisitor) => Promise<void> | void);

/** Feeds every review of `source` to `visit`, one at a time. */
export async function eachReview(source: ReviewSource, visit: ReviewVisitor): Promise<void> {
  if (typeof source === 'function') return source(visit);
  if (Symbol.asyncIterator in source) {
    for await (const r of source) visit(r);
    return;
  }
  for (const r of source) visit(r);
}

/** Every progress stat from the raw review log, through the oracle fold. */
export async function computeStats(input: StatsInput & { reviews: ReviewSource }): Promise<Stats> {
  // With no deck filter, the log counts every deck ever studied (history outlives a deleted deck).
  const fold = new ReviewFold({ dayStartHour: input.settings.dayStartHour, deckIds: input.deckIds ?? null });
  await eachReview(input.reviews, (r) => fold.add(r));
  return assembleStats(fold.result(input.now), input);
}
