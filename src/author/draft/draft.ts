/**
 * Article → draft deck. Steps, each explainable to a teacher:
 * 1. split the article into sentences (`sentences.ts`);
 * 2. score how central each sentence is (LexRank over TF-IDF vectors, `centrality.ts`);
 * 3. the most central sentences, skipping near-repeats of one already chosen, become key points,
 *    trimmed of connectives, hedges and trailing asides (`summarise.ts`);
 * 4. proposed cards: a cloze per central sentence on its most telling name, number, date or key
 *    term (`terms.ts`), why/what questions from causal and defining sentences (`questions.ts`), and
 *    true/false statements from key points (false ones swap a person, organisation or number for
 *    another one the article uses);
 * 5. every proposal names the key point it serves and the sentence it came from; the teacher
 *    accepts, edits or rejects each, and only accepted text reaches the deck (`draftToDeck`).
 * Pure: compromise is passed in as `nlp`, so the app loads it lazily and the CLI imports it.
 */
import type { Card, Deck, KeyPoint } from '../../deck/schema';
import { validateDeck, type DeckResult } from '../../deck/validate';
import { idFromText, uniqueId } from '../ids';
import { centrality } from './centrality';
import { questionsFrom } from './questions';
import { splitArticle, type Sentence } from './sentences';
import { trimSentence } from './summarise';
import { spans, spanStems, taggedTerms, type Nlp, type Span } from './terms';
import { contentStems, tokens } from './words';

export type ProposalKind = 'cloze' | 'why' | 'what' | 'truefalse';

export interface KeyPointProposal {
  id: string;
  text: string;
  /** The article sentence it summarises (shown while drafting, never saved on its own). */
  sentence: string;
  sentenceIndex: number;
  /** LexRank score, for the teacher's curiosity and for ordering. */
  score: number;
}

export interface CardProposal {
  kind: ProposalKind;
  card: Card;
  keyPoint: string;
  sentence: string;
  sentenceIndex: number;
}

export interface Draft {
  title: string;
  keyPoints: KeyPointProposal[];
  cards: CardProposal[];
}

export interface DraftOptions {
  /** How many key points at most (default: a third of the usable sentences, 3 to 12). */
  maxKeyPoints?: number;
  /** Cosine similarity above which a sentence repeats a chosen key point. */
  redundancy?: number;
}

