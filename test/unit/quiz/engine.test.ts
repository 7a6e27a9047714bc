import { buildQuiz, checkAnswer, countQuizItems, scoreQuiz, type ChoiceQuestion, type Question, type QuizAnswer } from '../../../src/quiz/engine';
import { normaliseAnswer } from '../../../src/deck/answer-match';
import { expandDeck } from '../../../src/deck/items';
import { deck, mixed } from './fixtures';

const byItem = (qs: Question[], id: string) => {
  const q = qs.find((x) => x.itemId === id);
  if (!q) throw new Error(`no question for ${id}`);
  return q;
};
const choice = (q: Question): ChoiceQuestion => {
  if (q.kind === 'typed') throw new Error(`${q.itemId} is typed`);
  return q;
};

describe('buildQuiz', () => {
  test('is deterministic for a seed and differs between seeds', () => {
    const a = buildQuiz([mixed], { length: 'all', seed: 42 });
    const b = buildQuiz([mixed], { length: 'all', seed: 42 });
    const c = buildQuiz([mixed], { length: 'all', seed: 43 });
    expect(b).toEqual(a);
    expect(c.map((q) => q.itemId)).not.toEqual(a.map((q) => q.itemId));
    expect(buildQuiz([mixed], { length: 10, seed: 'briefing' })).toEqual(buildQuiz([mixed], { length: 10, seed: 'briefing' }));
  });

  test("'all' asks every review item exactly once; numeric lengths cap the quiz", () => {
    const all = buildQuiz([mixed], { length: 'all', seed: 1 });
    const ids = expandDeck(mixed).map((r) => r.id);
    expect(all.map((q) => q.itemId).sort()).toEqual([...ids].sort());
    expect(new Set(all.map((q) => q.itemId)).size).toBe(all.length);
    expect(buildQuiz([mixed], { length: 5, seed: 1 })).toHaveLength(5);
    expect(buildQuiz([mixed], { length: 10, seed: 1 })).toHaveLength(10);
    expect(buildQuiz([mixed], { length: 20, seed: 1 })).toHaveLength(ids.length);
  });

  test('every question knows its item, card, deck and key point', () => {
    for (const q of buildQuiz([mixed], { length: 'all', seed: 7 })) {
      const card = mixed.cards.find((c) => c.id === q.cardId)!;
      expect(q.itemId.startsWith(`chips/${q.cardId}`)).toBe(true);
      expect(q.deckId).toBe('chips');
      expect(q.keyPointId).toBe(card.keyPoint ?? null);
      if (card.keyPoint) expect(q.keyPointText).toBe(mixed.keyPoints!.find((k) => k.id === card.keyPoint)!.text);
    }
    expect(byItem(buildQuiz([mixed], { length: 'all', seed: 7 }), 'chips/b-name').explanation).toBe('A US firm.');
  });

  test('authored multiple choice keeps track of the right answers through the shuffle', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const qs = buildQuiz([mixed], { length: 'all', seed });
      const one = choice(byItem(qs, 'chips/mcq-one'));
      expect(one.kind).toBe('mcq');
      expect(one.multi).toBe(false);
      expect(one.correct.map((i) => one.choices[i])).toEqual(['A100']);
      const multi = choice(byItem(qs, 'chips/mcq-multi'));
      expect(multi.multi).toBe(true);
      expect(multi.correct.map((i) => multi.choices[i]).sort()).toEqual(['Baidu', 'Huawei', 'SenseTime']);
      expect([...multi.choices].sort()).toEqual(['Baidu', 'Huawei', 'Lenovo', 'SenseTime', 'Xiaomi']);
    }
    const orders = new Set([1, 2, 3, 4, 5, 6].map((seed) => choice(byItem(buildQuiz([mixed], { length: 'all', seed }), 'chips/mcq-one')).choices.join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  test('true/false offers True then False with the right one tracked', () => {
    const tf = choice(byItem(buildQuiz([mixed], { length: 'all', seed: 3 }), 'chips/tf'));
    expect(tf.kind).toBe('truefalse');
    expect(tf.choices).toEqual(['True', 'False']);
    expect(tf.correct).toEqual([1]);
    expect(tf.prompt).toBe('Chips settled everything.');
  });

  test('basic cards become multiple choice with distractors of the same form', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const qs = buildQuiz([mixed], { length: 'all', seed });
      const year = choice(byItem(qs, 'chips/b-year'));
      expect(year.kind).toBe('mcq');
      expect(year.correct.map((i) => year.choices[i])).toEqual(['2015']);
      // Numbers with numbers: never a firm's name or a sentence.
      for (const c of year.choices) expect(c).toMatch(/\d/);
      const firm = choice(byItem(qs, 'chips/b-name'));
      expect(firm.correct.map((i) => firm.choices[i])).toEqual(['Nvidia']);
      // Names with names (the cloze answers SenseTime / Lenovo may join), never years.
      for (const c of firm.choices) expect(c).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(firm.choices.length).toBe(4);
    }
  });

  test('distractors never equal the answer after normalisation and never repeat', () => {
    const dup = deck({
      id: 'dups',
      version: 1,
      title: 'Duplicates',
      cards: [
        { id: 'a', type: 'basic', front: 'Who?', back: 'Nvidia' },
        { id: 'b', type: 'basic', front: 'Who again?', back: 'NVIDIA' },
        { id: 'c', type: 'basic', front: 'And who?', back: 'nvidia!' },
        { id: 'd', type: 'basic', front: 'Rival?', back: 'Huawei' },
        { id: 'e', type: 'basic', front: 'Rival again?', back: 'Huawéi' },
        { id: 'f', type: 'basic', front: 'Search firm?', back: 'Baidu' },
        { id: 'g', type: 'basic', front: 'Chip firm?', back: 'Intel' },
      ],
    });
    for (let seed = 0; seed < 30; seed++) {
      for (const q of buildQuiz([dup], { length: 'all', seed })) {
        if (q.kind === 'typed') continue;
        const keys = q.choices.map(normaliseAnswer);
        expect(new Set(keys).size).toBe(keys.length);
        const right = normaliseAnswer(q.answerText);
        expect(keys.filter((k) => k === right)).toHaveLength(1);
      }
    }
  });

  test('falls back to a typed question when the deck has too few plausible distractors', () => {
    const qs = buildQuiz([mixed], { length: 'all', seed: 9 });
    // Only one other sentence-long back exists nowhere: the long answer cannot get fair distractors.
    const sentence = byItem(qs, 'chips/b-sent');
    expect(sentence.kind).toBe('typed');
    expect(sentence.kind === 'typed' && sentence.answer).toMatch(/^Because depending/);
    // A percentage has the years as fellow numbers, so it stays multiple choice.
    expect(byItem(qs, 'chips/b-pct').kind).toBe('mcq');
  });

  test('cloze deletions are asked with a blank, the hint, and the other deletions filled in', () => {
    const qs = buildQuiz([mixed], { length: 'all', seed: 5 });
    const c2 = byItem(qs, 'chips/cz#c2');
    expect(c2.prompt).toBe('Firms such as SenseTime and [… (a PC maker)] grew.');
    expect(c2.answerText).toBe('Lenovo');
    const c1 = byItem(qs, 'chips/cz#c1');
    expect(c1.prompt).toBe('Firms such as […] and Lenovo grew.');
    // The card's own other deletion is visible in the prompt, so it is never a distractor.
    if (c1.kind !== 'typed') expect(c1.choices).not.toContain('Lenovo');
  });

  test('a one-card deck still makes a valid quiz', () => {
    const one = deck({ id: 'one', version: 1, title: 'One', cards: [{ id: 'only', type: 'basic', front: 'Capital of France?', back: 'Paris' }] });
    const qs = buildQuiz([one], { length: 10, seed: 1 });
    expect(qs).toHaveLength(1);
    expect(qs[0]!.kind).toBe('typed');
    expect(checkAnswer(qs[0]!, { kind: 'text', text: ' paris ' }).correct).toBe(true);
    const s = scoreQuiz(qs, [{ itemId: 'one/only', correct: true, verdict: 'exact', given: 'paris', durationMs: 1000 }]);
    expect(s).toMatchObject({ score: 1, total: 1, missed: [] });
  });

  test('a deck of only true/false cards, and one of only cloze cards', () => {
    const tf = deck({
      id: 'tfs',
      version: 1,
      title: 'TF',
      cards: [1, 2, 3, 4, 5, 6].map((n) => ({ id: `t${n}`, type: 'truefalse', statement: `Statement ${n}.`, answer: n % 2 === 0 })),
    });
    const qs = buildQuiz([tf], { length: 5, seed: 2 });
    expect(qs).toHaveLength(5);
    expect(qs.every((q) => q.kind === 'truefalse')).toBe(true);
    const cl = deck({
      id: 'cl',
      version: 1,
      title: 'Cloze',
      cards: [
        { id: 'a', type: 'cloze', text: '{{c1::Paris}} is in France.' },
        { id: 'b', type: 'cloze', text: '{{c1::Berlin}} is in Germany.' },
        { id: 'c', type: 'cloze', text: '{{c1::Madrid}} is in Spain.' },
        { id: 'd', type: 'cloze', text: '{{c1::Rome}} is in Italy.' },
      ],
    });
    const cqs = buildQuiz([cl], { length: 'all', seed: 3 });
    expect(cqs).toHaveLength(4);
    for (const q of cqs) {
      expect(q.kind).toBe('mcq');
      const c = choice(q);
      expect(c.choices).toHaveLength(4);
      expect(c.choices[c.correct[0]!]).toBe(q.answerText);
    }
  });

  test('narrows to key points and to an item filter', () => {
    const kp = buildQuiz([mixed], { length: 'all', seed: 4, keyPointIds: ['self-reliance'] });
    expect(kp.length).toBeGreaterThan(0);
    expect(kp.every((q) => q.keyPointId === 'self-reliance')).toBe(true);
    const only = new Set(['chips/tf', 'chips/cz#c1']);
    const f = buildQuiz([mixed], { length: 'all', seed: 4, itemFilter: (r) => only.has(r.id) });
    expect(f.map((q) => q.itemId).sort()).toEqual([...only].sort());
    expect(buildQuiz([mixed], { length: 'all', seed: 4, itemFilter: () => false })).toEqual([]);
    expect(countQuizItems([mixed], { keyPointIds: ['self-reliance'] })).toBe(kp.length);
    expect(countQuizItems([mixed], { itemFilter: (r) => only.has(r.id) })).toBe(2);
    expect(countQuizItems([mixed], {})).toBe(expandDeck(mixed).length);
  });

  test('a reversed side comes only after every card was asked once', () => {
    const rev = deck({
      id: 'rev',
      version: 1,
      title: 'Reverse',
      cards: [
        { id: 'x', type: 'basic', front: 'Made in China 2025', back: 'An industrial plan', reverse: true },
        { id: 'y', type: 'truefalse', statement: 'S.', answer: true },
        { id: 'z', type: 'typed', question: 'Q?', answer: 'A' },
      ],
    });
    for (let seed = 0; seed < 10; seed++) {
      const qs = buildQuiz([rev], { length: 'all', seed });
      expect(qs).toHaveLength(4);
      const xs = qs.map((q, i) => (q.cardId === 'x' ? i : -1)).filter((i) => i >= 0);
      expect(xs[1]).toBe(3);
      expect(buildQuiz([rev], { length: 5, seed }).filter((q) => q.cardId === 'x')).toHaveLength(2);
    }
    const reverse = byItem(buildQuiz([rev], { length: 'all', seed: 0 }), 'rev/x#reverse');
    expect(reverse.prompt).toBe('An industrial plan');
    expect(reverse.answerText).toBe('Made in China 2025');
  });

  test('builds from several decks with distractors from each question\'s own deck', () => {
    const other = deck({
      id: 'capitals',
      version: 1,
      title: 'Capitals',
      cards: [
        { id: 'fr', type: 'basic', front: 'France?', back: 'Paris' },
        { id: 'de', type: 'basic', front: 'Germany?', back: 'Berlin' },
        { id: 'es', type: 'basic', front: 'Spain?', back: 'Madrid' },
        { id: 'it', type: 'basic', front: 'Italy?', back: 'Rome' },
      ],
    });
    const qs = buildQuiz([mixed, other], { length: 'all', seed: 11 });
    expect(qs.filter((q) => q.deckId === 'capitals')).toHaveLength(4);
    for (const q of qs.filter((x) => x.deckId === 'capitals')) {
      expect([...choice(q).choices].sort()).toEqual(['Berlin', 'Madrid', 'Paris', 'Rome']);
    }
  });

  test('refuses a length it does not know', () => {
    expect(() => buildQuiz([mixed], { length: 7 as never, seed: 1 })).toThrow(/length must be one of 5, 10, 20, all/);
  });
});

