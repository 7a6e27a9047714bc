/**
 * The drafts Briefdeck keeps, described once: the editor's autosaved decks (`author:deck:<id>`,
 * `{ deck, at }`) and its list of never-saved deck ids (`author:unsaved`). A draft may hold an
 * unfinished deck (empty fields are its point), but never a shape the editor cannot open: the
 * backup reader and the editor both check it here. Pure.
 */
import { LIMITS } from '../deck/schema';

const CARD_TEXTS: Record<string, readonly string[]> = {
  __proto__: null as never,
  basic: ['front', 'back'],
  cloze: ['text'],
  mcq: ['question'],
  truefalse: ['statement'],
  typed: ['question', 'answer'],
};
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown) => typeof x === 'string';

/** What is wrong with an autosaved deck the editor would open, as `field: problem`; null when it can open it. */
export function draftDeckProblem(value: unknown, id: string): string | null {
  if (!isRecord(value) || !isRecord(value.deck)) return 'deck: must be an object';
  if (typeof value.at !== 'number' || !Number.isFinite(value.at)) return 'at: must be a time';
  const deck = value.deck;
  if (deck.id !== id) return `deck.id: must be "${id}", the deck the draft is for`;
  if (!isText(deck.title)) return 'deck.title: must be text';
  if (!Array.isArray(deck.cards) || deck.cards.length > LIMITS.cards) return `deck.cards: must be a list of at most ${LIMITS.cards} cards`;
  if (deck.keyPoints !== undefined && !(Array.isArray(deck.keyPoints) && deck.keyPoints.every((k) => isRecord(k) && isText(k.id) && isText(k.text)))) {
    return 'deck.keyPoints: must be a list of key points with an id and text';
  }
  for (const [i, card] of (deck.cards as unknown[]).entries()) {
    const texts = isRecord(card) ? CARD_TEXTS[card.type as string] : undefined;
    if (!isRecord(card) || !texts || !isText(card.id)) return `deck.cards[${i}]: must be a card with an id and a type`;
    const missing = texts.find((f) => !isText(card[f]));
    if (missing) return `deck.cards[${i}].${missing}: must be text`;
    if (card.type === 'mcq' && !(Array.isArray(card.choices) && card.choices.every(isText))) return `deck.cards[${i}].choices: must be a list of texts`;
  }
  return null;
}

/** What is wrong with the draft kept under `key`, as `field: problem`; null when it is one Briefdeck keeps and can read. */
export function draftProblem(key: string, value: unknown): string | null {
  if (key === 'author:unsaved') return Array.isArray(value) && value.every(isText) ? null : 'value: must be a list of deck ids';
  const m = /^author:deck:(.+)$/.exec(key);
  if (!m) return 'key: is not a draft Briefdeck keeps';
  const problem = draftDeckProblem(value, m[1]!);
  return problem && `value.${problem}`;
}
