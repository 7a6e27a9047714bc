/**
 * Past quizzes of a deck (or of `all`), newest first: date, score and length. Used on the quiz
 * screen and on the deck page; refreshes when the store says something changed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { QuizRecord } from '../srs/types';
import { onStoreChange } from '../store';
import { listQuizzes } from '../store/quizzes';

export interface QuizHistoryProps {
  deckId: string;
  /** How many quizzes to list (newest first). */
  limit?: number;
  /** Heading level of the section title, to fit the page it sits on. */
  headingLevel?: 2 | 3;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function QuizHistory({ deckId, limit = 10, headingLevel = 2 }: QuizHistoryProps) {
  const [quizzes, setQuizzes] = useState<QuizRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      listQuizzes(deckId).then(
        (q) => live && setQuizzes([...q].sort((a, b) => b.at - a.at)),
        (e: Error) => live && setError(`Quiz history could not be read: ${e.message}`),
      );
    load();
    const stop = onStoreChange(load);
    return () => {
      live = false;
      stop();
    };
  }, [deckId]);

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="quiz-history" aria-labelledby={`quiz-history-${deckId}`}>
      <Heading id={`quiz-history-${deckId}`}>Past quizzes</Heading>
      {error && <p role="alert">{error}</p>}
      {!quizzes && !error && <p class="meta">Loading…</p>}
      {quizzes && !quizzes.length && <p class="meta">No quizzes yet.</p>}
      {quizzes && quizzes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Score</th>
              <th scope="col">Questions</th>
            </tr>
          </thead>
          <tbody>
            {quizzes.slice(0, limit).map((q) => (
              <tr key={q.id ?? q.at}>
                <td>
                  <time dateTime={new Date(q.at).toISOString()}>{dateFormat.format(q.at)}</time>
                </td>
                <td>
                  {q.score}/{q.total} ({q.total ? Math.round((100 * q.score) / q.total) : 0}%)
                </td>
                <td>{q.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
