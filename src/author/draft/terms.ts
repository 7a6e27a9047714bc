/**
 * Cloze-able spans of a sentence, from compromise's part-of-speech tags: names (people, places,
 * organisations), numbers and dates, and noun phrases. A span always covers whole words and
 * never starts or ends with a function word, so deleting it leaves a grammatical gap
 * ("The {{c1::Made in China 2025}} initiative…", never "The Ma{{c1::de}}…"). Pure: the NLP
 * function is passed in, so the app can load compromise lazily and the CLI can import it.
 */
import { STOP_WORDS, stem, tokens } from './words';

/** The part of compromise the drafter uses: `nlp(text).json(...)`. */
export type Nlp = (text: string) => { json(options: object): unknown };

export type SpanKind = 'name' | 'number' | 'date' | 'term';

export interface Span {
  text: string;
  start: number;
  end: number;
  kind: SpanKind;
  /** For names: what compromise thinks it names, so a true/false swap stays a like-for-like. */
  sub?: 'person' | 'place' | 'organization';
}

interface Term {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

const DETERMINERS = /^(?:the|a|an|this|that|these|those|its|their|his|her|our|your|my|some|any|each|every|such|and|or|of)$/i;

/**
 * The same NLP function, remembering what it tagged: a draft tags a sentence for its names, its
 * key point, its questions and the grammar check, and tagging is most of a draft's time.
 */
export function memoNlp(nlp: Nlp): Nlp {
  const cache = new Map<string, unknown>();
  return (text) => ({
    json(options) {
      const key = `${JSON.stringify(options)}\u0000${text}`;
      if (!cache.has(key)) cache.set(key, nlp(text).json(options));
      return cache.get(key);
    },
  });
}

/** The tagging options every step asks for (the cheapest that gives tags and offsets). */
export const TAG_OPTIONS = { offset: true, terms: { offset: true } } as const;

/** Compromise's terms with their offsets inside `text`. */
export function taggedTerms(nlp: Nlp, text: string): Term[] {
  const docs = nlp(text).json(TAG_OPTIONS) as { terms: Term[] }[];
  return docs.flatMap((d) => d.terms).filter((t) => t.offset && t.offset.length > 0);
}

const has = (t: Term, tag: string) => t.tags.includes(tag);
const isName = (t: Term) => has(t, 'ProperNoun') || has(t, 'Person') || has(t, 'Place') || has(t, 'Organization') || (has(t, 'Acronym') && t.text.length > 1);
const isNumber = (t: Term) => has(t, 'Value') || /^\$?\d/.test(t.text) || /^(?:half|third|quarter)s?$/i.test(t.text);
const isDate = (t: Term) => has(t, 'Date') && !/^(?:today|now|then|yesterday|tomorrow)$/i.test(t.text);
// A verb read as an adjective ("underscored") would make a deletion of a verb and a noun.
// A possessive ("their", "its") starts a new phrase: "the boats | their moorings"; a date ends
// one ("the scheme | next year").
const isNounish = (t: Term) =>
  (has(t, 'Noun') || has(t, 'Adjective') || isName(t) || isNumber(t)) && !has(t, 'Verb') && !/ed$/.test(t.text) && !(has(t, 'Possessive') && !isName(t)) && !isDate(t);
/** A comma, semicolon or other mark after a word ends any span there. */
const breaksAfter = (t: Term) => /[,;:.!?()"”—–]/.test(t.post);

/** Trims function words from the ends of a run of terms. */
function trimRun(run: Term[]): Term[] {
  let a = 0;
  let b = run.length;
  const weak = (t: Term) => DETERMINERS.test(t.text) || STOP_WORDS.has(t.text.toLowerCase()) || has(t, 'Pronoun') || has(t, 'Adverb');
  while (a < b && weak(run[a]!)) a++;
  while (b > a && (weak(run[b - 1]!) || (has(run[b - 1]!, 'Adjective') && !isName(run[b - 1]!)))) b--;
  return run.slice(a, b);
}

function toSpan(text: string, run: Term[], kind: SpanKind, before?: Term): Span | null {
  if (!run.length) return null;
  const start = run[0]!.offset.start;
  const last = run[run.length - 1]!;
  let end = last.offset.start + last.offset.length;
  // compromise counts trailing punctuation into some terms; a deletion never swallows it.
  let body = text.slice(start, end);
  // A possessive stays in the sentence: "{{c1::China}}'s resolve".
  const stripped = body.replace(/[\s,;:.!?"”’')\]]+$/, '').replace(/['’]s$/, '');
  end -= body.length - stripped.length;
  body = stripped;
  if (body.length < 2 || !/[A-Za-z0-9]/.test(body)) return null;
  // Whole words only: the characters around the span must not be letters or digits.
  if (/[A-Za-z0-9]/.test(text[start - 1] ?? '') || /[A-Za-z0-9]/.test(text[end] ?? '')) return null;
  if (tokens(body).every((w) => STOP_WORDS.has(w))) return null;
  const sub = kind === 'name' ? nameKind(run, before) : undefined;
  return sub ? { text: body, start, end, kind, sub } : { text: body, start, end, kind };
}

/** Words that end an organisation's name whatever compromise thinks of the rest. */
const ORG_HEADS = /^(?:company|authority|federation|alliance|university|ministry|council|bank|agency|association|institute|committee|corporation|group|marine|party|union|board|department|inc|ltd|navigation)$/i;

/**
 * Who or what a name names. compromise's tags decide, corrected where they are known to slip:
 * a name after a role ("the biologist Helen Marsh", "Mayor Ines Varga") or holding a first name is
 * a person; a name ending in "Company", "Authority", "Ministry"… is an organisation.
 */
function nameKind(run: Term[], before: Term | undefined): Span['sub'] {
  const last = run[run.length - 1]!;
  if (ORG_HEADS.test(last.text.replace(/[^\w]/g, ''))) return 'organization';
  if (run.some((t) => has(t, 'Person') || has(t, 'FirstName'))) return 'person';
  if (before && has(before, 'Actor') && run.length >= 2 && run.every((t) => /^[A-Z]/.test(t.text))) return 'person';
  if (run.some((t) => has(t, 'Organization'))) return 'organization';
  if (run.some((t) => has(t, 'Place'))) return 'place';
  return undefined;
}

/** Words that give a number its unit: "65 percent", "38 million euros", "16 degrees". */
const UNITS = new Set(
  ('percent per cent million billion thousand hundred euros euro dollars dollar pounds cents kilometres kilometers km metres meters ' +
    'centimetres centimeters tonnes tons kilograms kg grams degrees minutes hours days weeks months years times square cubic litres liters miles')
    .split(' '),
);
const isUnit = (t: Term) => UNITS.has(t.text.toLowerCase().replace(/[^a-z]/g, '')) || has(t, 'Unit');

/** Every candidate span, longest names/numbers/dates first, then noun phrases. */
export function spans(nlp: Nlp, text: string): Span[] {
  const terms = taggedTerms(nlp, text);
  const out: Span[] = [];
  const collect = (test: (t: Term) => boolean, kind: SpanKind, allowInner?: (t: Term) => boolean) => {
    let run: Term[] = [];
    const flush = () => {
      const trimmed = trimRun(run);
      const span = toSpan(text, trimmed, kind, terms[terms.indexOf(trimmed[0]!) - 1]);
      if (span) out.push(span);
      run = [];
    };
    terms.forEach((t, i) => {
      const inner = allowInner && run.length > 0 && allowInner(t) && terms[i + 1] && test(terms[i + 1]!);
      if (test(t) || inner) {
        run.push(t);
        if (breaksAfter(t)) flush();
      } else flush();
    });
    flush();
  };
  // "Made in China 2025", "Bank of England": names may hold "of"/"in" between capitalised words
  // ("and" would merge two names into one deletion).
  collect(isName, 'name', (t) => /^(?:of|in|de)$/.test(t.text));
  // A number keeps its unit ("65 percent", "38 million euros"): the unit is part of the fact.
  collect((t) => isNumber(t) && !isDate(t), 'number', (t) => isUnit(t) || /^(?:to|and)$/.test(t.text));
  for (const sp of out.filter((x) => x.kind === 'number')) extendUnit(text, terms, sp);
  collect(isDate, 'date');
  collect(isNounish, 'term');
  const seen = new Set<string>();
  return out.filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Grows a number span over the unit words right after it. */
function extendUnit(text: string, terms: Term[], span: Span): void {
  let i = terms.findIndex((t) => t.offset.start >= span.end);
  while (i >= 0 && i < terms.length && isUnit(terms[i]!) && /^\s*$/.test(text.slice(span.end, terms[i]!.offset.start))) {
    const t = terms[i]!;
    const word = /^[A-Za-z]+/.exec(text.slice(t.offset.start))?.[0] ?? '';
    if (!word) break;
    span.end = t.offset.start + word.length;
    span.text = text.slice(span.start, span.end);
    if (breaksAfter(t)) break;
    i++;
  }
}

/** Stems of a span's content words, to weigh it against the article's vocabulary. */
export const spanStems = (span: Span) => tokens(span.text).filter((w) => !STOP_WORDS.has(w)).map(stem);
