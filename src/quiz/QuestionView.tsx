/**
 * One quiz question and, once answered, its feedback: right or wrong, the right answer, the
 * card's explanation and key point, and "Next question". Choices are buttons (keys 1–8 are handled
 * by the quiz run); typed questions are a one-field form. Space for the feedback is reserved so
 * nothing moves when it appears.
 */
import { useEffect, useRef } from 'preact/hooks';
import { LazyOcclusion } from '../ui/LazyOcclusion';
import { RichText } from '../ui/RichText';
import type { Checked, Question, Response } from './engine';

export interface QuestionViewProps {
  question: Question;
  number: number;
  total: number;
  /** Choices picked so far on a multi-answer question. */
  selection: readonly number[];
  /** Text typed so far on a typed question. */
  text: string;
  checked: Checked | null;
  isLast: boolean;
  onToggle: (index: number) => void;
  onText: (text: string) => void;
  onAnswer: (response: Response) => void;
  onNext: () => void;
}

function instructions(q: Question): string {
  if (q.kind === 'typed') return 'Type your answer, then press Enter.';
  const keys = `keys 1–${q.choices.length}`;
  if (q.kind === 'truefalse') return `True or false? Choose one (${keys}).`;
  return q.multi ? `Choose every right answer (${keys}), then check.` : `Choose one answer (${keys}).`;
}

function verdictText(checked: Checked): string {
  if (!checked.correct) return 'Not quite.';
  return checked.verdict === 'close' ? 'Right — mind the spelling.' : 'Right!';
}

export function QuestionView(props: QuestionViewProps) {
  const { question: q, checked, selection } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A new question: put focus where the learner acts next (the field, or the question itself).
    (q.kind === 'typed' ? input.current : heading.current)?.focus();
  }, [q.itemId]);

  const answered = checked !== null;
  const chosen = new Set(selection);
  return (
    <section class="quiz-question" aria-labelledby="quiz-q-heading">
      <h2 id="quiz-q-heading" class="quiz-q-heading" tabIndex={-1} ref={heading}>
        Question {props.number} of {props.total}
      </h2>
      <p class="quiz-instructions meta">{instructions(q)}</p>
      <div id="quiz-prompt" class="quiz-prompt">
        <RichText text={q.prompt} />
        {q.occlusion && <LazyOcclusion card={q.occlusion.card} sub={q.sub} revealed={answered} media={q.occlusion.media} prompt={false} />}
      </div>

      {q.kind === 'typed' ? (
        <form
          class="quiz-typed"
          onSubmit={(e) => {
            e.preventDefault();
            if (answered) props.onNext();
            else if (props.text.trim()) props.onAnswer({ kind: 'text', text: props.text });
          }}
        >
          <label for="quiz-typed-input">Your answer</label>
          <div class="quiz-typed-row">
            <input
              id="quiz-typed-input"
              ref={input}
              type="text"
              autoComplete="off"
              autoCapitalize="off"
              spellcheck={false}
              enterKeyHint={answered ? 'next' : 'done'}
              aria-describedby="quiz-prompt"
              value={props.text}
              readOnly={answered}
              onInput={(e) => props.onText(e.currentTarget.value)}
            />
            {!answered && (
              <button type="submit" class="quiz-btn" disabled={!props.text.trim()}>
                Check answer
              </button>
            )}
          </div>
        </form>
      ) : (
        <div class="quiz-choices" role="group" aria-labelledby="quiz-prompt">
          {q.choices.map((choice, i) => {
            const right = q.correct.includes(i);
            const picked = chosen.has(i);
            const state = !answered ? '' : right ? ' is-right' : picked ? ' is-wrong' : '';
            return (
              <button
                key={`${q.itemId}-${i}`}
                type="button"
                class={`quiz-choice${state}`}
                data-choice={i}
                aria-pressed={q.multi ? picked : undefined}
                aria-disabled={answered ? 'true' : undefined}
                onClick={() => {
                  if (answered) return;
                  if (q.multi) props.onToggle(i);
                  else props.onAnswer({ kind: 'choice', indices: [i] });
                }}
              >
                <span class="quiz-key" aria-hidden="true">
                  {i + 1}
                </span>
                <span class="quiz-choice-text">
                  <RichText text={choice} inline />
                </span>
                {answered && (right || picked) && (
                  <span class="quiz-mark">{right ? (picked || !q.multi ? ' ✓ right answer' : ' ✓ right answer (missed)') : ' ✗ your answer'}</span>
                )}
              </button>
            );
          })}
          {q.multi && !answered && (
            <button
              type="button"
              class="quiz-btn"
              disabled={selection.length === 0}
              onClick={() => props.onAnswer({ kind: 'choice', indices: selection })}
            >
              Check answer
            </button>
          )}
        </div>
      )}

      <div class="quiz-feedback">
        <div role="status">
          {checked && (
            <div class={`quiz-verdict ${checked.correct ? 'is-right' : 'is-wrong'}`}>
              <p class="quiz-verdict-title">{verdictText(checked)}</p>
              {!(checked.correct && checked.verdict === 'exact') && (
                <p>
                  {q.kind === 'typed' || !q.multi ? 'Answer: ' : 'Right answers: '}
                  <strong>
                    <RichText text={q.answerText} inline />
                  </strong>
                  {q.kind === 'typed' && !checked.correct && checked.given && <> (you wrote “{checked.given}”)</>}
                </p>
              )}
              {q.explanation && (
                <div class="quiz-explanation">
                  <RichText text={q.explanation} />
                </div>
              )}
              {q.keyPointText && (
                <p class="meta">
                  Key point: <RichText text={q.keyPointText} inline />
                </p>
              )}
            </div>
          )}
        </div>
        {answered && (
          <button type="button" class="quiz-btn quiz-btn-primary quiz-next" onClick={props.onNext}>
            {props.isLast ? 'See results' : 'Next question'}
          </button>
        )}
      </div>
    </section>
  );
}
