/**
 * All progress stats in one call: a single streamed pass over the review log plus the items'
 * current state, the decks' key points and the quiz history. Pure apart from awaiting the
 * review source: no DOM, no IndexedDB (the stats screen feeds it from the store).
 * Days are local study days starting at `settings.dayStartHour` (see `days.ts`).
 */
import type { ItemRecord, QuizRecord, ReviewRecord, Settings } from '../srs/types';
import { retrievability } from '../srs/scheduler';
import { ReviewFold, emptyRetentionRow, type ReviewLogStats, type RetentionRow } from './review-fold';
import {
  cardStates,
  emptyCardStates,
  forecast,
  keyPointMastery,
  type CardStates,
  type DeckShape,
  type ForecastDay,
  type KeyPointMastery,
  type RecallFn,
} from './item-stats';
import { quizTrend, type QuizTrend } from './quiz-trend';

export type ReviewVisitor = (r: ReviewRecord) => void;

/**
 * Where reviews come from, in time order: an array or (async) iterable, or a function that
 * pushes every review to a visitor — `(visit) => forEachReview({}, visit)` over the store.
 */
export type ReviewSource =
  | Iterable<ReviewRecord>
  | AsyncIterable<ReviewRecord>
  | ((visit: ReviewVisitor) => Promise<void> | void);

/** Feeds every review of `source` to `visit`, one at a time. */
export async function eachReview(source: ReviewSource, visit: ReviewVisitor): Promise<void> {
  if (typeof source === 'function') return source(visit);
  if (Symbol.asyncIterator in source) {
    for await (const r of source) visit(r);
    return;
  }
  for (const r of source) visit(r);
}

export interface StatsInput {
  reviews: ReviewSource;
  /** Current review items (of every deck in `decks`; others are ignored). */
  items: Iterable<ItemRecord>;
  decks: DeckShape[];
  quizzes: Iterable<QuizRecord>;
  settings: Pick<Settings, 'dayStartHour' | 'desiredRetention'>;
  now: number;
  /** Limit everything to these decks (a deck's own stats page); all of `decks` when absent. */
  deckIds?: string[];
  /** Recall probability of an item; the scheduler's FSRS `retrievability` unless given. */
  recall?: RecallFn;
}

export interface DeckStats {
  id: string;
  title: string;
  states: CardStates;
  mastery: KeyPointMastery[];
  retention: RetentionRow;
}

export interface Stats extends ReviewLogStats {
  now: number;
  dayStartHour: number;
  desiredRetention: number;
  /** Due items per study day, today (with overdue) first, 30 days. */
  forecast: ForecastDay[];
  decks: DeckStats[];
  quizzes: QuizTrend;
}

/** Computes every progress stat from the review log, items, decks, quizzes and settings at `now`. */
export async function computeStats(input: StatsInput): Promise<Stats> {
  checkRetention(input.settings.desiredRetention);
  // With no deck filter, the log counts every deck ever studied (history outlives a deleted deck).
  const fold = new ReviewFold({ dayStartHour: input.settings.dayStartHour, deckIds: input.deckIds ?? null });
  await eachReview(input.reviews, (r) => fold.add(r));
  return assembleStats(fold.result(input.now), input);
}

function checkRetention(d: number): void {
  if (!(d > 0 && d < 1)) throw new RangeError(`settings.desiredRetention: must be between 0 and 1, got ${String(d)}`);
}

/**
 * The rest of the stats around figures already folded from the log (by `computeStats`, or by a
 * `ReviewFold` kept between loads and fed only the newest reviews).
 */
export function assembleStats(log: ReviewLogStats, input: Omit<StatsInput, 'reviews'>): Stats {
  const { settings, now } = input;
  checkRetention(settings.desiredRetention);
  const scopeSet = new Set(input.deckIds ?? input.decks.map((x) => x.id));
  const decks = input.decks.filter((x) => scopeSet.has(x.id));

  const byDeck = new Map<string, ItemRecord[]>();
  for (const item of input.items) {
    if (!scopeSet.has(item.deckId)) continue;
    let list = byDeck.get(item.deckId);
    if (!list) byDeck.set(item.deckId, (list = []));
    list.push(item);
  }
  const all = [...byDeck.values()].flat();
  const states = cardStates(all);
  const recall = input.recall ?? retrievability;

  return {
    ...log,
    now,
    dayStartHour: settings.dayStartHour,
    desiredRetention: settings.desiredRetention,
    forecast: forecast(all, { now, dayStartHour: settings.dayStartHour }),
    decks: decks.map((deck) => ({
      id: deck.id,
      title: deck.title,
      states: states.get(deck.id) ?? emptyCardStates(),
      mastery: keyPointMastery(deck, byDeck.get(deck.id) ?? [], now, recall),
      retention: log.retention.byDeck.get(deck.id) ?? emptyRetentionRow(),
    })),
    quizzes: quizTrend(input.quizzes, { deckIds: input.deckIds ?? null }),
  };
}
