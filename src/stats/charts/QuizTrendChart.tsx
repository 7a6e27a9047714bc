/** Line chart of quiz scores over time (one point per quiz, oldest left). Hand-written SVG. */
import type { QuizTrend } from '../quiz-trend';
import { dateOf, percent, plural } from '../format';
import { ChartFigure, imgLabel } from './ChartFigure';

const W = 320;
const H = 150;
const LEFT = 36;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 10;

export function QuizTrendChart({ trend, deckTitle, id = 'quiz-trend' }: { trend: QuizTrend; deckTitle: (deckId: string) => string; id?: string }) {
  const pts = trend.points;
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const x = (i: number) => LEFT + (pts.length > 1 ? (i / (pts.length - 1)) * plotW : plotW / 2);
  const y = (ratio: number) => TOP + (1 - ratio) * plotH;
  const latest = pts[pts.length - 1];
  const change = trend.change;
  const summary = latest
    ? `${plural(pts.length, 'quiz', 'quizzes')}: average ${percent(trend.average)}, best ${percent(trend.best)}, latest ${percent(latest.ratio)}` +
      (change === null
        ? '.'
        : `, ${Math.abs(change) < 0.005 ? 'level with' : `${Math.round(Math.abs(change) * 100)} points ${change > 0 ? 'above' : 'below'}`} the average of the ones before.`)
    : 'No quizzes taken yet.';

  return (
    <ChartFigure
      id={id}
      summary={summary}
      chart={
        pts.length > 0 && (
          <svg {...imgLabel(id)} class="trend" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMidYMid meet">
            {[0, 0.5, 1].map((v) => (
              <g key={v}>
                <line class="grid" x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} />
                <text class="axis" x={LEFT - 4} y={y(v)} text-anchor="end" dominant-baseline="middle">
                  {percent(v)}
                </text>
              </g>
            ))}
            {pts.length > 1 && <polyline class="line" points={pts.map((p, i) => `${x(i)},${y(p.ratio)}`).join(' ')} />}
            {pts.map((p, i) => (
              <circle key={`${p.at}-${i}`} class="dot" cx={x(i)} cy={y(p.ratio)} r={3.5}>
                <title>{`${dateOf(p.at)}: ${p.score} of ${p.total}`}</title>
              </circle>
            ))}
          </svg>
        )
      }
      tableLabel="Quiz scores"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Deck</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {pts.map((p, i) => (
              <tr key={`${p.at}-${i}`}>
                <th scope="row">{dateOf(p.at)}</th>
                <td>{deckTitle(p.deckId)}</td>
                <td>
                  {p.score} of {p.total} ({percent(p.ratio)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
