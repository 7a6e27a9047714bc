import nlp from 'compromise';
import { centrality } from '../../../src/author/draft/centrality';
import { acceptAll, draftFromText, draftToDeck } from '../../../src/author/draft/draft';
import { questionsFrom } from '../../../src/author/draft/questions';
import { splitArticle, splitSentences } from '../../../src/author/draft/sentences';
import { trimSentence } from '../../../src/author/draft/summarise';
import { spans, type Nlp } from '../../../src/author/draft/terms';
import { parseCloze } from '../../../src/deck/cloze';
import { STOP_WORDS } from '../../../src/author/draft/words';
import { buildQuiz } from '../../../src/quiz/engine';

const NLP = nlp as unknown as Nlp;

const ARTICLE = `Coral Reefs Under Pressure

Coral reefs cover less than one percent of the ocean floor. Yet coral reefs shelter about a quarter of all marine species, which makes reefs vital for ocean life.
Reefs are built by tiny animals called polyps. A coral polyp is a small animal that lives in a colony with thousands of others.
Warmer water stresses the polyps, so the corals expel the algae that feed them. This process is called bleaching, and a bleached reef can starve within weeks.
In 2016, the Great Barrier Reef in Australia lost nearly half of its shallow corals because the water stayed too warm for months.
Scientists such as Terry Hughes warn that bleaching events are now five times more frequent than in the 1980s.
Protecting reefs means cutting emissions and reducing local pollution, because healthy reefs recover faster from bleaching.`;

describe('sentences', () => {
  test('title, wrapped lines joined, initialisms not ending a sentence', () => {
    const { title, sentences } = splitArticle('A Headline\n\nThe U.S. Congress met in the capital city of\nWashington. It voted. Dr. Smith said no.');
    expect(title).toBe('A Headline');
    expect(sentences.map((s) => s.text)).toEqual(['The U.S. Congress met in the capital city of Washington.', 'It voted.', 'Dr. Smith said no.']);
  });
  test('quotes stay with their sentence', () => {
    expect(splitSentences('He said, "Not so fast." Then he left.')).toEqual(['He said, "Not so fast."', 'Then he left.']);
  });
});

