/**
 * Plausible wrong facts of the same kind as a right one, for false statements and multiple-choice
 * distractors: a number of the same magnitude, format and unit ("38 million euros" → "29 million
 * euros"), a word for its antonym of the same form ("rose" → "fell"). Names are swapped for names
 * of the same kind by the caller, which knows the article's names. Deterministic and pure.
 */

const WORD_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const TENS_WORD = Object.fromEntries(Object.entries(TENS).map(([w, n]) => [n, w]));

const matchCase = (like: string, word: string) => (/^[A-Z]/.test(like) ? word.charAt(0).toUpperCase() + word.slice(1) : word);

/** The first number in a span, as written: digits with their grouping, or a number word. */
const NUMBER = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/i;

/** Candidate values of the same magnitude: never the value itself, never a change of sign. */
function nearby(value: number, isYear: boolean, isPercent: boolean): number[] {
  if (isYear) return [value - 4, value + 3, value - 9, value + 7, value - 2];
  // Never down to one from more: "two years" → "one years" would break the agreement.
  if (Number.isInteger(value) && value <= 12) return [value + 1, value - 1, value + 2, value + 3, value - 2].filter((v) => v > 1 || (v > 0 && value === 1));
  const digits = String(Math.trunc(value)).length;
  const decimals = /\.(\d+)/.exec(String(value))?.[1]?.length ?? 0;
  // Two significant figures at most, so "2,400" becomes "1,800" rather than "1,823".
  const round = (v: number) => {
    if (decimals) return Number(v.toFixed(decimals));
    const step = 10 ** Math.max(0, digits - 2);
    return Math.round(v / step) * step;
  };
  return [0.75, 1.25, 0.6, 1.5, 0.5, 1.75, 0.9, 1.1]
    .map((f) => round(value * f))
    .filter((v) => v > 0 && String(Math.trunc(v)).length === digits && (!isPercent || v <= 100));
}

function format(value: number, like: string): string {
  if (/,/.test(like) || (like.length > 4 && !/\./.test(like) && value >= 10000)) return value.toLocaleString('en-GB');
  return String(value);
}

/**
 * Up to `count` variants of a number span ("65 percent", "$5.5 billion", "six to eight weeks", "1797"),
 * the first number changed to another of the same magnitude and everything else kept.
 */
