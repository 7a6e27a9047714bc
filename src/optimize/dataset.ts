/**
 * Turns the review log into what FSRS learns from: one history per review item (its answers in
 * order, with the whole study days between them), and the time split that keeps the reviews used
 * to judge parameters apart from the reviews used to fit them. Pure.
 */
import { studyDayStart } from '../srs/day';
import type { StudyAnswer } from '../srs/types';

/** One study answer, as much of it as FSRS needs (its shape lives with the others in srs/types.ts). */
export type Answer = StudyAnswer;

/** An item's answers in time order: grades, study-day gaps (0 for the first and same-day ones), times. */
export interface History {
  deckId: string;
  grades: number[];
  gaps: number[];
  at: number[];
}

const DAY = 86_400_000;

/**
 * Histories from answers in any order. Answers before an item's first `fresh` one are dropped:
 * without its start FSRS cannot know the item's memory state.
 */
export function buildHistories(answers: readonly Answer[], dayStartHour: number): History[] {
  const sorted = answers.slice().sort((a, b) => a.at - b.at);
  const open = new Map<string, { h: History; day: number }>();
  const out: History[] = [];
  for (const a of sorted) {
    // Whole study days, rounded so a daylight-saving change (a 23 or 25 hour day) still counts one.
    const day = Math.round(studyDayStart(a.at, dayStartHour) / DAY);
    let cur = open.get(a.itemId);
    if (a.fresh || !cur) {
      if (!a.fresh) continue;
      cur = { h: { deckId: a.deckId, grades: [], gaps: [], at: [] }, day };
      open.set(a.itemId, cur);
      out.push(cur.h);
    }
    cur.h.grades.push(a.grade);
    cur.h.gaps.push(cur.h.grades.length === 1 ? 0 : day - cur.day);
    cur.h.at.push(a.at);
    cur.day = day;
  }
  return out;
}

/** Reviews FSRS is judged on: answers given at least a day after the item's previous answer. */
export function longTermTimes(histories: readonly History[]): number[] {
  const times: number[] = [];
  for (const h of histories) for (let i = 1; i < h.grades.length; i++) if (h.gaps[i]! > 0) times.push(h.at[i]!);
  return times.sort((a, b) => a - b);
}

/** Fewest reviews (a day or more after the previous answer) to fit on, and to judge on. */
export const MIN_TRAIN_REVIEWS = 400;
export const MIN_TEST_REVIEWS = 100;
/** The share of the newest reviews kept back to judge parameters. */
export const TEST_SHARE = 0.2;

export type Split =
  | { ok: true; cutoff: number; train: number; test: number }
  /** `total`: too few reviews at all; `since-last`: too few since the current parameters were fitted. */
  | { ok: false; train: number; test: number; more: number; reason: 'total' | 'since-last' };

/**
 * Where to cut the log in time: parameters are fitted on reviews before `cutoff` and judged on
 * reviews from it on. `notBefore` is where the data behind the current parameters ends, so they are
 * never judged on reviews they were fitted on. Says how many more reviews are needed when too few.
 */
export function splitByTime(times: readonly number[], notBefore = -Infinity): Split {
  const n = times.length;
  const at = Math.floor(n * (1 - TEST_SHARE));
  const cutoff = n ? Math.max(times[Math.min(at, n - 1)]!, notBefore) : notBefore;
  // Reviews at the very same time as the cut all fall on the judged side.
  let train = 0;
  while (train < n && times[train]! < cutoff) train++;
  const test = n - train;
  if (n < MIN_TRAIN_REVIEWS + MIN_TEST_REVIEWS) {
    return { ok: false, train, test, more: MIN_TRAIN_REVIEWS + MIN_TEST_REVIEWS - n, reason: 'total' };
  }
  if (test < MIN_TEST_REVIEWS) return { ok: false, train, test, more: MIN_TEST_REVIEWS - test, reason: 'since-last' };
  // Many reviews at one instant (an import) can leave the fitting side short.
  if (train < MIN_TRAIN_REVIEWS) return { ok: false, train, test, more: MIN_TRAIN_REVIEWS - train, reason: 'total' };
  return { ok: true, cutoff, train, test };
}

/** The flat arrays the FSRS optimiser takes: every history prefix that ends in a long-term review before `cutoff`. */
export function trainingItems(histories: readonly History[], cutoff: number): { ratings: Uint32Array; gaps: Uint32Array; lengths: Uint32Array; items: number } {
  let total = 0;
  let items = 0;
  for (const h of histories) {
    for (let k = 1; k < h.grades.length && h.at[k]! < cutoff; k++) {
      if (h.gaps[k]! > 0) {
        total += k + 1;
        items++;
      }
    }
  }
  const ratings = new Uint32Array(total);
  const gaps = new Uint32Array(total);
  const lengths = new Uint32Array(items);
  let p = 0;
  let q = 0;
  for (const h of histories) {
    for (let k = 1; k < h.grades.length && h.at[k]! < cutoff; k++) {
      if (h.gaps[k]! <= 0) continue;
      for (let i = 0; i <= k; i++) {
        ratings[p] = h.grades[i]!;
        gaps[p++] = h.gaps[i]!;
      }
      lengths[q++] = k + 1;
    }
  }
  return { ratings, gaps, lengths, items };
}