describe('centrality', () => {
  test('sentences sharing the article vocabulary outscore an off-topic one', () => {
    const c = centrality([
      'Bees pollinate crops and wild flowers.',
      'Bees need flowers; crops need bees to pollinate them.',
      'Pollinate crops, and flowers follow.',
      'The weather was cloudy on Tuesday.',
    ]);
    const worst = c.scores.indexOf(Math.min(...c.scores));
    expect(worst).toBe(3);
    for (const i of [0, 1, 2]) expect(c.scores[i]).toBeGreaterThan(c.scores[3]! * 1.5);
    expect(c.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(c.similarity(0, 3)).toBe(0);
  });
});

describe('summarising', () => {
  test('drops connectives, hedges and asides, keeps a sentence', () => {
    expect(trimSentence('Moreover, these chips are, without a doubt, the workhorses of modern AI.')).toBe('These chips are the workhorses of modern AI.');
    expect(trimSentence('The imported chips provided a temporary boost, yes, but they also highlighted vulnerabilities.')).toBe(
      'The imported chips provided a temporary boost, but they also highlighted vulnerabilities.',
    );
    expect(trimSentence('Nvidia GPUs, particularly the A100, were flowing freely into the market.')).toBe('Nvidia GPUs were flowing freely into the market.');
  });
  test('a long key point loses a trailing relative clause, unless that clause holds the contrast', () => {
    expect(
      trimSentence('Export controls on advanced chips are far more comprehensive today, hitting makers such as Nvidia and Intel, which have had to design specific, less powerful chips.', 120),
    ).toBe('Export controls on advanced chips are far more comprehensive today, hitting makers such as Nvidia and Intel.');
    const kept = 'The alliance wants the government to require refillable bottles, which can be washed and used up to 25 times, instead of recycling bottles that are used once.';
    expect(trimSentence(kept, 120)).toBe(kept);
    expect(trimSentence('Researchers at Northfield University found that frogs from Alaska survive minus 16 degrees.')).toBe('Frogs from Alaska survive minus 16 degrees.');
  });
});

describe('questions', () => {
  test('causal sentences give why questions; defining ones give what questions', () => {
    expect(questionsFrom('The reef lost half its corals because the water stayed too warm.')).toEqual([
      { kind: 'why', front: 'Why is it that the reef lost half its corals?', back: 'Because the water stayed too warm.' },
    ]);
    expect(questionsFrom('A coral polyp is a small animal that lives in a colony.')).toEqual([
      { kind: 'what', front: 'What is a coral polyp?', back: 'A small animal that lives in a colony.' },
    ]);
    expect(questionsFrom('Overfishing led to the collapse of the cod stocks.')[0]).toEqual({
      kind: 'what',
      front: 'What did overfishing lead to?',
      back: 'The collapse of the cod stocks.',
    });
    expect(questionsFrom('Photosynthesis means turning light into sugar.')[0]).toMatchObject({ front: 'What does photosynthesis mean?' });
    expect(questionsFrom('It is a good idea.')).toEqual([]);
  });
  test('a name at the start keeps its capital', () => {
    const q = questionsFrom('Beijing tightened rules because imports fell sharply.', (c) => c.startsWith('Beijing'));
    expect(q[0]!.front).toBe('Why is it that Beijing tightened rules?');
  });
});

describe('cloze spans', () => {
  test('whole names, numbers and noun phrases; never a function word or part of a word', () => {
    const text = 'In 2016, the Great Barrier Reef in Australia lost nearly half of its shallow corals.';
    const found = spans(NLP, text);
    expect(found.map((s) => s.text)).toEqual(expect.arrayContaining(['2016', 'Australia']));
    for (const s of found) {
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(/[A-Za-z0-9]/.test(text[s.start - 1] ?? '')).toBe(false);
      expect(/[A-Za-z0-9]/.test(text[s.end] ?? '')).toBe(false);
      expect(STOP_WORDS.has(s.text.toLowerCase())).toBe(false);
      expect(s.text).not.toMatch(/^(the|a|an|and|of)\s/i);
    }
  });
});

describe('draft', () => {
  const draft = draftFromText(ARTICLE, NLP);

  test('key points: central sentences, trimmed, no near-duplicates, in article order', () => {
    expect(draft.title).toBe('Coral Reefs Under Pressure');
    expect(draft.keyPoints.length).toBeGreaterThanOrEqual(3);
    const indexes = draft.keyPoints.map((k) => k.sentenceIndex);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
    expect(new Set(draft.keyPoints.map((k) => k.text)).size).toBe(draft.keyPoints.length);
    expect(draft.keyPoints.some((k) => /bleach/i.test(k.text))).toBe(true);
    for (const k of draft.keyPoints) expect(k.text).not.toMatch(/^(Yet|But|And|So)\b/);
  });

  test('key points are rewritten short while cards keep the sentence they came from', () => {
    const framed = draftFromText(
      `Harbour Notes

From the fishermen's vantage point, the new breakwater saved the harbour from the winter storms.
In fact, the catch of cod doubled in the three years after the breakwater was finished.
While the council paid for most of the work, the fishermen built the new pier with their own boats and hands.
The old lighthouse still guides the boats home on foggy nights, as it has done for two hundred years.`,
      NLP,
    );
    const texts = framed.keyPoints.map((k) => k.text);
    expect(texts).toContain('The new breakwater saved the harbour from the winter storms.');
    expect(texts).toContain('The catch of cod doubled in the three years after the breakwater was finished.');
    const breakwater = framed.keyPoints.find((k) => k.text.startsWith('The new breakwater'))!;
    expect(breakwater.claim).toBe("From the fishermen's vantage point, the new breakwater saved the harbour from the winter storms.");
    // A card drafted from that sentence still says whose view it is.
    const cards = framed.cards.filter((p) => p.keyPoint === breakwater.id && p.card.type === 'cloze');
    const filled = (t: string) => t.replace(/\{\{c\d+::(.*?)(?:::[^}]*)?\}\}/g, '$1');
    for (const p of cards) expect(p.card.type === 'cloze' && filled(p.card.text)).toMatch(/^From the fishermen's vantage point/);
    expect(cards.length).toBeGreaterThan(0);
  });

  test('every card names a key point of the draft and the sentence it came from', () => {
    const ids = new Set(draft.keyPoints.map((k) => k.id));
    const sentences = splitArticle(ARTICLE).sentences;
    for (const p of draft.cards) {
      expect(ids.has(p.keyPoint)).toBe(true);
      expect(p.card.keyPoint).toBe(p.keyPoint);
      expect(sentences[p.sentenceIndex]!.text).toBe(p.sentence);
    }
  });

  test('proposes clozes, why/what questions and true/false statements', () => {
    const kinds = new Set(draft.cards.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['cloze', 'why', 'what', 'truefalse']));
    // A why question is a flashcard, or multiple choice when the draft has other reasons to offer.
    for (const why of draft.cards.filter((c) => c.kind === 'why')) {
      if (why.card.type === 'mcq') expect(why.card.choices.every((c) => c.startsWith('Because'))).toBe(true);
      else expect(why.card).toMatchObject({ type: 'basic', front: expect.stringMatching(/^Why /), back: expect.stringMatching(/^Because /) });
    }
    const falseOne = draft.cards.find((c) => c.card.type === 'truefalse' && c.card.answer === false);
    if (falseOne && falseOne.card.type === 'truefalse') expect(falseOne.card.explanation).toMatch(/^The article says: /);
  });

  test('each cloze has one or two deletions (c1, c2), each a whole word or phrase that is not a function word, and answers do not repeat', () => {
    const answers: string[] = [];
    for (const p of draft.cards) {
      if (p.card.type !== 'cloze') continue;
      const { segments, problems, numbers } = parseCloze(p.card.text);
      expect(problems).toEqual([]);
      expect([[1], [1, 2]]).toContainEqual(numbers);
      segments.forEach((seg, i) => {
        if (seg.kind !== 'deletion') return;
        const before = segments[i - 1]?.kind === 'text' ? (segments[i - 1] as { text: string }).text : '';
        const after = segments[i + 1]?.kind === 'text' ? (segments[i + 1] as { text: string }).text : '';
        expect(before).not.toMatch(/[A-Za-z0-9]$/);
        expect(after).not.toMatch(/^[A-Za-z0-9]/);
        expect(STOP_WORDS.has(seg.answer.toLowerCase())).toBe(false);
        answers.push(seg.answer.toLowerCase());
      });
    }
    expect(answers.length).toBeGreaterThan(2);
    expect(new Set(answers).size).toBe(answers.length);
  });

  test('every card comes from the sentence of the key point it is linked to', () => {
    for (const p of draft.cards) {
      const kp = draft.keyPoints.find((k) => k.id === p.keyPoint)!;
      expect(p.sentenceIndex).toBe(kp.sentenceIndex);
      expect(p.sentence).toBe(kp.sentence);
    }
  });

  test('true/false statements are about half true; a false one differs from its key point in one fact', () => {
    const tf = draft.cards.flatMap((p) => (p.card.type === 'truefalse' ? [p.card] : []));
    expect(tf.length).toBeGreaterThanOrEqual(2);
    const trues = tf.filter((c) => c.answer).length;
    expect(Math.abs(trues - (tf.length - trues))).toBeLessThanOrEqual(1);
    for (const c of tf) {
      if (c.answer) continue;
      const original = c.explanation!.replace(/^The article says: /, '');
      const a = c.statement.split(' ');
      const b = original.split(' ');
      // One span replaced: the words before and after it are shared.
      let head = 0;
      while (a[head] === b[head]) head++;
      let tail = 0;
      while (a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      expect(a.length - head - tail).toBeLessThanOrEqual(3);
    }
  });

  test('the wrong reasons offered for a why question are other claims of the article, one clause each', () => {
    for (const p of draft.cards) {
      if (p.kind !== 'why' || p.card.type !== 'mcq') continue;
      for (const c of p.card.choices) {
        expect(c).toMatch(/^Because [^A-Z]|^Because [A-Z]\w* [A-Z]/);
        expect(c.match(/\bbecause\b/gi)).toHaveLength(1);
      }
    }
  });

  test('a causal sentence gives a why question answered by its reason', () => {
    const why = draft.cards.filter((c) => c.kind === 'why');
    expect(why.length).toBeGreaterThan(0);
    for (const w of why) {
      const answer = w.card.type === 'basic' ? w.card.back : w.card.type === 'mcq' ? w.card.choices[w.card.answer as number]! : '';
      expect(answer).toMatch(/^Because /);
      // ", which makes…" is answered "Because it makes…".
      expect(w.sentence.toLowerCase()).toContain(answer.replace(/^Because (?:it )?/, '').replace(/\.$/, '').toLowerCase());
    }
  });

  test('a quiz from the accepted draft gives no answer away by its shape', () => {
    const all = acceptAll(draft, 'coral-reefs');
    if (!all.ok) throw new Error('invalid');
    for (let seed = 0; seed < 10; seed++) {
      for (const q of buildQuiz([all.deck], { length: 'all', seed })) {
        if (q.kind === 'typed') continue;
        const right = q.correct.map((i) => q.choices[i]!);
        const wrong = q.choices.filter((c) => !right.includes(c));
        const marks = (c: string) => `${c.includes('…')}${/[.!?]$/.test(c)}${/^Because\b/.test(c)}`;
        for (const w of wrong) if (q.kind === 'mcq') expect(marks(w)).toBe(marks(right[0]!));
      }
    }
  });

  test('accepting everything gives a valid deck; rejecting a key point detaches its cards', () => {
    const all = acceptAll(draft, 'coral-reefs');
    if (!all.ok) throw new Error(JSON.stringify(all.errors));
    expect(all.deck.cards).toHaveLength(draft.cards.length);
    const [first, ...rest] = draft.keyPoints;
    const some = draftToDeck({ id: 'coral', title: 'Coral', keyPoints: rest.map(({ id, text }) => ({ id, text })), cards: draft.cards.map((c) => c.card) });
    if (!some.ok) throw new Error(JSON.stringify(some.errors));
    expect(some.deck.cards.some((c) => c.keyPoint === first!.id)).toBe(false);
  });

  test('the saved deck holds only proposal text, not the source sentences alongside', () => {
    const all = acceptAll(draft, 'coral-reefs');
    if (!all.ok) throw new Error('invalid');
    expect(JSON.stringify(all.deck)).not.toContain('"sentence"');
  });
});
