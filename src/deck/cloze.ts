/**
 * Anki-style cloze markup: `{{c1::answer}}` or `{{c1::answer::hint}}`.
 * One parser for the validator, the study screen and the quiz, so they agree on what a
 * deletion is. Pure: no DOM.
 */

export type ClozeSegment =
  | { kind: 'text'; text: string }
  | { kind: 'deletion'; n: number; answer: string; hint?: string };

export interface ClozeParse {
  segments: ClozeSegment[];
  /** Deletion numbers in ascending order, each once (c1 and c1 again form one review item). */
  numbers: number[];
  /** Problems with the markup, each with the character offset where it starts. */
  problems: { offset: number; message: string }[];
}

const OPEN = '{{';
const CLOSE = '}}';
const HEAD = /^c(\d+)::/;

/** Splits cloze text into plain text and deletions, reporting malformed markup. */
export function parseCloze(source: string): ClozeParse {
  const segments: ClozeSegment[] = [];
  const problems: ClozeParse['problems'] = [];
  const numbers = new Set<number>();
  let at = 0;
  let plain = '';
  while (at < source.length) {
    const open = source.indexOf(OPEN, at);
    const strayClose = source.indexOf(CLOSE, at);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      problems.push({ offset: strayClose, message: 'has "}}" without a matching "{{c1::"' });
    }
    if (open === -1) {
      plain += source.slice(at);
      break;
    }
    plain += source.slice(at, open);
    const close = source.indexOf(CLOSE, open + OPEN.length);
    if (close === -1) {
      problems.push({ offset: open, message: 'has "{{" that is never closed with "}}"' });
      plain += source.slice(open);
      break;
    }
    const inner = source.slice(open + OPEN.length, close);
    const head = HEAD.exec(inner);
    if (inner.includes(OPEN)) {
      problems.push({ offset: open, message: 'has a deletion inside another deletion, which is not supported' });
      // Skip the whole nested construct, so its outer "}}" is not reported again as a stray.
      at = balancedEnd(source, open);
      continue;
    } else if (!head) {
      problems.push({ offset: open, message: `has "{{${inner.slice(0, 12)}" where a deletion like "{{c1::answer}}" was expected` });
    } else {
      const n = Number(head[1]);
      const [answer = '', hint, ...extra] = inner.slice(head[0].length).split('::');
      if (n < 1) problems.push({ offset: open, message: 'numbers deletions from c1, not c0' });
      else if (!answer.trim()) problems.push({ offset: open, message: `has an empty answer in c${n}` });
      else if (extra.length) problems.push({ offset: open, message: `has more than one "::hint" in c${n}` });
      else {
        if (plain) segments.push({ kind: 'text', text: plain });
        plain = '';
        segments.push(hint?.trim() ? { kind: 'deletion', n, answer, hint } : { kind: 'deletion', n, answer });
        numbers.add(n);
      }
    }
    at = close + CLOSE.length;
  }
  if (plain) segments.push({ kind: 'text', text: plain });
  return { segments, numbers: [...numbers].sort((a, b) => a - b), problems };
}

/** Index just past the "}}" that closes the "{{" at `open`, counting nested pairs; the end if none does. */
function balancedEnd(source: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < source.length) {
    if (source.startsWith(OPEN, i)) {
      depth += 1;
      i += OPEN.length;
    } else if (source.startsWith(CLOSE, i)) {
      depth -= 1;
      i += CLOSE.length;
      if (depth === 0) return i;
    } else i += 1;
  }
  return source.length;
}

/** The answers of deletion `n`, joined as a learner would say them. */
export function clozeAnswer(source: string, n: number): string {
  return parseCloze(source)
    .segments.filter((s): s is Extract<ClozeSegment, { kind: 'deletion' }> => s.kind === 'deletion' && s.n === n)
    .map((s) => s.answer)
    .join(' … ');
}
