/**
 * Rewrites a key point short: it drops what frames a claim rather than states it (a leading
 * connective, "From X's vantage point,", "the argument from within X is that", "Many in X would
 * say,"), a leading concessive clause ("While A, B" → "B"), brackets, quote marks around the whole
 * and, while the text is longer than the cap, trailing tails (participle, relative or appositive
 * phrases). Each step is kept only when what is left still stands alone: a subject, a finite verb,
 * no grammar problem, no pronoun cut off from what it named; negations are never removed. Pure:
 * compromise is passed in.
 */
import { grammarProblems } from './grammar';
import { TAG_OPTIONS, type Nlp } from './terms';

interface Term {
  text: string;
  tags: string[];
}

/** Words a key point should not exceed when a tail can go without losing the claim. */
export const KEY_POINT_WORDS = 18;

const NEGATION = /\b(?:not|never|no|nor|neither|none|nothing|nobody|without)\b|n['’]t\b/i;
/** A contrast, comparison or reason in a tail is part of the claim, so such a tail stays. */
const CONTRAST = /\b(?:but|than|instead of|because|so that|yet|although|though|unlike)\b/i;
/** Words opening a subordinate clause: a verb after one, up to the next comma, is not the main verb. */
const OPENS_CLAUSE = /^(?:after|before|when|while|whereas|because|if|since|although|though|until|once|unless|which|who|whom|whose|where)$/i;
/** Tails that may hold a verb of their own: relative clauses and "…, the city said". */
const VERB_TAIL = /^(?:,|\s[—–])\s+(?:which|who|whose|where)\b|\s(?:said|says|argued|argues|noted|notes|added|adds|reported|reports)[.!]?$/i;

const NAME = `[^,;:.]{1,50}?`;
/** Leading frames that attribute or introduce a claim without being part of it. */
const FRAMES: RegExp[] = [
  /^(?:in fact|indeed|however|moreover|furthermore|still|also|after all|of course|in other words|that said|even so|nevertheless|nonetheless|meanwhile|in short|in the end|ultimately|clearly|admittedly|to be sure|in reality|in practice|at the same time|above all|yes|no doubt|certainly|put simply|simply put|in truth|for sure|what's more|besides|anyway)\s*,\s*/i,
  /^(?:but|and|so|yet)\s*,?\s+/i,
  new RegExp(`^(?:from|in)\\s+${NAME}(?:'s|’s|s'|s’)\\s+(?:vantage point|point of view|perspective|view|eyes|opinion|account|telling|mind)\\s*,\\s*`, 'i'),
  new RegExp(`^(?:from the (?:vantage point|point of view|perspective|standpoint) of|in the (?:view|eyes|opinion) of|according to)\\s+${NAME},\\s*`, 'i'),
  new RegExp(`^(?:as|like)\\s+${NAME}\\s+(?:puts? it|says?|said|argues?|argued|notes?|noted|sees? it|saw it),\\s*`, 'i'),
  new RegExp(`^(?:the|their|his|her|its|one|a|a common|the common)\\s+(?:\\w+\\s+)?(?:argument|claim|view|point|idea|thinking|reasoning|case|consensus|belief|answer|message|lesson)\\s+(?:${NAME}\\s+)?(?:is|was)\\s+that\\s+`, 'i'),
  new RegExp(`^(?:many|some|most|few|others|critics|supporters|experts|observers|analysts|officials|economists|scientists|researchers|people|insiders|teachers|historians)\\b${NAME}\\s+(?:would |will |might |may |often |usually |now )?(?:say|says|said|argue|argued|claim|claimed|believe|believed|point out|pointed out|note|noted|insist|insisted|contend|contended|think|thought|maintain|maintained|agree|agreed)\\s*(?:that\\s+|,\\s*|:\\s*)`, 'i'),
  /^it (?:is|was|has been) (?:often |widely |commonly |sometimes |now )?(?:said|argued|claimed|believed|thought|assumed|noted|agreed) that\s+/i,
];
/** A leading concessive clause up to one of its commas: "While A, B", "Despite A, B". */
const CONCESSIVE = /^(?:while|although|though|even though|even if|whereas|despite|in spite of|notwithstanding)\s/i;
/** Trailing tails that add detail to a claim already made. */
const TAIL =
  /(?:,|\s[—–])\s+(?:which|who|whose|where|including|such as|especially|particularly|notably|like|from|with|well|long|even|just|mostly|largely|partly|for example|for instance|(?:\w+ly\s+)?\w+ing|(?:a|an|the)\s+[^,;:]*|[^,;:]{1,40}\s(?:said|says|argued|argues|noted|notes|added|adds|reported|reports))\b[^,;:—–]*[.!]?$/i;
const SUBORDINATOR = /^(?:when|while|whereas|because|although|though|if|since|which|who|whom|whose|that|as|unless|until|once|after|before|where)\b/i;

const words = (s: string) => s.split(/\s+/).filter((w) => /\w/.test(w));
const capitalise = (s: string) => s.replace(/^(["“‘(]?)(\p{Ll})/u, (_m, q: string, c: string) => q + c.toUpperCase());
const withStop = (s: string) => (/[.!?]["”’']?$/.test(s) ? s : `${s.replace(/[,;:\s]+$/, '')}.`);

/** True when the text begins with a pronoun that names something outside it ("They…", "This has…"). */
function startsWithPronoun(terms: Term[]): boolean {
  const [first, second] = terms;
  if (!first) return false;
  if (/^(?:it|its|they|them|their|he|him|his|she|her|we|us|our)$/i.test(first.text)) return true;
  return /^(?:this|that|these|those)$/i.test(first.text) && !!second && !second.tags.some((t) => t === 'Noun' || t === 'Adjective' || t === 'Value');
}

const isFinite = (t: Term) => !t.tags.includes('Gerund') && t.tags.some((tag) => tag === 'Copula' || tag === 'Modal' || tag === 'Auxiliary' || tag === 'PastTense' || tag === 'PresentTense');
const termsOf = (nlp: Nlp, text: string) => (nlp(text).json(TAG_OPTIONS) as { terms: Term[] }[]).flatMap((d) => d.terms);

/** A clause of its own: a subject before a finite verb, no grammar problem, not opening on a subordinator. */
export function standsAlone(nlp: Nlp, text: string): boolean {
  if (words(text).length < 5 || SUBORDINATOR.test(text.replace(/^["“‘(]/, ''))) return false;
  if (grammarProblems(nlp, text).length) return false;
  const terms = termsOf(nlp, text);
  // The main verb: a finite verb outside any subordinate clause ("Two years after X put…" has none).
  let inClause = false;
  const finite = terms.findIndex((t, i) => {
    const main = i > 0 && !inClause && isFinite(t);
    if (OPENS_CLAUSE.test(t.text.replace(/[^\w]/g, ''))) inClause = true;
    else if (/[,;:]["”’']?$/.test(t.text)) inClause = false;
    return main;
  });
  return finite > 0 && terms.slice(0, finite).some((t) => t.tags.includes('Noun') || t.tags.includes('Pronoun') || t.tags.includes('Gerund'));
}

/** The key point for a sentence: shorter when it can stand alone shorter, the sentence otherwise. */
export function shortenKeyPoint(nlp: Nlp, sentence: string, maxWords = KEY_POINT_WORDS): string {
  const original = withStop(sentence.trim().replace(/\s+/g, ' '));
  const pronounFirst = (s: string) => startsWithPronoun(termsOf(nlp, s));
  const originalPronoun = pronounFirst(original);
  // A step's result is taken only when it stands alone and names what its first word refers to.
  const ok = (s: string) => standsAlone(nlp, s) && (originalPronoun || !pronounFirst(s));
  const tidy = (s: string) => withStop(capitalise(s.replace(/\s+/g, ' ').replace(/\s+([,;:.!?])/g, '$1').trim()));
  let s = original;
  const attempt = (next: string) => {
    const t = tidy(next);
    if (t !== s && ok(t)) s = t;
  };

  // Brackets are asides by definition; the claim reads the same without them.
  if (/\s[([]/.test(s)) attempt(s.replace(/\s*\([^()]*\)|\s*\[[^[\]]*\]/g, ''));
  // Quote marks around the whole sentence: the claim, not the quotation, is the key point.
  const quoted = /^["“]([^"“”]+)["”]$/.exec(s);
  if (quoted) attempt(quoted[1]!);
  for (let round = 0; round < 4; round++) {
    const before = s;
    for (const frame of FRAMES) {
      const m = frame.exec(s);
      if (m && !NEGATION.test(m[0])) attempt(s.slice(m[0].length).replace(/^["“]([^"“”]+)["”]$/, '$1'));
    }
    if (CONCESSIVE.test(s)) {
      // The concession may hold commas of its own: the first comma that leaves a clause standing wins.
      for (let at = s.indexOf(','); at > 0; at = s.indexOf(',', at + 1)) {
        const rest = tidy(s.slice(at + 1));
        if (ok(rest)) {
          s = rest;
          break;
        }
      }
    }
    if (s === before) break;
  }
  while (words(s).length > maxWords) {
    const m = TAIL.exec(s);
    // A tail holding a verb of its own (not a relative clause) is the main clause, not a tail.
    if (!m || NEGATION.test(m[0]) || CONTRAST.test(m[0]) || (!VERB_TAIL.test(m[0]) && termsOf(nlp, m[0]).some((t, i, all) => isFinite(t) && !/^to$/i.test(all[i - 1]?.text ?? '')))) break;
    const shorter = tidy(s.slice(0, m.index));
    if (words(shorter).length < 6 || !ok(shorter)) break;
    s = shorter;
  }
  return s;
}
