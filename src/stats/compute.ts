/**
 * All progress stats together: the review-log figures plus the items' current state, the decks'
 * key points and the quiz history. Pure: no DOM, no IndexedDB (`load.ts` feeds it from the store).
 * Days are local study days starting at `settings.dayStartHour`.
 */
import type { ItemRecord, QuizRecord, Settings } from '../srs/types';
import type { RecallFn } from '../srs/mastery';
import { recallWith } from '../srs/retrievability';
import { emptyRetentionRow, type ReviewLogStats, type RetentionRow } from './log-stats';
import {
  cardStates,
  emptyCardStates,
  forecast,
  keyPointMastery,
  type CardStates,
  type DeckShape,
  type ForecastDay,
  type KeyPointStats,
} from './item-stats';
import { quizTrend, type QuizTrend } from './quiz-trend';

/** What the stats are made of besides the review-log figures. */
export interface StatsInput {
  /** Current review items (of every deck in `decks`; others are ignored). */
  items: Iterable<ItemRecord>;
  decks: DeckShape[];
  quizzes: Iterable<QuizRecord>;
  /** `parameters`: the learner's fitted ones, which recall is predicted by (the defaults when absent). */
  settings: Pick<Settings, 'dayStartHour' | 'desiredRetention'> & Partial<Pick<Settings, 'parameters'>>;
  now: number;
  /** Limit everything to these decks (a deck's own stats page); all of `decks` when absent. */
  deckIds?: string[];
  /** Recall probability of an item; FSRS `retrievability` by the settings' parameters unless given. */
  recall?: RecallFn;
}

export interface DeckStats {
  id: string;
  title: string;
  states: CardStates;
  mastery: KeyPointStats[];
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

function checkRetention(d: number): void {
  if (!(d > 0 && d < 1)) throw new RangeError(`settings.desiredRetention: must be between 0 and 1, got ${String(d)}`);
}

/** Every progress stat: the review-log figures (from the study-day counts) with the items', decks' and quizzes' at `now`. */
export function assembleStats(log: ReviewLogStats, input: StatsInput): Stats {
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
  const recall = input.recall ?? recallWith(settings.parameters ?? {});

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
