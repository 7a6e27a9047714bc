/**
 * The heavy part of every import, as jobs that run the same in a Worker or (where there is no
 * Worker, as in tests) in the page: parsing and validating a deck file, a share link or a table.
 * Each answers with only what the screens show, so the page never receives a whole 100,000-row
 * table to clone. Pure apart from the share link's decompression stream.
 */
import type { Deck } from '../../deck/schema';
import { parseDeckJson, validateDeck, type DeckError, type DeckResult } from '../../deck/validate';
import { decodeShareFragment } from '../share';
import { buildDeckFromTable, guessColumns, type BuildResult, type ColumnMap } from './build';
import { parseTable, type Row, type RowProblem, type Table, type TableOptions } from './table';

export type HeaderChoice = 'auto' | 'yes' | 'no';

export type CheckJob =
  | { kind: 'json'; text: string }
  | { kind: 'share'; hash: string }
  | { kind: 'table'; text: string; options: TableOptions; header: HeaderChoice; map: ColumnMap | null };

/** What the table step shows: a preview and counts, never every row. */
export interface TableView {
  format: Table['format'];
  delimiter: string;
  header: string[] | null;
  rowCount: number;
  /** Where reading stopped on a table too large for any deck (see `MAX_TABLE_ROWS`). */
  cutAtLine?: number;
  /** The first rows, for the preview table. */
  firstRows: Row[];
  /** Widest row among the first 50 (or the header), for the column lists. */
  width: number;
  columns: ColumnMap;
  /** Skipped rows, the first 50 of them, and how many in all. */
  skipped: RowProblem[];
  skippedCount: number;
  /** The deck under a placeholder id and title (see `retitle`), or why none can be made. */
  result: { ok: true; deck: Deck; cardCount: number } | { ok: false; errors: DeckError[] };
}

export type CheckResult = { kind: 'deck'; result: DeckResult } | { kind: 'table'; view: TableView };

/** Reports how far a job is: a stage name and, where known, the share done (0 to 1). */
export type Progress = (stage: string, fraction?: number) => void;

export const PLACEHOLDER = { id: 'imported-deck', title: 'Imported deck' } as const;

/** Runs one job to its end. */
export async function runCheckJob(job: CheckJob, progress: Progress): Promise<CheckResult> {
  if (job.kind === 'json') {
    progress('Checking the deck');
    return { kind: 'deck', result: parseDeckJson(job.text) };
  }
  if (job.kind === 'share') {
    progress('Reading the link');
    return { kind: 'deck', result: await decodeShareFragment(job.hash) };
  }
  progress('Reading rows', 0);
  const table = withHeaderChoice(parseTable(job.text, job.options), job.header);
  progress('Making cards', 0.5);
  const columns = job.map ?? guessColumns(table);
  const built: BuildResult = buildDeckFromTable(table, { ...PLACEHOLDER, map: columns });
  return {
    kind: 'table',
    view: {
      format: table.format,
      delimiter: table.delimiter,
      header: table.header,
      rowCount: table.rows.length,
      ...(table.cutAtLine === undefined ? {} : { cutAtLine: table.cutAtLine }),
      firstRows: table.rows.slice(0, 8),
      width: Math.max(0, ...table.rows.slice(0, 50).map((r) => r.cells.length), table.header?.length ?? 0),
      columns,
      skipped: built.skipped.slice(0, 50),
      skippedCount: built.skipped.length,
      result: built.ok ? { ok: true, deck: built.deck, cardCount: built.cardCount } : { ok: false, errors: built.errors },
    },
  };
}

/** The table as the learner says its first row is: detected, a header, or a card. */
export function withHeaderChoice(t: Table, choice: HeaderChoice): Table {
  if (choice === 'no' && t.header && !t.anki.columns && t.format !== 'quizlet') {
    // The detected header was a real row after all: put it back.
    return { ...t, rows: [{ line: (t.rows[0]?.line ?? 2) - 1, cells: t.header }, ...t.rows], header: null };
  }
  if (choice === 'yes' && !t.header && t.rows.length) return { ...t, header: t.rows[0]!.cells, rows: t.rows.slice(1) };
  return t;
}

/**
 * The built deck under its real id and title. Only those two are checked (on a one-card deck):
 * the cards were checked when the deck was built, so typing a title costs nothing per card.
 */
export function retitle(deck: Deck, id: string, title: string): DeckResult {
  const probe = validateDeck({ id, version: 1, title, cards: [{ id: 'probe', type: 'truefalse', statement: 'probe', answer: true }] });
  if (!probe.ok) return probe;
  return { ok: true, deck: { ...deck, id, title } };
}
