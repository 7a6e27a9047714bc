import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDeckFromTable, guessColumns } from '../../../src/author/import/build';
import { MAX_TABLE_ROWS, parseTable } from '../../../src/author/import/table';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/import', name), 'utf8');

function build(text: string, options = {}) {
  const table = parseTable(text, options);
  return { table, result: buildDeckFromTable(table, { id: 'imported', title: 'Imported', map: guessColumns(table) }) };
}

describe('CSV / TSV tables', () => {
  test('BOM, quoted commas, doubled quotes, embedded newlines and semicolons inside fields', () => {
    const { table, result } = build(fixture('quotes-bom.csv'));
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['Front', 'Back', 'Tags']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const cards = result.deck.cards;
    expect(cards[0]).toMatchObject({ type: 'basic', front: 'Capital of France, the city', back: 'Paris' });
    expect(cards[1]).toMatchObject({ front: 'A quote "inside"', back: 'Line one\nLine two', tags: ['geo', 'europe'] });
    expect(cards[2]).toMatchObject({ front: 'Semicolon; inside', back: 'yes;really' });
    expect(result.skipped).toEqual([]);
  });

  test('semicolon-separated file: detected, header names term/definition mapped, bad rows reported by line', () => {
    const { table, result } = build(fixture('semicolons.csv'));
    expect(table.delimiter).toBe(';');
    expect(guessColumns(table)).toMatchObject({ front: 0, back: 1 });
    if (!result.ok) throw new Error('expected a deck');
    expect(result.deck.cards.map((c) => (c.type === 'basic' ? [c.front, c.back] : null))).toEqual([
      ['chat', 'cat'],
      ['chien', 'dog; the animal'],
    ]);
    expect(result.skipped).toEqual([
      { line: 4, message: 'has an empty front' },
      { line: 5, message: 'has an empty back' },
    ]);
  });

  test('tab-separated, with a cloze row becoming a cloze card', () => {
    const { table, result } = build(fixture('tabs.tsv'));
    expect(table.delimiter).toBe('\t');
    if (!result.ok) throw new Error('expected a deck');
    expect(result.deck.cards[1]).toMatchObject({ type: 'cloze', text: 'Photosynthesis makes {{c1::glucose}}' });
  });

  test('broken file: an unclosed quote is reported with its line; the good rows before it stay', () => {
    const { result } = build(fixture('broken.csv'));
    if (!result.ok) throw new Error('expected a deck');
    expect(result.deck.cards).toHaveLength(1);
    expect(result.skipped).toEqual([{ line: 3, message: 'has a quoted field that is never closed' }]);
  });

  test('nothing usable → no deck, a clear error', () => {
    const { result } = build('front,back\n,\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]!.path).toBe('cards');
  });

  test('key point column creates shared key points', () => {
    const { result } = build('front,back,key point\na,1,Cells need energy\nb,2,Cells need energy\nc,3,DNA stores information\n');
    if (!result.ok) throw new Error('expected a deck');
    expect(result.deck.keyPoints?.map((k) => k.text)).toEqual(['Cells need energy', 'DNA stores information']);
    expect(result.deck.cards[0]!.keyPoint).toBe(result.deck.cards[1]!.keyPoint);
  });
});

describe('Anki "Notes in Plain Text"', () => {
  test('header lines set separator, columns, html and the tags column; line numbers count them', () => {
    const { table, result } = build(fixture('anki-notes.txt'));
    expect(table.format).toBe('anki');
    expect(table.delimiter).toBe('\t');
    expect(table.header).toEqual(['Front', 'Back', 'Tags']);
    expect(table.rows.map((r) => r.line)).toEqual([5, 6, 7]);
    expect(guessColumns(table).tags).toBe(2);
    if (!result.ok) throw new Error('expected a deck');
    expect(result.deck.cards[0]).toMatchObject({ type: 'basic', front: 'What is H2O?', back: 'Water\na molecule', tags: ['chemistry', 'basics'] });
    expect(result.deck.cards[1]).toMatchObject({ front: 'A "quoted" front' });
    expect(result.deck.cards[2]).toMatchObject({ type: 'cloze', text: 'The {{c1::Nile}} is long', tags: ['geo'] });
  });

  test('malformed cloze markup is skipped with its line', () => {
    const { result } = build('#separator:tab\n{{c1::open\tback\ngood\tback\n');
    if (!result.ok) throw new Error('expected a deck');
    expect(result.skipped[0]!.line).toBe(2);
    expect(result.skipped[0]!.message).toMatch(/never closed/);
  });
});

describe('Quizlet exports', () => {
  test('custom term separator " - " and row separator ";"', () => {
    const { table, result } = build(fixture('quizlet-custom.txt'), { quizlet: { term: ' - ', row: ';' } });
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['mitochondria', 'powerhouse of the cell'],
      ['ribosome', 'makes proteins'],
      ['golgi', 'packs proteins'],
    ]);
    expect(table.problems).toEqual([{ line: 1, message: 'has no term separator " - "' }]);
    expect(result.ok).toBe(true);
  });

  test('default tab / new line export, Windows line endings', () => {
    const { table } = build('one\tuno\r\ntwo\tdos\r\n\r\nthree\ttres', { quizlet: { term: '\t', row: '\n' } });
    expect(table.rows).toEqual([
      { line: 1, cells: ['one', 'uno'] },
      { line: 2, cells: ['two', 'dos'] },
      { line: 4, cells: ['three', 'tres'] },
    ]);
  });
});

