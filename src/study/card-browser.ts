/**
 * Rows and filters of the deck page's card browser: one row per review item (a reversed side or a
 * cloze deletion is its own row, since each has its own schedule), searchable by text and
 * filterable by card type, key point and state. Pure.
 */
import { parseCloze } from '../deck/cloze';
import type { Card, CardType, Deck } from '../deck/schema';
import { expandCard } from '../deck/items';
import type { ItemRecord } from '../srs/types';
import * as State from '../srs/state';

export type RowState = 'new' | 'learning' | 'review' | 'suspended' | 'buried' | 'unseen';

export interface BrowserRow {
  itemId: string;
  card: Card;
  sub: string;
  /** Plain text of the card, for display and search. */
  text: string;
  item: ItemRecord | undefined;
  state: RowState;
}

export interface BrowserFilter {
  text: string;
  type: CardType | '';
  keyPoint: string;
  state: RowState | '';
}

/** The card's words without Markdown or cloze markup, for the list and for search. */
export function cardText(card: Card): string {
  switch (card.type) {
    case 'basic':
      return `${card.front} → ${card.back}`;
    case 'cloze':
      return parseCloze(card.text)
        .segments.map((s) => (s.kind === 'text' ? s.text : `[${s.answer}]`))
        .join('');
    case 'mcq':
      return `${card.question} (${card.choices.join(' / ')})`;
    case 'truefalse':
      return `${card.statement} (${card.answer ? 'true' : 'false'})`;
    case 'typed':
      return `${card.question} → ${card.answer}`;
    case 'occlusion':
      return `${card.alt} (${card.masks.map((m) => m.label).join(' / ')})`;
  }
}

export function rowState(item: ItemRecord | undefined, now: number): RowState {
  if (!item) return 'unseen';
  if (item.suspended) return 'suspended';
  if (item.buriedUntil > now) return 'buried';
  if (item.state === State.New) return 'new';
  if (item.state === State.Review) return 'review';
  return 'learning';
}

export function browserRows(deck: Deck, items: readonly ItemRecord[], now: number): BrowserRow[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return deck.cards.flatMap((card) => {
    const text = cardText(card).replace(/[*_`]/g, '');
    return expandCard(deck.id, card).map((ref) => {
      const item = byId.get(ref.id);
      return { itemId: ref.id, card, sub: ref.sub, text, item, state: rowState(item, now) };
    });
  });
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

export function filterRows(rows: readonly BrowserRow[], f: BrowserFilter): BrowserRow[] {
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.type && r.card.type !== f.type) return false;
    if (f.keyPoint && r.card.keyPoint !== f.keyPoint) return false;
    if (f.state && r.state !== f.state) return false;
    if (!words.length) return true;
    const hay = fold(`${r.text} ${r.card.id} ${(r.card.tags ?? []).join(' ')}`);
    return words.every((w) => hay.includes(w));
  });
}
