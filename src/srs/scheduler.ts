/**
 * Scheduling with FSRS-6 through ts-fsrs: grading an item, previewing the next interval of each
 * grade, retrievability and leech detection. Pure and clock-injected: every function takes `now`
 * (epoch ms) and returns new records; the store persists them.
 */
import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  type Card,
  type FSRS,
  type Grade as FsrsGrade,
  type Steps,
} from 'ts-fsrs';
import type { ItemRef } from '../deck/items';
import { queueOf } from './queue';
import type { FsrsState, Grade, ItemRecord, ItemState, Settings } from './types';
import { GRADES } from './rating';


export interface SchedulerOptions {
  /** Spread review intervals a little so cards learnt together do not stay together (default on). */
  fuzz?: boolean;
}

const cache = new Map<string, FSRS>();

/** The ts-fsrs scheduler for these settings and deck (kept, since settings rarely change). */
export function schedulerFor(settings: Settings, options: SchedulerOptions = {}, deckId = ''): FSRS {
  const fuzz = options.fuzz ?? true;
  // The deck's own fitted parameters, else everyone's, else (undefined) ts-fsrs's defaults. An
  // own-key lookup, as retrievability.ts makes it: a deck may be called `constructor`.
  const w = settings.parameters[Object.hasOwn(settings.parameters, deckId) ? deckId : ''];
  const key = JSON.stringify([
    w,
    settings.desiredRetention,
    settings.maximumIntervalDays,
    settings.learningSteps,
    settings.relearningSteps,
    fuzz,
  ]);
  let f = cache.get(key);
  if (!f) {
    f = fsrs(
      generatorParameters({
        request_retention: settings.desiredRetention,
        w,
        maximum_interval: settings.maximumIntervalDays,
        enable_fuzz: fuzz,
        enable_short_term: true,
        learning_steps: settings.learningSteps as unknown as Steps,
        relearning_steps: settings.relearningSteps as unknown as Steps,
      }),
    );
    if (cache.size > 8) cache.clear();
    cache.set(key, f);
  }
  return f;
}

/** ts-fsrs card from the stored state (dates as Date objects). */
export function toCard(s: FsrsState): Card {
  // The stored state has exactly the card's fields; only its dates change type.
  const card = { ...s, due: new Date(s.due) } as Card;
  if (s.last_review !== undefined) card.last_review = new Date(s.last_review);
  return card;
}

/** Stored state from a ts-fsrs card (dates as epoch ms, so IndexedDB can index them). */
export function fromCard(c: Card): FsrsState {
  const s: FsrsState = {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as number as ItemState,
  };
  if (c.last_review) s.last_review = c.last_review.getTime();
  return s;
}

/**
 * A new item as the store first keeps it. `order` (its position in the deck) is added to the due
 * time in milliseconds so new cards come up in deck order.
 */
export function newItem(ref: ItemRef, now: number, order = 0): ItemRecord {
  const fsrsState = fromCard(createEmptyCard(new Date(now + order)));
  const item: ItemRecord = {
    id: ref.id,
    deckId: ref.deckId,
    cardId: ref.cardId,
    sub: ref.sub,
    fsrs: fsrsState,
    due: fsrsState.due,
    state: fsrsState.state,
    suspended: false,
    buriedUntil: 0,
    leech: false,
    orphaned: false,
    created: now,
  };
  item.queue = queueOf(item, now);
  return item;
}

/** Whether this lapse count makes an item a leech: at the threshold, then every half threshold. */
export function isLeechLapse(lapses: number, threshold: number): boolean {
  if (lapses < threshold) return false;
  return (lapses - threshold) % Math.max(1, Math.ceil(threshold / 2)) === 0;
}

export interface GradeResult {
  item: ItemRecord;
  /** The item just reached the leech threshold: it is tagged leech and suspended. */
  becameLeech: boolean;
}

/** Applies a grade at `now`: the FSRS state moves on, and a lapse may make the item a leech. */
export function gradeItem(item: ItemRecord, grade: Grade, now: number, settings: Settings, options?: SchedulerOptions): GradeResult {
  const next = fromCard(schedulerFor(settings, options, item.deckId).next(toCard(item.fsrs), new Date(now), grade as FsrsGrade).card);
  // A non-finite schedule (NaN from a stability of 1e308) must never be written: refuse the grade.
  if (!Object.values(next).every((v) => v === undefined || Number.isFinite(v))) throw new RangeError(`${item.id}: grading gave a number that is not finite`);
  const lapsed = next.lapses > item.fsrs.lapses;
  const becameLeech = lapsed && isLeechLapse(next.lapses, settings.leechThreshold);
  const updated: ItemRecord = {
    ...item,
    fsrs: next,
    due: next.due,
    state: next.state,
    leech: item.leech || becameLeech,
    suspended: item.suspended || becameLeech,
    // An item answered anyway (e.g. from a list of missed cards) follows its new schedule.
    buriedUntil: 0,
  };
  updated.queue = queueOf(updated, now);
  return { item: updated, becameLeech };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function oneDecimal(x: number): string {
  return `${Math.round(x * 10) / 10}`;
}

/** A short interval label for a grade button: `1m`, `10m`, `3h`, `3d`, `2mo`, `1.2y`. */
export function formatInterval(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))}m`;
  if (ms < DAY) return `${Math.round(ms / HOUR)}h`;
  const days = ms / DAY;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${oneDecimal(days / 30)}mo`;
  return `${oneDecimal(days / 365)}y`;
}

/**
 * When each grade would bring the item back, with a label. ts-fsrs derives its fuzz from the
 * card and the review time, so the preview at `now` is what grading at `now` gives.
 */
export function previewIntervals(item: ItemRecord, now: number, settings: Settings): Record<Grade, { due: number; label: string }> {
  const preview = schedulerFor(settings, {}, item.deckId).repeat(toCard(item.fsrs), new Date(now));
  const out = {} as Record<Grade, { due: number; label: string }>;
  for (const grade of GRADES) {
    const due = preview[grade as FsrsGrade].card.due.getTime();
    out[grade] = { due, label: formatInterval(due - now) };
  }
  return out;
}
