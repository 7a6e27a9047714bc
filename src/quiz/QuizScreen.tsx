/**
 * `/quiz/:id` (a deck id or `all`; `?keyPoints=a,b`, `?shaky=1`, `?seed=` narrow or replay it):
 * setup, the running quiz, then results saved to the quiz history. A lazy chunk: nothing here is
 * on the study path.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { updateSettings } from '../store';
import { saveQuiz } from '../store/quizzes';
import { buildQuiz, countQuizItems, scoreQuiz, type Question, type QuizAnswer, type QuizScore } from './engine';
import { focusFromQuery, loadQuizSource, type QuizFocus, type QuizSource } from './load';
import { randomSeed } from './random';
import { QuizHistory } from './QuizHistory';
import { QuizResults } from './QuizResults';
import { QuizRun } from './QuizRun';
import { QuizSetup, type QuizSetupChoice } from './QuizSetup';
import './quiz.css';

type Phase =
  | { name: 'setup' }
  | { name: 'running'; questions: Question[]; startedAt: number; deadline: number | null }
  | { name: 'results'; result: QuizScore; durationMs: number; timedOut: boolean };

export interface QuizScreenProps {
  /** Injected for tests; defaults to Date.now. */
  clock?: () => number;
}

export function QuizScreen({ clock = Date.now }: QuizScreenProps) {
  const { params, query } = useRoute();
  const id = params.id ?? '';
  const [source, setSource] = useState<QuizSource | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'setup' });
  const [choice, setChoice] = useState<QuizSetupChoice | undefined>(undefined);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Bumped for a new quiz, so its scheduling decisions see the items as the last quiz left them.
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    setSource(null);
    setError(null);
    setPhase({ name: 'setup' });
    loadQuizSource(id, clock()).then(
      (s) => live && (s ? setSource(s) : setError(`There is no deck “${id}”.`)),
      (e: Error) => live && setError(`The quiz could not load: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [id, loads]);

  const queryKey = JSON.stringify(query);
  const focus = useMemo<QuizFocus | { error: string } | null>(
    () => (source ? focusFromQuery(query, source, clock()) : null),
    [source, queryKey],
  );
  const available = useMemo(
    () => (source && focus && !('error' in focus) ? countQuizItems(source.decks, focus) : 0),
    [source, focus],
  );

  if (error) return <Problem message={error} />;
  if (!source || !focus) return <p aria-busy="true">Loading the quiz…</p>;
  if ('error' in focus) return <Problem message={focus.error} />;

  const start = (c: QuizSetupChoice) => {
    const now = clock();
    const questions = buildQuiz(source.decks, { ...focus, length: c.length, seed: focus.seed ?? randomSeed() });
    if (!questions.length) return;
    setChoice(c);
    setSaveError(null);
    setPhase({ name: 'running', questions, startedAt: now, deadline: c.minutes ? now + c.minutes * 60_000 : null });
  };

  const finish = (questions: Question[], startedAt: number) => (answers: QuizAnswer[], finishedAt: number, timedOut: boolean) => {
    const result = scoreQuiz(questions, answers);
    const durationMs = finishedAt - startedAt;
    setPhase({ name: 'results', result, durationMs, timedOut });
    saveQuiz({
      deckId: id,
      at: finishedAt,
      durationMs,
      score: result.score,
      total: result.total,
      missed: result.missed.map((m) => m.question.itemId),
      byKeyPoint: result.byKeyPoint,
    }).catch((e: Error) => setSaveError(`This quiz could not be saved to your history: ${e.message}`));
  };

  return (
    <section class="page quiz">
      {phase.name === 'setup' && (
        <>
          <QuizSetup
            title={source.title}
            focusLabel={focus.label}
            available={available}
            scheduling={source.settings.quizScheduling}
            initial={choice}
            onStart={start}
            onScheduling={(quizScheduling) =>
              updateSettings({ quizScheduling }).then(
                (settings) => setSource((s) => (s ? { ...s, settings } : s)),
                (e: Error) => setError(`The setting could not be saved: ${e.message}`),
              )
            }
          />
          {available === 0 && (
            <p role="status">
              No cards match this quiz{focus.label ? ` (${focus.label})` : ''}. <a href={`/quiz/${encodeURIComponent(id)}`}>Quiz on the whole {id === 'all' ? 'library' : 'deck'}</a>
            </p>
          )}
          <QuizHistory deckId={id} />
        </>
      )}
      {phase.name === 'running' && (
        <>
          <h1 class="quiz-title">Quiz: {source.title}</h1>
          <QuizRun
            questions={phase.questions}
            items={source.items}
            scheduling={source.settings.quizScheduling}
            startedAt={phase.startedAt}
            deadline={phase.deadline}
            onFinish={finish(phase.questions, phase.startedAt)}
            clock={clock}
          />
        </>
      )}
      {phase.name === 'results' && (
        <>
          <QuizResults
            id={id}
            decks={source.decks}
            result={phase.result}
            durationMs={phase.durationMs}
            timedOut={phase.timedOut}
            saveError={saveError}
            onAgain={() => setLoads((n) => n + 1)}
          />
          <QuizHistory deckId={id} />
        </>
      )}
    </section>
  );
}

function Problem({ message }: { message: string }) {
  return (
    <section class="page quiz">
      <h1>Quiz</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">Back to your decks</a>
      </p>
    </section>
  );
}

export default QuizScreen;
