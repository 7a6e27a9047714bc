/**
 * Tolerant comparison of a typed answer with the expected one, shared by the study screen and
 * the quiz so both judge an answer the same way. Pure: no DOM, no storage.
 * Case, accents, punctuation and spacing never make an answer wrong; a small typo on a longer
 * answer makes it "close"; numbers must always be right.
 */

export type Verdict = 'exact' | 'close' | 'wrong';

export interface MatchResult {
  verdict: Verdict;
  /** The expected or accepted answer (as written in the deck) closest to what was given. */
  best: string;
  /** Damerau–Levenshtein distance between the normalised answers (0 when exact). */
  distance: number;
}

export interface MatchOptions {
  /** Accept small typos on longer answers as "close". */
  typos: boolean;
}

export type DiffKind = 'same' | 'missing' | 'extra';
export interface DiffPart {
  kind: DiffKind;
  text: string;
}

// Letters that NFD does not split into a base letter and a mark.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const MARKS = /\p{M}+/gu;
const QUOTES = /['’‘`´ʼ]/g;

/** Folds one string for comparison: lower case, no accents, punctuation as spaces, single spaces. */
export function normaliseAnswer(s: string): string {
  return (
    s
      // NFKD also folds full-width letters and ligatures typed on some phone keyboards.
      .normalize('NFKD')
      .replace(MARKS, '')
      .toLowerCase()
      .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? c)
      // "don't" and "dont" are the same answer: drop apostrophes rather than split the word.
      .replace(QUOTES, '')
      .replace(/&/g, ' and ')
      // Thousands separators: "1,000" is "1000"; a decimal point stays ("3.5" is not "35").
      .replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, '$1')
      .replace(/(\d)\.(?=\d)/g, '$1\u0000')
      .replace(/[\p{P}\p{S}]/gu, ' ')
      .replace(/\u0000/g, '.')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Optimal-string-alignment Damerau–Levenshtein distance (adjacent swaps count as one edit). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = x.length;
  const m = y.length;
  if (!n) return m;
  if (!m) return n;
  const rows: number[][] = [];
  for (let i = 0; i <= n; i++) rows.push(new Array<number>(m + 1).fill(0));
  for (let i = 0; i <= n; i++) rows[i]![0] = i;
  for (let j = 0; j <= m; j++) rows[0]![j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[n]![m]!;
}

/** How many edits still count as a typo for an answer of this (normalised) length. */
function typoAllowance(length: number): number {
  if (length >= 10) return 2;
  if (length >= 5) return 1;
  return 0;
}

const numbersIn = (s: string) => s.match(/\d+(?:\.\d+)?/g)?.join(' ') ?? '';

/** Judges `given` against `expected` and its accepted alternatives. */
export function matchAnswer(
  given: string,
  expected: string,
  accept: readonly string[] = [],
  opts: MatchOptions = { typos: true },
): MatchResult {
  const g = normaliseAnswer(given);
  const candidates = [expected, ...accept].map((raw) => {
    const norm = normaliseAnswer(raw);
    // An answer made only of punctuation ("?", "+") still has to be compared as written.
    return { raw, norm: norm || raw.trim().toLowerCase() };
  });
  const gg = g || given.trim().toLowerCase();
  let best = { raw: expected, distance: Infinity, norm: candidates[0]!.norm };
  for (const c of candidates) {
    const distance = c.norm === gg ? 0 : editDistance(gg, c.norm);
    if (distance < best.distance) best = { raw: c.raw, distance, norm: c.norm };
  }
  if (!gg) return { verdict: 'wrong', best: best.raw, distance: best.distance };
  if (best.distance === 0) return { verdict: 'exact', best: best.raw, distance: 0 };
  // Any candidate within its own allowance makes the answer close, even if another is nearer in raw edits.
  if (opts.typos) {
    for (const c of candidates) {
      const d = editDistance(gg, c.norm);
      const allowed = typoAllowance([...c.norm].length);
      if (d <= allowed && numbersIn(gg) === numbersIn(c.norm)) return { verdict: 'close', best: c.raw, distance: d };
    }
  }
  return { verdict: 'wrong', best: best.raw, distance: best.distance };
}

// Per-character fold so the diff ignores what the verdict ignores (case, accents).
const foldChar = (c: string) => c.normalize('NFD').replace(MARKS, '').toLowerCase();

/** Longest given answer the diff looks at: keeps the quadratic table small on a phone. */
const DIFF_LIMIT = 400;

/**
 * Character-level difference between what was typed and what was expected: `same` parts show the
 * expected spelling, `missing` parts are expected characters not typed, `extra` parts were typed
 * but not expected.
 */
export function diffAnswer(given: string, expected: string): DiffPart[] {
  const a = [...given.trim().slice(0, DIFF_LIMIT)];
  const b = [...expected.trim()];
  const fa = a.map(foldChar);
  const fb = b.map(foldChar);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = fa[i] === fb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffKind, ch: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += ch;
    else parts.push({ kind, text: ch });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fa[i] === fb[j]) {
      push('same', b[j]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push('extra', a[i++]!);
    } else {
      push('missing', b[j++]!);
    }
  }
  while (i < n) push('extra', a[i++]!);
  while (j < m) push('missing', b[j++]!);
  return parts;
}
