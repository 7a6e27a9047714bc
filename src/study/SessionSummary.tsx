/**
 * End of a study session: how many cards, the again-rate, time spent and when the next card is
 * due — or, when nothing was due at all, a clear "Nothing due. Next review: tomorrow at 9:00". Its own chunk,
 * loaded when a session ends.
 */
import './session-summary.css';
export interface SessionSummaryProps {
  reviewed: number;
  again: number;
  timeMs: number;
  nextDue: number | null;
  now: number;
  deckId: string;
  onUndo: () => void;
  canUndo: boolean;
}

/** "today at 14:05", "tomorrow at 09:30" or "Mon 3 Mar at 09:30", in the learner's locale. */
export function formatWhen(at: number, now: number): string {
  const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(at);
  const day = (t: number) => new Date(t).toDateString();
  if (day(at) === day(now)) return `today at ${time}`;
  if (day(at) === day(now + 86_400_000)) return `tomorrow at ${time}`;
  return `${new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(at)} at ${time}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function SessionSummary(p: SessionSummaryProps) {
  const next = p.nextDue !== null ? formatWhen(p.nextDue, p.now) : null;
  return (
    <div class="session-summary">
      {p.reviewed === 0 ? (
        <>
          <h2 tabIndex={-1}>Nothing due</h2>
          <p>{next ? `Nothing due. Next review: ${next}.` : 'Nothing due: no cards are scheduled in this deck.'}</p>
        </>
      ) : (
        <>
          <h2 tabIndex={-1}>Session complete</h2>
          <dl class="summary-stats">
            <div>
              <dt>Cards reviewed</dt>
              <dd>{p.reviewed}</dd>
            </div>
            <div>
              <dt>Again</dt>
              <dd>{Math.round((100 * p.again) / p.reviewed)} %</dd>
            </div>
            <div>
              <dt>Time</dt>
              <dd>{formatDuration(p.timeMs)}</dd>
            </div>
          </dl>
          <p>{next ? `Next review: ${next}.` : 'No more cards are scheduled.'}</p>
        </>
      )}
      <p class="summary-actions">
        {p.canUndo && (
          <button type="button" onClick={p.onUndo}>
            Undo last grade
          </button>
        )}
        {p.deckId !== 'all' && <a href={`/deck/${p.deckId}`}>Back to the deck</a>}
        <a href="/">Back to your decks</a>
      </p>
    </div>
  );
}
