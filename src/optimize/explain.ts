/**
 * The optimiser's and simulator's figures in plain words for the settings screen. Pure.
 */
import { MIN_TEST_REVIEWS, MIN_TRAIN_REVIEWS, type Split } from './dataset';
import type { Fit } from './metrics';
import type { SimPoint } from './simulate';

/** Whether fitted parameters beat the current ones: lower log loss, and binned RMSE no worse. */
export function isBetter(current: Fit, fitted: Fit): boolean {
  return fitted.logLoss < current.logLoss && fitted.rmseBins <= current.rmseBins;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** "predicts your recall 12 % more accurately" and the figures behind it. */
export function compareFits(current: Fit, fitted: Fit): string {
  const gain = Math.round(((current.logLoss - fitted.logLoss) / current.logLoss) * 100);
  const figures = `log loss ${fitted.logLoss.toFixed(3)} against ${current.logLoss.toFixed(3)}; calibration error ${pct(fitted.rmseBins)} against ${pct(current.rmseBins)}`;
  const judged = `judged on your ${fitted.reviews} most recent reviews, which the new parameters were not fitted on`;
  if (isBetter(current, fitted)) {
    const how = gain >= 1 ? `${gain} % more accurately` : 'slightly more accurately (by less than 1 %)';
    return `The new parameters predict your recall ${how} than the ones in use (${figures}), ${judged}. They are now in use.`;
  }
  return `The parameters in use already predict your recall as well or better (${figures}), ${judged}. They are kept.`;
}

/** How many more reviews the optimiser needs, and why. */
export function tooFew(split: Extract<Split, { ok: false }>, trainedUntil?: number): string {
  if (split.reason === 'since-last') {
    const since = trainedUntil ? ` after ${new Date(trainedUntil).toLocaleDateString()}` : '';
    return `The parameters in use were fitted on your earlier reviews. To judge new ones fairly, Briefdeck needs ${MIN_TEST_REVIEWS} reviews made since then${since}; there are ${split.test}, so ${split.more} more are needed.`;
  }
  const have = split.train + split.test;
  return `Optimizing needs at least ${MIN_TRAIN_REVIEWS + MIN_TEST_REVIEWS} reviews of cards you first studied on an earlier day; there are ${have} so far, so ${split.more} more are needed. Until then the default parameters are a better guess than parameters fitted to so few answers.`;
}

/** One-paragraph summary of the simulation for the chart's caption. */
export function simulationSummary(points: readonly SimPoint[], best: SimPoint, current: number): string {
  const at = points.find((p) => Math.abs(p.target - current) < 0.005);
  const describe = (p: SimPoint) => `about ${Math.round(p.reviewsPerDay)} reviews a day and ${Math.round(p.remembered * 100)} % of your cards remembered a year from now`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const parts = [
    at ? `At your target of ${current.toFixed(2)}: ${describe(at)}.` : '',
    `The least work per card remembered is at ${best.target.toFixed(2)}: ${describe(best)}.`,
    `From ${first.target.toFixed(2)} to ${last.target.toFixed(2)} the reviews go from ${Math.round(first.reviewsPerDay)} to ${Math.round(last.reviewsPerDay)} a day.`,
  ];
  return parts.filter(Boolean).join(' ');
}
