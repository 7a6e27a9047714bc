/**
 * How well FSRS parameters predict recall on reviews they were not fitted on: log loss and the
 * binned RMSE of the open srs-benchmark (reviews grouped by interval, review number and lapse
 * count, each group's mean prediction against its mean outcome, weighted by its size). Pure.
 */
import { FSRSAlgorithm, type FSRSState } from 'ts-fsrs';
import type { ParameterFit } from '../srs/types';
import type { History } from './dataset';

/** Log loss and binned RMSE of parameters on held-out reviews (the shape lives in srs/types.ts). */
export type Fit = ParameterFit;

const EPS = 1e-7;

/** Bin index on a log scale of `base`, as srs-benchmark rounds intervals, review numbers and lapses. */
function logBin(x: number, base: number): number {
  return Math.floor(Math.log(x) / Math.log(base) + 1e-9);
}

/**
 * Scores parameters `w` on every review at or after `from` that came a day or more after the
 * item's previous answer (earlier answers only carry the item's memory state forward).
 */
export function scoreParameters(histories: readonly History[], w: readonly number[], from: number): Fit {
  const model = new FSRSAlgorithm({ w: [...w], enable_short_term: true });
  const bins = new Map<string, { y: number; p: number; n: number }>();
  let loss = 0;
  let count = 0;
  for (const h of histories) {
    let state: FSRSState | null = null;
    let lapses = 0;
    for (let i = 0; i < h.grades.length; i++) {
      const gap = h.gaps[i]!;
      const grade = h.grades[i]!;
      if (state && gap > 0 && h.at[i]! >= from) {
        const p = Math.min(1 - EPS, Math.max(EPS, model.forgetting_curve(gap, state.stability)));
        const y = grade > 1 ? 1 : 0;
        loss -= y ? Math.log(p) : Math.log(1 - p);
        count++;
        const key = `${logBin(gap, 3.62)}|${logBin(i + 1, 1.89)}|${lapses === 0 ? -1 : logBin(lapses, 1.73)}`;
        const b = bins.get(key) ?? { y: 0, p: 0, n: 0 };
        b.y += y;
        b.p += p;
        b.n++;
        bins.set(key, b);
      }
      if (gap > 0 && grade === 1) lapses++;
      state = model.next_state(state, gap, grade);
    }
  }
  let sq = 0;
  for (const b of bins.values()) sq += b.n * (b.y / b.n - b.p / b.n) ** 2;
  return { logLoss: count ? loss / count : NaN, rmseBins: count ? Math.sqrt(sq / count) : NaN, reviews: count };
}
