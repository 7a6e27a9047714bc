/**
 * The class dashboard: per student, the cards failed most, and each key point's share of the
 * class that has it solid; read from the students' databases on demand, exported as CSV.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Deck } from '../deck/schema';
import { dashboardCsv } from './csv';
import { computeDashboard, type Dashboard as Figures } from './dashboard';
import { sessionServer } from './server-session';
import { readClassProgress, type StudentProgress } from './teacher';

const MASTERY_LABEL = { new: 'new', shaky: 'shaky', solid: 'solid' } as const;

function when(at: number | null): string {
  return at === null ? 'never' : new Date(at).toLocaleString();
}

export function Dashboard(props: { server: string; classId: string; decks: Deck[]; onCsv: (csv: string) => void }) {
  const [progress, setProgress] = useState<StudentProgress[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState(Date.now());

  const load = () => {
    setError(null);
    readClassProgress(sessionServer(props.server), props.classId).then(
      (p) => {
        setProgress(p);
        setAt(Date.now());
      },
      (e: Error) => setError(e.message),
    );
  };
  useEffect(load, [props.classId]);

  const shared = (progress ?? []).filter((p): p is Extract<StudentProgress, { ok: true }> => p.ok);
  const notShared = (progress ?? []).filter((p) => !p.ok);
  const figures: Figures | null = progress ? computeDashboard(props.decks, shared, at) : null;
  const pointNames = new Map<string, string>(props.decks.flatMap((d) => (d.keyPoints ?? []).map((k): [string, string] => [`${d.id}/${k.id}`, k.text])));
  const pointKeys = figures?.points.map((p) => `${p.deckId}/${p.pointId}`) ?? [];

  return (
    <section aria-labelledby="dash-h" class="class-dashboard">
      <h2 id="dash-h">Dashboard</h2>
      <div class="row-actions">
        <button type="button" class="button" onClick={load}>
          Refresh
        </button>
        <button type="button" class="button" disabled={!figures} onClick={() => figures && props.onCsv(dashboardCsv(figures, pointNames))}>
          Export CSV
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {!progress && !error && <p aria-busy="true">Reading the students’ progress…</p>}
      {figures && (
        <>
          <p class="meta" data-testid="dashboard-count">
            {shared.length} {shared.length === 1 ? 'student' : 'students'} sharing progress, as of {new Date(at).toLocaleTimeString()}.
          </p>
          {notShared.length > 0 && (
            <p>
              Not counted (they have not shared their progress with you): {notShared.map((p) => p.displayName).join(', ')}.
            </p>
          )}
          <div class="table-scroll" role="region" aria-labelledby="students-cap" tabIndex={0}>
            <table>
              <caption id="students-cap">Students</caption>
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  <th scope="col">Reviews (7 days)</th>
                  <th scope="col">Due now</th>
                  <th scope="col">Last studied</th>
                  {pointKeys.map((k) => (
                    <th scope="col" key={k}>
                      {pointNames.get(k) ?? k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {figures.students.map((s) => {
                  const byKey = new Map(s.points.map((p) => [`${p.deckId}/${p.pointId}`, p.mastery]));
                  return (
                    <tr key={s.username} data-student={s.username}>
                      <th scope="row">{s.displayName}</th>
                      <td data-col="reviews7d">{s.reviews7d}</td>
                      <td data-col="due">{s.dueNow}</td>
                      <td data-col="last">{when(s.lastStudied)}</td>
                      {pointKeys.map((k) => {
                        const m = byKey.get(k);
                        return (
                          <td key={k} data-point={k} class={m ? `mastery-${m}` : ''}>
                            {m ? MASTERY_LABEL[m] : ''}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div class="table-scroll" role="region" aria-labelledby="cards-cap" tabIndex={0}>
            <table>
              <caption id="cards-cap">Cards the class fails most</caption>
              <thead>
                <tr>
                  <th scope="col">Card</th>
                  <th scope="col">Deck</th>
                  <th scope="col">Failures (Again)</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Students who failed</th>
                </tr>
              </thead>
              <tbody>
                {figures.failedCards.length === 0 && (
                  <tr>
                    <td colSpan={5}>No card failed yet.</td>
                  </tr>
                )}
                {figures.failedCards.map((c) => (
                  <tr key={`${c.deckId}/${c.cardId}`} data-card={`${c.deckId}/${c.cardId}`}>
                    <th scope="row">{c.prompt}</th>
                    <td>{c.deckTitle}</td>
                    <td data-col="failures">{c.failures}</td>
                    <td data-col="answers">{c.answers}</td>
                    <td data-col="students">{c.students}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-scroll" role="region" aria-labelledby="points-cap" tabIndex={0}>
            <table>
              <caption id="points-cap">Key points: share of the class that has them solid</caption>
              <thead>
                <tr>
                  <th scope="col">Key point</th>
                  <th scope="col">Deck</th>
                  <th scope="col">Solid</th>
                </tr>
              </thead>
              <tbody>
                {figures.points.map((p) => (
                  <tr key={`${p.deckId}/${p.pointId}`} data-point={`${p.deckId}/${p.pointId}`}>
                    <th scope="row">{p.text}</th>
                    <td>{p.deckTitle}</td>
                    <td data-col="share">
                      {p.solid} of {p.students} ({Math.round(p.share * 100)} %)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
