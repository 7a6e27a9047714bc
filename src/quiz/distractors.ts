/**
 * Picks wrong-but-plausible choices for a card turned into multiple choice: answers from the same
 * deck that look like the right one (numbers with numbers, names with names, short with short),
 * never equal to it once normalised, never twice. Pure: no DOM, no storage.
 */
import { normaliseAnswer } from '../deck/answer-match';
import type { Rng } from './random';

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

/** An answer prepared once per deck, so picking distractors is cheap even for large decks. */
export interface Candidate {
  text: string;
  /** `normaliseAnswer(text)`: equal keys are the same answer. */
  key: string;
  form: AnswerForm;
  chars: number;
  words: number;
  /** Id of the card the answer belongs to ('' when none). */
  owner: string;
}

export function candidate(text: string, owner = ''): Candidate {
  const p = plain(text);
  return { text, key: normaliseAnswer(text), form: answerForm(text), chars: p.length, words: words(p).length, owner };
}

/** A deck's answers grouped by form: only same-form answers are ever looked at. */
export type CandidatePool = Map<AnswerForm, Candidate[]>;

export function candidatePool(texts: Iterable<Candidate>): CandidatePool {
  const pool: CandidatePool = new Map();
  for (const c of texts) {
    // An answer that normalises to nothing cannot be told apart reliably; leave it out.
    if (!c.key) continue;
    let bucket = pool.get(c.form);
    if (!bucket) pool.set(c.form, (bucket = []));
    bucket.push(c);
  }
  return pool;
}

/** How close two answers are in size: character length for short forms, words for long ones. */
function similarSize(a: Candidate, b: Candidate): boolean {
  if (a.form === 'phrase' || a.form === 'sentence') return Math.max(a.words, b.words) <= 2 * Math.min(a.words, b.words);
  // Very short answers ("UK", "H20") may differ by a few letters without looking odd.
  return Math.abs(a.chars - b.chars) <= 4 || Math.max(a.chars, b.chars) <= 2 * Math.min(a.chars, b.chars);
}

/** How an answer is framed: its opener ("because", "by"), its final mark, its "…" between parts. */
const frameOf = (text: string) => /^(because|by|to)\b/i.exec(text)?.[1]?.toLowerCase() ?? '';
const ellipses = (text: string) => (text.match(/…/g) ?? []).length;

/**
 * Whether a wrong choice looks like the right one: the same number of "…" parts (a two-part
 * cloze answer among one-part ones stands out), the same final full stop or none, the same
 * opener ("Because…" among "Because…"), and neither inside the other ("Nvidia" next to
 * "Nvidia GPUs" points at one of the two).
 */
function sameShape(a: Candidate, b: Candidate): boolean {
  if (ellipses(a.text) !== ellipses(b.text)) return false;
  if (/[.!?]$/.test(a.text.trim()) !== /[.!?]$/.test(b.text.trim())) return false;
  if (frameOf(a.text) !== frameOf(b.text)) return false;
  return !overlaps(a, b);
}

/** One answer's words run inside the other's ("nvidia" in "nvidia gpus"). */
function overlaps(a: Candidate, b: Candidate): boolean {
  if (!a.key || !b.key) return false;
  const [x, y] = [` ${a.key} `, ` ${b.key} `];
  return x.includes(y) || y.includes(x);
}

/**
 * Up to `want` plausible wrong choices for `answer`, drawn in seeded order from `pool` (the deck's
 * other answers) except those `skip` rejects. `exclude` lists further texts that are right too
 * (accepted alternatives) or already chosen, and so must never be offered.
 */
export function pickDistractors(
  answer: string,
  pool: CandidatePool,
  rng: Rng,
  exclude: readonly string[] = [],
  skip: (c: Candidate) => boolean = () => false,
  want: number = MAX_DISTRACTORS,
): string[] {
  const right = candidate(answer);
  const taken = new Set([right.key, ...exclude.map(normaliseAnswer)]);
  const bucket = pool.get(right.form) ?? [];
  const picked: string[] = [];
  const chosen: Candidate[] = [];
  // A lazy Fisher–Yates over a virtual copy: only the positions looked at are shuffled, and the
  // deck's bucket is never copied (a quiz on a large deck asks this once per question).
  const moved = new Map<number, Candidate>();
  const at = (k: number) => moved.get(k) ?? bucket[k]!;
  for (let i = 0; i < bucket.length && picked.length < want; i++) {
    const j = i + Math.floor(rng() * (bucket.length - i));
    const c = at(j);
    moved.set(j, at(i));
    if (taken.has(c.key) || skip(c) || !similarSize(right, c) || !sameShape(right, c) || chosen.some((p) => overlaps(p, c))) continue;
    taken.add(c.key);
    chosen.push(c);
    picked.push(c.text);
  }
  return picked;
}
