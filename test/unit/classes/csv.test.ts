import { describe, expect, it } from 'vitest';
import { csvCell, dashboardCsv, toCsv } from '../../../src/classes/csv';
import type { Dashboard } from '../../../src/classes/dashboard';

/** A small RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let cell = '';
    i++;
    for (;;) {
      if (text[i] === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (text[i] === '"') {
        i++;
        break;
      } else cell += text[i++];
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('CSV export', () => {
  it('quotes every cell and doubles quotes, keeping commas and line breaks inside a cell', () => {
    const text = toCsv([['a "b", c', 'line\nbreak', 3]]);
    expect(text).toBe('"a ""b"", c","line\nbreak","3"\r\n');
    expect(parseCsv(text)).toEqual([['a "b", c', 'line\nbreak', '3']]);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvCell(bad)).toBe(`"'${bad.replace(/"/g, '""')}"`);
    }
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell(0)).toBe('"0"');
    expect(csvCell(null)).toBe('""');
  });

  it('gives every line as many fields, and writes the whole dashboard', () => {
    const d: Dashboard = {
      students: [
        { username: 'ann', displayName: '=cmd|x', reviews7d: 3, dueNow: 1, lastStudied: Date.UTC(2026, 0, 2, 3, 4, 5), points: [{ deckId: 'd', pointId: 'p', mastery: 'solid' }] },
        { username: 'bo', displayName: 'Bo', reviews7d: 0, dueNow: 0, lastStudied: null, points: [{ deckId: 'd', pointId: 'p', mastery: 'new' }] },
      ],
      failedCards: [{ deckId: 'd', deckTitle: 'Deck', cardId: 'c1', prompt: 'What, "exactly"?', failures: 2, answers: 5, students: 1 }],
      points: [{ deckId: 'd', deckTitle: 'Deck', pointId: 'p', text: 'Point', solid: 1, students: 2, share: 0.5 }],
    };
    const rows = parseCsv(dashboardCsv(d, new Map([['d/p', 'Point']])));
    const width = rows[0]!.length;
    for (const r of rows) expect(r.length).toBe(width);
    expect(rows[0]!.slice(0, 7)).toEqual(['Row', 'Student', 'Username', 'Reviews (7 days)', 'Due now', 'Last studied', 'Key point: Point']);
    expect(rows[1]!.slice(0, 7)).toEqual(['student', "'=cmd|x", 'ann', '3', '1', '2026-01-02T03:04:05Z', 'solid']);
    expect(rows[2]!.slice(0, 7)).toEqual(['student', 'Bo', 'bo', '0', '0', '', 'new']);
    expect(rows.find((r) => r[0] === 'card')!.slice(0, 7)).toEqual(['card', 'Deck', 'c1', 'What, "exactly"?', '2', '5', '1']);
    expect(rows.find((r) => r[0] === 'key point')!.slice(0, 7)).toEqual(['key point', 'Deck', 'p', 'Point', '1', '2', '0.5']);
  });
});
