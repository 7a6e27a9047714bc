/**
 * Article → draft deck. Steps, each explainable to a teacher:
 * 1. split the article into sentences (`sentences.ts`);
 * 2. score how central each sentence is (LexRank over TF-IDF vectors, `centrality.ts`), a little
 *    higher when it gives a figure or a reason, lower when it leans on the sentence before or
 *    talks to the reader;
 * 3. the most central sentences, a share per paragraph and no near-repeats, become key points in
 *    the article's order (`key-points.ts`), trimmed of openers, hedges, asides and trailing
 *    clauses (`summarise.ts`), then rewritten short for the teacher: attribution frames, leading
 *    concessions and long tails go when what is left stands alone (`shorten.ts`);
 * 4. cards come only from key-point sentences, so each is linked to the key point of the sentence
 *    it came from: a cloze on the terms a student must know (`clozes.ts`), why/how/contrast
 *    questions from causal and contrastive sentences (`questions.ts`), true/false statements about
 *    half true, the false ones changing one fact for a plausible one of the same kind
 *    (`falsify.ts`, `facts.ts`), and multiple choice with distractors of the answer's kind and
 *    shape (`choices.ts`); every generated statement passes a grammar check (`grammar.ts`);
 * 5. the teacher sees each proposal with its source sentence and accepts, edits or rejects it;
 *    only accepted text reaches the deck (`draftToDeck`).
 * How well this works is measured by `npm run deck:draft:eval` on a set of hand-summarised articles.
 * Pure: compromise is passed in as `nlp`, so the app loads it lazily and the CLI imports it.
 */
import type { Card, Deck, KeyPoint } from '../../deck/schema';
import { validateDeck, type DeckResult } from '../../deck/validate';
import { idFromText, uniqueId } from '../ids';
import { centrality } from './centrality';
import { questionsFrom } from './questions';
import { splitArticle } from './sentences';
import { trimSentence } from './summarise';
import { shortenKeyPoint } from './shorten';
import { answerDistractors, asClaim, asReason, makeChoice } from './choices';
import { makeCloze, type ClozeWeights } from './clozes';
import { falsify, type NamePool } from './falsify';
import { isFragment, isGrammatical } from './grammar';
import { memoNlp, spans, spanStems, taggedTerms, type Nlp } from './terms';
import { chooseKeySentences, usable, type DraftOptions } from './key-points';

export type ProposalKind = 'cloze' | 'why' | 'how' | 'what' | 'truefalse' | 'mcq';

