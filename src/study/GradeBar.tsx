/**
 * The thumb-zone bar of the review screen: "Show answer" before the reveal, then Again / Hard /
 * Good / Easy with the interval each leads to ("Good · 3d"). Both states have the same height,
 * so revealing never shifts the layout. Part of the main bundle.
 */
import type { Ref } from 'preact';
import type { Grade } from '../srs/types';
import { GRADES } from '../srs/rating';

export const GRADE_NAMES: Record<Grade, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

export interface GradeBarProps {
  revealed: boolean;
  intervals: Record<Grade, { label: string }> | null;
  suggested: Grade | null;
  disabled: boolean;
  onReveal: () => void;
  onGrade: (g: Grade) => void;
  revealRef: Ref<HTMLButtonElement>;
  gradeRef: Ref<HTMLButtonElement>;
  /** A typed answer: focus is in its field, where Space types a space and Enter shows the answer. */
  typed?: boolean;
}

export function GradeBar({ revealed, intervals, suggested, disabled, onReveal, onGrade, revealRef, gradeRef, typed }: GradeBarProps) {
  if (!revealed) {
    return (
      <div class="grade-bar">
        <button type="button" class="primary reveal" ref={revealRef} onClick={onReveal}>
          Show answer <kbd aria-hidden="true">{typed ? 'Enter' : 'Space'}</kbd>
        </button>
      </div>
    );
  }
  // Focus lands on Good, so Space/Enter mean Good after the reveal (as in Anki); a suggested
  // grade from a judged answer is marked, never forced.
  const focusGrade = 3;
  return (
    <div class="grade-bar" role="group" aria-label="Grade your answer">
      {GRADES.map((g) => (
        <button
          key={g}
          type="button"
          class={`grade grade-${g}${suggested === g ? ' suggested' : ''}`}
          ref={g === focusGrade ? gradeRef : undefined}
          disabled={disabled}
          onClick={() => onGrade(g)}
        >
          <span class="grade-name">{GRADE_NAMES[g]}</span>
          {intervals && <span class="grade-interval"> · {intervals[g].label}</span>}
          {suggested === g && <span class="visually-hidden"> (suggested)</span>}
          <kbd aria-hidden="true">{g}</kbd>
        </button>
      ))}
    </div>
  );
}
