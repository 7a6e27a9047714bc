/**
 * How a draft compares with key points written by hand. The matching rule, used for every figure:
 * a text "asks about" a hand-written key point when it contains at least 40% of that key point's
 * content words (stemmed, stop words left out, numbers kept) and at least 3 of them; when several
 * qualify, the one with the highest share wins (the earlier on a tie). A card's text is what a
 * student reads and answers: the cloze with its answers filled in, question and answer, the
 * statement, or the multiple-choice question with its right choice (in the gap, or after the question).
 */
import type { Card } from '../../src/deck/schema';
import type { Draft } from '../../src/author/draft/draft';
import { isFragment } from '../../src/author/draft/grammar';
import { KEY_POINT_WORDS } from '../../src/author/draft/shorten';
import { contentStems, tokens } from '../../src/author/draft/words';

export const MIN_SHARE = 0.4;
export const MIN_SHARED = 3;

/** Content stems and numbers of a text, as a set. */
export function stemSet(text: string): Set<string> {
  return new Set([...contentStems(text), ...tokens(text).filter((w) => /^\d/.test(w))]);
}

/** What a student reads and answers on a card, as plain text. */
export function cardText(card: Card): string {
  switch (card.type) {
    case 'cloze':
      return card.text.replace(/\{\{c\d+::(.*?)(?:::[^}]*)?\}\}/g, '$1');
    case 'basic':
      return `${card.front} ${card.back}`;
    case 'truefalse':
      return card.statement;
    case 'mcq': {
      const right = card.choices[Array.isArray(card.answer) ? card.answer[0]! : card.answer] ?? '';
      return card.question.includes('_____') ? card.question.replace('_____', right) : `${card.question} ${right}`;
    }
    case 'typed':
      return `${card.question} ${card.answer}`;
    case 'occlusion':
      return `${card.alt} ${card.masks.map((m) => m.label).join(' ')}`;
  }
}

/** Index of the hand-written key point `text` asks about, or -1. */
export function matchKeyPoint(text: string, handPoints: readonly string[]): number {
  const have = stemSet(text);
  let best = -1;
  let bestShare = 0;
  handPoints.forEach((point, i) => {
    const want = [...stemSet(point)];
    const shared = want.filter((w) => have.has(w)).length;
    const share = want.length ? shared / want.length : 0;
    if (shared >= MIN_SHARED && share >= MIN_SHARE && share > bestShare) [best, bestShare] = [i, share];
  });
  return best;
}

export interface ArticleScore {
  keyPoints: number;
  cards: number;
  /** Hand-written key points at least one card asks about. */
  covered: number;
  /** Cards that ask about some hand-written key point. */
  matched: number;
  /** Of the matched cards, those whose linked key point asks about the same hand-written one. */
  linkedRight: number;
  /** Cards whose key point is not the one drafted from the card's own sentence. */
  linkedElsewhere: number;
  trueCount: number;
  trueFalse: number;
}

/** Scores one draft against its hand-written key points. */
export function scoreDraft(draft: Draft, handPoints: readonly string[]): ArticleScore {
  const kpMatch = new Map(draft.keyPoints.map((k) => [k.id, matchKeyPoint(k.text, handPoints)]));
  const covered = new Set<number>();
  let matched = 0;
  let linkedRight = 0;
  let linkedElsewhere = 0;
  for (const p of draft.cards) {
    const m = matchKeyPoint(cardText(p.card), handPoints);
    if (m >= 0) {
      covered.add(m);
      matched++;
      if (kpMatch.get(p.keyPoint) === m) linkedRight++;
    }
    const kp = draft.keyPoints.find((k) => k.id === p.card.keyPoint);
    if (!kp || kp.sentenceIndex !== p.sentenceIndex) linkedElsewhere++;
  }
  const tf = draft.cards.filter((p) => p.card.type === 'truefalse');
  return {
    keyPoints: handPoints.length,
    cards: draft.cards.length,
    covered: covered.size,
    matched,
    linkedRight,
    linkedElsewhere,
    trueCount: tf.filter((p) => p.card.type === 'truefalse' && p.card.answer).length,
    trueFalse: tf.length,
  };
}

/** A generated text to check, and whether it is an answer fragment that needs no verb. */
export interface Statement {
  text: string;
  fragment: boolean;
}

/** Every sentence a draft puts before a student: key points, statements, questions, answers, each choice in its gap. */
export function generatedStatements(draft: Draft): Statement[] {
  const sentence = (text: string) => ({ text, fragment: false });
  const answer = (text: string) => ({ text, fragment: isFragment(text) });
  return [...draft.keyPoints.map((k) => sentence(k.text)), ...draft.cards.flatMap(({ card }) => {
    switch (card.type) {
      case 'truefalse':
        return [sentence(card.statement)];
      case 'basic':
        return [sentence(card.front), answer(card.back)];
      case 'cloze':
        return [sentence(cardText(card))];
      case 'mcq':
        return card.question.includes('_____')
          ? card.choices.map((c) => sentence(card.question.replace(/^Which fills the gap\? /, '').replace('_____', c)))
          : [sentence(card.question), ...card.choices.map(answer)];
      default:
        return [];
    }
  })];
}

/** Words in a text, as a reader counts them. */
export const wordCount = (text: string) => text.split(/\s+/).filter((w) => /\w/.test(w)).length;

export interface KeyPointLengths {
  keyPoints: number;
  /** Words of the article sentences the key points come from. */
  sentenceWords: number;
  /** Words of the key points as drafted. */
  keyPointWords: number;
  /** Key points rewritten shorter than their trimmed sentence (`shorten.ts` changed them). */
  shortened: number;
  /** Key points of at most `KEY_POINT_WORDS` words. */
  withinCap: number;
}

/** How long a draft's key points are, against the sentences they summarise. */
export function keyPointLengths(draft: Draft): KeyPointLengths {
  return {
    keyPoints: draft.keyPoints.length,
    sentenceWords: draft.keyPoints.reduce((n, k) => n + wordCount(k.sentence), 0),
    keyPointWords: draft.keyPoints.reduce((n, k) => n + wordCount(k.text), 0),
    shortened: draft.keyPoints.filter((k) => k.text !== k.claim).length,
    withinCap: draft.keyPoints.filter((k) => wordCount(k.text) <= KEY_POINT_WORDS).length,
  };
}
