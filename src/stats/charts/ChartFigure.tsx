/**
 * Frame shared by the stats charts: the SVG is one image named by its heading and a one-sentence
 * summary, and the same numbers follow as a table in a disclosure, so a screen reader (or anyone
 * who prefers numbers) gets everything the picture shows.
 */
import type { ComponentChildren } from 'preact';

export interface ChartFigureProps {
  /** Prefix for element ids; the section heading must carry the id `${id}-title`. */
  id: string;
  /** One or two sentences with the main facts of the chart. */
  summary: string;
  /** The SVG (it gets `role="img"` from the chart); omitted when there is nothing to draw. */
  chart: ComponentChildren;
  /** Label of the disclosure that holds the table. */
  tableLabel: string;
  table: ComponentChildren;
}

export function ChartFigure({ id, summary, chart, tableLabel, table }: ChartFigureProps) {
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      {chart}
      <figcaption id={`${id}-summary`} class="chart-summary">
        {summary}
      </figcaption>
      <details class="chart-table">
        <summary>{tableLabel}</summary>
        {table}
      </details>
    </figure>
  );
}

/** Attributes that make an SVG one image named by its heading and summary. */
export function imgLabel(id: string) {
  return { role: 'img', 'aria-labelledby': `${id}-title ${id}-summary` } as const;
}
