/**
 * Text tables → rows with their line numbers: CSV/TSV (papaparse), Anki "Notes in Plain Text"
 * (its `#key:value` header lines) and Quizlet exports (custom term and row separators, no quoting).
 * Pure: the import screen and the tests feed it text.
 */
import Papa from 'papaparse';
import { LIMITS } from '../../deck/schema';

export interface Row {
  /** 1-based line in the original file where the row starts. */
  line: number;
  cells: string[];
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface TableOptions {
  /** `auto`, or a delimiter such as `,` `;` `\t` `|`. */
  delimiter?: string;
  /** Quizlet export: separator between term and definition and between rows (no quoting). */
  quizlet?: { term: string; row: string };
}

export interface Table {
  rows: Row[];
  problems: RowProblem[];
  delimiter: string;
  /** Column names from an Anki `#columns:` line or a detected header row. */
  header: string[] | null;
  /** Anki header lines: `separator`, `html`, `tags column`… (lowercased keys). */
  anki: Record<string, string>;
  format: 'csv' | 'anki' | 'quizlet';
  /**
   * Set when the table has more rows than any deck can take (`MAX_TABLE_ROWS`): reading stopped
   * at this line, and `rows` holds only the rows before it.
   */
  cutAtLine?: number;
}

/**
 * Rows read at most: one per card a deck may have, plus a header row. Reading stops past it, so
 * a 100,000-row file costs no more than the first rows that already make it too large.
 */
export const MAX_TABLE_ROWS = LIMITS.cards + 1;

const ANKI_SEPARATORS = new Map([
  ['tab', '\t'],
  ['comma', ','],
  ['semicolon', ';'],
  ['space', ' '],
  ['pipe', '|'],
  ['colon', ':'],
]);

/** Anki's `#separator:` value: a name (`tab`, `Semicolon`) or the character itself. */
const ankiSeparator = (value: string) => ANKI_SEPARATORS.get(value.trim().toLowerCase()) ?? value;

/**
 * Excel's `sep=;` first line (sometimes quoted) names the separator; it is no row of the table.
 * Only a single character counts, as Excel reads it.
 */
function excelSeparator(text: string): { delimiter: string; body: string } | null {
  const m = /^"?sep=([^\n"])"?[ \t]*(?:\n|$)/i.exec(text);
  return m ? { delimiter: m[1]!, body: text.slice(m[0].length) } : null;
}

/** Names a header row may use, by role. */
export const HEADER_NAMES = {
  front: ['front', 'term', 'question', 'prompt', 'text', 'word'],
  back: ['back', 'definition', 'answer', 'meaning', 'back extra', 'extra'],
  tags: ['tags', 'tag'],
  keyPoint: ['key point', 'keypoint', 'key_point', 'key-point', 'topic'],
} as const;
const ALL_NAMES = new Set<string>(Object.values(HEADER_NAMES).flat());

const lineAt = (text: string, offset: number, from = 1) => {
  let line = from;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/** Splits off Anki's `#separator:tab`, `#html:false`, `#columns:…`, `#tags column:3` lines. */
function ankiHeaders(text: string): { anki: Record<string, string>; body: string; skippedLines: number } {
  const anki: Record<string, string> = {};
  let at = 0;
  let skippedLines = 0;
  while (text.startsWith('#', at)) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? undefined : end).replace(/\r$/, '');
    const m = /^#([a-z ]+):(.*)$/i.exec(line);
    if (!m) break;
    anki[m[1]!.trim().toLowerCase()] = m[2]!;
    skippedLines++;
    at = end === -1 ? text.length : end + 1;
  }
  return { anki, body: text.slice(at), skippedLines };
}

function looksLikeHeader(cells: string[]): boolean {
  const named = cells.filter((c) => ALL_NAMES.has(c.trim().toLowerCase())).length;
  return named > 0 && named >= Math.min(2, cells.length);
}

