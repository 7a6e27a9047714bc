import nlp from 'compromise';
import { makeChoice, answerDistractors } from '../../../src/author/draft/choices';
import { clozeWeight, makeCloze, type ClozeWeights } from '../../../src/author/draft/clozes';
import { antonymSwaps, applyReplacement, contrastSwap, numberVariants } from '../../../src/author/draft/facts';
import { falsify, type NamePool } from '../../../src/author/draft/falsify';
import { grammarProblems, isGrammatical } from '../../../src/author/draft/grammar';
import { questionsFrom } from '../../../src/author/draft/questions';
import { spans, type Nlp } from '../../../src/author/draft/terms';
import { STOP_WORDS } from '../../../src/author/draft/words';

const NLP = nlp as unknown as Nlp;
const flat: ClozeWeights = { termWeight: () => 5, spread: () => 0 };

describe('grammar check', () => {
  test('catches what bad swaps and frames produce', () => {
    expect(grammarProblems(NLP, 'Next weeks the city plans to open a line.')).toContainEqual(expect.stringMatching(/singular word before a plural/));
    expect(grammarProblems(NLP, 'The perception points to a time when high-performance Trump administration were still flowing.')).toContainEqual(
      expect.stringMatching(/singular name with a plural verb/),
    );
    expect(grammarProblems(NLP, 'The chips was cheap.')).toContainEqual(expect.stringMatching(/plural noun with a singular verb/));
    expect(grammarProblems(NLP, 'A apple fell.')).toContainEqual(expect.stringMatching(/should be "an"/));
    expect(grammarProblems(NLP, 'The progress was not never visible.')).toContainEqual('has a double negative');
    expect(grammarProblems(NLP, 'the the city')).toEqual(expect.arrayContaining(['repeats "the"', 'has no verb']));
    expect(grammarProblems(NLP, 'He said "yes.')).toContainEqual('has unbalanced quotes or brackets');
  });
  test('accepts ordinary sentences and questions', () => {
    for (const s of [
      'Ice between cells is far less harmful, although it draws water out of the cells.',
      'Its heart stops, its breathing stops, and up to 65 percent of the water turns to ice.',
      'Why is it that the frog survives?',
      'Critics argue that the scheme treats the symptom rather than the cause.',
      'An hour a day is enough for a university student.',
    ]) {
      expect(grammarProblems(NLP, s)).toEqual([]);
    }
  });
});

describe('facts of the same kind', () => {
  test('numbers keep their magnitude, format and unit', () => {
    expect(numberVariants('38 million euros')).toEqual(['29 million euros', '48 million euros', '23 million euros']);
    for (const v of numberVariants('2,400 passengers')) expect(v).toMatch(/^\d,\d00 passengers$/);
    for (const v of numberVariants('65 percent')) expect(Number(v.split(' ')[0])).toBeLessThanOrEqual(100);
    for (const v of numberVariants('1797')) expect(Math.abs(Number(v) - 1797)).toBeLessThan(10);
    expect(numberVariants('eleven locks')).toEqual(['twelve locks', 'ten locks', 'nine locks']);
    // A range moves as a whole and stays a range; "two years" never becomes "one years".
    expect(numberVariants('six to eight weeks')[0]).toBe('seven to nine weeks');
    expect(numberVariants('Two years')).not.toContain('One years');
  });
  test('antonyms of the same form, never a double negative', () => {
    expect(antonymSwaps('Returns rose to more than half.').map((r) => r.to)).toEqual(['fell', 'less']);
    expect(antonymSwaps("The gain wasn't always visible.")).toEqual([]);
    // "more" turns into "fewer" before a plural, "less" before a mass noun, and is left to the number after one.
    expect(antonymSwaps('They ordered more boats.')[0]!.to).toBe('fewer');
    expect(antonymSwaps('Frogs store more glucose.')[0]!.to).toBe('less');
    expect(antonymSwaps('They ordered two more boats.')).toEqual([]);
    // A contrast swaps its sides rather than flipping an adverb inside it.
    const contrast = contrastSwap('The race is always a marathon, not a sprint.')!;
    expect(applyReplacement('The race is always a marathon, not a sprint.', contrast)).toBe('The race is always a sprint, not a marathon.');
    const pool: NamePool = new Map([['person', []], ['organization', []]]);
    const text = 'Relying on imports was always considered a stopgap measure, not a permanent solution.';
    expect(falsify(text, spans(NLP, text), pool, 2, () => true)!.statement).toBe('Relying on imports was always considered a permanent solution, not a stopgap measure.');
    expect(grammarProblems(NLP, 'They ordered less boats.')).toContainEqual(expect.stringMatching(/takes "fewer"/));
  });
  test('a false statement changes one fact like for like and stays grammatical', () => {
    const pool: NamePool = new Map([
      ['person', ['Ines Varga', 'Helen Marsh']],
      ['organization', ['Brightwater Marine', 'Coastal Transit Authority']],
    ]);
    const text = 'Mayor Ines Varga said the ferry cost 38 million euros.';
    const found = spans(NLP, text);
    const byNumber = falsify(text, found, pool, 0, (s) => isGrammatical(NLP, s))!;
    expect(byNumber).toMatchObject({ from: '38 million euros', to: '29 million euros' });
    const byName = falsify(text, found, pool, 1, (s) => isGrammatical(NLP, s))!;
    expect(byName).toMatchObject({ from: 'Ines Varga', to: 'Helen Marsh' });
    // Nothing like for like: no false statement rather than a nonsense one.
    expect(falsify('Farmers grow crops in Peru.', spans(NLP, 'Farmers grow crops in Peru.'), pool, 0, () => true)).toBeNull();
  });
});

