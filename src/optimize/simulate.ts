/**
 * What each desired retention costs: simulates the learner's collection for the next year with
 * their FSRS parameters, for each target from 0.70 to 0.97, counting reviews per day and the share
 * of cards they can expect to remember at the end. Seeded Monte Carlo with the same random draws
 * for every target, so the curves differ by the target alone. Pure.
 */
import { mulberry32 } from '../srs/prng';
import { FSRSAlgorithm, default_w, type FSRSState } from 'ts-fsrs';
import type { SimulationCard } from '../srs/types';

/** A card as the simulator starts it (the shape lives in srs/types.ts, which the store also speaks). */
export type SimCard = SimulationCard;

export interface SimInput {
  cards: SimCard[];
  /** The learner's parameters; null for the defaults. */
  w: readonly number[] | null;
  /** New cards introduced per day while any are left. */
  newPerDay: number;
  days?: number;
  targets?: readonly number[];
  seed?: number;
  maximumIntervalDays?: number;
}

export interface SimPoint {
  target: number;
  /** Mean reviews per day over the simulated days (relearning the same day included). */
  reviewsPerDay: number;
  /** Expected share of studied cards recalled on the last day. */
  remembered: number;
  /** Expected cards recalled on the last day. */
  memorised: number;
  /** Reviews over the period per card remembered at its end. */
  costPerCard: number;
}

/** 0.70, 0.71, … 0.97. */
export const TARGETS: readonly number[] = Array.from({ length: 28 }, (_, i) => Math.round((0.7 + i * 0.01) * 100) / 100);

/** Fewest cards simulated: a small collection is simulated several times over, so chance draws average out. */
export const MIN_SIMULATED_CARDS = 4000;

/**
 * Simulates one target. Day 0 is today; `lastDay`/`dueDay` of known cards are relative to it
 * (≤ 0 for the past). A collection smaller than MIN_SIMULATED_CARDS runs as several copies whose
 * counts are averaged (the same expectation, less noise between neighbouring targets).
 */
export function simulateTarget(input: SimInput, target: number): SimPoint {
  const copies = Math.max(1, Math.ceil(MIN_SIMULATED_CARDS / Math.max(1, input.cards.length)));
  const days = input.days ?? 365;
  const maxIvl = input.maximumIntervalDays ?? 36500;
  const model = new FSRSAlgorithm({ w: [...(input.w ?? default_w)], request_retention: target, enable_short_term: true, maximum_interval: maxIvl });
  const rnd = mulberry32(input.seed ?? 1);
  let reviews = 0;
  let memorised = 0;
  let studied = 0;
  let newIndex = 0;
  const review = (s: FSRSState | null, elapsed: number): { s: FSRSState; again: boolean } => {
    const r = s ? model.forgetting_curve(elapsed, s.stability) : 0.5;
    const recalled = rnd() < r;
    reviews++;
    let next = model.next_state(s, elapsed, recalled ? 3 : 1);
    if (!recalled) {
      // Forgotten cards are relearnt the same day before they leave.
      reviews++;
      next = model.next_state(next, 0, 3);
    }
    return { s: next, again: !recalled };
  };
  /** Follows one card through the period, counting its reviews and its recall at the end. */
  const follow = (card: SimCard) => {
    let s: FSRSState | null;
    let last: number;
    let due: number;
    if (card.state === 'new') {
      const day = Math.floor(newIndex++ / Math.max(1, input.newPerDay));
      if (input.newPerDay <= 0 || day >= days) return;
      s = review(null, 0).s;
      last = day;
      due = day + model.next_interval(s.stability, 0);
    } else {
      s = { stability: card.stability, difficulty: card.difficulty };
      last = card.lastDay;
      due = Math.max(0, card.dueDay);
    }
    while (due < days) {
      s = review(s, due - last).s;
      last = due;
      due = last + Math.max(1, model.next_interval(s.stability, 0));
    }
    studied++;
    memorised += model.forgetting_curve(days - last, s.stability);
  };
  for (let copy = 0; copy < copies; copy++) {
    newIndex = 0;
    for (const card of input.cards) follow(card);
  }
  return {
    target,
    reviewsPerDay: reviews / copies / days,
    remembered: studied ? memorised / studied : 0,
    memorised: memorised / copies,
    costPerCard: memorised ? reviews / memorised : Infinity,
  };
}

/** Every target, and the one with the least work per card remembered. */
export function simulateTargets(input: SimInput): { points: SimPoint[]; best: SimPoint } {
  const points = (input.targets ?? TARGETS).map((t) => simulateTarget(input, t));
  const best = points.reduce((a, b) => (b.costPerCard < a.costPerCard ? b : a));
  return { points, best };
}
