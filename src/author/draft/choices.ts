/**
 * Multiple-choice cards from key points: one fact of the sentence becomes a gap, and the wrong
 * choices are facts of the same kind and shape (numbers of the same magnitude and unit, people
 * for a person, organisations for an organisation, of the same number of words and similar
 * length), so no choice stands out by its form. Pure.
 */
import { numberVariants } from './facts';
import { sameKindNames, type NamePool } from './falsify';
import { taggedTerms, type Nlp, type Span } from './terms';

export interface ChoiceCard {
  question: string;
  choices: string[];
  answer: number;
}

const GAP = '_____';

/** A multiple-choice card on a fact of `text` other than those in `avoid`, or null. */
export function makeChoice(text: string, found: Span[], pool: NamePool, avoid: Set<string>, turn: number): ChoiceCard | null {
  const similar = (a: string, b: string) => Math.max(a.length, b.length) <= 2 * Math.min(a.length, b.length);
  for (const sp of found) {
    if (avoid.has(sp.text.toLowerCase())) continue;
    // The answer printed elsewhere in the sentence ("_____ high tides… under two bulges") gives it away.
    if ((text.slice(0, sp.start) + text.slice(sp.end)).toLowerCase().includes(sp.text.toLowerCase())) continue;
    let wrong: string[] = [];
    if (sp.kind === 'number' && !/[A-Z][\w-]*\s$/.test(text.slice(0, sp.start))) wrong = numberVariants(sp.text, 3);
    else if (sp.kind === 'name') wrong = sameKindNames(sp, text, pool).filter((o) => similar(o, sp.text)).slice(0, 3);
    if (wrong.length < 2) continue;
    const choices = [...wrong];
    const answer = turn % (choices.length + 1);
    choices.splice(answer, 0, sp.text);
    return { question: `Which fills the gap? ${text.slice(0, sp.start)}${GAP}${text.slice(sp.end)}`, choices, answer };
  }
  return null;
}

/** The word that frames an answer ("Because…", "By…"); answers framed alike are of one kind. */
const PREPOSITION = /^(from|by|in|on|at|to|for|with|through)\b/i;
/**
 * The shape of an answer's opening: "because", a preposition ("by", "from"…), a gerund ("Leaving
 * it to volunteers"), a noun phrase with "a"/"an", or a clause. Answers of one shape only.
 */
const frame = (answer: string) => {
  const first = answer.split(/\s+/)[0]!.toLowerCase();
  if (first === 'because' || PREPOSITION.test(first)) return first;
  if (/ing$/.test(first)) return 'gerund';
  return /^(?:a|an)$/.test(first) ? 'noun phrase' : 'clause';
};
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * Up to three wrong answers for a why/how/what question: other questions' answers framed the same
 * way ("Because…" for "Because…", a clause for a clause) and of similar length (at most twice as long or as short), so
 * neither the opener nor the length points at the right one. Empty when fewer than two qualify.
 */
export function answerDistractors(answer: string, others: readonly string[], turn: number): string[] {
  const n = wordCount(answer);
  // Compared as a deck compares choices: case and punctuation aside.
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const seen = new Set([key(answer)]);
  const fit = others.filter((o) => {
    if (seen.has(key(o)) || frame(o) !== frame(answer) || Math.max(n, wordCount(o)) > 2 * Math.min(n, wordCount(o)) || /[.!?]$/.test(o) !== /[.!?]$/.test(answer)) return false;
    seen.add(key(o));
    return true;
  });
  if (fit.length < 2) return [];
  // A different slice per question, so two questions do not offer the same wrong answers.
  const start = turn % fit.length;
  return [...fit.slice(start), ...fit.slice(0, start)].slice(0, 3);
}

/** A key point's first clause as a claim of its own ("The budgets are tight."), or null when it leans on context. */
export function asClaim(text: string): string | null {
  const clause = firstClaim(text);
  return clause ? `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.` : null;
}

/** The claim a key point opens with, without its own reason or consequence ("…deadly because…" → "…deadly"). */
function firstClaim(text: string): string | null {
  const clause = text.replace(/[.!?]+$/, '').split(/[;:]|,?\s+because\s+|,\s+(?:and|but|so|while|which|even though|although)\s+|\s+—\s+/)[0]!.trim();
  return /^(?:it|this|that|these|those|they|he|she|we|you|i)\b/i.test(clause) || /,/.test(clause) ? null : clause;
}

/** A key point as the answer to a "why": "Because" and its first clause, or null when it leans on context. */
export function asReason(nlp: Nlp, text: string): string | null {
  const clause = firstClaim(text);
  if (!clause) return null;
  // The clause starts the key point, so the key point's tags (already made) tell about its first word.
  const first = taggedTerms(nlp, text)[0];
  // "Minister Tomas Reyes…" keeps its capital as much as "Beijing…" does.
  const determiner = /^(?:the|a|an|this|these|those|its|their|our|most|some|many|each|every)\s/i.test(clause);
  const name = !determiner && !!first && (first.tags.includes('ProperNoun') || first.tags.includes('Acronym') || /^\S+\s+[A-Z]/.test(clause));
  return `Because ${name ? clause : clause.charAt(0).toLowerCase() + clause.slice(1)}.`;
}
