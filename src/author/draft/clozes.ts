/**
 * Which terms of a key point a cloze blanks: the ones a student must know. Numbers with their unit
 * weigh most; then people and organisations, then the article's distinctive terms by TF-IDF, with
 * the contrasted side of a claim ("a marathon, not a sprint") weighing double. Never blanked: stop
 * words, a year inside a name ("Made in China 2025"), a bare place name or any name found all over
 * the article (both guessable), an answer still printed elsewhere in the sentence. At most two
 * blanks, as `c1` and `c2`, so each is asked on its own with the other filled in. Pure.
 */
import type { Span } from './terms';

export interface ClozeWeights {
  /** TF-IDF weight of a span's words across the article (0 when unknown). */
  termWeight(span: Span): number;
  /** Share of the article's sentences that mention the span's text. */
  spread(span: Span): number;
}

const YEAR = /^(?:1[5-9]|20)\d\d$/;
const GENERIC = /^(?:something|anything|everything|nothing|thing|things|way|ways|part|kind|sort|lot|interesting|important|number|people|scientists|researchers|experts|officials|studies)$/i;
const FRACTION = /^(?:half|third|quarter|fifth|tenth)s?$/i;
const TIME_WORDS = /^(?:(?:second|minute|hour|day|week|month|year|decade|century|morning|evening|night|spring|summer|autumn|winter|today|time)s?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;

/** How much a span is worth recalling in `text` (0: never blank it). */
export function clozeWeight(text: string, span: Span, w: ClozeWeights): number {
  const before = text.slice(0, span.start);
  const after = text.slice(span.end);
  // Part of a name: "Made in China 2025", "the 2025 Plan".
  if (/[A-Z][\w-]*\s$/.test(before) && span.kind !== 'name') return 0;
  if (/^\s[A-Z]/.test(after) && span.kind === 'number' && YEAR.test(span.text)) return 0;
  if (span.kind === 'number' || span.kind === 'date') {
    if (YEAR.test(span.text)) return 8;
    // A figure with digits or a unit is a fact to recall; "first", "two" or "Monday" alone is not.
    if (/\d/.test(span.text) || /\s/.test(span.text) || FRACTION.test(span.text)) return 100;
    return 0;
  }
  // Time words ("day", "weeks") and what the whole article is about are guessed, not recalled.
  if (TIME_WORDS.test(span.text) || GENERIC.test(span.text)) return 0;
  // "the boats damages their moorings": a last word in -s before "their" is the verb, not the noun.
  if (/\s\w+s$/.test(span.text) && /^\s+(?:the|a|an|their|its|his|her|our|my|your|this|these)\b/i.test(after)) return 0;
  if (w.spread(span) > 0.4) return 0;
  if (span.kind === 'name') {
    // Half of a longer name ("{{Made in China}} 2025 initiative") leaves the rest as a give-away.
    if (/^\s+\d/.test(after) || /\d\s+$/.test(before)) return 0;
    if (w.spread(span) > 0.25) return 0;
    // A bare place or nationality ("China", "Chinese") is guessable; a one-word person or organisation is not.
    if (span.sub !== 'person' && span.sub !== 'organization' && !/\s/.test(span.text)) return 0;
    const boost = span.sub === 'person' || span.sub === 'organization' ? 3 : 1.5;
    return Math.max(1, w.termWeight(span)) * boost;
  }
  // A common verb read as a noun ends the phrase wrongly ("the {{high street stay}} at full power").
  if (/\s(?:stays?|remains?|goes|go|runs?|grows?|keeps?|comes?|stands?|sits?|falls?|rises?|works?|needs?|says?|makes?|looks?|feels?|seems?)$/i.test(span.text)) return 0;
  // A name run into common words ("California rent millions") is two phrases, not one term.
  if (/^[A-Z][a-z][\w'’]*\s+[a-z]/.test(span.text)) return 0;
  // A phrase cut off before its head ("should {{fund tool}} lending") or after a modal is a verb, not a term.
  if (/^\s+\w+ing\b/.test(after) || /\b(?:should|could|would|will|can|must|may|might|to)\s+$/i.test(before)) return 0;
  const contrast = /^,?\s+(?:not|rather than|instead of)\b/i.test(after) || /\bnot\s+(?:\w+\s+){0,6}but\s+(?:\w+\s+){0,2}$/i.test(before);
  return w.termWeight(span) * (contrast ? 2 : 1);
}

/** The cloze text for `text`, or null when nothing is worth blanking. `used` holds answers taken by earlier cards. */
export function makeCloze(text: string, found: Span[], w: ClozeWeights, used: Set<string>): { text: string; answers: string[] } | null {
  const options = found
    .filter((sp) => !used.has(sp.text.toLowerCase()))
    // Leave enough of the sentence to recall from.
    .filter((sp) => sp.text.length <= text.length * 0.4)
    // A deletion whose answer is still printed elsewhere in the sentence gives itself away.
    .filter((sp) => !(text.slice(0, sp.start) + text.slice(sp.end)).toLowerCase().includes(sp.text.toLowerCase()))
    .map((sp) => ({ sp, w: clozeWeight(text, sp, w) }))
    .filter((o) => o.w > 0)
    .sort((a, b) => b.w - a.w || b.sp.text.length - a.sp.text.length);
  const first = options[0];
  if (!first) return null;
  const picked = [first.sp];
  // A second blank only for a second fact of real weight, apart from the first (an adjacent pair
  // would leave one long gap) and leaving most of the sentence in view.
  const second = options.find(
    (o) =>
      o !== first &&
      o.w >= first.w * 0.5 &&
      (o.sp.end + 3 < first.sp.start || first.sp.end + 3 < o.sp.start) &&
      o.sp.text.length + first.sp.text.length <= text.length * 0.45 &&
      o.sp.text.toLowerCase() !== first.sp.text.toLowerCase(),
  );
  if (second) picked.push(second.sp);
  const ordered = [...picked].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  ordered.forEach((sp, i) => {
    out += `${text.slice(at, sp.start)}{{c${i + 1}::${sp.text}}}`;
    at = sp.end;
  });
  out += text.slice(at);
  return { text: out, answers: ordered.map((sp) => sp.text) };
}
