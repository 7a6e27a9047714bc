/**
 * The retention simulator's chart: reviews per day (line) against the desired retention, with the
 * share remembered in the table and the target with the least work per card remembered marked.
 * Hand-written SVG framed as the stats charts are (one image named by its heading and summary, the
 * numbers as a table), without importing their frame: sharing it would split it out of the stats chunk.
 */
import type { SimPoint } from '../optimize/simulate';
import { simulationSummary } from '../optimize/explain';

const W = 320;
const H = 170;
const LEFT = 34;
const BOTTOM = 22;
const TOP = 10;

export function RetentionChart({ points, best, current, id = 'retention-sim' }: { points: SimPoint[]; best: SimPoint; current: number; id?: string }) {
  const max = Math.max(1, ...points.map((p) => p.reviewsPerDay));
  const lo = points[0]!.target;
  const hi = points[points.length - 1]!.target;
  const x = (t: number) => LEFT + ((t - lo) / Math.max(1e-9, hi - lo)) * (W - LEFT - 8);
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - v / max);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.target).toFixed(1)},${y(p.reviewsPerDay).toFixed(1)}`).join('');
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
        <svg role="img" aria-labelledby={`${id}-title ${id}-summary`} class="trend" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMidYMid meet">
          <line class="grid" x1={LEFT} x2={W - 8} y1={y(0)} y2={y(0)} />
          <line class="grid" x1={LEFT} x2={W - 8} y1={y(max)} y2={y(max)} />
          <text class="axis" x={LEFT - 4} y={y(0)} text-anchor="end" dominant-baseline="middle">
            0
          </text>
          <text class="axis" x={LEFT - 4} y={y(max)} text-anchor="end" dominant-baseline="middle">
            {Math.round(max)}
          </text>
          {[0.7, 0.8, 0.9, 0.97].map((t) => (
            <text key={t} class="axis" x={x(t)} y={H - 6} text-anchor={t === hi ? 'end' : 'middle'}>
              {t.toFixed(2)}
            </text>
          ))}
          <path class="line" d={path} />
          <line class="current" x1={x(current)} x2={x(current)} y1={TOP} y2={y(0)} />
          <circle class="dot best" cx={x(best.target)} cy={y(best.reviewsPerDay)} r={5}>
            <title>{`Least work per card remembered: ${best.target.toFixed(2)}`}</title>
          </circle>
        </svg>
      <figcaption id={`${id}-summary`} class="chart-summary">
        {simulationSummary(points, best, current)}
      </figcaption>
      <details class="chart-table">
        <summary>Reviews per day and share remembered, by target</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Reviews a day</th>
              <th scope="col">Remembered in a year</th>
              <th scope="col">Reviews per card remembered</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.target} aria-current={p === best ? 'true' : undefined}>
                <th scope="row">
                  {p.target.toFixed(2)}
                  {p === best ? ' (least work)' : ''}
                </th>
                <td>{p.reviewsPerDay.toFixed(1)}</td>
                <td>{Math.round(p.remembered * 100)} %</td>
                <td>{Number.isFinite(p.costPerCard) ? p.costPerCard.toFixed(1) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
