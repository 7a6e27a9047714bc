/**
 * CSV / TSV / Anki / Quizlet import never throws, whatever the text, and never hands over a deck
 * the schema forbids: every deck it builds passes `validateDeck`, and every skipped row names a
 * line of the input.
 */
import fc from 'fast-check';
import { parseTable } from '../../../src/author/import/table';
import { buildDeckFromTable, guessColumns } from '../../../src/author/import/build';
import { validateDeck } from '../../../src/deck/validate';

const cellText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('"quoted, with comma"', 'line\nbreak', '{{c1::gap}} text', '{{c1::', '<b>bold</b>', '\uFEFF', '', ' ', ';', '\t', '#html:true'),
);
const rows = fc.array(fc.array(cellText, { minLength: 0, maxLength: 5 }), { maxLength: 25 });
const delimiter = fc.constantFrom(',', ';', '\t', '|');
const header = fc.constantFrom('', '#separator:tab\n#html:false\n', '#separator:comma\n#columns:Front,Back,Tags\n', 'front,back\n', 'Term\tDefinition\n');

function check(text: string, options: Parameters<typeof parseTable>[1] = {}) {
  const lines = text.split(/\r\n|\r|\n/).length;
  const table = parseTable(text, options);
  const result = buildDeckFromTable(table, { id: 'imported', title: 'Imported deck', map: guessColumns(table) });
  for (const p of result.skipped) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines + 1);
    expect(p.message).toMatch(/\S/);
  }
  if (result.ok) {
    const again = validateDeck(JSON.parse(JSON.stringify(result.deck)));
    expect(again.ok ? [] : again.errors).toEqual([]);
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
  }
}

test('arbitrary text never throws and never yields an invalid deck', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => check(text)), { numRuns: 300 });
});

test('tables built from random cells, separators and Anki / CSV headers', () => {
  fc.assert(
    fc.property(header, delimiter, rows, (head, sep, body) => {
      const quote = (c: string) => (/[",;\t|\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      check(head + body.map((r) => r.map(quote).join(sep)).join('\n'));
    }),
    { numRuns: 300 },
  );
});

test('Quizlet exports with custom separators', () => {
  fc.assert(
    fc.property(fc.constantFrom(' - ', '\t', '::'), fc.constantFrom('\n', ';', '||'), rows, (term, row, body) => {
      check(body.map((r) => r.slice(0, 2).join(term)).join(row), { quizlet: { term, row } });
    }),
    { numRuns: 200 },
  );
});
