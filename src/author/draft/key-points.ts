/**
 * Which sentences become key points: the most central ones (LexRank), a share per paragraph so no
 * part of the article is skipped, no near-repeats of one already chosen, in the article's order.
 * A sentence that gives a figure or a reason ranks higher; one that leans on the sentence before,
 * talks to the reader or announces a point instead of making it ranks lower. Pure.
 */
import type { Centrality } from './centrality';
import type { Sentence } from './sentences';
import { contentStems, tokens } from './words';

export interface DraftOptions {
  /** How many key points at most (default: one usable sentence in two, 4 to 12). */
  maxKeyPoints?: number;
  /** Cosine similarity above which a sentence repeats a chosen key point. */
  redundancy?: number;
}

/** A sentence worth summarising: long enough, a statement, not the author greeting the reader. */
export function usable(s: Sentence): boolean {
  const n = tokens(s.text).length;
  return n >= 6 && n <= 80 && !/\?["”']?$/.test(s.text) && !/^(?:hi|hello|dear|welcome)\b/i.test(s.text) && contentStems(s.text).length >= 4;
}

/** A sentence opening with a pronoun leans on the one before; out of context it reads poorly. */
const leansOnContext = (text: string) => /^(?:(?:but|and|so|yet)\s*,?\s+)?(?:it|this|that|these|those|they)\b/i.test(text);

/** Words that mark a cause or a contrast: the sentence gives a reason or sets two things apart. */
const REASON = /\b(?:because|so|since|therefore|thus|rather than|instead of|even though|although|not\b.{1,60}\bbut|which (?:makes|means|gives|lets|allows))\b|, not (?:a|an|the|just|only)\b/i;
const FIGURE = /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b/i;
/** Talking to the reader ("you hear…", "remember…"). */
const TO_READER = /\byou(?:'ll|'re)?\b|^(?:remember|think|consider|imagine|note)\b/i;
/** Announcing a point ("What's more interesting is how…") rather than making it. */
const ANNOUNCES = /^(?:what's|what is) (?:more |most |really )?(?:interesting|important|striking|surprising)\b|^(?:here's|here is) (?:why|how|what)\b/i;

/** The sentences to summarise as key points, in article order. */
export function chooseKeySentences(candidates: readonly Sentence[], c: Centrality, options: DraftOptions = {}): Sentence[] {
  const rank = (s: Sentence) =>
    c.scores[s.index]! *
    (leansOnContext(s.text) ? 0.6 : 1) *
    (TO_READER.test(s.text) ? 0.5 : 1) *
    (ANNOUNCES.test(s.text) ? 0.5 : 1) *
    (FIGURE.test(s.text) ? 1.25 : 1) *
    (REASON.test(s.text) ? 1.25 : 1);
  const ranked = [...candidates].sort((a, b) => rank(b) - rank(a));
  // One usable sentence in two, at least four when a short article has them, at most twelve.
  const max = options.maxKeyPoints ?? Math.min(12, candidates.length, Math.max(4, Math.round(candidates.length / 2)));
  const redundancy = options.redundancy ?? 0.3;
  const chosen: Sentence[] = [];
  const fits = (s: Sentence) => !chosen.includes(s) && !chosen.some((k) => c.similarity(k.index, s.index) > redundancy);
  // Centrality alone favours the article's main vocabulary and skips paragraphs that make a point
  // in their own words (an analogy, a list of companies). So each paragraph first gets a share of
  // the key points in proportion to its usable sentences, taken by rank within the paragraph;
  // what is left goes to the most central sentences overall.
  const byParagraph = new Map<number, Sentence[]>();
  for (const s of ranked) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
  for (const group of byParagraph.values()) {
    const share = Math.max(1, Math.round((max * group.length) / Math.max(1, candidates.length)));
    let taken = 0;
    for (const s of group) {
      if (taken >= share || chosen.length >= max) break;
      if (fits(s)) {
        chosen.push(s);
        taken++;
      }
    }
  }
  for (const s of ranked) {
    if (chosen.length >= max) break;
    if (fits(s)) chosen.push(s);
  }
  return chosen.sort((a, b) => a.index - b.index);
}