/** Guesses the delimiter from the first lines: the candidate giving the most consistent, widest rows. */
export function guessDelimiter(body: string): string {
  const sample = body.slice(0, 20_000);
  let best = ',';
  let bestScore = 0;
  for (const d of ['\t', ';', ',', '|']) {
    const rows = Papa.parse<string[]>(sample, { delimiter: d, preview: 20, skipEmptyLines: true }).data;
    if (rows.length === 0) continue;
    const widths = rows.map((r) => r.length);
    const first = widths[0]!;
    if (first < 2) continue;
    const consistent = widths.filter((w) => w === first).length / widths.length;
    const score = consistent * 10 + Math.min(first, 4);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function parseQuizlet(text: string, term: string, row: string): Table {
  const rows: Row[] = [];
  const problems: RowProblem[] = [];
  const rowSep = row === '\n' ? /\r?\n/g : new RegExp(row.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
  let start = 0;
  const chunks: { text: string; offset: number }[] = [];
  for (const m of text.matchAll(rowSep)) {
    chunks.push({ text: text.slice(start, m.index), offset: start });
    start = m.index + m[0].length;
  }
  chunks.push({ text: text.slice(start), offset: start });
  // Lines are counted on from the previous row: recounting from the top for every row is quadratic.
  let countedTo = 0;
  let countedLine = 1;
  for (const chunk of chunks) {
    const lead = chunk.text.length - chunk.text.trimStart().length;
    const body = chunk.text.trim();
    if (!body) continue;
    const offset = chunk.offset + lead;
    countedLine = lineAt(text.slice(countedTo, offset), offset - countedTo, countedLine);
    countedTo = offset;
    const line = countedLine;
    if (rows.length === MAX_TABLE_ROWS) return { rows, problems, delimiter: term, header: null, anki: {}, format: 'quizlet', cutAtLine: line };
    const at = body.indexOf(term);
    if (at === -1) {
      problems.push({ line, message: `has no term separator "${visible(term)}"` });
      continue;
    }
    rows.push({ line, cells: [body.slice(0, at).trim(), body.slice(at + term.length).trim()] });
  }
  return { rows, problems, delimiter: term, header: null, anki: {}, format: 'quizlet' };
}

/** Shows a separator the way a teacher would type it. */
export function visible(sep: string): string {
  return sep === '\t' ? 'tab' : sep === '\n' ? 'new line' : sep;
}

/** Parses a table file. Never throws: broken rows are reported with their line and left out. */
export function parseTable(raw: string, options: TableOptions = {}): Table {
  // One kind of line break: a file that mixes \r\n, \n and \r (pasted together from several
  // exports) would otherwise have Papa split on the first kind only and merge the other rows.
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (options.quizlet) return parseQuizlet(text, options.quizlet.term, options.quizlet.row);
  const excel = excelSeparator(text);
  const { anki, body, skippedLines } = excel ? { anki: {}, body: excel.body, skippedLines: 1 } : ankiHeaders(text);
  const isAnki = Object.keys(anki).length > 0;
  const delimiter =
    options.delimiter && options.delimiter !== 'auto'
      ? options.delimiter
      : excel?.delimiter || (anki.separator && ankiSeparator(anki.separator)) || guessDelimiter(body);
  const rows: Row[] = [];
  const problems: RowProblem[] = [];
  let previousCursor = 0;
  // Lines are counted incrementally: recounting from the top for every row is quadratic.
  let countedTo = 0;
  let countedLine = 1 + skippedLines;
  let cutAtLine: number | undefined;
  Papa.parse<string[]>(body, {
    delimiter,
    // Anki writes quotes only around fields that need them; a lone quote elsewhere is text.
    quoteChar: '"',
    step: (result, parser) => {
      if (cutAtLine !== undefined) return;
      const start = previousCursor;
      previousCursor = result.meta.cursor;
      const offset = start + (/^\r?\n/.exec(body.slice(start, start + 2))?.[0].length ?? 0);
      countedLine = lineAt(body.slice(countedTo, offset), offset - countedTo, countedLine);
      countedTo = offset;
      const line = countedLine;
      const cells = result.data;
      const broken = result.errors.find((e) => e.type === 'Quotes' || e.type === 'FieldMismatch');
      if (broken) {
        problems.push({ line, message: broken.code === 'MissingQuotes' ? 'has a quoted field that is never closed' : broken.message });
        return;
      }
      if (cells.every((c) => !c.trim())) {
        // A blank line is no row; a row of separators only is, and the teacher should see it left out.
        if (cells.length > 1) problems.push({ line, message: 'has only empty cells' });
        return;
      }
      if (rows.length === MAX_TABLE_ROWS) {
        cutAtLine = line;
        parser.abort();
        return;
      }
      rows.push({ line, cells });
    },
  });
  let header: string[] | null = null;
  if (anki.columns) header = anki.columns.split(delimiter).map((c) => c.trim());
  else if (rows[0] && looksLikeHeader(rows[0].cells)) header = rows.shift()!.cells.map((c) => c.trim());
  return { rows, problems, delimiter, header, anki, format: isAnki ? 'anki' : 'csv', ...(cutAtLine === undefined ? {} : { cutAtLine }) };
}
