/**
 * The quiz engine: builds a quiz from one or more decks (optionally narrowed to key points or to
 * chosen review items), checks answers and scores the result. Pure and seeded: the same decks,
 * options and seed give the same quiz; no DOM, no storage, no clock.
 */
import type { Card, Deck, MediaFile, OcclusionCard } from '../deck/schema';
import { OCCLUSION_QUESTION, occlusionAnswer } from '../deck/occlusion';
import { clozeAnswer, parseCloze } from '../deck/cloze';
import { matchAnswer, normaliseAnswer, type Verdict } from '../deck/answer-match';
import { expandDeck, type ItemRef } from '../deck/items';
import { mulberry32, seedFrom, shuffle, type Rng } from './random';
import { MAX_DISTRACTORS, MIN_DISTRACTORS, candidate, candidatePool, pickDistractors, type Candidate, type CandidatePool } from './distractors';

export type QuizLength = 5 | 10 | 20 | 'all';
export const QUIZ_LENGTHS: readonly QuizLength[] = [5, 10, 20, 'all'];

export interface QuizOptions {
  length: QuizLength;
  /** Only cards of these key points. */
  keyPointIds?: readonly string[];
  /** Only review items this accepts (e.g. the "shaky" ones). */
  itemFilter?: (ref: ItemRef) => boolean;
  seed: number | string;
}

interface QuestionBase {
  /** The review item asked about; unique within a quiz. */
  itemId: string;
  deckId: string;
  cardId: string;
  sub: string;
  cardType: Card['type'];
  keyPointId: string | null;
  keyPointText: string | null;
  /** What is asked, in the deck's Markdown subset. */
  prompt: string;
  /** The right answer as a learner should read it (Markdown subset). */
  answerText: string;
  explanation: string | null;
  /** For an occlusion mask: the card and its deck's media, to show the picture with the mask asked. */
  occlusion?: { card: OcclusionCard; media: MediaFile[] | undefined };
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'mcq' | 'truefalse';
  choices: string[];
  /** Indices into `choices` of every right choice (ascending). */
  correct: number[];
  /** More than one choice is right: the learner picks a set, then checks it. */
  multi: boolean;
}

export interface TypedQuestion extends QuestionBase {
  kind: 'typed';
  answer: string;
  accept: string[];
}

export type Question = ChoiceQuestion | TypedQuestion;

export type Response = { kind: 'choice'; indices: readonly number[] } | { kind: 'text'; text: string };

export interface Checked {
  correct: boolean;
  /** For typed answers: exact, close (accepted with a small typo) or wrong. */
  verdict: Verdict;
  /** What the learner answered, readable. */
  given: string;
}

export interface QuizAnswer extends Checked {
  itemId: string;
  durationMs: number;
}

export interface QuizScore {
  score: number;
  total: number;
  /** Per key point id ('' for cards without one): right and total. */
  byKeyPoint: Record<string, { right: number; total: number }>;
  /** Questions answered wrong or left unanswered, in quiz order. */
  missed: { question: Question; answer: QuizAnswer | null }[];
}

export class QuizError extends Error {
  override name = 'QuizError';
}

interface Entry {
  ref: ItemRef;
  deck: Deck;
  card: Card;
}

/** A deck's answers by where they come from, for distractors of the same kind. */
interface AnswerPools {
  back: CandidatePool;
  front: CandidatePool;
  cloze: CandidatePool;
  typed: CandidatePool;
  occlusion: CandidatePool;
}

// Decks are immutable data once loaded, so their answer pools are worth keeping between quizzes.
const poolCache = new WeakMap<Deck, AnswerPools>();

function answerPools(deck: Deck): AnswerPools {
  const cached = poolCache.get(deck);
  if (cached) return cached;
  const back: Candidate[] = [];
  const front: Candidate[] = [];
  const cloze: Candidate[] = [];
  const typed: Candidate[] = [];
  const occlusion: Candidate[] = [];
  for (const card of deck.cards) {
    if (card.type === 'basic') {
      back.push(candidate(card.back, card.id));
      front.push(candidate(card.front, card.id));
    } else if (card.type === 'cloze') {
      for (const n of parseCloze(card.text).numbers) cloze.push(candidate(clozeAnswer(card.text, n), card.id));
    } else if (card.type === 'typed') {
      typed.push(candidate(card.answer, card.id));
    } else if (card.type === 'occlusion') {
      for (const m of card.masks) occlusion.push(candidate(m.label, card.id));
    }
  }
  const pools = { back: candidatePool(back), front: candidatePool(front), cloze: candidatePool(cloze), typed: candidatePool(typed), occlusion: candidatePool(occlusion) };
  poolCache.set(deck, pools);
  return pools;
}