export interface KeyPointProposal {
  id: string;
  /** The claim rewritten short (`shorten.ts`); what the teacher keeps. */
  text: string;
  /** The sentence trimmed of asides (`summarise.ts`): what the cards are drafted from. */
  claim: string;
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

export type { DraftOptions };

/** Builds the draft: key points and proposed cards, all linked. */
export function draftFromText(text: string, untagged: Nlp, options: DraftOptions = {}): Draft {
  const nlp = memoNlp(untagged);
  const { title, sentences } = splitArticle(text);
  const c = centrality(sentences.map((s) => s.text));
  const candidates = sentences.filter(usable);
  const chosen = chooseKeySentences(candidates, c, options);
  const kpIds = new Set<string>();
  const keyPoints: KeyPointProposal[] = chosen.map((s) => {
    const claim = trimSentence(s.text);
    const kpText = shortenKeyPoint(nlp, claim);
    return { id: idFromText(kpText, kpIds, 'key-point'), text: kpText, claim, sentence: s.text, sentenceIndex: s.index, score: c.scores[s.index]! };
  });

  const cardIds = new Set<string>();
  const cards: CardProposal[] = [];
  type CardBody = Card extends infer C ? (C extends Card ? Omit<C, 'id' | 'keyPoint'> : never) : never;
  // Cards come only from key-point sentences, so each is linked to the key point of the very
  // sentence it came from: a link never rests on a similarity guess.
  const push = (kind: ProposalKind, kp: KeyPointProposal, card: CardBody, idText: string) => {
    const full = { ...card, id: idFromText(idText, cardIds), keyPoint: kp.id } as Card;
    cards.push({ kind, card: full, keyPoint: kp.id, sentence: kp.sentence, sentenceIndex: kp.sentenceIndex });
  };

  // The article's people and organisations, for like-for-like swaps and distractors.
  const pool: NamePool = new Map([
    ['person', []],
    ['organization', []],
  ]);
  // Only a sentence with a capital after its first letter can hold a name.
  for (const s of candidates.filter((x) => /\s["“‘(]?[A-Z]/.test(x.text))) {
    for (const sp of spans(nlp, s.text)) {
      if (sp.kind !== 'name' || (sp.sub !== 'person' && sp.sub !== 'organization')) continue;
      // Only clean names make fair swaps: not an initialism cut short ("U.S"), not a plural product ("Nvidia GPUs").
      if (sp.text.length < 3 || /\./.test(sp.text) || /[A-Z]s$/.test(sp.text)) continue;
      const list = pool.get(sp.sub)!;
      if (!list.includes(sp.text)) list.push(sp.text);
    }
  }
  const lowerSentences = sentences.map((s) => s.text.toLowerCase());
  const lowerTitle = (title ?? '').toLowerCase();
  const weights: ClozeWeights = {
    termWeight: (span) => {
      const stems = spanStems(span);
      const n = stems.length;
      if (!n || n > 5) return 0;
      return stems.reduce((sum, x) => sum + c.weight(x), 0) / Math.sqrt(n);
    },
    // A name in the headline counts as everywhere: the student has just read it.
    spread: (span) => {
      const t = span.text.toLowerCase();
      if (lowerTitle.includes(t)) return 1;
      return lowerSentences.filter((x) => x.includes(t)).length / Math.max(1, sentences.length);
    },
  };
  const grammatical = (text: string) => isGrammatical(nlp, text);
  const usedAnswers = new Set<string>();
  let trues = 0;
  let falses = 0;

  keyPoints.forEach((kp, i) => {
    const s = sentences[kp.sentenceIndex]!;
    const found = spans(nlp, kp.claim);

    const cloze = makeCloze(kp.claim, found, weights, usedAnswers);
    if (cloze) {
      for (const a of cloze.answers) usedAnswers.add(a.toLowerCase());
      push('cloze', kp, { type: 'cloze', text: cloze.text }, kp.claim);
    }

    const terms = taggedTerms(nlp, s.text);
    const startsWithName = (clause: string) => {
      const first = clause.split(/\s+/)[0]?.replace(/[^\w-]/g, '') ?? '';
      const term = terms.find((t) => t.text.replace(/[^\w-]/g, '') === first);
      return !!term && (term.tags.includes('ProperNoun') || term.tags.includes('Acronym'));
    };
    // The claim first (its asides trimmed away free the subject of a question), then the
    // whole sentence (whose trailing reason the key point may have dropped).
    const asked = new Set<string>();
    for (const q of [...questionsFrom(kp.claim, startsWithName), ...questionsFrom(trimAsides(s.text), startsWithName)]) {
      if (asked.has(q.front) || asked.has(q.back)) continue;
      if (q.front.length > 2000 || q.back.length > 2000 || !grammatical(q.front) || !isGrammatical(nlp, q.back, { fragment: isFragment(q.back) })) continue;
      asked.add(q.front).add(q.back);
      push(q.kind, kp, { type: 'basic', front: q.front, back: q.back }, q.front);
    }

    // True/false, about half each: a false one whenever the true ones are ahead and a change of
    // the same kind exists; the key point as stated otherwise.
    const wantFalse = falses < trues || (falses === trues && i % 2 === 1);
    const changed = wantFalse ? falsify(kp.claim, found, pool, i, grammatical) : null;
    if (changed) {
      falses++;
      push('truefalse', kp, { type: 'truefalse', statement: changed.statement, answer: false, explanation: `The article says: ${kp.claim}` }, `${changed.statement} false`);
    } else if (trues <= falses && grammatical(kp.claim)) {
      trues++;
      push('truefalse', kp, { type: 'truefalse', statement: kp.claim, answer: true }, `${kp.claim} true`);
    }

    const choice = makeChoice(kp.claim, found, pool, new Set(cloze?.answers.map((a) => a.toLowerCase())), i);
    if (choice && grammatical(choice.question.replace('_____', choice.choices[choice.answer]!))) {
      push('mcq', kp, { type: 'mcq', question: choice.question, choices: choice.choices, answer: choice.answer }, choice.question);
    }
  });

  // A question whose answer has fellow answers of the same shape in the draft becomes a
  // multiple-choice card: a quiz then never asks to type a whole sentence.
  // Other claims of the article, put as reasons ("Because the canal opened…") or as they stand
  // ("The canal opened in 1797."), are wrong answers of the same shape to a question about a
  // different sentence.
  const claims = keyPoints.map((k) => ({ sentenceIndex: k.sentenceIndex, reason: asReason(nlp, k.claim), claim: asClaim(k.claim) }));
  const answers = cards.flatMap((p) => (p.card.type === 'basic' ? [{ sentenceIndex: p.sentenceIndex, text: p.card.back }] : []));
  cards.forEach((p, i) => {
    if (p.card.type !== 'basic') return;
    const others = [
      ...answers.filter((a) => a.sentenceIndex !== p.sentenceIndex).map((a) => a.text),
      ...claims.filter((c) => c.sentenceIndex !== p.sentenceIndex && c.reason).map((c) => c.reason!),
      ...claims.filter((c) => c.sentenceIndex !== p.sentenceIndex && c.claim).map((c) => c.claim!),
    ];
    const wrong = answerDistractors(p.card.back, others, i);
    if (!wrong.length) return;
    const at = i % (wrong.length + 1);
    const choices = [...wrong];
    choices.splice(at, 0, p.card.back);
    p.card = { id: p.card.id, keyPoint: p.keyPoint, type: 'mcq', question: p.card.front, choices, answer: at };
  });

  return { title: title ?? keyPoints[0]?.text.slice(0, 80) ?? 'Draft deck', keyPoints, cards };
}

/** A sentence without its bracketed asides, which a question has no room for. */
const trimAsides = (text: string) => text.replace(/\s*\([^)]*\)/g, '').replace(/\s+[—–]\s+[^—–]*\s+[—–]\s+/g, ' ');

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
