/** Bar chart of items due per day for the next 30 days (today includes overdue items). Hand-written SVG. */
import type { ForecastDay } from '../item-stats';
import { longDate, plural, shortDate } from '../format';
import { ChartFigure, imgLabel } from './ChartFigure';

const W = 320;
const H = 150;
const LEFT = 30;
const BOTTOM = 20;
const TOP = 8;

export function Forecast({ days, id = 'forecast' }: { days: ForecastDay[]; id?: string }) {
  const max = days.reduce((m, d) => Math.max(m, d.count), 0);
  const total = days.reduce((n, d) => n + d.count, 0);
  const week = days.slice(0, 7).reduce((n, d) => n + d.count, 0);
  const busiest = days.reduce<ForecastDay | null>((b, d) => (d.count > (b?.count ?? 0) ? d : b), null);
  const slot = (W - LEFT) / Math.max(1, days.length);
  const plotH = H - TOP - BOTTOM;
  const y = (v: number) => TOP + plotH - (max ? (v / max) * plotH : 0);
  const label = (i: number) => (i === 0 ? 'Today' : shortDate(days[i]!.day));

  const summary = total
    ? `${plural(total, 'review')} due in the next ${days.length} days: ${days[0]!.count.toLocaleString()} today (overdue included), ` +
      `${week.toLocaleString()} within 7 days. The busiest day is ${busiest ? longDate(busiest.day) : ''}, with ${plural(busiest?.count ?? 0, 'review')}.`
    : `Nothing is due in the next ${days.length} days.`;

  return (
    <ChartFigure
      id={id}
      summary={summary}
      chart={
        <svg {...imgLabel(id)} class="bars" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMidYMid meet">
          <line class="grid" x1={LEFT} x2={W} y1={y(0)} y2={y(0)} />
          {max > 0 && <line class="grid" x1={LEFT} x2={W} y1={y(max)} y2={y(max)} />}
          <text class="axis" x={LEFT - 4} y={y(0)} text-anchor="end" dominant-baseline="middle">
            0
          </text>
          {max > 0 && (
            <text class="axis" x={LEFT - 4} y={y(max)} text-anchor="end" dominant-baseline="middle">
              {max}
            </text>
          )}
          {days.map((d, i) => (
            <g key={d.day}>
              {d.count > 0 && (
                <rect class="bar" x={LEFT + i * slot + 1} y={y(d.count)} width={Math.max(1, slot - 2)} height={y(0) - y(d.count)}>
                  <title>{`${label(i)}: ${d.count} due`}</title>
                </rect>
              )}
              {/* A label every week, none so close to the right edge that it would be cut off. */}
              {i % 7 === 0 && LEFT + i * slot + 40 <= W && (
                <text class="axis" x={LEFT + i * slot + 1} y={H - 5}>
                  {label(i)}
                </text>
              )}
            </g>
          ))}
        </svg>
      }
      tableLabel="Due per day"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d.day}>
                <th scope="row">{i === 0 ? `Today (${shortDate(d.day)}, with overdue)` : longDate(d.day)}</th>
                <td>{d.count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