export function numberVariants(span: string, count = 3): string[] {
  const m = NUMBER.exec(span);
  if (!m) return [];
  // A range ("six to eight weeks", "20 and 25 degrees") moves as a whole, so it stays a range.
  const one = NUMBER.source.replace(/\((?!\?)/g, '(?:');
  const range = new RegExp(`^(${one})(\\s+(?:to|and)\\s+|\\s*[-–]\\s*)(${one})`, 'i').exec(span.slice(m.index));
  if (range) {
    const lows = numberVariants(range[1]!, 8);
    const highs = numberVariants(range[3]!, 8);
    const rest = span.slice(m.index + range[0].length);
    const value = (x: string) => (NUMBER.exec(x)?.[1] ? Number(x.replace(/,/g, '')) : WORD_NUMBERS.indexOf(x.toLowerCase()));
    const out: string[] = [];
    lows.forEach((low, i) => {
      const high = highs[i];
      if (high && value(low) < value(high) && out.length < count) out.push(`${span.slice(0, m.index)}${low}${range[2]}${high}${rest}`);
    });
    return out;
  }
  const isPercent = /%|\bper ?cent\b/i.test(span);
  const out: string[] = [];
  const push = (replacement: string) => {
    const v = `${span.slice(0, m.index)}${replacement}${span.slice(m.index + m[0].length)}`;
    if (v !== span && !out.includes(v)) out.push(v);
  };
  if (m[2]) {
    const word = m[2].toLowerCase();
    const n = WORD_NUMBERS.indexOf(word) >= 0 ? WORD_NUMBERS.indexOf(word) : TENS[word]!;
    const options = n <= 12 ? nearby(n, false, false).filter((v) => v <= 12).map((v) => WORD_NUMBERS[v]!) : [n - 10, n + 10, n + 20].filter((v) => TENS_WORD[v]).map((v) => TENS_WORD[v]!);
    for (const o of options) push(matchCase(m[2], o));
  } else {
    const raw = m[1]!;
    const value = Number(raw.replace(/,/g, ''));
    const isYear = /^(?:1[5-9]|20)\d\d$/.test(raw) && !isPercent && !/\d\s*(?:million|billion|thousand|euros?|dollars?|tonnes|people)/i.test(span);
    for (const v of nearby(value, isYear, isPercent)) push(format(v, raw));
  }
  return out.slice(0, count);
}

/** Pairs of opposites with the same grammar: each replaces the other. */
const PAIRS: [string, string][] = [
  ['rose', 'fell'], ['risen', 'fallen'], ['rises', 'falls'], ['rising', 'falling'],
  ['increase', 'decrease'], ['increased', 'decreased'], ['increases', 'decreases'], ['increasing', 'decreasing'],
  ['reduce', 'increase'], ['reduced', 'increased'], ['reduces', 'increases'], ['reducing', 'increasing'],
  ['more', 'less'], ['most', 'least'], ['higher', 'lower'], ['larger', 'smaller'], ['bigger', 'smaller'],
  ['faster', 'slower'], ['cheaper', 'dearer'], ['cheapest', 'dearest'], ['better', 'worse'], ['best', 'worst'],
  ['stronger', 'weaker'], ['warmer', 'colder'], ['longer', 'shorter'], ['earlier', 'later'], ['before', 'after'],
  ['opposed', 'supported'], ['supports', 'opposes'], ['accelerated', 'slowed'], ['gained', 'lost'], ['gains', 'loses'],
  ['opened', 'closed'], ['rejected', 'approved'], ['approved', 'rejected'], ['deadly', 'harmless'], ['harmful', 'harmless'],
  ['popular', 'unpopular'], ['always', 'never'], ['often', 'rarely'], ['first', 'last'], ['above', 'below'],
  ['strong', 'weak'], ['weak', 'strong'], ['success', 'failure'], ['easier', 'harder'], ['safer', 'riskier'],
];
const OPPOSITE = new Map<string, string>();
for (const [a, b] of PAIRS) {
  if (!OPPOSITE.has(a)) OPPOSITE.set(a, b);
  if (!OPPOSITE.has(b)) OPPOSITE.set(b, a);
}

export interface Replacement {
  start: number;
  end: number;
  from: string;
  to: string;
}

/** Every word of `text` that has an antonym of the same form, in order. */
export function antonymSwaps(text: string): Replacement[] {
  const out: Replacement[] = [];
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    const to = OPPOSITE.get(m[0].toLowerCase());
    // "more than" / "less than" stays grammatical either way; "the more" in a comparison does not.
    // After a negation "always" → "never" would make a double negative ("wasn't never").
    if (!to || (/^(?:always|never)$/i.test(m[0]) && /(?:n't|\bnot)\s*$/i.test(text.slice(0, m.index)))) continue;
    // "two more boats" is a number's business: "two fewer boats" is no plausible fact.
    if (/^(?:more|less|fewer)$/i.test(m[0]) && /(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a few|many))\s+$/i.test(text.slice(0, m.index))) continue;
    // "more boats" → "fewer boats", "more glucose" → "less glucose".
    const counted = to === 'less' && /^\s+[a-z]+[^s\W]*s\b/.test(text.slice(m.index + m[0].length)) && !/^\s+\w+ss\b/.test(text.slice(m.index + m[0].length));
    out.push({ start: m.index, end: m.index + m[0].length, from: m[0], to: matchCase(m[0], counted ? 'fewer' : to) });
  }
  return out;
}

/** `text` with one replacement applied. */
export const applyReplacement = (text: string, r: Pick<Replacement, 'start' | 'end' | 'to'>) => `${text.slice(0, r.start)}${r.to}${text.slice(r.end)}`;

/**
 * The two sides of a contrast swapped: "a marathon, not a sprint" → "a sprint, not a marathon".
 * Both sides are noun phrases of the same sentence, so the false statement stays grammatical.
 */
export function contrastSwap(text: string): Replacement | null {
  const m = /\b((?:a|an|the)\s+[\w-]+(?:\s+[\w-]+){0,3}),\s+not\s+((?:a|an|the)\s+[\w-]+(?:\s+[\w-]+){0,3})(?=[,.;]|$)/i.exec(text);
  if (!m) return null;
  const [whole, yes, no] = m;
  return { start: m.index, end: m.index + whole.length, from: yes!, to: `${no}, not ${yes}` };
}
