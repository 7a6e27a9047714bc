/**
 * An item's probability of recall now, from its FSRS memory state and the parameters that apply to
 * its deck (the learner's fitted ones when there are, else the defaults). Its own module, apart
 * from the scheduler, because only the deck page, stats and quizzes ask for it: the study screen
 * never does, so it stays out of the code loaded to study.
 */
import { fsrs, generatorParameters, type FSRS } from 'ts-fsrs';
import { toCard } from './scheduler';
import type { ItemRecord, Settings } from './types';
import * as State from './state';

/**
 * The fitted parameters that apply to a deck, as the scheduler picks them: its own, else everyone's
 * (`''`), else undefined (the defaults). An own-key lookup: a deck may be called `constructor`.
 * Written out here too rather than shared: exporting it would add to the code loaded to study.
 */
const parametersFor = (parameters: Settings['parameters'], deckId: string): number[] | undefined =>
  parameters[Object.hasOwn(parameters, deckId) ? deckId : ''];

/** Schedulers by parameter list (the settings' own arrays), `undefined` for the defaults. */
const byParameters = new Map<number[] | undefined, FSRS>();

function curveOf(w: number[] | undefined): FSRS {
  let f = byParameters.get(w);
  if (!f) {
    // Retrievability depends on the parameters alone, not on retention, steps or fuzz.
    f = fsrs(generatorParameters({ w, enable_fuzz: false }));
    if (byParameters.size > 8) byParameters.clear();
    byParameters.set(w, f);
  }
  return f;
}

/**
 * Probability (0–1) of recalling the item at `now`; null for an item never studied. `parameters`
 * are the settings' fitted ones (none: the defaults for every deck).
 */
export function retrievability(item: ItemRecord, now: number, parameters: Settings['parameters'] = {}): number | null {
  if (item.fsrs.state === State.New || item.fsrs.last_review === undefined) return null;
  const f = curveOf(parametersFor(parameters, item.deckId));
  return f.get_retrievability(toCard(item.fsrs), new Date(Math.max(now, item.fsrs.last_review)), false);
}

/** Recall probability of an item at `now`, null when it was never studied. */
export type RecallFn = (item: ItemRecord, now: number) => number | null;

/** Recall by the given fitted parameters, for the mastery rules (`RecallFn`). */
export const recallWith =
  (parameters: Settings['parameters']): RecallFn =>
  (item, now) =>
    retrievability(item, now, parameters);
