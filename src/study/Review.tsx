/**
 * The review screen at `/study/:deckId` (`all` for every deck; `?items=a,b` or `?keyPoints=a,b`
 * for a focused session). Part of the main bundle: it must stay small and grade → next card must
 * not wait on anything but one store write and one index query.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { markBusy } from '../pwa/activity';
import { preloadMarkdown, hasMarkdown, RichDeckContext } from '../ui/RichText';
import { answerText, cardTexts, judge, type Response } from './card-face';
import { CardFace } from './CardFace';
import { GradeBar } from './GradeBar';
import { keyPointItems } from './key-points';
import { keyOf, reviewKeyAction } from './review-keys';
import { createSession, type StudySession } from './session';
import type { SessionSummary as Summary } from './SessionSummary';
import { StudyMenu } from './StudyMenu';
import './review.css';

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export function Review() {
  const { params, query } = useRoute();
  const deckId = params.deckId ?? 'all';
  const session = useMemo(
    () => createSession({ deck: deckId, itemIds: list(query.items), keyPoints: list(query.keyPoints) }, { keyPointItems }),
    [deckId, query.items, query.keyPoints],
  );
  // Started in a layout effect, right after the first render rather than after the first paint:
  // the store reads run while the browser paints the loading state.
  useLayoutEffect(() => {
    void session.start();
    return () => session.dispose();
  }, [session]);
  // Busy while cards are up, so an app update waits for the summary (a natural break).
  const active = session.phase.value === 'loading' || session.phase.value === 'card';
  useEffect(() => (active ? markBusy('study') : undefined), [session, active]);
  return <ReviewView session={session} deckId={deckId} />;
}

export function ReviewView({ session: s, deckId }: { session: StudySession; deckId: string }) {
  // The response belongs to one showing of one card, so a new card never sees the last one's answer.
  const [answered, setAnswered] = useState<{ key: string; response: Response }>({ key: '', response: null });
  const revealRef = useRef<HTMLButtonElement>(null);
  const gradeRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const cur = s.current.value;
  const revealed = s.revealed.value;
  const phase = s.phase.value;
  const itemKey = cur ? `${cur.item.id}@${cur.shownAt}` : '';
  const response = answered.key === itemKey ? answered.response : null;

  // A new card: load the Markdown renderer early if the card uses it, and put focus where the
  // learner acts first (the typed field, or "Show answer"). Layout effects: focus moves in the
  // same frame as the new card, so no key press is lost.
  useLayoutEffect(() => {
    if (!cur) return;
    if (cur.card.type === 'typed') inputRef.current?.focus();
    else revealRef.current?.focus();
    if (cardTexts(cur.card).some(hasMarkdown)) void preloadMarkdown().catch(() => undefined);
  }, [itemKey]);
  useLayoutEffect(() => {
    if (revealed) gradeRef.current?.focus();
  }, [revealed, itemKey]);
  // The summary is its own small chunk (precached), read when a session ends: it is not needed to
  // show or grade a card.
  const [SessionSummary, setSummary] = useState<typeof Summary | 'failed' | null>(null);
  useLayoutEffect(() => {
    if (phase !== 'done') return;
    if (SessionSummary) summaryRef.current?.querySelector<HTMLElement>('h2')?.focus();
    else
      void import('./SessionSummary').then(
        (m) => setSummary(() => m.SessionSummary),
        () => setSummary('failed'),
      );
  }, [phase, SessionSummary]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = reviewKeyAction(keyOf(e), s.revealed.value);
      if (!action) return;
      if (action.kind !== 'undo' && s.phase.value !== 'card') return;
      if (action.kind === 'leave') return (e.target as HTMLElement).blur();
      // A digit picks the card's choice of that number, as a tap would (a card without choices ignores it).
      const choice = action.kind === 'pick' && document.querySelectorAll<HTMLElement>('.study-card .choice')[action.index];
      if (action.kind === 'pick' && !choice) return;
      e.preventDefault();
      if (choice) choice.click();
      else if (action.kind === 'reveal') s.reveal();
      else if (action.kind === 'grade') void s.grade(action.grade);
      else void s.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [s]);

  // Read aloud (its own chunk): on request, or for every card and answer when set in Settings.
  const read = () =>
    cur && void import('./read-aloud').then((m) => m.readCard(cur.card, cur.item.sub, s.revealed.value, cur.deck.language)).then((m) => m && (s.notice.value = m));
  useEffect(() => {
    try {
      if (/"autoRead":true/.test(localStorage.getItem('briefdeck:media-prefs:1') ?? '')) read();
    } catch {
      // No storage in this browser: nothing was set, so nothing is read on its own.
    }
  }, [itemKey, revealed]);

  const onResponse = (r: Response, revealNow: boolean) => {
    setAnswered({ key: itemKey, response: r });
    if (revealNow) s.reveal();
  };
  const j = cur ? judge(cur.card, response) : null;
  // `remaining` counts the card on screen: it falls by one with each answer that is done for today.
  const left = s.remaining.value;
  const total = s.reviewed.value + left;
  const done = s.reviewed.value;
  const keyPoint = cur?.card.keyPoint ? cur.deck.keyPoints?.find((k) => k.id === cur.card.keyPoint)?.text : undefined;
  const title = deckId === 'all' ? 'Study all due' : (s.title.value ?? 'Study');

  return (
    <section class="page study" aria-labelledby="study-title">
      <div class="study-head">
        <a class="study-back" href="/" aria-label="Your decks">
          ←
        </a>
        <h1 id="study-title">{title}</h1>
        <div class="study-tools">
          {phase === 'card' && cur && <StudyMenu onBury={() => void s.bury()} onSuspend={() => void s.suspend()} onRead={read} />}
          <button type="button" class="undo" onClick={() => void s.undo()} disabled={s.busy.value || !s.canUndo()}>
            Undo <kbd aria-hidden="true">Z</kbd>
          </button>
        </div>
      </div>
      <div
        class="progress"
        role="progressbar"
        aria-label="Session progress"
        aria-valuemin={0}
        aria-valuemax={Math.max(total, 1)}
        aria-valuenow={done}
        aria-valuetext={`${done} done, ${left} left`}
      >
        <div class="progress-fill" style={{ width: `${total ? (100 * done) / total : phase === 'done' ? 100 : 0}%` }} />
      </div>
      <p class="study-counts" aria-hidden="true">
        {phase === 'card' ? `${left} left` : ''}
      </p>
      <p role="status" class="notice">
        {s.notice.value}
      </p>
      {s.leech.value && (
        <div class="leech" role="alert">
          <p>
            A card keeps slipping: it has been forgotten {s.leech.value.item.fsrs.lapses} times, so it is suspended for now. Rewriting it
            usually helps.
          </p>
          <button type="button" onClick={() => void s.keepLeech()}>
            Keep studying this card
          </button>
        </div>
      )}
      {phase === 'loading' && <p aria-busy="true">Loading cards…</p>}
      {phase === 'error' && (
        <div role="alert" class="error">
          <p>{s.error.value}</p>
          {/* Each counted answer was written before the next was taken: say exactly what is safe. */}
          {s.reviewed.value > 0 && <p>The {s.reviewed.value} answers before it in this session are saved.</p>}
          <a href="/">Back to your decks</a>
        </div>
      )}
      {phase === 'done' && (
        <div ref={summaryRef}>
          {SessionSummary === 'failed' ? (
            <a href="/">Back to your decks</a>
          ) : (
            SessionSummary && (
              <SessionSummary
                reviewed={s.reviewed.value}
                again={s.again.value}
                timeMs={s.timeMs.value}
                nextDue={s.nextDue.value}
                now={Date.now()}
                deckId={deckId}
                canUndo={s.canUndo()}
                onUndo={() => void s.undo()}
              />
            )
          )}
        </div>
      )}
      {phase === 'card' && cur && (
        <>
          <article class="study-card" aria-label={`Card from ${cur.deck.title}`}>
            <RichDeckContext.Provider value={cur.deck}>
            <CardFace
              card={cur.card}
              sub={cur.item.sub}
              revealed={revealed}
              response={response}
              onResponse={onResponse}
              inputRef={inputRef}
              keyPoint={keyPoint}
            />
            </RichDeckContext.Provider>
          </article>
          <GradeBar
            revealed={revealed}
            intervals={s.intervals.value}
            suggested={revealed ? (j?.suggested ?? null) : null}
            disabled={s.busy.value}
            onReveal={() => s.reveal()}
            onGrade={(g) => void s.grade(g)}
            typed={cur.card.type === 'typed'}
            revealRef={revealRef}
            gradeRef={gradeRef}
          />
        </>
      )}
      <div class="visually-hidden" aria-live="polite">
        {phase === 'card' && cur && revealed ? `Answer: ${answerText(cur.card, cur.item.sub)}` : ''}
      </div>
    </section>
  );
}
