/**
 * Table import step: format and separators (detected, changeable), header row, column mapping
 * (front, back, tags, key point), a preview of the first rows, and the rows that will be skipped
 * with their line numbers. Produces a valid deck for the confirm step. Lazy authoring chunk.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Deck } from '../../deck/schema';
import { formatError } from '../../deck/validate';
import { slugify } from '../ids';
import type { ColumnMap } from './build';
import { visible, type TableOptions } from './table';
import { retitle, type HeaderChoice, type TableView } from './check-jobs';
import { checkOffThread, isCancelled } from './check-client';
import { CheckProgress } from './CheckProgress';

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
  const [headerChoice, setHeaderChoice] = useState<HeaderChoice>('auto');
  const [map, setMap] = useState<ColumnMap | null>(null);
  const base = fileName.replace(/\.[^.]+$/, '') || 'Imported deck';
  const [title, setTitle] = useState(base.replace(/[-_]+/g, ' '));
  const [view, setView] = useState<TableView | null>(null);
  const [busy, setBusy] = useState<{ stage: string; fraction?: number | undefined } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);

  // Parsing and building run in a Worker, again only when the table's reading changes; typing the
  // title re-checks the title alone.
  useEffect(() => {
    const options: TableOptions = format === 'quizlet' ? { quizlet: { term: unescape(termSep) || '\t', row: unescape(rowSep) || '\n' } } : { delimiter };
    const controller = (running.current = new AbortController());
    setBusy({ stage: 'Reading rows' });
    setFailure(null);
    checkOffThread({ kind: 'table', text, options, header: headerChoice, map }, { signal: controller.signal, onProgress: (stage, fraction) => setBusy({ stage, fraction }) }).then(
      (r) => {
        setBusy(null);
        if (r.kind === 'table') setView(r.view);
      },
      (e: unknown) => {
        if (running.current !== controller) return;
        setBusy(null);
        setFailure(isCancelled(e) ? 'Reading the table was cancelled: change a setting above to read it again.' : `The table could not be read: ${(e as Error).message}`);
      },
    );
    return () => controller.abort();
  }, [text, format, delimiter, termSep, rowSep, headerChoice, map]);

  const id = slugify(title || base, 48) || 'imported-deck';
  const result = useMemo(
    () => (view ? (view.result.ok ? { ...retitle(view.result.deck, id, title.trim() || base), cardCount: view.result.cardCount } : view.result) : null),
    [view, id, title],
  );
  if (!view || !result) {
    return (
      <section class="editor-section" aria-labelledby="table-heading">
        <h2 id="table-heading">Cards from a table</h2>
        {busy && <CheckProgress stage={busy.stage} fraction={busy.fraction} onCancel={() => running.current?.abort()} />}
        {failure && <p role="alert">{failure}</p>}
      </section>
    );
  }
  const columns = view.columns;
  const width = view.width;
  const names = Array.from({ length: width }, (_, i) => (view.header?.[i] ? `${i + 1}: ${view.header[i]}` : `Column ${i + 1}`));
  const table = { format: view.format, delimiter: view.delimiter, header: view.header };
  const skipped = view.skipped;

  const select = (role: keyof ColumnMap, label: string, optional: boolean) => (
    <div class="field">
      <label for={`map-${role}`}>{label}</label>
      <select id={`map-${role}`} value={String(columns[role])} onChange={(e) => {
          const n = Number(e.currentTarget.value);
          // From the last choice, not the view: a second choice may come before the first is read.
          setMap((m) => ({ ...(m ?? columns), [role]: n }));
        }}>
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
        “{visible(table.delimiter)}”: {view.cutAtLine ? 'more than ' : ''}
        {view.rowCount} {view.rowCount === 1 ? 'row' : 'rows'}
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
            <select id="table-header" value={headerChoice} onChange={(e) => setHeaderChoice(e.currentTarget.value as HeaderChoice)}>
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
            {view.firstRows.map((r) => (
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
      {busy && <CheckProgress stage={busy.stage} fraction={busy.fraction} onCancel={() => running.current?.abort()} />}
      {failure && <p role="alert">{failure}</p>}
      {view.skippedCount > 0 && (
        <div class="skipped" role="region" aria-label="Skipped rows">
          <p>
            {view.skippedCount} {view.skippedCount === 1 ? 'row' : 'rows'} will be skipped:
          </p>
          <ul>
            {skipped.map((s) => (
              <li key={`${s.line}-${s.message}`}>
                line {s.line}: {s.message}
              </li>
            ))}
            {view.skippedCount > 50 && <li>…and {view.skippedCount - 50} more</li>}
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
      <button type="button" class="button primary" disabled={!result.ok || !!busy} onClick={() => result.ok && onDeck(result.deck)}>
        {result.ok ? `Continue with ${result.cardCount} ${result.cardCount === 1 ? 'card' : 'cards'}` : 'Continue'}
      </button>
    </section>
  );
}