describe('checkAnswer', () => {
  const qs = buildQuiz([mixed], { length: 'all', seed: 21 });

  test('typed answers are tolerant of case, accents, punctuation and small typos, and honour accept', () => {
    const typed = byItem(qs, 'chips/typed');
    const ok = (text: string) => checkAnswer(typed, { kind: 'text', text });
    expect(ok('Self-Sufficiency')).toMatchObject({ correct: true, verdict: 'exact' });
    expect(ok('  self sufficiency. ')).toMatchObject({ correct: true, verdict: 'exact' });
    expect(ok('sélf-süfficiency')).toMatchObject({ correct: true, verdict: 'exact' });
    expect(ok('self-sufficency')).toMatchObject({ correct: true, verdict: 'close' });
    expect(ok('Technological Independence')).toMatchObject({ correct: true, verdict: 'exact' });
    expect(ok('self-reliance')).toMatchObject({ correct: true });
    expect(ok('independence')).toMatchObject({ correct: false, verdict: 'wrong' });
    expect(ok('')).toMatchObject({ correct: false });
  });

  test('short answers and numbers must be exact', () => {
    const sentence = byItem(qs, 'chips/b-sent');
    expect(checkAnswer(sentence, { kind: 'text', text: 'because depending on foreign technology for something as strategic as AI could never last long' }).correct).toBe(true);
    const one = deck({ id: 'n', version: 1, title: 'N', cards: [{ id: 'y', type: 'typed', question: 'Year?', answer: '2025' }, { id: 'c', type: 'typed', question: 'Chip?', answer: 'A100' }] });
    const [a, b] = buildQuiz([one], { length: 'all', seed: 1 }).sort((x, y) => x.cardId.localeCompare(y.cardId));
    expect(checkAnswer(b!, { kind: 'text', text: '2024' }).correct).toBe(false);
    expect(checkAnswer(a!, { kind: 'text', text: 'A10' }).correct).toBe(false);
    expect(checkAnswer(a!, { kind: 'text', text: ' a100 ' }).correct).toBe(true);
  });

  test('single choice: the tracked index is right, others wrong', () => {
    const q = choice(byItem(qs, 'chips/mcq-one'));
    const right = q.correct[0]!;
    expect(checkAnswer(q, { kind: 'choice', indices: [right] })).toEqual({ correct: true, verdict: 'exact', given: 'A100' });
    expect(checkAnswer(q, { kind: 'choice', indices: [(right + 1) % 4] }).correct).toBe(false);
  });

  test('multi-answer needs exactly the right set, in any order', () => {
    const q = choice(byItem(qs, 'chips/mcq-multi'));
    expect(checkAnswer(q, { kind: 'choice', indices: [...q.correct].reverse() }).correct).toBe(true);
    expect(checkAnswer(q, { kind: 'choice', indices: q.correct.slice(0, 2) }).correct).toBe(false);
    const wrong = [0, 1, 2, 3, 4].find((i) => !q.correct.includes(i))!;
    expect(checkAnswer(q, { kind: 'choice', indices: [...q.correct, wrong] }).correct).toBe(false);
  });

  test('says which question got a response it cannot judge', () => {
    const q = choice(byItem(qs, 'chips/mcq-one'));
    expect(() => checkAnswer(q, { kind: 'choice', indices: [9] })).toThrow('chips/mcq-one: choice 10 does not exist (there are 4)');
    expect(() => checkAnswer(q, { kind: 'text', text: 'A100' })).toThrow(/chips\/mcq-one/);
  });
});

describe('scoreQuiz', () => {
  test('counts the score, breaks it down per key point and lists what was missed', () => {
    const qs = buildQuiz([mixed], { length: 'all', seed: 8 });
    const answers: QuizAnswer[] = qs.slice(0, -1).map((q, i) => ({ itemId: q.itemId, correct: i % 3 !== 0, verdict: i % 3 !== 0 ? 'exact' : 'wrong', given: 'x', durationMs: 500 }));
    const s = scoreQuiz(qs, answers);
    const right = answers.filter((a) => a.correct).length;
    expect(s.score).toBe(right);
    expect(s.total).toBe(qs.length);
    // Wrong answers plus the question left unanswered (time ran out).
    expect(s.missed).toHaveLength(qs.length - right);
    expect(s.missed.at(-1)).toEqual({ question: qs.at(-1), answer: null });
    const sum = Object.values(s.byKeyPoint).reduce((a, k) => ({ right: a.right + k.right, total: a.total + k.total }), { right: 0, total: 0 });
    expect(sum).toEqual({ right, total: qs.length });
    expect(Object.keys(s.byKeyPoint).sort()).toEqual(['', 'access', 'self-reliance']);
    expect(s.byKeyPoint['']!.total).toBe(1);
  });
});
