/**
 * A running quiz: one question at a time, answers judged at once and written to the review log
 * (mode 'quiz') with the scheduling rule from `scheduling.ts`, an optional countdown, and the
 * keyboard: 1–8 pick a choice, Enter checks or moves on. Marks the app busy so an update waits.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { markBusy } from '../pwa/activity';
import { MAX_DURATION_MS, type ItemRecord, type Settings } from '../srs/types';
import { recordReview } from '../store';
import { Countdown } from './Countdown';
import { checkAnswer, type Checked, type Question, type QuizAnswer, type Response } from './engine';
import { QuestionView } from './QuestionView';
import { planQuizReview } from './scheduling';

export interface QuizRunProps {
  questions: Question[];
  items: ReadonlyMap<string, ItemRecord>;
  scheduling: Settings['quizScheduling'];
  startedAt: number;
  /** Epoch ms when time runs out, or null for no timer. */
  deadline: number | null;
  onFinish: (answers: QuizAnswer[], finishedAt: number, timedOut: boolean) => void;
  clock?: () => number;
}

export function QuizRun({ questions, items, scheduling, startedAt, deadline, onFinish, clock = Date.now }: QuizRunProps) {
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<QuizAnswer[]>([]);
  const [selection, setSelection] = useState<number[]>([]);
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const shownAt = useRef(startedAt);
  const finished = useRef(false);
  const question = questions[index]!;
  const isLast = index === questions.length - 1;

  useEffect(() => markBusy('quiz'), []);

  const finish = (all: QuizAnswer[], timedOut: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onFinish(all, clock(), timedOut);
  };

  const answer = (response: Response) => {
    if (checked || finished.current) return;
    const now = clock();
    const result = checkAnswer(question, response);
    const durationMs = Math.min(MAX_DURATION_MS, Math.max(0, now - shownAt.current));
    if (response.kind === 'choice') setSelection([...response.indices]);
    setChecked(result);
    setAnswers((a) => [...a, { ...result, itemId: question.itemId, durationMs }]);
    const plan = planQuizReview(items.get(question.itemId), result.correct, now, scheduling);
    recordReview({ itemId: question.itemId, mode: 'quiz', at: now, durationMs, correct: result.correct, ...plan }).catch(
      (e: Error) => setSaveError(`This answer could not be saved to your history: ${e.message}`),
    );
  };

  const next = () => {
    if (!checked) return;
    if (isLast) return finish(answers, false);
    setIndex((i) => i + 1);
    setSelection([]);
    setText('');
    setChecked(null);
    shownAt.current = clock();
  };

  const toggle = (i: number) => setSelection((s) => (s.includes(i) ? s.filter((x) => x !== i) : [...s, i].sort((a, b) => a - b)));

  // The latest handlers for the window listener, which is attached once.
  const keys = useRef({ answer, next, toggle, question, checked, selection });
  keys.current = { answer, next, toggle, question, checked, selection };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const { answer, next, toggle, question: q, checked: done, selection: sel } = keys.current;
      const target = e.target instanceof Element ? e.target : null;
      const inField = !!target?.closest('input, textarea, select');
      // Other buttons and links keep their own Enter; a choice button's Enter means "next".
      const onControl = !!target?.closest('a, button:not([data-choice])');
      if (e.key === 'Enter') {
        if (onControl) return;
        if (done) {
          e.preventDefault();
          next();
        } else if (q.kind !== 'typed' && q.multi && sel.length) {
          e.preventDefault();
          answer({ kind: 'choice', indices: sel });
        }
        return;
      }
      if (inField || done || q.kind === 'typed' || !/^[1-8]$/.test(e.key)) return;
      const i = Number(e.key) - 1;
      if (i >= q.choices.length) return;
      e.preventDefault();
      if (q.multi) toggle(i);
      else answer({ kind: 'choice', indices: [i] });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="quiz-run">
      <div class="quiz-bar">
        <progress max={questions.length} value={index + (checked ? 1 : 0)} aria-label="Quiz progress" />
        {deadline !== null && <Countdown deadline={deadline} clock={clock} onExpire={() => finish(answers, true)} />}
      </div>
      {saveError && (
        <p role="alert" class="quiz-error">
          {saveError}
        </p>
      )}
      <QuestionView
        question={question}
        number={index + 1}
        total={questions.length}
        selection={selection}
        text={text}
        checked={checked}
        isLast={isLast}
        onToggle={toggle}
        onText={setText}
        onAnswer={answer}
        onNext={next}
      />
    </div>
  );
}