/** A sentence worth summarising: long enough, a statement, not the author greeting the reader. */
function usable(s: Sentence): boolean {
  const n = tokens(s.text).length;
  return n >= 8 && n <= 80 && !/\?["”']?$/.test(s.text) && !/^(?:hi|hello|dear|welcome)\b/i.test(s.text) && contentStems(s.text).length >= 6;
}

/** A sentence opening with a pronoun leans on the one before; out of context it reads poorly. */
const leansOnContext = (text: string) => /^(?:(?:but|and|so|yet)\s*,?\s+)?(?:it|this|that|these|those|they)\b/i.test(text);

/** Builds the draft: key points and proposed cards, all linked. */
export function draftFromText(text: string, nlp: Nlp, options: DraftOptions = {}): Draft {
  const { title, sentences } = splitArticle(text);
  const c = centrality(sentences.map((s) => s.text));
  const candidates = sentences.filter(usable);
  const ranked = [...candidates].sort((a, b) => rank(b) - rank(a));
  // A sentence that leans on the one before, or talks to the reader ("you hear…"), makes a weaker
  // key point than one that states something on its own.
  function rank(s: Sentence) {
    return c.scores[s.index]! * (leansOnContext(s.text) ? 0.75 : 1) * (/\byou(?:'ll|'re)?\b/i.test(s.text) ? 0.7 : 1);
  }
  const max = options.maxKeyPoints ?? Math.min(15, Math.max(3, Math.round(candidates.length / 2)));
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
  chosen.sort((a, b) => a.index - b.index);
  const kpIds = new Set<string>();
  const keyPoints: KeyPointProposal[] = chosen.map((s) => {
    const kpText = trimSentence(s.text);
    return { id: idFromText(kpText, kpIds, 'key-point'), text: kpText, sentence: s.text, sentenceIndex: s.index, score: c.scores[s.index]! };
  });

  /** The key point a sentence serves: its own, else the most similar, else the nearest one before it. */
  const keyPointFor = (index: number): KeyPointProposal | undefined => {
    const own = keyPoints.find((k) => k.sentenceIndex === index);
    if (own) return own;
    let best: KeyPointProposal | undefined;
    let bestSim = 0.05;
    for (const k of keyPoints) {
      const sim = c.similarity(index, k.sentenceIndex);
      if (sim > bestSim) [best, bestSim] = [k, sim];
    }
    return best ?? [...keyPoints].reverse().find((k) => k.sentenceIndex < index) ?? keyPoints[0];
  };

  const cardIds = new Set<string>();
  const cards: CardProposal[] = [];
  type CardBody = Card extends infer C ? (C extends Card ? Omit<C, 'id' | 'keyPoint'> : never) : never;
  const push = (kind: ProposalKind, s: Sentence, card: CardBody, idText: string) => {
    const kp = keyPointFor(s.index);
    if (!kp) return;
    const full = { ...card, id: idFromText(idText, cardIds), keyPoint: kp.id } as Card;
    cards.push({ kind, card: full, keyPoint: kp.id, sentence: s.text, sentenceIndex: s.index });
  };

  // Which words carry the article: the article-wide TF-IDF weight of each stem.
  // Numbers and dates are always worth recalling; names and terms by how distinctive their words are,
  // names a little more, and phrases a little more than single words (they carry more of the idea).
  const spanWeight = (span: Span) => {
    if (span.kind === 'number' || span.kind === 'date') return 100;
    const stems = spanStems(span);
    const n = stems.length;
    if (!n || n > 5) return 0;
    const w = stems.reduce((sum, x) => sum + c.weight(x), 0) / Math.sqrt(n);
    return span.kind === 'name' ? w * 1.5 : w;
  };
  const usedAnswers = new Set<string>();
  const pool = new Map<string, Set<string>>();
  const textSpans = new Map<number, Span[]>();
  for (const s of candidates) {
    const trimmed = trimSentence(s.text, 220);
    const found = spans(nlp, trimmed);
    textSpans.set(s.index, found);
    for (const sp of found) {
      const key = poolKey(sp);
      if (!key) continue;
      if (!pool.has(key)) pool.set(key, new Set());
      pool.get(key)!.add(sp.text);
    }
  }

  // Clozes on the central half of the usable sentences.
  const clozeSentences = ranked.slice(0, Math.max(keyPoints.length, Math.ceil(ranked.length * 0.6)));
  for (const s of [...clozeSentences].sort((a, b) => a.index - b.index)) {
    const trimmed = trimSentence(s.text, 220);
    const options = (textSpans.get(s.index) ?? [])
      .filter((sp) => !usedAnswers.has(sp.text.toLowerCase()))
      // Leave enough of the sentence to recall from.
      .filter((sp) => sp.text.length <= trimmed.length * 0.4)
      // A deletion whose answer is still printed elsewhere in the sentence gives itself away.
      .filter((sp) => !(trimmed.slice(0, sp.start) + trimmed.slice(sp.end)).toLowerCase().includes(sp.text.toLowerCase()))
      .map((sp) => ({ sp, w: spanWeight(sp) }))
      .filter((o) => o.w > 0)
      .sort((a, b) => b.w - a.w || b.sp.text.length - a.sp.text.length);
    const best = options[0]?.sp;
    if (!best) continue;
    usedAnswers.add(best.text.toLowerCase());
    const clozeText = `${trimmed.slice(0, best.start)}{{c1::${best.text}}}${trimmed.slice(best.end)}`;
    push('cloze', s, { type: 'cloze', text: clozeText }, trimmed);
  }

  // Why / what questions wherever the sentence's shape allows.
  for (const s of candidates) {
    const terms = taggedTerms(nlp, s.text);
    const startsWithName = (clause: string) => {
      const first = clause.split(/\s+/)[0]?.replace(/[^\w-]/g, '') ?? '';
      const term = terms.find((t) => t.text.replace(/[^\w-]/g, '') === first);
      return !!term && (term.tags.includes('ProperNoun') || term.tags.includes('Acronym'));
    };
    for (const q of questionsFrom(s.text, startsWithName)) {
      if (q.front.length > 2000 || q.back.length > 2000) continue;
      push(q.kind, s, { type: 'basic', front: q.front, back: q.back }, q.front);
    }
  }

  // True/false: a key point with one name or number swapped is a false statement; where nothing
  // can be swapped, every other key point is offered as stated (true), so the deck is not half
  // made of key points read back.
  keyPoints.forEach((kp, i) => {
    const s = sentences[kp.sentenceIndex]!;
    const swapped = swapOne(kp.text, spans(nlp, kp.text), pool, i);
    if (swapped) {
      push('truefalse', s, { type: 'truefalse', statement: swapped, answer: false, explanation: `The article says: ${kp.text}` }, `${swapped} false`);
    } else if (i % 2 === 0) {
      push('truefalse', s, { type: 'truefalse', statement: kp.text, answer: true }, `${kp.text} true`);
    }
  });

  return { title: title ?? keyPoints[0]?.text.slice(0, 80) ?? 'Draft deck', keyPoints, cards };
}

/**
 * Like-for-like swaps only: a person for a person, an organisation for an organisation, a number
 * for a number. Places are left alone: a capital often stands for its country ("Beijing says"),
 * so swapping "Beijing" for "China" would make a "false" statement that is still true.
 */
const poolKey = (sp: Span): string | null =>
  sp.kind === 'name' ? (sp.sub === 'person' || sp.sub === 'organization' ? sp.sub : null) : sp.kind === 'term' ? null : sp.kind;

/** Replaces one name, number or date with another of the same kind from the article; null if none fits. */
function swapOne(text: string, found: Span[], pool: Map<string, Set<string>>, turn: number): string | null {
  for (const sp of found) {
    const key = poolKey(sp);
    if (!key) continue;
    // Same number of words, so agreement and rhythm survive the swap.
    const size = sp.text.split(/\s+/).length;
    const others = [...(pool.get(key) ?? [])].filter((o) => o !== sp.text && !text.includes(o) && o.split(/\s+/).length === size);
    const pick = others[turn % Math.max(1, others.length)];
    if (pick) return `${text.slice(0, sp.start)}${pick}${text.slice(sp.end)}`;
  }
  return null;
}

export interface DeckChoice {
  id: string;
  title: string;
  /** Key points the teacher kept, with their final text. */
  keyPoints: KeyPoint[];
  /** Cards the teacher kept, with their final content. */
  cards: Card[];
  description?: string;
  language?: string;
}

/** The deck from what the teacher accepted; cards whose key point was rejected keep no key point. */
export function draftToDeck(choice: DeckChoice): DeckResult {
  const kept = new Set(choice.keyPoints.map((k) => k.id));
  const cards = choice.cards.map((card) => {
    if (card.keyPoint && !kept.has(card.keyPoint)) {
      const { keyPoint: _dropped, ...rest } = card;
      return rest as Card;
    }
    return card;
  });
  const deck: Deck = {
    id: choice.id,
    version: 1,
    title: choice.title,
    ...(choice.description ? { description: choice.description } : {}),
    ...(choice.language ? { language: choice.language } : {}),
    ...(choice.keyPoints.length ? { keyPoints: choice.keyPoints } : {}),
    cards,
  };
  return validateDeck(deck);
}

/** Everything accepted: what the CLI writes. */
export function acceptAll(draft: Draft, id?: string): DeckResult {
  return draftToDeck({
    id: id ?? uniqueId(draft.title.split(/\s+/).slice(0, 6).join(' '), new Set(), 'draft-deck'),
    title: draft.title.slice(0, 120),
    language: 'en',
    keyPoints: draft.keyPoints.map(({ id, text }) => ({ id, text })),
    cards: draft.cards.map((p) => p.card),
  });
}