describe('Anki columns of their own', () => {
  test('guid, note type and deck columns are skipped when guessing front and back', () => {
    const text = '#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\nAbc123\tBasic\tBio\tWhat is DNA?\tGenetic material\tbio\n';
    const table = parseTable(text);
    expect(guessColumns(table)).toEqual({ front: 3, back: 4, tags: 5, keyPoint: -1 });
    const result = buildDeckFromTable(table, { id: 'bio', title: 'Bio', map: guessColumns(table) });
    if (!result.ok) throw new Error('expected a deck');
    expect(result.deck.cards[0]).toMatchObject({ front: 'What is DNA?', back: 'Genetic material', tags: ['bio'] });
    expect(table.rows[0]!.line).toBe(7);
  });
});

describe('every row imported or listed as skipped', () => {
  test('mixed line endings (\\r\\n, \\n, \\r) in one file: every row kept, each on its own line number', () => {
    const { table, result } = build('front,back\r\na,1\nb,2\r\nc,3\rd,4\n\ne,5');
    expect(table.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['a', '1']],
      [3, ['b', '2']],
      [4, ['c', '3']],
      [5, ['d', '4']],
      [7, ['e', '5']],
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.cardCount).toBe(5);
    expect(result.skipped).toEqual([]);
  });

  test("Excel's sep= first line names the separator and is no card", () => {
    for (const first of ['sep=;', '"sep=;"', 'SEP=;']) {
      const { table, result } = build(`${first}\r\nfront;back\r\nchat;cat, the animal\r\nchien;dog`);
      expect(table.delimiter).toBe(';');
      expect(table.header).toEqual(['front', 'back']);
      expect(table.rows.map((r) => [r.line, r.cells])).toEqual([
        [3, ['chat', 'cat, the animal']],
        [4, ['chien', 'dog']],
      ]);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.deck.cards.map((c) => (c.type === 'basic' ? c.front : ''))).toEqual(['chat', 'chien']);
    }
  });

  test('a row of separators only is listed as skipped; a blank line is no row', () => {
    const { table, result } = build('front,back\na,1\n,,\n\nb,2');
    expect(table.rows.map((r) => r.line)).toEqual([2, 5]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.skipped).toEqual([{ line: 3, message: 'has only empty cells' }]);
  });

  test('an Anki separator named like an Object property is taken as the text it is, not a lookup', () => {
    const table = parseTable('#separator:constructor\na\tb\n');
    expect(typeof table.delimiter).toBe('string');
    expect(table.delimiter).toBe('constructor');
  });
});

describe('rows the deck format would refuse are skipped one by one', () => {
  test('zero-width fronts and backs, too many deletions and deletion numbers past c99', () => {
    const many = Array.from({ length: 51 }, (_, i) => `{{c1::w${i}}}`).join(' ');
    const { result } = build(`front,back\n\u200b\u200c,back\nfront,\u2060\n"${many}",\n{{c100::x}},\nok,fine`);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.cardCount).toBe(1);
    expect(result.skipped).toEqual([
      { line: 2, message: 'has an empty front' },
      { line: 3, message: 'has an empty back' },
      { line: 4, message: 'has 51 deletions; a card may have at most 50' },
      { line: 5, message: 'numbers a deletion past c99' },
    ]);
  });
});

describe('a table larger than any deck', () => {
  const rows = (n: number, sep = ',') => Array.from({ length: n }, (_, i) => `front ${i}${sep}back ${i}`).join('\n');

  test('reading stops past the row limit, and the table is refused with the line it stopped at', () => {
    const { table, result } = build(`front,back\n${rows(100_000)}`);
    // Header on line 1 counts as a row while reading: the row on line 5,002 is one too many.
    expect(table.rows.length).toBe(MAX_TABLE_ROWS - 1);
    expect(table.cutAtLine).toBe(MAX_TABLE_ROWS + 1);
    expect(result).toEqual({
      ok: false,
      skipped: [],
      errors: [{ path: 'table', message: 'has more than 5,000 rows (reading stopped at line 5,002); a deck may have at most 5,000 cards: split the file into smaller ones' }],
    });
  });

  test('a table of exactly the most cards a deck may have is read whole and imported', () => {
    const { table, result } = build(`front,back\n${rows(5000)}`);
    expect(table.cutAtLine).toBeUndefined();
    expect(result.ok && result.cardCount).toBe(5000);
  });

  test('a Quizlet export stops at the same limit', () => {
    const { table, result } = build(rows(20_000, '\t'), { quizlet: { term: '\t', row: '\n' } });
    expect(table.rows.length).toBe(MAX_TABLE_ROWS);
    expect(table.cutAtLine).toBe(MAX_TABLE_ROWS + 1);
    expect(result.ok).toBe(false);
  });
});
