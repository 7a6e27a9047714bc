/**
 * Before a quiz: how many questions, an optional timer, what the quiz is narrowed to, and how
 * quiz answers affect the schedule (the setting's documented default).
 */
import { useState } from 'preact/hooks';
import type { Settings } from '../srs/types';
import { QUIZ_LENGTHS, type QuizLength } from './engine';

export const TIMER_MINUTES = [0, 2, 5, 10] as const;

export interface QuizSetupChoice {
  length: QuizLength;
  /** 0 for no timer. */
  minutes: number;
}

export interface QuizSetupProps {
  title: string;
  focusLabel: string | null;
  /** Questions the decks can give with this focus (one per review item). */
  available: number;
  scheduling: Settings['quizScheduling'];
  initial?: QuizSetupChoice;
  onStart: (choice: QuizSetupChoice) => void;
  /** Changes the learner's `quizScheduling` setting. */
  onScheduling: (mode: Settings['quizScheduling']) => void;
}

export function QuizSetup({ title, focusLabel, available, scheduling, initial, onStart, onScheduling }: QuizSetupProps) {
  const [length, setLength] = useState<QuizLength>(initial?.length ?? 10);
  const [minutes, setMinutes] = useState(initial?.minutes ?? 0);
  return (
    <div class="quiz-setup">
      <h1>Quiz: {title}</h1>
      {focusLabel && <p>Focus: {focusLabel}.</p>}
      <p class="meta">
        {available} {available === 1 ? 'question' : 'questions'} available.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onStart({ length, minutes });
        }}
      >
        <fieldset class="quiz-options">
          <legend>Number of questions</legend>
          {QUIZ_LENGTHS.map((l) => (
            <label key={String(l)} class="quiz-option">
              <input type="radio" name="length" value={String(l)} checked={length === l} onChange={() => setLength(l)} />
              {l === 'all' ? `All (${available})` : l}
            </label>
          ))}
        </fieldset>
        <fieldset class="quiz-options">
          <legend>Timer</legend>
          {TIMER_MINUTES.map((m) => (
            <label key={m} class="quiz-option">
              <input type="radio" name="timer" value={m} checked={minutes === m} onChange={() => setMinutes(m)} />
              {m === 0 ? 'No timer' : `${m} minutes`}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="quiz-btn quiz-btn-primary" disabled={available === 0}>
          Start quiz
        </button>
      </form>
      <details class="quiz-help">
        <summary>How quiz answers affect your study schedule</summary>
        <p>
          Every quiz answer is kept in your review history, marked as a quiz answer, so stats can tell quizzes
          and study apart.
        </p>
        {scheduling === 'none' ? (
          <p>Your setting: quiz answers never change when cards come up for study.</p>
        ) : (
          <ul>
            <li>A wrong answer makes the card due again, so it comes back soon when you study.</li>
            <li>A right answer on a card that is due counts as a review (graded Good).</li>
            <li>A right answer on a card that is not due yet, or not studied yet, leaves its schedule alone.</li>
          </ul>
        )}
        <p>
          Missing a card in a quiz making it due again is the default (“again on wrong”). Turn it off to keep quizzes
          apart from your schedule:
        </p>
        <label class="quiz-option">
          <input
            type="checkbox"
            checked={scheduling === 'again-on-wrong'}
            onChange={(e) => onScheduling(e.currentTarget.checked ? 'again-on-wrong' : 'none')}
          />
          Quiz answers change my study schedule
        </label>
      </details>
    </div>
  );
}
