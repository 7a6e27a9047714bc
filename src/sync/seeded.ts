/**
 * Grading with the fuzz drawn from a seed (a review's id) rather than from the card and the
 * time: `gradeItem` from `src/srs/scheduler.ts` decides everything (state, lapses, leech,
 * burial) and only the fuzz-dependent interval is drawn again from a ts-fsrs scheduler with the
 * same parameters and a seed strategy. Kept here, off the study path, so the study path's bytes
 * do not grow.
 */
import { StrategyMode, fsrs, type FSRS, type Grade as FsrsGrade } from 'ts-fsrs';
import { fromCard, gradeItem, schedulerFor, toCard } from '../srs/scheduler';
import type { Grade, ItemRecord, Settings } from '../srs/types';

const seeded = new WeakMap<FSRS, FSRS>();
let currentSeed = '';

/** The settings' scheduler with a seed strategy reading `currentSeed` (set just before each use). */
function seededScheduler(settings: Settings): FSRS {
  const base = schedulerFor(settings);
  let f = seeded.get(base);
  if (!f) {
    f = fsrs(base.parameters).useStrategy(StrategyMode.SEED, () => currentSeed);
    seeded.set(base, f);
  }
  return f;
}

/** `gradeItem`, with the interval's fuzz seeded from `seed`: the same seed, the same due time. */
export function gradeSeeded(item: ItemRecord, grade: Grade, now: number, settings: Settings, seed: string): ItemRecord {
  const graded = gradeItem(item, grade, now, settings).item;
  const scheduler = seededScheduler(settings);
  currentSeed = seed;
  const fsrsState = fromCard(scheduler.next(toCard(item.fsrs), new Date(now), grade as FsrsGrade).card);
  return { ...graded, fsrs: fsrsState, due: fsrsState.due };
}
