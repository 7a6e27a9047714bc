/**
 * The editor's working copy is a `Deck` that may be incomplete (empty fields while typing).
 * These pure helpers change it immutably and tidy it before validation and saving: empty
 * optional fields are dropped, so the validator reports only what a teacher must fix.
 */
import { CARD_TYPES, type Card, type CardType, type Deck } from '../deck/schema';
import { newCardId } from './ids';

const blank = (s: unknown) => typeof s !== 'string' || !/\S/.test(s);

/** The deck as it would be saved: empty optional fields removed, nothing else changed. */
export function cleanForSave(deck: Deck): Deck {
  const out: Deck = { ...deck };
  if (blank(out.description)) delete out.description;
  if (blank(out.language)) delete out.language;
  if (!out.tags?.length) delete out.tags;
  if (out.source) {
    const src = Object.fromEntries(Object.entries(out.source).filter(([, v]) => !blank(v))) as NonNullable<Deck['source']>;
    if (Object.keys(src).length) out.source = src;
    else delete out.source;
  }
  if (!out.keyPoints?.length) delete out.keyPoints;
  out.cards = deck.cards.map((card) => {
    const c = { ...card } as Card;
    if (blank(c.explanation)) delete c.explanation;
    if (blank(c.keyPoint)) delete c.keyPoint;
    if (!c.tags?.length) delete c.tags;
    if (c.type === 'typed') {
      const accept = (c.accept ?? []).filter((a) => /\S/.test(a));
      if (accept.length) c.accept = accept;
      else delete c.accept;
    }
    if (c.type === 'basic' && !c.reverse) delete c.reverse;
    if (c.type === 'occlusion' && blank(c.question)) delete c.question;
    return c;
  });
  return out;
}

/** Text the card's front shows, to label it in lists and buttons. */
export function cardSummary(card: Card): string {
  const text = card.type === 'occlusion' ? card.question ?? card.alt : mainText(card);
  const plain = text.replace(/\{\{c\d+::([^}:]*)(?:::[^}]*)?\}\}/g, '[$1]').replace(/\s+/g, ' ').trim();
  return plain.length > 60 ? `${plain.slice(0, 57)}…` : plain || '(empty)';
}

export const TYPE_NAMES: Record<CardType, string> = {
  basic: 'Front and back',
  cloze: 'Cloze (fill the gap)',
  mcq: 'Multiple choice',
  truefalse: 'True or false',
  typed: 'Typed answer',
  occlusion: 'Image occlusion (hide parts of a picture)',
};

/** The main text of a card, whatever its type, so a type change keeps what was typed. */
function mainText(card: Card): string {
  switch (card.type) {
    case 'basic':
      return card.front;
    case 'cloze':
      return card.text;
    case 'truefalse':
      return card.statement;
    case 'occlusion':
      return card.question ?? '';
    default:
      return card.question;
  }
}

/** An empty card of a type, with a fresh stable id. */
export function emptyCard(type: CardType, taken: Set<string>): Card {
  return withType({ id: newCardId(type, taken), type: 'basic', front: '', back: '' }, type);
}

/** The same card (same id, key point, tags, explanation) as another type, keeping its main text. */
export function withType(card: Card, type: CardType): Card {
  if (!CARD_TYPES.includes(type)) return card;
  const base = {
    id: card.id,
    ...(card.keyPoint ? { keyPoint: card.keyPoint } : {}),
    ...(card.tags ? { tags: card.tags } : {}),
    ...(card.explanation ? { explanation: card.explanation } : {}),
  };
  const text = mainText(card);
  const answerText = card.type === 'basic' ? card.back : card.type === 'typed' ? card.answer : '';
  switch (type) {
    case 'basic':
      return { ...base, type, front: text, back: answerText };
    case 'cloze':
      return { ...base, type, text };
    case 'mcq':
      return { ...base, type, question: text, choices: card.type === 'mcq' ? card.choices : [answerText, ''], answer: card.type === 'mcq' ? card.answer : 0 };
    case 'truefalse':
      return { ...base, type, statement: text, answer: card.type === 'truefalse' ? card.answer : true };
    case 'typed':
      return { ...base, type, question: text, answer: answerText };
    case 'occlusion':
      // The picture, its alt text and the masks are chosen in the occlusion editor.
      return card.type === 'occlusion' ? card : { ...base, type, ...(text ? { question: text } : {}), image: '', alt: '', mode: 'hide-one', masks: [] };
  }
}

/** Moves an element from one index to another (immutably); out-of-range moves return the list unchanged. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** Tags typed as "a, b c" → ["a", "b", "c"] (commas and spaces both separate). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** Maps validation errors to the fields they are about: `cards[2].choices[1]` → that field. */
export function errorsByPath(errors: { path: string; message: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of errors) map.set(e.path, [...(map.get(e.path) ?? []), e.message]);
  return map;
}

/** DOM id of the field for a JSON path: `cards[2].front` → `f-cards-2-front`. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
