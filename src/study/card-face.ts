/**
 * What a review item asks and answers, per card type: the answer text announced after the reveal,
 * whether a tapped or typed response was right, and the grade to suggest. Pure: the study screen
 * and its tests share it.
 */
import type { Verdict } from '../deck/answer-match';
import { answerMatch } from './answer-check';
import { clozeAnswer } from '../deck/cloze';
import type { Card, McqCard } from '../deck/schema';
import type { Grade, ItemSub } from '../srs/types';

/** A learner's response before the reveal: tapped choices, or typed text. */
export type Response = { kind: 'choices'; picked: number[] } | { kind: 'truefalse'; picked: boolean } | { kind: 'typed'; text: string } | null;

/** Cloze deletion number of an item's sub key (`c2` → 2), or null. */
export function clozeNumber(sub: ItemSub): number | null {
  const m = /^c(\d+)$/.exec(sub);
  return m ? Number(m[1]) : null;
}

export function mcqAnswers(card: McqCard): number[] {
  return typeof card.answer === 'number' ? [card.answer] : [...new Set(card.answer)].sort((a, b) => a - b);
}

/** The answer in words, as announced after the reveal. */
export function answerText(card: Card, sub: ItemSub): string {
  switch (card.type) {
    case 'basic':
      return sub === 'reverse' ? card.front : card.back;
    case 'cloze':
      return clozeAnswer(card.text, clozeNumber(sub) ?? 1);
    case 'mcq':
      return mcqAnswers(card)
        .map((i) => card.choices[i] ?? '')
        .join('; ');
    case 'truefalse':
      return card.answer ? 'True' : 'False';
    case 'typed':
      return card.answer;
    case 'occlusion':
      return card.masks.find((m) => m.id === sub)?.label ?? '';
  }
}

export interface Judgement {
  /** Whether the response was right; null when there was nothing to judge. */
  correct: boolean | null;
  verdict?: Verdict;
  suggested: Grade | null;
}

/**
 * Judges a response to a card and suggests a grade (right → Good, a small typo → Hard, wrong →
 * Again). Typed answers need the matcher loaded (`loadAnswerMatch`); until then there is no verdict.
 */
export function judge(card: Card, response: Response): Judgement {
  if (!response) return { correct: null, suggested: null };
  if (card.type === 'mcq' && response.kind === 'choices') {
    if (!response.picked.length) return { correct: null, suggested: null };
    const right = mcqAnswers(card);
    const picked = [...new Set(response.picked)].sort((a, b) => a - b);
    const ok = right.length === picked.length && right.every((v, i) => v === picked[i]);
    return { correct: ok, suggested: ok ? 3 : 1 };
  }
  if (card.type === 'truefalse' && response.kind === 'truefalse') {
    const ok = response.picked === card.answer;
    return { correct: ok, suggested: ok ? 3 : 1 };
  }
  if (card.type === 'typed' && response.kind === 'typed') {
    const matcher = answerMatch();
    if (!response.text.trim() || !matcher) return { correct: null, suggested: null };
    const m = matcher.matchAnswer(response.text, card.answer, card.accept ?? []);
    return { correct: m.verdict !== 'wrong', verdict: m.verdict, suggested: m.verdict === 'exact' ? 3 : m.verdict === 'close' ? 2 : 1 };
  }
  return { correct: null, suggested: null };
}

/**
 * Every text of a card, its Markdown fields among them (and ids, names and tags, which only ever
 * make this say yes to plain text): whether the card needs the Markdown renderer.
 */
export function cardTexts(card: Card): string[] {
  return Object.values(card)
    .flat()
    .filter((v): v is string => typeof v === 'string');
}