describe('clozes', () => {
  test('never a year inside a name, a bare country, a stop word or a time word; numbers keep their unit', () => {
    const made = 'The Made in China 2025 plan aimed at chips.';
    for (const sp of spans(NLP, made)) if (sp.text === '2025') expect(clozeWeight(made, sp, flat)).toBe(0);
    const country = 'Farmers in Peru grow 40 percent of the crop.';
    const found = spans(NLP, country);
    expect(found.find((s) => s.text === 'Peru') && clozeWeight(country, found.find((s) => s.text === 'Peru')!, flat)).toBe(0);
    const cloze = makeCloze(country, found, flat, new Set())!;
    expect(cloze.answers).toContain('40 percent');
    const week = 'The seeds sprout in about a week under a heat mat.';
    expect(makeCloze(week, spans(NLP, week), flat, new Set())!.answers).not.toContain('week');
  });
  test('at most two blanks, numbered c1 and c2, each a whole phrase that is no stop word', () => {
    const text = 'In 1797 the Eldham Navigation Company cut the price of coal by half for 5,000 people.';
    const c = makeCloze(text, spans(NLP, text), flat, new Set())!;
    expect(c.answers.length).toBeLessThanOrEqual(2);
    expect(c.text).toMatch(/\{\{c1::/);
    if (c.answers.length === 2) expect(c.text).toMatch(/\{\{c2::/);
    for (const a of c.answers) expect(STOP_WORDS.has(a.toLowerCase())).toBe(false);
  });
  test('the contrasted side of a claim outweighs the rest', () => {
    const text = 'The tech race is a marathon, not a sprint.';
    const found = spans(NLP, text);
    const marathon = found.find((s) => s.text === 'marathon')!;
    const race = found.find((s) => s.text === 'tech race')!;
    expect(clozeWeight(text, marathon, flat)).toBeGreaterThan(clozeWeight(text, race, flat));
  });
});

describe('questions from causal and contrastive sentences', () => {
  test('why, how and contrast questions answer with the reason or the other side', () => {
    expect(questionsFrom('Warmer water stresses the polyps, so the corals expel their algae.')[0]).toEqual({
      kind: 'why',
      front: 'Why is it that the corals expel their algae?',
      back: 'Because warmer water stresses the polyps.',
    });
    expect(questionsFrom('The Alaskan frogs store more glucose in autumn, which gives them a larger reserve of antifreeze.')[0]).toEqual({
      kind: 'why',
      front: 'Why does it matter that the Alaskan frogs store more glucose in autumn?',
      back: 'Because it gives them a larger reserve of antifreeze.',
    });
    expect(questionsFrom('The council allowed the ferry to run at night, giving workers a way home.')[0]).toEqual({
      kind: 'why',
      front: 'Why does it matter that the council allowed the ferry to run at night?',
      back: 'Because it gave workers a way home.',
    });
    expect(questionsFrom('Relying on one supplier was always considered a stopgap, not a solution.')[0]).toEqual({
      kind: 'how',
      front: 'How was relying on one supplier considered?',
      back: 'A stopgap, not a solution.',
    });
    expect(questionsFrom('The town grew rich by selling coal to the mills.')[0]).toMatchObject({ kind: 'how', back: 'By selling coal to the mills.' });
    expect(questionsFrom('Its decline came not from poor management but from the railway.')[0]).toMatchObject({
      front: 'Its decline came not from poor management, but what?',
      back: 'From the railway.',
    });
    expect(questionsFrom('Councils should fund tool lending in every branch rather than leaving it to volunteers.')[0]).toMatchObject({
      front: 'Councils should fund tool lending in every branch rather than what?',
      back: 'Leaving it to volunteers.',
    });
    expect(questionsFrom('Fishing crews say the wake damages their moorings, even though the ferries slow down.')[0]).toMatchObject({
      back: 'The ferries slow down.',
    });
  });
  test('an instruction asks "why should you", and a reported reason names who gives it', () => {
    expect(questionsFrom('Use fresh compost rather than garden soil, because garden soil carries fungi.')[0]!.front).toBe(
      'Why should you use fresh compost rather than garden soil?',
    );
    expect(questionsFrom('Minister Tomas Reyes said the deposit works because it gives a bottle a value.')[0]!.front).toBe(
      'According to Minister Tomas Reyes, why is it that the deposit works?',
    );
  });
});

describe('multiple choice', () => {
  test('distractors of the same kind and shape as the answer', () => {
    const pool: NamePool = new Map([
      ['person', ['Ines Varga', 'Helen Marsh', 'Tomas Reyes', 'Samuel Pryce']],
      ['organization', []],
    ]);
    const text = 'Mayor Ines Varga opened the line.';
    const c = makeChoice(text, spans(NLP, text), pool, new Set(), 1)!;
    expect(c.choices[c.answer]).toBe('Ines Varga');
    expect(c.question).toBe('Which fills the gap? Mayor _____ opened the line.');
    for (const choice of c.choices) expect(choice.split(' ')).toHaveLength(2);
    const n = makeChoice('The line cost 38 million euros.', spans(NLP, 'The line cost 38 million euros.'), pool, new Set(), 0)!;
    for (const choice of n.choices) expect(choice).toMatch(/^\d\d million euros$/);
  });
  test('why answers get only other "Because…" answers of similar length, or none', () => {
    const answer = 'Because the water stayed warm for months.';
    const others = ['Because reefs shelter a quarter of species.', 'Because polyps expel algae.', 'The corals died.', 'Because of a long and very detailed list of many different causes in the ocean.'];
    expect(answerDistractors(answer, others, 0)).toEqual(['Because reefs shelter a quarter of species.', 'Because polyps expel algae.']);
    expect(answerDistractors(answer, others.slice(1), 0)).toEqual([]);
    // The same text twice, or the answer itself in other case, is offered once or never.
    expect(answerDistractors(answer, ['Because polyps expel algae.', 'because polyps expel algae', 'Because the water stayed WARM for months.', 'Because reefs shelter a quarter of species.'], 0)).toEqual([
      'Because polyps expel algae.',
      'Because reefs shelter a quarter of species.',
    ]);
  });
  test('other answers keep the shape of the right one: a clause among clauses, never a gerund, a noun phrase or a reason', () => {
    const others = ['Leaving it to volunteers.', 'Public libraries should lend tools.', 'A way of sharing tools.', 'Because the budgets are small.', 'Almost every home owns one.'];
    expect(answerDistractors('The budgets are tight.', others, 0)).toEqual(['Public libraries should lend tools.', 'Almost every home owns one.']);
    expect(answerDistractors('Leaving it to volunteers.', [...others, 'Widening the coastal road.', 'Pulling it out.'], 0)).toEqual(['Widening the coastal road.', 'Pulling it out.']);
  });
  test('a fact printed twice in its sentence is not made a gap', () => {
    const pool: NamePool = new Map([['person', []], ['organization', []]]);
    const text = 'Most coasts see two high tides a day because the Earth turns under two bulges.';
    expect(makeChoice(text, spans(NLP, text), pool, new Set(), 0)).toBeNull();
  });
});