/** Cloze text with deletion `n` blanked (its hint shown) and the other deletions filled in. */
function clozePrompt(text: string, n: number): string {
  return parseCloze(text)
    .segments.map((s) => {
      if (s.kind === 'text') return s.text;
      if (s.n !== n) return s.answer;
      return s.hint ? `[… (${s.hint.trim()})]` : '[…]';
    })
    .join('');
}

function keyPointOf(deck: Deck, card: Card): { keyPointId: string | null; keyPointText: string | null } {
  const id = card.keyPoint ?? null;
  const kp = id ? deck.keyPoints?.find((k) => k.id === id) : undefined;
  return { keyPointId: id, keyPointText: kp?.text ?? null };
}

function base(entry: Entry, prompt: string, answerText: string): QuestionBase {
  const { ref, deck, card } = entry;
  return {
    itemId: ref.id,
    deckId: ref.deckId,
    cardId: ref.cardId,
    sub: ref.sub,
    cardType: card.type,
    ...keyPointOf(deck, card),
    prompt,
    answerText,
    explanation: card.explanation ?? null,
  };
}

/** Multiple choice from a right answer and distractors, or typed when the deck offers too few. */
function choiceOrTyped(
  entry: Entry,
  prompt: string,
  answer: string,
  pools: CandidatePool[],
  rng: Rng,
): Question {
  const distractors: string[] = [];
  // Never the card's own answers: a cloze's other deletions are visible in its prompt.
  const ownCard = (c: Candidate) => c.owner === entry.card.id;
  for (const pool of pools) {
    if (distractors.length >= MAX_DISTRACTORS) break;
    distractors.push(...pickDistractors(answer, pool, rng, distractors, ownCard, MAX_DISTRACTORS - distractors.length));
  }
  if (distractors.length < MIN_DISTRACTORS) {
    return { ...base(entry, prompt, answer), kind: 'typed', answer, accept: [] };
  }
  const choices = shuffle([answer, ...distractors], rng);
  return { ...base(entry, prompt, answer), kind: 'mcq', choices, correct: [choices.indexOf(answer)], multi: false };
}

function buildQuestion(entry: Entry, pools: AnswerPools, rng: Rng): Question {
  const { card, ref } = entry;
  switch (card.type) {
    case 'mcq': {
      const right = new Set(Array.isArray(card.answer) ? card.answer : [card.answer]);
      const order = shuffle(card.choices.map((text, i) => ({ text, right: right.has(i) })), rng);
      const correct = order.flatMap((c, i) => (c.right ? [i] : []));
      const answerText = order.filter((c) => c.right).map((c) => c.text).join('; ');
      return {
        ...base(entry, card.question, answerText),
        kind: 'mcq',
        choices: order.map((c) => c.text),
        correct,
        multi: correct.length > 1,
      };
    }
    case 'truefalse':
      return {
        ...base(entry, card.statement, card.answer ? 'True' : 'False'),
        kind: 'truefalse',
        // True before False, as people expect; keys 1 and 2.
        choices: ['True', 'False'],
        correct: [card.answer ? 0 : 1],
        multi: false,
      };
    case 'typed':
      return { ...base(entry, card.question, card.answer), kind: 'typed', answer: card.answer, accept: card.accept ?? [] };
    case 'basic':
      return ref.sub === 'reverse'
        ? choiceOrTyped(entry, card.back, card.front, [pools.front], rng)
        : choiceOrTyped(entry, card.front, card.back, [pools.back, pools.typed, pools.cloze], rng);
    case 'cloze': {
      const n = Number(ref.sub.replace(/^c/, ''));
      if (!Number.isInteger(n) || n < 1) throw new QuizError(`${ref.id}: "${ref.sub}" is not a cloze deletion`);
      return choiceOrTyped(entry, clozePrompt(card.text, n), clozeAnswer(card.text, n), [pools.cloze, pools.back, pools.typed], rng);
    }
    case 'occlusion': {
      const answer = occlusionAnswer(card, ref.sub);
      if (!answer) throw new QuizError(`${ref.id}: "${ref.sub}" is not a mask of this card`);
      // The card's other labels first: each names a place on the same picture, so each is a fair guess.
      const siblings = candidatePool(card.masks.filter((m) => m.id !== ref.sub).map((m) => candidate(m.label, `${card.id}#${m.id}`)));
      const q = choiceOrTyped(entry, card.question ?? OCCLUSION_QUESTION, answer, [siblings, pools.occlusion], rng);
      return { ...q, occlusion: { card, media: entry.deck.media } };
    }
  }
}

/** Same question twice (duplicate cards): asked once. */
function questionKey(q: Question): string {
  return `${q.deckId}\u0000${q.kind}\u0000${normaliseAnswer(q.prompt)}\u0000${normaliseAnswer(q.answerText)}`;
}

