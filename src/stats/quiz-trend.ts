/** Quiz score trend from the quiz history: one point per finished quiz, oldest first. Pure. */
import type { QuizRecord } from '../srs/types';

export interface QuizPoint {
  at: number;
  deckId: string;
  score: number;
  total: number;
  /** score / total, 0–1. */
  ratio: number;
}

export interface QuizTrend {
  points: QuizPoint[];
  /** Mean ratio of the points, or null without quizzes. */
  average: number | null;
  best: number | null;
  /** Ratio of the latest quiz minus the mean of the ones before it; null with fewer than two. */
  change: number | null;
}

/** The last `limit` quizzes (of the scoped decks) as a trend; quizzes without questions are skipped. */
export function quizTrend(
  quizzes: Iterable<QuizRecord>,
  opts: { deckIds?: Iterable<string> | null; limit?: number } = {},
): QuizTrend {
  const scope = opts.deckIds ? new Set(opts.deckIds) : null;
  const limit = opts.limit ?? 30;
  const all: QuizPoint[] = [];
  for (const q of quizzes) {
    if (scope && !scope.has(q.deckId)) continue;
    if (!(q.total > 0)) continue;
    if (!(q.score >= 0 && q.score <= q.total)) {
      throw new RangeError(`quiz ${q.id ?? `at ${new Date(q.at).toISOString()}`}: score ${q.score} is not between 0 and total ${q.total}`);
    }
    all.push({ at: q.at, deckId: q.deckId, score: q.score, total: q.total, ratio: q.score / q.total });
  }
  all.sort((a, b) => a.at - b.at);
  const points = all.slice(-limit);
  if (!points.length) return { points, average: null, best: null, change: null };
  const ratios = points.map((p) => p.ratio);
  const average = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const prior = ratios.slice(0, -1);
  const change = prior.length ? ratios[ratios.length - 1]! - prior.reduce((a, b) => a + b, 0) / prior.length : null;
  return { points, average, best: Math.max(...ratios), change };
}
