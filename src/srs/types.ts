/**
 * Shared shapes of review items, the review log and settings. Pure types: the scheduler
 * (`src/srs/`), the store (`src/store/`), quiz, stats and views all speak these.
 * Times are epoch milliseconds (numbers), so IndexedDB can index them.
 */

/** 1 Again, 2 Hard, 3 Good, 4 Easy (the same numbers as ts-fsrs's Rating). */
export type Grade = 1 | 2 | 3 | 4;

/** 0 New, 1 Learning, 2 Review, 3 Relearning (the same numbers as ts-fsrs's State). */
export type ItemState = 0 | 1 | 2 | 3;

// Item ids are made from a deck's cards (see `src/deck/items.ts`); the shapes here speak them.
import type { ItemId, ItemSub } from '../deck/items';
export type { ItemId, ItemSub };

/** FSRS memory state of an item, as ts-fsrs's Card with dates stored as epoch ms. */
export interface FsrsState {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: ItemState;
  last_review?: number;
}

/** What the store keeps per review item (one per card side / cloze deletion). */
export interface ItemRecord {
  id: ItemId;
  deckId: string;
  cardId: string;
  sub: ItemSub;
  fsrs: FsrsState;
  /** Copy of `fsrs.due`, indexed. */
  due: number;
  /** Copy of `fsrs.state`, indexed with deckId for per-deck counts. */
  state: ItemState;
  suspended: boolean;
  /** Buried until this time (start of the next study day); 0 when not buried. */
  buriedUntil: number;
  leech: boolean;
  /** The card no longer exists in its deck; history kept in case it returns. */
  orphaned: boolean;
  /** When the item was first seen by the store. */
  created: number;
  /**
   * Which study queue the item sits in, derived from the fields above and kept by the store so
   * that per-deck counts are index ranges: see `QUEUE` in `src/srs/queue.ts`. Optional so that
   * code building items by hand need not know it; the store always sets it.
   */
  queue?: number;
}

export type ReviewMode = 'study' | 'quiz';

/** Longest time counted for one answer, as Anki caps it, so a card left open does not skew stats. */
export const MAX_DURATION_MS = 60_000;

/** One entry of the append-only review log; the source of truth for stats and undo. */
export interface ReviewRecord {
  /** Auto-increment key, assigned by the store. */
  id?: number;
  itemId: ItemId;
  deckId: string;
  cardId: string;
  grade: Grade;
  mode: ReviewMode;
  /** When the answer was given (epoch ms). */
  at: number;
  /** Time spent on the card, ms (at most `MAX_DURATION_MS`). */
  durationMs: number;
  /** Item as it was before this review (for undo and stats). */
  before: ItemRecord;
  /** FSRS state after this review. */
  after: FsrsState;
  /** For quiz answers: whether the answer was right. */
  correct?: boolean;
  /** Sibling items this review buried for the rest of the day (undo un-buries them). */
  buried?: ItemId[];
}

/**
 * A change to an item that is not an answer: suspend, unsuspend, bury (until `until`, the start of
 * the next study day) and reset (back to new, its history kept). The store keeps each one until
 * sync sends it to the learner's other devices; `leech` marks a suspension a grade made.
 */
export interface ItemEvent {
  kind: 'suspend' | 'unsuspend' | 'bury' | 'reset';
  itemId: ItemId;
  at: number;
  until?: number;
  leech?: true;
}

export type Theme = 'system' | 'light' | 'dark';

/** Learner settings, one record in the store. */
export interface Settings {
  desiredRetention: number;
  maximumIntervalDays: number;
  /** Learning steps as Anki writes them: `['1m', '10m']`. */
  learningSteps: string[];
  relearningSteps: string[];
  newPerDay: number;
  reviewsPerDay: number;
  /** Local hour at which a new study day starts (0–23). */
  dayStartHour: number;
  leechThreshold: number;
  /** How quiz answers affect scheduling: 'again-on-wrong' (default) or 'none'. */
  quizScheduling: 'again-on-wrong' | 'none';
  theme: Theme;
  /** Text size multiplier, 0.875–1.5. */
  textScale: number;
  reduceMotion: boolean;
  /**
   * FSRS-6 parameters fitted to this learner (21 numbers), by deck id, with `''` for every deck
   * without its own; the defaults of ts-fsrs where none apply.
   */
  parameters: Record<string, number[]>;
}

export const DEFAULT_SETTINGS: Settings = {
  desiredRetention: 0.9,
  maximumIntervalDays: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  newPerDay: 20,
  reviewsPerDay: 200,
  dayStartHour: 4,
  leechThreshold: 8,
  quizScheduling: 'again-on-wrong',
  theme: 'system',
  textScale: 1,
  reduceMotion: false,
  parameters: {},
};

/** One finished quiz, kept for history on the deck page and the stats trend. */
export interface QuizRecord {
  id?: number;
  deckId: string;
  at: number;
  durationMs: number;
  score: number;
  total: number;
  /** Item ids answered wrong. */
  missed: ItemId[];
  /** Per key point: right and total. */
  byKeyPoint: Record<string, { right: number; total: number }>;
}

/** One study answer as the FSRS optimiser learns from it (the store reads them from the log). */
export interface StudyAnswer {
  itemId: string;
  deckId: string;
  at: number;
  grade: Grade;
  /** The item was new before this answer: its history starts here (again, if it was reset). */
  fresh: boolean;
}

/** How well FSRS parameters predicted reviews they were not fitted on. */
export interface ParameterFit {
  /** Mean negative log-likelihood of the outcomes (lower is better). */
  logLoss: number;
  /** Binned root mean square error between predicted and actual recall (lower is better). */
  rmseBins: number;
  /** Reviews judged. */
  reviews: number;
}

/** A card as the retention simulator starts it: never studied, or a memory state with its last and next review as study days from today. */
export type SimulationCard = { state: 'new' } | { state: 'known'; stability: number; difficulty: number; lastDay: number; dueDay: number };