/** The review items a quiz may ask about, in deck order, each once. */
function eligibleEntries(decks: readonly Deck[], options: Pick<QuizOptions, 'keyPointIds' | 'itemFilter'>): Entry[] {
  const keyPoints = options.keyPointIds?.length ? new Set(options.keyPointIds) : null;
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const deck of decks) {
    const cards = new Map(deck.cards.map((c) => [c.id, c]));
    for (const ref of expandDeck(deck)) {
      const card = cards.get(ref.cardId);
      if (!card || seen.has(ref.id)) continue;
      if (keyPoints && !(card.keyPoint && keyPoints.has(card.keyPoint))) continue;
      if (options.itemFilter && !options.itemFilter(ref)) continue;
      seen.add(ref.id);
      entries.push({ ref, deck, card });
    }
  }
  return entries;
}

/** How many questions an `'all'` quiz could ask at most with these filters (before duplicates are dropped). */
export function countQuizItems(decks: readonly Deck[], options: Pick<QuizOptions, 'keyPointIds' | 'itemFilter'>): number {
  return eligibleEntries(decks, options).length;
}

/**
 * Builds a quiz: the decks' review items (narrowed by key points and `itemFilter`) in seeded order,
 * one question each, at most `length`. A card's second item (a reversed side, another deletion)
 * comes only after every card has been asked once, since one side gives the other away.
 */
export function buildQuiz(decks: readonly Deck[], options: QuizOptions): Question[] {
  if (!QUIZ_LENGTHS.includes(options.length)) {
    throw new QuizError(`length must be one of ${QUIZ_LENGTHS.join(', ')}, not ${String(options.length)}`);
  }
  const rng = mulberry32(seedFrom(options.seed));
  const entries = eligibleEntries(decks, options);
  const shuffled = shuffle(entries, rng);
  const firstOfCard: Entry[] = [];
  const siblings: Entry[] = [];
  const cardsSeen = new Set<string>();
  for (const e of shuffled) {
    const key = `${e.ref.deckId}/${e.ref.cardId}`;
    (cardsSeen.has(key) ? siblings : firstOfCard).push(e);
    cardsSeen.add(key);
  }
  const limit = options.length === 'all' ? Infinity : options.length;
  const questions: Question[] = [];
  const asked = new Set<string>();
  for (const entry of [...firstOfCard, ...siblings]) {
    if (questions.length >= limit) break;
    const q = buildQuestion(entry, answerPools(entry.deck), rng);
    const key = questionKey(q);
    if (asked.has(key)) continue;
    asked.add(key);
    questions.push(q);
  }
  return questions;
}

/** Judges one response; typed answers go through the shared tolerant matcher. */
export function checkAnswer(question: Question, response: Response): Checked {
  if (question.kind === 'typed') {
    if (response.kind !== 'text') throw new QuizError(`${question.itemId}: a typed question needs a text answer`);
    const { verdict } = matchAnswer(response.text, question.answer, question.accept, { typos: true });
    return { correct: verdict !== 'wrong', verdict, given: response.text.trim() };
  }
  if (response.kind !== 'choice') throw new QuizError(`${question.itemId}: a choice question needs chosen choices`);
  const chosen = [...new Set(response.indices)].sort((a, b) => a - b);
  for (const i of chosen) {
    if (!Number.isInteger(i) || i < 0 || i >= question.choices.length) {
      throw new QuizError(`${question.itemId}: choice ${i + 1} does not exist (there are ${question.choices.length})`);
    }
  }
  const correct = chosen.length === question.correct.length && chosen.every((c, i) => c === question.correct[i]);
  return { correct, verdict: correct ? 'exact' : 'wrong', given: chosen.map((i) => question.choices[i]!).join('; ') };
}

/** Score, per-key-point breakdown and missed questions; `answers` is matched by item id. */
export function scoreQuiz(questions: readonly Question[], answers: readonly QuizAnswer[]): QuizScore {
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  // Counted in a Map (a key point id such as `constructor` is outside text), kept as an object.
  const byKeyPoint = new Map<string, { right: number; total: number }>();
  const missed: QuizScore['missed'] = [];
  let score = 0;
  for (const question of questions) {
    const answer = byItem.get(question.itemId) ?? null;
    const id = question.keyPointId ?? '';
    let kp = byKeyPoint.get(id);
    if (!kp) byKeyPoint.set(id, (kp = { right: 0, total: 0 }));
    kp.total++;
    if (answer?.correct) {
      score++;
      kp.right++;
    } else {
      missed.push({ question, answer });
    }
  }
  return { score, total: questions.length, byKeyPoint: Object.fromEntries(byKeyPoint), missed };
}
