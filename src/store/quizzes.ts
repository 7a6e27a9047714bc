/** Quiz history: each finished quiz, per deck and over time. Loaded with the quiz and stats screens. */
import type { QuizRecord } from '../srs/types';
import { announce, inTransaction } from './db';
import { deckTime } from './keys';

/** Keeps a finished quiz; returns its id. */
export async function saveQuiz(q: QuizRecord): Promise<number> {
  const { id: _ignored, ...record } = q;
  const id = await inTransaction(['quizzes'], 'readwrite', (tx) => tx.objectStore('quizzes').add(record as QuizRecord));
  announce([q.deckId]);
  return id;
}

/** Finished quizzes, oldest first; of one deck when `deckId` is given. */
export async function listQuizzes(deckId?: string): Promise<QuizRecord[]> {
  return inTransaction(['quizzes'], 'readonly', (tx) =>
    deckId === undefined
      ? tx.objectStore('quizzes').index('by-time').getAll()
      : tx.objectStore('quizzes').index('by-deck').getAll(deckTime(deckId)),
  );
}
