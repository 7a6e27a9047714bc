/**
 * Table import step: format and separators (detected, changeable), header row, column mapping
 * (front, back, tags, key point), a preview of the first rows, and the rows that will be skipped
 * with their line numbers. Produces a valid deck for the confirm step. Lazy authoring chunk.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Deck } from '../../deck/schema';
import { formatError } from '../../deck/validate';
import { slugify } from '../ids';
import { buildDeckFromTable, guessColumns, type ColumnMap } from './build';
import { parseTable, visible, type TableOptions } from './table';

const DELIMITERS: [string, string][] = [
  ['auto', 'Detect'],
  [',', 'Comma'],
  [';', 'Semicolon'],
  ['\t', 'Tab'],
  ['|', 'Vertical bar'],
];

const unescape = (s: string) => s.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
const escape = (s: string) => s.replace(/\t/g, '\\t').replace(/\n/g, '\\n');

export function TableImport({ text, fileName, onDeck }: { text: string; fileName: string; onDeck: (deck: Deck) => void }) {
  const [format, setFormat] = useState<'table' | 'quizlet'>('table');
  const [delimiter, setDelimiter] = useState('auto');
  const [termSep, setTermSep] = useState('\\t');
  const [rowSep, setRowSep] = useState('\\n');
  const [headerChoice, setHeaderChoice] = useState<'auto' | 'yes' | 'no'>('auto');
  const [map, setMap] = useState<ColumnMap | null>(null);
  const base = fileName.replace(/\.[^.]+$/, '') || 'Imported deck';
  const [title, setTitle] = useState(base.replace(/[-_]+/g, ' '));

  const options: TableOptions = format === 'quizlet' ? { quizlet: { term: unescape(termSep) || '\t', row: unescape(rowSep) || '\n' } } : { delimiter };
  const table = useMemo(() => {
    const t = parseTable(text, options);
    if (headerChoice === 'no' && t.header && !t.anki.columns && t.format !== 'quizlet') {
      // The detected header was a real row after all: put it back.
      return { ...t, rows: [{ line: (t.rows[0]?.line ?? 2) - 1, cells: t.header }, ...t.rows], header: null };
    }
    if (headerChoice === 'yes' && !t.header && t.rows.length) return { ...t, header: t.rows[0]!.cells, rows: t.rows.slice(1) };
    return t;
  }, [text, format, delimiter, termSep, rowSep, headerChoice]);
  const columns = map ?? guessColumns(table);
  const width = Math.max(0, ...table.rows.slice(0, 50).map((r) => r.cells.length), table.header?.length ?? 0);
  const names = Array.from({ length: width }, (_, i) => (table.header?.[i] ? `${i + 1}: ${table.header[i]}` : `Column ${i + 1}`));
  const id = slugify(title || base, 48) || 'imported-deck';
  const result = useMemo(() => buildDeckFromTable(table, { id, title: title.trim() || base, map: columns }), [table, id, title, columns]);
  const skipped = result.skipped;

  const select = (role: keyof ColumnMap, label: string, optional: boolean) => (
    <div class="field">
      <label for={`map-${role}`}>{label}</label>
      <select id={`map-${role}`} value={String(columns[role])} onChange={(e) => setMap({ ...columns, [role]: Number(e.currentTarget.value) })}>
        {optional && <option value="-1">None</option>}
        {names.map((n, i) => (
          <option key={i} value={String(i)}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section class="editor-section" aria-labelledby="table-heading">
      <h2 id="table-heading">Cards from a table</h2>
      <p class="meta">
        Read as {table.format === 'anki' ? 'an Anki “Notes in Plain Text” export' : table.format === 'quizlet' ? 'a Quizlet export' : 'CSV/TSV'}, separated by{' '}
        “{visible(table.delimiter)}”: {table.rows.length} {table.rows.length === 1 ? 'row' : 'rows'}
        {table.header ? ' after the header' : ''}.
      </p>
      <div class="field-row">
        <div class="field">
          <label for="table-format">Format</label>
          <select id="table-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as 'table' | 'quizlet')}>
            <option value="table">CSV, TSV or Anki text</option>
            <option value="quizlet">Quizlet export</option>
          </select>
        </div>
        {format === 'table' ? (
          <div class="field">
            <label for="table-delimiter">Separator</label>
            <select id="table-delimiter" value={delimiter} onChange={(e) => setDelimiter(e.currentTarget.value)}>
              {DELIMITERS.map(([v, n]) => (
                <option key={n} value={v}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <>
            <div class="field">
              <label for="quizlet-term">Between term and definition</label>
              <input id="quizlet-term" value={termSep} onInput={(e) => setTermSep(e.currentTarget.value)} aria-describedby="quizlet-hint" />
            </div>
            <div class="field">
              <label for="quizlet-row">Between rows</label>
              <input id="quizlet-row" value={rowSep} onInput={(e) => setRowSep(e.currentTarget.value)} aria-describedby="quizlet-hint" />
            </div>
            <p class="hint" id="quizlet-hint">
              As chosen in Quizlet’s export; write a tab as {escape('\t')} and a new line as {escape('\n')}.
            </p>
          </>
        )}
        {format === 'table' && (
          <div class="field">
            <label for="table-header">First row</label>
            <select id="table-header" value={headerChoice} onChange={(e) => setHeaderChoice(e.currentTarget.value as 'auto' | 'yes' | 'no')}>
              <option value="auto">Detect header</option>
              <option value="yes">Is a header</option>
              <option value="no">Is a card</option>
            </select>
          </div>
        )}
      </div>
      <fieldset class="field-row">
        <legend>Columns</legend>
        {select('front', 'Front (or cloze text)', false)}
        {select('back', 'Back', true)}
        {select('tags', 'Tags', true)}
        {select('keyPoint', 'Key point', true)}
      </fieldset>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Preview of the first rows">
        <table class="preview-table">
          <caption>First rows</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {names.map((n) => (
                <th scope="col" key={n}>
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, 8).map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                {names.map((_, i) => (
                  <td key={i}>{(r.cells[i] ?? '').slice(0, 120)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {skipped.length > 0 && (
        <div class="skipped" role="region" aria-label="Skipped rows">
          <p>
            {skipped.length} {skipped.length === 1 ? 'row' : 'rows'} will be skipped:
          </p>
          <ul>
            {skipped.slice(0, 50).map((s) => (
              <li key={`${s.line}-${s.message}`}>
                line {s.line}: {s.message}
              </li>
            ))}
            {skipped.length > 50 && <li>…and {skipped.length - 50} more</li>}
          </ul>
        </div>
      )}
      <div class="field">
        <label for="table-title">Deck title</label>
        <input id="table-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </div>
      {!result.ok && (
        <div role="alert">
          <p>No deck can be made yet:</p>
          <ul>
            {result.errors.map((e) => (
              <li key={formatError(e)}>{formatError(e)}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" class="button primary" disabled={!result.ok} onClick={() => result.ok && onDeck(result.deck)}>
        {result.ok ? `Continue with ${result.cardCount} ${result.cardCount === 1 ? 'card' : 'cards'}` : 'Continue'}
      </button>
    </section>
  );
}
