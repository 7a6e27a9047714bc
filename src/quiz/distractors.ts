/**
 * Picks wrong-but-plausible choices for a card turned into multiple choice: answers from the same
 * deck that look like the right one (numbers with numbers, names with names, short with short),
 * never equal to it once normalised, never twice. Pure: no DOM, no storage.
 */
import { normaliseAnswer } from '../deck/answer-match';
import { shuffle, type Rng } from './random';

/** The rough shape of an answer, so that a name is never offered against a sentence. */
export type AnswerForm = 'number' | 'name' | 'short' | 'phrase' | 'sentence';

/** Fewest wrong choices that still make a fair question; with fewer the card is asked as typed. */
export const MIN_DISTRACTORS = 2;
/** Wrong choices offered when the deck has enough (four choices in all). */
export const MAX_DISTRACTORS = 3;

// Small words that may stay lower case inside a name ("Ministry of Commerce").
const CONNECTORS = new Set(['of', 'and', 'the', 'for', 'de', 'la', 'von', 'van', 'du', 'da', '&']);

/** Answer text without Markdown emphasis or code marks, which say nothing about its form. */
function plain(text: string): string {
  return text.replace(/[*_`~]/g, '').replace(/\s+/g, ' ').trim();
}

function words(text: string): string[] {
  return plain(text).split(' ').filter(Boolean);
}

/** Classifies an answer: see {@link AnswerForm}. */
export function answerForm(text: string): AnswerForm {
  const p = plain(text);
  const w = words(p);
  const significant = w.filter((x) => !CONNECTORS.has(x.toLowerCase()));
  // Names first: "H20", "Nvidia", "Jensen Huang" have capitals on every significant word.
  if (
    w.length <= 4 &&
    significant.length > 0 &&
    /^\p{Lu}/u.test(w[0]!) &&
    significant.every((x) => /^[\p{Lu}"'“(]/u.test(x))
  ) {
    return 'name';
  }
  // Numbers: a digit, and little else but units ("15%", "$5.5 billion", "2025").
  if (/\d/.test(p) && p.replace(/[\d\s.,%$€£¥+\-−–~≈<>/:]/g, '').length <= 10) return 'number';
  if (w.length <= 3) return 'short';
  if (w.length <= 9) return 'phrase';
  return 'sentence';
}

/** How close two answers are in size: character length for short forms, words for long ones. */
function similarSize(a: string, b: string, form: AnswerForm): boolean {
  if (form === 'phrase' || form === 'sentence') {
    const x = words(a).length;
    const y = words(b).length;
    return Math.max(x, y) <= 2 * Math.min(x, y);
  }
  const x = plain(a).length;
  const y = plain(b).length;
  // Very short answers ("UK", "H20") may differ by a few letters without looking odd.
  return Math.abs(x - y) <= 4 || Math.max(x, y) <= 2 * Math.min(x, y);
}

/**
 * Up to {@link MAX_DISTRACTORS} plausible wrong choices for `answer`, drawn in seeded order from
 * `pool` (the deck's other answers). `exclude` lists further texts that are right too (accepted
 * alternatives) and so must never be offered as wrong.
 */
export function pickDistractors(
  answer: string,
  pool: readonly string[],
  rng: Rng,
  exclude: readonly string[] = [],
): string[] {
  const form = answerForm(answer);
  const taken = new Set([answer, ...exclude].map(normaliseAnswer));
  const picked: string[] = [];
  for (const candidate of shuffle(pool, rng)) {
    if (picked.length === MAX_DISTRACTORS) break;
    const key = normaliseAnswer(candidate);
    // An answer that normalises to nothing cannot be told apart reliably; leave it out.
    if (!key || taken.has(key)) continue;
    if (answerForm(candidate) !== form || !similarSize(answer, candidate, form)) continue;
    taken.add(key);
    picked.push(candidate);
  }
  return picked;
}
