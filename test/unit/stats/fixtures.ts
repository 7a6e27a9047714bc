/** Hand-made items and review-log entries for the stats tests. Times are built with local-time Date constructors. */
import type { FsrsState, Grade, ItemRecord, ItemState, ReviewRecord } from '../../../src/srs/types';

const DAY = 86_400_000;

/** Local time: `at(2026, 3, 10, 4)` is 10 March 2026, 04:00 on this machine's clock. */
export function at(y: number, month: number, d: number, h = 12, min = 0): number {
  return new Date(y, month - 1, d, h, min).getTime();
}

export function fsrsState(patch: Partial<FsrsState> = {}): FsrsState {
  return {
    due: 0,
    stability: 0,
    difficulty: 0,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 0,
    lapses: 0,
    state: 0,
    ...patch,
  };
}

export function item(id: string, patch: Partial<Omit<ItemRecord, 'fsrs'>> & { fsrs?: Partial<FsrsState> } = {}): ItemRecord {
  const fullId = id.includes('/') ? id : `deck/${id}`;
  const [deckId = '', rest = ''] = fullId.split('/');
  const [cardId = '', sub = ''] = rest.split('#');
  const state: ItemState = patch.state ?? (patch.fsrs?.state as ItemState | undefined) ?? 0;
  const fsrs = fsrsState({ state, ...patch.fsrs });
  const due = patch.due ?? fsrs.due;
  return {
    id: fullId,
    deckId,
    cardId,
    sub,
    created: 0,
    suspended: false,
    buriedUntil: 0,
    leech: false,
    orphaned: false,
    ...patch,
    fsrs: { ...fsrs, due },
    due,
    state,
  };
}

/** An item in review state with the given interval (days) before the review. */
export function reviewItem(id: string, intervalDays: number): ItemRecord {
  return item(id, { state: 2, fsrs: { state: 2, scheduled_days: intervalDays, stability: intervalDays, last_review: 0 } });
}

export interface ReviewOpts {
  grade?: Grade;
  mode?: 'study' | 'quiz';
  durationMs?: number;
  before?: ItemRecord;
  afterState?: ItemState;
}

let nextId = 1;

/** One log entry for `itemId` at time `t`; by default a Good study answer on a new item. */
export function review(itemId: string, t: number, o: ReviewOpts = {}): ReviewRecord {
  const before = o.before ?? item(itemId);
  const grade = o.grade ?? 3;
  return {
    id: nextId++,
    itemId: before.id,
    deckId: before.deckId,
    cardId: before.cardId,
    grade,
    mode: o.mode ?? 'study',
    at: t,
    durationMs: o.durationMs ?? 5000,
    before,
    after: fsrsState({ state: o.afterState ?? (before.state === 0 ? 1 : 2), due: t + DAY }),
  };
}

/** A review of a mature item (interval 30 days before it). */
export function matureReview(itemId: string, t: number, grade: Grade = 3, mode: 'study' | 'quiz' = 'study'): ReviewRecord {
  return review(itemId, t, { grade, mode, before: reviewItem(itemId, 30) });
}

/** Runs `fn` with the process in time zone `tz` (Node re-reads TZ when it changes). */
export function inTimeZone(tz: string, fn: () => void | Promise<void>): () => Promise<void> {
  return async () => {
    const old = process.env.TZ;
    process.env.TZ = tz;
    try {
      await fn();
    } finally {
      if (old === undefined) delete process.env.TZ;
      else process.env.TZ = old;
    }
  };
}
