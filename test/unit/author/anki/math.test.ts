import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { htmlToMarkdown } from '../../../../src/author/import/anki/html';
import { markdownToHtml } from '../../../../src/author/anki/markdown-html';
import { deckToAnkiCollection } from '../../../../src/author/anki/from-deck';
import { writeApkg } from '../../../../src/author/anki/apkg';
import { writeSchema11 } from '../../../../src/author/anki/schema11';
import { BASIC, CLOZE } from '../../../../src/author/anki/stock';
import { buildAnkiImport, openAnki } from '../../../../src/author/import/anki/read';
import type { AnkiCollection } from '../../../../src/author/anki/types';
import type { Deck } from '../../../../src/deck/schema';
import { validateDeck } from '../../../../src/deck/validate';
import { DEFAULT_SETTINGS } from '../../../../src/srs/types';
import { zipSync } from 'fflate';
import { loadSql } from './helpers';

const NOW = Date.UTC(2024, 5, 1, 12);
let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

const md = (html: string) => htmlToMarkdown(html).text;

describe('formulas on import', () => {
  it('turns MathJax and the LaTeX shorthands into $…$ and $$…$$', () => {
    expect(md('Area: \\(\\pi r^2\\) and \\[\\int_0^1 x\\,dx = \\tfrac12\\]')).toBe('Area: $\\pi r^2$ and $$\\int_0^1 x\\,dx = \\tfrac12$$');
    expect(md('[$]a_1 + b_2[/$] then [$$]\\sum_{i} i[/$$]')).toBe('$a_1 + b_2$ then $$\\sum_{i} i$$');
    expect(htmlToMarkdown('\\(x\\) \\[y\\]')).toMatchObject({ formulas: 2, latexKept: 0 });
  });

  it('reads the TeX as characters: entities decoded, tags inside dropped, never escaped', () => {
    expect(md('\\(a &lt; b &amp;&amp; c_*\\)')).toBe('$a < b && c_*$');
    expect(md('\\[a \\\\<br>b\\]')).toBe('$$a \\\\ b$$');
    expect(md('<b>\\(x^2\\)</b> is *not* math')).toBe('**$x^2$** is \\*not\\* math');
  });

  it('escapes a literal dollar, so that money never turns into a formula', () => {
    expect(md('costs $5, or $x$ in cash')).toBe('costs \\$5, or \\$x\\$ in cash');
  });

  it('maps a [latex] block that is one formula, and keeps any other as text, counted', () => {
    expect(md('[latex]$E = mc^2$[/latex]')).toBe('$E = mc^2$');
    expect(md('[latex]\\begin{equation}a=b\\end{equation}[/latex]')).toBe('$$a=b$$');
    const kept = htmlToMarkdown('[latex]\\textbf{Theorem.} $a$ and $b$[/latex]');
    expect(kept).toMatchObject({ formulas: 0, latexKept: 1 });
    expect(kept.text).toBe('\\[latex\\]\\\\textbf{Theorem.} \\$a\\$ and \\$b\\$\\[/latex\\]');
    // An empty formula is no formula.
    expect(htmlToMarkdown('\\(  \\)')).toMatchObject({ formulas: 0, latexKept: 1 });
  });

  it('a deck with formulas is format 2, so the study screen shows them; one without stays format 1', () => {
    const col: AnkiCollection = {
      crt: 1_700_000_000,
      ver: 11,
      notetypes: [BASIC, CLOZE],
      decks: [{ id: 10, name: 'Maths' }, { id: 11, name: 'Words' }],
      notes: [
        { id: 1, guid: 'a', mid: BASIC.id, mod: 0, tags: [], fields: ['Derivative of \\(x^2\\)?', '\\(2x\\)'] },
        { id: 2, guid: 'b', mid: CLOZE.id, mod: 0, tags: [], fields: ['\\[e^{i\\pi} + 1 = {{c1::0}}\\]', '[latex]\\LaTeX{} prose[/latex]'] },
        { id: 3, guid: 'c', mid: BASIC.id, mod: 0, tags: [], fields: ['a dollar', '$1'] },
      ],
      cards: [
        { id: 11, nid: 1, did: 10, ord: 0, type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0 },
        { id: 21, nid: 2, did: 10, ord: 0, type: 0, queue: 0, due: 2, ivl: 0, factor: 0, reps: 0, lapses: 0 },
        { id: 31, nid: 3, did: 11, ord: 0, type: 0, queue: 0, due: 3, ivl: 0, factor: 0, reps: 0, lapses: 0 },
      ],
      revlog: [],
    };
    const bytes = zipSync({ 'collection.anki21': writeSchema11(SQL, col, NOW) });
    const imp = buildAnkiImport(openAnki(bytes, 'maths.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
    const [maths, words] = imp.decks;
    expect(maths).toMatchObject({ format: 2, cards: [{ front: 'Derivative of $x^2$?', back: '$2x$' }, { text: '$$e^{i\\pi} + 1 = {{c1::0}}$$' }] });
    expect(maths).not.toHaveProperty('media');
    expect(validateDeck(maths)).toMatchObject({ ok: true });
    expect(words).not.toHaveProperty('format');
    expect(words!.cards[0]).toMatchObject({ back: '\\$1' });
    expect(imp.report.notices).toEqual(['Cloze: LaTeX that is not one formula ([latex]…[/latex]) was kept as text']);
  });
});

describe('formulas on export', () => {
  it('writes $…$ and $$…$$ as MathJax in a deck that shows math, TeX untouched by emphasis', () => {
    expect(markdownToHtml('Area $\\pi r^2$ and $$a_1 * b_1 < c$$ **bold**', undefined, true)).toBe('Area \\(\\pi r^2\\) and \\[a_1 * b_1 &lt; c\\] <b>bold</b>');
    // An escaped dollar is a dollar; money is not a formula.
    expect(markdownToHtml('\\$5 and $10, $x $', undefined, true)).toBe('&#36;5 and $10, $x $');
  });

  it('leaves dollars as text in a deck that does not show math (format 1)', () => {
    expect(markdownToHtml('$x$ and \\$', undefined, false)).toBe('$x$ and &#36;');
  });

  it('round trip: formulas, literal dollars and a formula beside a cloze come back the same', () => {
    const deck: Deck = {
      format: 2,
      id: 'calc',
      version: 1,
      title: 'Calculus',
      cards: [
        { id: 'd', type: 'basic', front: 'Derivative of $x^n$?', back: '$n x^{n-1}$, for \\$0 extra' },
        { id: 'i', type: 'cloze', text: 'By parts: $$\\int u\\,dv = uv - \\int v\\,du$$ is {{c1::integration by parts}}.' },
        { id: 't', type: 'typed', question: 'What is $\\sqrt{16}$?', answer: '4' },
      ],
    };
    expect(validateDeck(deck)).toMatchObject({ ok: true });
    const col = deckToAnkiCollection(deck, null, NOW);
    expect(col.notes[0]!.fields).toEqual(['Derivative of \\(x^n\\)?', '\\(n x^{n-1}\\), for &#36;0 extra']);
    const back = buildAnkiImport(openAnki(writeApkg(SQL, col, NOW), 'calc.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
    const [d] = back.decks;
    expect(d!.format).toBe(2);
    expect(d!.cards.map(({ id: _id, ...rest }) => rest)).toEqual(deck.cards.map(({ id: _id, ...rest }) => rest));
  });
});
