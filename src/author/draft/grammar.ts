/**
 * A part-of-speech pattern check for generated statements and questions: it catches what a word
 * swap or a question frame breaks (a verb missing, "a" before a plural, a singular name before
 * "were", a doubled word, "a" before a vowel, unbalanced quotes), not style. It accepts every
 * sentence of the evaluation articles, so a failure means the generator broke the text. Pure:
 * compromise is passed in.
 */
import { TAG_OPTIONS, type Nlp } from './terms';

interface Term {
  text: string;
  tags: string[];
}

const has = (t: Term | undefined, tag: string) => !!t && t.tags.includes(tag);
const word = (t: Term | undefined) => (t ? t.text.toLowerCase().replace(/[^a-z0-9'-]/g, '') : '');
/** Words taking "a" despite a vowel letter, or "an" despite a consonant letter. */
const A_BEFORE_VOWEL = /^(?:uni|use|usu|uto|eu|one|once|ur[aio])/;
const AN_BEFORE_CONSONANT = /^(?:hour|honest|honou?r|heir)/;
/** Singular quantifiers that cannot take a plural noun ("a weeks", "next weeks", "each boats"). */
const SINGULAR_ONLY = new Set(['a', 'an', 'each', 'every', 'another', 'next', 'this', 'one']);

/**
 * What is wrong with a generated sentence or question; empty when nothing is. An answer may be a
 * `fragment` ("A stopgap measure, not a permanent solution."), which needs no verb.
 */
export function grammarProblems(nlp: Nlp, text: string, { fragment = false } = {}): string[] {
  const out: string[] = [];
  const s = text.trim();
  if (!/^["“‘'(]?[A-Z0-9$€£]/.test(s)) out.push('does not start with a capital letter or a number');
  if (!/[.!?]["”’')]?$/.test(s)) out.push('does not end with a full stop, question mark or exclamation mark');
  if (/\s[,.;:!?]|,,|\.\.(?!\.)|\s{2,}/.test(s)) out.push('has misplaced punctuation or spacing');
  if ((s.match(/[“”"]/g) ?? []).length % 2 || (s.match(/\(/g) ?? []).length !== (s.match(/\)/g) ?? []).length) out.push('has unbalanced quotes or brackets');
  const doubled = /\b([a-z]+)\s+\1\b/i.exec(s);
  if (doubled && !/^(?:that|had)$/i.test(doubled[1]!)) out.push(`repeats "${doubled[1]}"`);

  if (/(?:n't|\bnot)\s+never\b/i.test(s)) out.push('has a double negative');
  // "…was always seen as X, nor did it…": "nor" continues a negation, so one must come first.
  const nor = /\bnor\b/i.exec(s);
  if (nor && !/\b(?:not|never|no|neither|none|nothing|nobody)\b|n't\b/i.test(s.slice(0, nor.index))) out.push('has "nor" without a negation before it');

  const docs = nlp(s).json(TAG_OPTIONS) as { terms: Term[] }[];
  const terms = docs.flatMap((d) => d.terms);
  // compromise sometimes reads a verb in -s as a plural noun ("its heart stops"), so only a text
  // with neither is taken as missing its verb.
  if (!fragment && !terms.some((t) => has(t, 'Verb') || has(t, 'Plural'))) out.push('has no verb');
  terms.forEach((t, i) => {
    const next = terms[i + 1];
    if (!next) return;
    const w = word(t);
    const n = word(next);
    if (w === 'a' && /^[aeiou]/.test(n) && !A_BEFORE_VOWEL.test(n)) out.push(`"a ${next.text}" should be "an"`);
    if (w === 'an' && /^[a-z]/.test(n) && !/^[aeiou]/.test(n) && !AN_BEFORE_CONSONANT.test(n)) out.push(`"an ${next.text}" should be "a"`);
    // compromise reads the plural after "less" as a verb ("less/Noun boats/Verb"), so the ending decides.
    if (w === 'less' && /^[a-z]{3,}[^s]s$/.test(n) && !has(next, 'Copula') && !has(next, 'Auxiliary') && !has(next, 'Value')) out.push(`"less ${next.text}": a plural takes "fewer"`);
    if (SINGULAR_ONLY.has(w) && has(next, 'Plural') && !has(next, 'Value') && !has(next, 'Uncountable')) out.push(`"${t.text} ${next.text}": a singular word before a plural noun`);
    if (has(t, 'Determiner') && has(next, 'Determiner') && !/^(?:all|both|half|such|what|that)$/.test(w)) out.push(`"${t.text} ${next.text}": two determiners`);
    // A proper name directly before a plural verb: "the Trump administration were".
    if (has(t, 'ProperNoun') && has(t, 'Singular') && !has(t, 'Plural') && /^(?:were|are)$/.test(n) && !has(terms[i - 1], 'Conjunction')) out.push(`"${t.text} ${next.text}": a singular name with a plural verb`);
    if (has(t, 'Plural') && has(t, 'Noun') && !has(t, 'Value') && /^(?:was|is|has)$/.test(n) && !/^(?:news|series|means|species)$/.test(w)) {
      // "ice between cells is…" agrees with "ice": a plural inside a prepositional phrase is not the subject.
      if (!terms.slice(Math.max(0, i - 4), i).some((x) => has(x, 'Preposition'))) out.push(`"${t.text} ${next.text}": a plural noun with a singular verb`);
    }
  });
  return out;
}

/** True when the text passes the check. */
export const isGrammatical = (nlp: Nlp, text: string, options: { fragment?: boolean } = {}) => grammarProblems(nlp, text, options).length === 0;

/** An answer that is not a clause of its own: anything but "Because …". */
export const isFragment = (answer: string) => !/^because\b/i.test(answer);
