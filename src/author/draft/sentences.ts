/**
 * Article text → title and sentences. Lines wrapped inside a sentence (as in text pasted from a
 * PDF or a newsletter) are joined back; initialisms such as "U.S." do not end a sentence.
 * Pure: no DOM, no NLP library.
 */

export interface Sentence {
  /** Position in the article, from 0. */
  index: number;
  paragraph: number;
  text: string;
}

export interface SplitArticle {
  /** A first short line without final punctuation, read as the headline. */
  title: string | null;
  sentences: Sentence[];
}

const ENDS_SENTENCE = /[.!?:;"'”’)\]]$/;
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co', 'jr', 'sr', 'no', 'fig', 'approx']);

/** Short, and most longer words capitalised: "Trump Let China Use a Key AI Chip". */
function isHeading(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => w.replace(/\W/g, '').length > 3);
  if (line.length > 120 || !words.length) return false;
  return words.filter((w) => /^[A-Z0-9“"'‘]/.test(w)).length / words.length >= 0.6;
}

/** Joins wrapped lines; a blank line, or a line ending a sentence followed by a capital, starts a paragraph. */
function paragraphs(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      if (current) out.push(current);
      current = '';
      continue;
    }
    // A line without final punctuation continues on the next one, unless it reads as a heading.
    const continues = current && !ENDS_SENTENCE.test(current) && (/^[a-z0-9(“"'‘$%,]/.test(line) || !isHeading(current));
    if (continues) current += ` ${line}`;
    else {
      if (current) out.push(current);
      current = line;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Splits one paragraph into sentences. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  const re = /[.!?]+["”’')\]]*(?=\s+["“‘'(\[]?[A-Z0-9])/g;
  let start = 0;
  for (const m of paragraph.matchAll(re)) {
    const end = m.index + m[0].length;
    const before = paragraph.slice(start, m.index);
    const lastWord = /(\S+)$/.exec(before)?.[1] ?? '';
    // "U.S." or "e.g." or a single initial ("J. Smith") is not the end of a sentence.
    if (m[0].startsWith('.') && (/^(?:[A-Za-z]\.)+[A-Za-z]?$/.test(lastWord) || /^[A-Z]$/.test(lastWord) || ABBREVIATIONS.has(lastWord.toLowerCase()))) continue;
    out.push(paragraph.slice(start, end).trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => /[A-Za-z0-9]/.test(s));
}

/** The article's headline (if any) and its sentences in order. */
export function splitArticle(text: string): SplitArticle {
  const paras = paragraphs(text);
  let title: string | null = null;
  const first = paras[0];
  if (first && paras.length > 1 && first.length <= 150 && !/[.!?:;]$/.test(first)) {
    title = first;
    paras.shift();
  }
  const sentences: Sentence[] = [];
  paras.forEach((p, paragraph) => {
    for (const s of splitSentences(p)) sentences.push({ index: sentences.length, paragraph, text: s });
  });
  return { title, sentences };
}
