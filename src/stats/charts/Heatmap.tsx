/**
 * Calendar heatmap of reviews per study day over the past year: one column per week, one row per
 * weekday, darker for busier days. Hand-written SVG; scrolls sideways on narrow screens (starting
 * at the most recent weeks) so cells and labels keep a readable size.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { HeatmapDay } from '../log-stats';
import { longDate, plural, weekday } from '../format';
import { ChartFigure, imgLabel } from './ChartFigure';

const CELL = 11;
const STEP = 13;
const LEFT = 30;
const TOP = 16;
const WEEKDAY_LABELS: [number, string][] = [
  [1, 'Mon'],
  [3, 'Wed'],
  [5, 'Fri'],
];

/** Intensity 0–4 of a day relative to the busiest day. */
export function level(count: number, max: number): number {
  return count <= 0 || max <= 0 ? 0 : Math.min(4, Math.ceil((count / max) * 4));
}

interface MonthRow {
  key: string;
  label: string;
  reviews: number;
  days: number;
}

function months(days: HeatmapDay[]): MonthRow[] {
  const rows = new Map<string, MonthRow>();
  for (const d of days) {
    const key = d.date.slice(0, 7);
    let row = rows.get(key);
    if (!row) {
      const label = new Date(`${key}-01T00:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', month: 'long', year: 'numeric' });
      rows.set(key, (row = { key, label, reviews: 0, days: 0 }));
    }
    row.reviews += d.count;
    if (d.count > 0) row.days++;
  }
  return [...rows.values()];
}

export function Heatmap({ days, id = 'heatmap' }: { days: HeatmapDay[]; id?: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  // Show the latest weeks first: on a phone the year does not fit, and today matters most.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [days]);

  const first = days[0];
  const offset = first ? weekday(first.day) : 0;
  const weeks = Math.ceil((days.length + offset) / 7);
  const width = LEFT + weeks * STEP;
  const height = TOP + 7 * STEP;
  const max = days.reduce((m, d) => Math.max(m, d.count), 0);
  const total = days.reduce((n, d) => n + d.count, 0);
  const active = days.filter((d) => d.count > 0).length;
  const busiest = days.reduce<HeatmapDay | null>((b, d) => (d.count > (b?.count ?? 0) ? d : b), null);

  const monthStarts = days.flatMap((d, i) =>
    i === 0 || d.date.endsWith('-01')
      ? [{ x: Math.floor((i + offset) / 7) * STEP, text: new Date(d.day * 86_400_000).toLocaleDateString(undefined, { timeZone: 'UTC', month: 'short' }) }]
      : [],
  );
  // Drop the label of a partial first month when it would run into the next one.
  const monthLabels = monthStarts.filter((m, k) => k + 1 >= monthStarts.length || monthStarts[k + 1]!.x - m.x >= 3 * STEP);

  const summary = total
    ? `${plural(total, 'review')} on ${plural(active, 'day')} of the past ${days.length}.` +
      (busiest ? ` The busiest day was ${longDate(busiest.day)}, with ${plural(busiest.count, 'review')}.` : '')
    : `No reviews in the past ${days.length} days.`;

  return (
    <ChartFigure
      id={id}
      summary={summary}
      chart={
        <>
          <div class="chart-scroll" ref={scroller} tabIndex={0} role="region" aria-label="Review calendar, scrolls sideways">
            <svg {...imgLabel(id)} class="heatmap" width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
              {monthLabels.map((m) => (
                <text key={m.x} class="axis" x={LEFT + m.x} y={TOP - 5}>
                  {m.text}
                </text>
              ))}
              {WEEKDAY_LABELS.map(([row, text]) => (
                <text key={row} class="axis" x={0} y={TOP + row * STEP + CELL - 2}>
                  {text}
                </text>
              ))}
              {days.map((d, i) => {
                const col = Math.floor((i + offset) / 7);
                const row = (i + offset) % 7;
                return (
                  <rect
                    key={d.day}
                    class={`cell l${level(d.count, max)}`}
                    x={LEFT + col * STEP}
                    y={TOP + row * STEP}
                    width={CELL}
                    height={CELL}
                    rx={2}
                  >
                    <title>{`${longDate(d.day)}: ${plural(d.count, 'review')}`}</title>
                  </rect>
                );
              })}
            </svg>
          </div>
          <p class="legend" aria-hidden="true">
            Less {[0, 1, 2, 3, 4].map((l) => <span key={l} class={`swatch l${l}`} />)} More
          </p>
        </>
      }
      tableLabel="Reviews per month"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Reviews</th>
              <th scope="col">Days studied</th>
            </tr>
          </thead>
          <tbody>
            {months(days).map((m) => (
              <tr key={m.key}>
                <th scope="row">{m.label}</th>
                <td>{m.reviews.toLocaleString()}</td>
                <td>{m.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
