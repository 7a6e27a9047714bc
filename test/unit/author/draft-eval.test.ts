import nlp from 'compromise';
import { acceptAll, draftFromText } from '../../../src/author/draft/draft';
import { grammarProblems } from '../../../src/author/draft/grammar';
import { splitArticle } from '../../../src/author/draft/sentences';
import type { Nlp } from '../../../src/author/draft/terms';
import { cardText, generatedStatements, keyPointLengths, matchKeyPoint, scoreDraft, wordCount } from '../../../scripts/draft-eval/metrics';
import { parseEvalArticle, readEvalSet } from '../../../scripts/draft-eval/set';

const NLP = nlp as unknown as Nlp;

describe('evaluation set', () => {
  const set = readEvalSet();

  test('six or more articles of different kinds, each with key points written by hand', () => {
    expect(set.length).toBeGreaterThanOrEqual(6);
    expect(new Set(set.map((a) => a.name.split('-')[0]))).toEqual(new Set(['news', 'science', 'history', 'policy', 'howto', 'opinion']));
    for (const a of set) expect(a.keyPoints.length).toBeGreaterThanOrEqual(4);
  });

  test('the grammar check accepts every sentence a person wrote for the set', () => {
    for (const a of set) {
      for (const s of [...splitArticle(a.text).sentences.map((x) => x.text), ...a.keyPoints]) expect(grammarProblems(NLP, s), `${a.name}: ${s}`).toEqual([]);
    }
  });

  test('drafts meet the targets: recall ≥ 85%, every link right, 40–60% true, no statement failing the grammar check', () => {
    let covered = 0;
    let points = 0;
    let matched = 0;
    let linkedRight = 0;
    let trues = 0;
    let tf = 0;
    for (const a of set) {
      const draft = draftFromText(a.text, NLP);
      const s = scoreDraft(draft, a.keyPoints);
      covered += s.covered;
      points += s.keyPoints;
      matched += s.matched;
      linkedRight += s.linkedRight;
      trues += s.trueCount;
      tf += s.trueFalse;
      expect(s.linkedElsewhere).toBe(0);
      // Accepting every proposal always gives a deck that validates (choices differ, clozes parse…).
      const deck = acceptAll(draft, a.name);
      expect(deck.ok ? [] : deck.errors, a.name).toEqual([]);
      for (const st of generatedStatements(draft)) expect(grammarProblems(NLP, st.text, { fragment: st.fragment }), `${a.name}: ${st.text}`).toEqual([]);
    }
    expect(covered / points).toBeGreaterThanOrEqual(0.85);
    expect(linkedRight).toBe(matched);
    expect(trues / tf).toBeGreaterThanOrEqual(0.4);
    expect(trues / tf).toBeLessThanOrEqual(0.6);
  }, 60_000);
});

describe('matching rule', () => {
  const points = ['The canal opened in 1797 and halved the price of coal.', 'The railway reached the town in 1846 and took the trade.'];

  test('a text asks about a key point when it holds at least 40% of its content words, and at least 3', () => {
    expect(matchKeyPoint('When the canal opened in 1797, coal cost half as much.', points)).toBe(0);
    expect(matchKeyPoint('Why is it that the railway took the trade?', points)).toBe(1);
    // Two shared words are not enough, whatever the share.
    expect(matchKeyPoint('The canal was long.', ['The canal opened.'])).toBe(-1);
    expect(matchKeyPoint('Bees pollinate crops.', points)).toBe(-1);
  });

  test('a card is read as the student reads it: cloze filled in, question with its answer', () => {
    expect(cardText({ id: 'a', type: 'cloze', text: 'The canal opened in {{c1::1797}}.' })).toBe('The canal opened in 1797.');
    expect(cardText({ id: 'b', type: 'mcq', question: 'Which fills the gap? Opened in _____.', choices: ['1790', '1797'], answer: 1 })).toBe('Which fills the gap? Opened in 1797.');
    expect(cardText({ id: 'c', type: 'mcq', question: 'Why did it open?', choices: ['Because coal.', 'Because cloth.'], answer: 0 })).toBe('Why did it open? Because coal.');
  });

  test('key points are counted among the statements checked, and measured against their sentences', () => {
    const draft = draftFromText(
      `Harbour Notes

From the fishermen's vantage point, the catch of cod doubled in the three years after the new breakwater was finished.
The old lighthouse still guides the boats home on foggy nights, as it has done for two hundred years.
The fishermen built the new pier with their own boats and hands over two long summers.
Fresh fish now reaches the market in the town before seven in the morning.`,
      NLP,
    );
    const said = generatedStatements(draft).map((s) => s.text);
    for (const k of draft.keyPoints) expect(said).toContain(k.text);
    const l = keyPointLengths(draft);
    expect(l.keyPoints).toBe(draft.keyPoints.length);
    expect(l.shortened).toBe(draft.keyPoints.filter((k) => k.text !== k.claim).length);
    expect(draft.keyPoints.some((k) => k.text === 'The catch of cod doubled in the three years after the new breakwater was finished.')).toBe(true);
    expect(l.shortened).toBeGreaterThanOrEqual(1);
    expect(l.keyPointWords).toBeLessThan(l.sentenceWords);
    expect(l.sentenceWords).toBe(draft.keyPoints.reduce((n, k) => n + wordCount(k.sentence), 0));
    expect(wordCount('The canal, in 1797, opened — at last.')).toBe(7);
  });

  test('a malformed article file is refused with its name and the line at fault', () => {
    expect(() => parseEvalArticle('bad.txt', 'Title\n\nText.')).toThrow('bad.txt: needs exactly one "## Key points" heading');
    expect(() => parseEvalArticle('bad.txt', 'Title\n\nText.\n## Key points\n* one')).toThrow('bad.txt: key point line 1 must start with "- "');
  });
});
