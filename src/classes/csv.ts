/**
 * The class dashboard as CSV (RFC 4180: comma-separated, CRLF lines, every cell quoted, quotes
 * doubled) with cells that a spreadsheet would run as a formula (starting with = + - @, a tab or
 * a carriage return) prefixed with an apostrophe, so a student's display name can never run.
 * Pure.
 */
import type { Dashboard } from './dashboard';

/** One cell, quoted and made safe to open in a spreadsheet. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows to CSV text; shorter rows are padded with empty cells so every line has as many fields. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((row) => Array.from({ length: width }, (_, i) => csvCell(row[i] ?? '')).join(',')).join('\r\n') + '\r\n';
}

/** A time as an ISO date and time (UTC), or empty. */
function when(at: number | null): string {
  return at === null ? '' : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The dashboard as one table: a row per student (reviews in 7 days, due now, last studied and
 * each key point's mastery), then a row per failed card and per key point, each marked by its
 * first column so a spreadsheet can filter them.
 */
export function dashboardCsv(d: Dashboard, pointNames: ReadonlyMap<string, string>): string {
  const pointKeys = d.points.map((p) => `${p.deckId}/${p.pointId}`);
  const header = ['Row', 'Student', 'Username', 'Reviews (7 days)', 'Due now', 'Last studied', ...pointKeys.map((k) => `Key point: ${pointNames.get(k) ?? k}`)];
  const rows: (string | number | null)[][] = [header];
  for (const s of d.students) {
    const byKey = new Map(s.points.map((p) => [`${p.deckId}/${p.pointId}`, p.mastery]));
    rows.push(['student', s.displayName, s.username, s.reviews7d, s.dueNow, when(s.lastStudied), ...pointKeys.map((k) => byKey.get(k) ?? '')]);
  }
  rows.push([]);
  rows.push(['Row', 'Deck', 'Card', 'Prompt', 'Failures (Again)', 'Answers', 'Students who failed']);
  for (const c of d.failedCards) rows.push(['card', c.deckTitle, c.cardId, c.prompt, c.failures, c.answers, c.students]);
  rows.push([]);
  rows.push(['Row', 'Deck', 'Key point', 'Text', 'Students solid', 'Students', 'Share solid']);
  for (const p of d.points) rows.push(['key point', p.deckTitle, p.pointId, p.text, p.solid, p.students, Math.round(p.share * 1000) / 1000]);
  return toCsv(rows);
}
