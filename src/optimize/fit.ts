/**
 * Fits FSRS-6 parameters with fsrs-browser (the reference FSRS optimiser built to wasm). Runs
 * where the wasm has been started: in the optimiser's worker, or in Node for tests and the bench.
 */
import { Fsrs, Progress } from 'fsrs-browser';
import type { trainingItems } from './dataset';

/** The optimiser's result for these training items; `progress` lets another thread watch it. */
export function fitParameters(data: ReturnType<typeof trainingItems>, progress?: Progress): number[] {
  // enable_short_term: Briefdeck schedules same-day learning steps, so they shape the fit too.
  return Array.from(new Fsrs().computeParameters(data.ratings, data.gaps, data.lengths, progress, true));
}
