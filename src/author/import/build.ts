/**
 * Table rows → a valid deck: column mapping (front, back, tags, key point), basic cards, or
 * cloze cards when the front has `{{c1::…}}`. Rows that cannot become a card are reported with
 * their line and why, never silently dropped. Pure.
 */
import { LIMITS, type Card, type Deck, type KeyPoint } from '../../deck/schema';
import { parseCloze } from '../../deck/cloze';
import { validateDeck, type DeckError } from '../../deck/validate';
import { hasVisibleText } from '../../deck/visible';
import { idFromText, uniqueId } from '../ids';
import { HEADER_NAMES, type RowProblem, type Table } from './table';

export interface ColumnMap {
  front: number;
  /** -1 when there is no such column. */
  back: number;
  tags: number;
  keyPoint: number;
}

const findColumn = (header: string[], names: readonly string[]) =>
  header.findIndex((h) => names.includes(h.trim().toLowerCase()));

/** The mapping a teacher most likely wants: header names first, then Anki's tags column, then 1 → front, 2 → back. */
export function guessColumns(table: Table): ColumnMap {
  const width = Math.max(0, ...table.rows.map((r) => r.cells.length), table.header?.length ?? 0);
  // Anki may put a note's guid, note type and deck in columns of their own (`#guid column:1`…).
  const special = new Set(
    ['guid column', 'notetype column', 'deck column', 'tags column']
      .map((k) => Number(table.anki[k]) - 1)
      .filter((n) => Number.isInteger(n) && n >= 0),
  );
  const fields = Array.from({ length: width }, (_, i) => i).filter((i) => !special.has(i));
  const map: ColumnMap = { front: fields[0] ?? 0, back: fields[1] ?? -1, tags: -1, keyPoint: -1 };
  if (table.header) {
    const h = table.header;
    const front = findColumn(h, HEADER_NAMES.front);
    const back = findColumn(h, HEADER_NAMES.back);
    if (front !== -1) map.front = front;
    if (back !== -1 && back !== map.front) map.back = back;
    map.tags = findColumn(h, HEADER_NAMES.tags);
    map.keyPoint = findColumn(h, HEADER_NAMES.keyPoint);
  }
  const ankiTags = Number(table.anki['tags column']);
  if (Number.isInteger(ankiTags) && ankiTags >= 1) map.tags = ankiTags - 1;
  if (map.back === map.tags) map.back = -1;
  return map;
}

/** Anki exports with `#html:true` carry markup: keep line breaks, drop tags, decode common entities. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Tags as the deck format wants them: single words, no commas, at most 20. */
export function cleanTags(raw: string): string[] {
  const tags = raw
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#/, '').slice(0, LIMITS.tagLength))
    .filter(Boolean);
  return [...new Set(tags)].slice(0, LIMITS.tags);
}

export interface BuildOptions {
  id: string;
  title: string;
  map: ColumnMap;
}

export type BuildResult =
  | { ok: true; deck: Deck; skipped: RowProblem[]; cardCount: number }
  | { ok: false; skipped: RowProblem[]; errors: DeckError[] };

/** Builds the deck; `skipped` lists every row left out (parser problems included), by line. */
export function buildDeckFromTable(table: Table, options: BuildOptions): BuildResult {
  const { map } = options;
  const skipped: RowProblem[] = [...table.problems];
  if (table.cutAtLine !== undefined) {
    const most = LIMITS.cards.toLocaleString('en');
    const message = `has more than ${most} rows (reading stopped at line ${table.cutAtLine.toLocaleString('en')}); a deck may have at most ${most} cards: split the file into smaller ones`;
    return { ok: false, skipped, errors: [{ path: 'table', message }] };
  }
  const html = table.format === 'anki' && /^true$/i.test(table.anki.html?.trim() ?? '');
  const cell = (cells: string[], i: number) => {
    if (i < 0) return '';
    const value = cells[i] ?? '';
    return (html ? htmlToText(value) : value).trim();
  };
  const cardIds = new Set<string>();
  const keyPointIds = new Set<string>();
  const keyPoints = new Map<string, KeyPoint>();
  const cards: Card[] = [];
  for (const row of table.rows) {
    const front = cell(row.cells, map.front);
    const back = cell(row.cells, map.back);
    const problem = (message: string) => skipped.push({ line: row.line, message });
    // Zero-width characters alone are empty too: the deck format would refuse the whole deck for one such row.
    if (!hasVisibleText(front)) {
      problem('has an empty front');
      continue;
    }
    const cloze = /\{\{c\d+::/.test(front);
    if (!cloze && !hasVisibleText(back)) {
      problem('has an empty back');
      continue;
    }
    if (front.length > LIMITS.textLength || back.length > LIMITS.textLength) {
      problem(`has a field longer than ${LIMITS.textLength} characters`);
      continue;
    }
    if (cloze) {
      const parsed = parseCloze(front);
      if (parsed.problems.length) {
        problem(`has cloze markup that ${parsed.problems[0]!.message}`);
        continue;
      }
      // The deck format's per-card limits, checked here so one row is skipped rather than the deck refused.
      const deletions = parsed.segments.filter((x) => x.kind === 'deletion');
      if (deletions.length > LIMITS.deletions) {
        problem(`has ${deletions.length} deletions; a card may have at most ${LIMITS.deletions}`);
        continue;
      }
      if (parsed.numbers.some((n) => n > LIMITS.clozeNumber)) {
        problem(`numbers a deletion past c${LIMITS.clozeNumber}`);
        continue;
      }
    }
    const base: { id: string; tags?: string[]; keyPoint?: string } = { id: idFromText(front, cardIds) };
    const tags = cleanTags(cell(row.cells, map.tags));
    if (tags.length) base.tags = tags;
    const kpText = cell(row.cells, map.keyPoint).slice(0, 600);
    if (kpText) {
      const key = kpText.toLowerCase();
      let kp = keyPoints.get(key);
      if (!kp) {
        kp = { id: uniqueId(kpText.split(/\s+/).slice(0, 5).join(' '), keyPointIds, 'key-point'), text: kpText };
        keyPoints.set(key, kp);
      }
      base.keyPoint = kp.id;
    }
    if (cloze) cards.push({ ...base, type: 'cloze', text: front, ...(back ? { explanation: back } : {}) });
    else cards.push({ ...base, type: 'basic', front, back });
  }
  skipped.sort((a, b) => a.line - b.line);
  if (cards.length > LIMITS.cards) {
    return { ok: false, skipped, errors: [{ path: 'cards', message: `would have ${cards.length} cards; a deck may have at most ${LIMITS.cards}` }] };
  }
  const deck: Deck = { id: options.id, version: 1, title: options.title, ...(keyPoints.size ? { keyPoints: [...keyPoints.values()] } : {}), cards };
  const checked = validateDeck(deck);
  if (!checked.ok) return { ok: false, skipped, errors: checked.errors };
  return { ok: true, deck: checked.deck, skipped, cardCount: cards.length };
}
