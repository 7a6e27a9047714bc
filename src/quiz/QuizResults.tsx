/**
 * The end of a quiz: "Score 8/10", time taken, a per-key-point breakdown, the missed questions
 * with their answers, and "Study the missed cards now" (a study session of exactly those items).
 */
import { useEffect, useRef } from 'preact/hooks';
import { RichText } from '../ui/RichText';
import type { QuizScore } from './engine';
import type { Deck } from '../deck/schema';

export interface QuizResultsProps {
  /** The route id: a deck id or `all`. */
  id: string;
  decks: readonly Deck[];
  result: QuizScore;
  durationMs: number;
  timedOut: boolean;
  saveError: string | null;
  onAgain: () => void;
}

/** "2 min 13 s", "45 s". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m ? `${m} min ${s % 60} s` : `${s} s`;
}

/** `/study/<id>?items=a,b` with each item id encoded (ids contain `/` and `#`). */
export function studyMissedHref(id: string, itemIds: readonly string[]): string {
  return `/study/${encodeURIComponent(id)}?items=${itemIds.map(encodeURIComponent).join(',')}`;
}

export function QuizResults({ id, decks, result, durationMs, timedOut, saveError, onAgain }: QuizResultsProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const keyPointText = new Map<string, string>();
  for (const d of decks) for (const kp of d.keyPoints ?? []) keyPointText.set(kp.id, kp.text);
  const rows = Object.entries(result.byKeyPoint).sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : 0));
  const missedIds = result.missed.map((m) => m.question.itemId);

  return (
    <div class="quiz-results">
      <h1 tabIndex={-1} ref={heading}>
        Score {result.score}/{result.total}
      </h1>
      <p>
        {result.total ? Math.round((100 * result.score) / result.total) : 0}% right · time taken {formatDuration(durationMs)}
        {timedOut && ' (time ran out)'}
      </p>
      {saveError && <p role="alert">{saveError}</p>}

      <div class="quiz-actions">
        {missedIds.length > 0 && (
          <a class="quiz-btn quiz-btn-primary" href={studyMissedHref(id, missedIds)}>
            Study the missed cards now
          </a>
        )}
        <button type="button" class="quiz-btn" onClick={onAgain}>
          New quiz
        </button>
      </div>

      <h2>By key point</h2>
      <table class="quiz-breakdown">
        <thead>
          <tr>
            <th scope="col">Key point</th>
            <th scope="col">Right</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([kp, { right, total }]) => (
            <tr key={kp}>
              <th scope="row">{kp ? <RichText text={keyPointText.get(kp) ?? kp} inline /> : 'Cards without a key point'}</th>
              <td>
                {right}/{total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Missed questions</h2>
      {result.missed.length === 0 ? (
        <p>None — every answer was right.</p>
      ) : (
        <ol class="quiz-missed">
          {result.missed.map(({ question, answer }) => (
            <li key={question.itemId}>
              <RichText text={question.prompt} />
              <p>
                Right answer: <strong><RichText text={question.answerText} inline /></strong>
              </p>
              <p class="meta">{answer ? <>Your answer: {answer.given || '(empty)'}</> : 'Not answered'}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
