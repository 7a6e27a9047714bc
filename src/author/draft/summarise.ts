/**
 * Turns a central sentence into a key point by trimming what a key point does not need:
 * opening connectives ("But", "Moreover,"), hedges ("without a doubt", "yes"), asides in
 * parentheses or dashes, and, in long sentences, a trailing participle or relative clause.
 * Only whole clauses are removed, so the result stays a grammatical sentence. Pure.
 */

const OPENERS =
  /^(?:(?:but|and|so|yet)\s*,?\s+|(?:moreover|furthermore|in fact|indeed|however|still|also|after all|of course|what's more|in other words|for a time)\s*,\s*|think of it this way:\s*|you (?:hear|read|see) (?:it|this) [^:]{0,40}:\s*|in (?:some|many|most) cases,\s*)/i;
/** Comma-delimited asides that qualify rather than state: "Nvidia GPUs, particularly the A100, were…". */
const ASIDES = /,\s*(?:particularly|especially|notably|while (?:certainly|perhaps|still) \w+|even if initially)\b[^,;:]*(?=[,;:])(?:,(?=\s))?/gi;
const FILLER = /\b(?:certainly|simply|indeed|relatively|profoundly|fundamentally|simultaneously|truly|really|absolutely) (?=\w)/gi;
const HEDGES = /\s*,\s*(?:without a doubt|of course|yes|indeed|in fact|to be sure|in retrospect|certainly|frankly)\s*,\s*/gi;
const TRAILING_CLAUSE = /,\s+(?:which|who|where|a shift that|an? [a-z]+ that|even if|especially|particularly|including|as well as|from|further|nor did|(?:\w+ly\s+)?\w+ing)\b[^,]*$/i;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A shorter, self-contained version of a sentence, ending with a full stop. */
export function trimSentence(sentence: string, target = 150): string {
  let s = sentence.trim();
  for (let i = 0; i < 3 && OPENERS.test(s); i++) s = s.replace(OPENERS, '');
  s = s.replace(/\s*\([^)]*\)/g, '').replace(/\s+[—–]\s+[^—–]*\s+[—–]\s+/g, ' ');
  s = s.replace(HEDGES, (_m, offset: number, whole: string) => {
    const next = whole.slice(offset + _m.length);
    // Before a conjunction the comma belongs to the sentence; elsewhere the hedge sat inside a clause.
    return /^(?:but|and|so|yet|or)\b/i.test(next) ? ', ' : ' ';
  });
  s = s.replace(ASIDES, '').replace(FILLER, '');
  // An apposition explaining a name ("Lumen Grid, the company that installed the sensors, expect…").
  s = s.replace(/,\s+(?:the|a|an)\s+\w+\s+(?:that|who|which)\b[^,]*,\s+/i, ' ');
  // "Researchers at X found that frogs…": the finding is the point; who found it is detail.
  s = s.replace(/^(?:(?:the\s+)?(?:researchers|scientists|studies|a study|the study|surveys|experts)\b[^,]{0,60}?\s+(?:found|find|showed|show|shows|suggest|suggests|suggested))\s+that\s+/i, '');
  // An aside may have hidden an opener ("You hear it often in X, particularly from…: the claim").
  for (let i = 0; i < 3 && OPENERS.test(s); i++) s = s.replace(OPENERS, '');
  const quoted = /[.!?]["”’']$/.test(s);
  if (!quoted) s = s.replace(/[.!]+$/, '');
  while (s.length > target) {
    // A trailing relative clause goes whole, commas and all ("…, which have had to design specific, less powerful chips").
    // One holding the claim's contrast ("…, which can be reused, instead of…") stays: it is the point.
    const relative = /,\s+(?:which|who)\b.*$/i.exec(s);
    const dropRelative = relative && !/\b(?:instead of|rather than|not|but)\b/i.test(relative[0]) ? s.slice(0, relative.index) : s;
    const shorter = s.replace(TRAILING_CLAUSE, '') !== s ? s.replace(TRAILING_CLAUSE, '') : dropRelative;
    if (shorter === s || shorter.length < 60) break;
    s = shorter;
  }
  const out = capitalise(s.replace(/\s+/g, ' ').replace(/\s+([,;:])/g, '$1').trim());
  return quoted ? out : `${out}.`;
}
