/**
 * Review items: which things a learner is asked about, derived from a deck's cards.
 * One per basic card (plus one for its reversed side), one per cloze deletion, one per
 * mcq / truefalse / typed card. Ids come from deck id + card id (+ side or deletion), never
 * from card text, so editing a card keeps its progress. Pure: no IndexedDB, no clock.
 */
import { parseCloze } from './cloze.ts';
import type { Card, Deck } from './schema';

/**
 * A review item's sub-key within its card: `''` for the front of a basic card and for
 * mcq / truefalse / typed, `'reverse'` for a reversed basic card, `'c1'`, `'c2'`… per cloze deletion.
 */
export type ItemSub = string;

/** Stable id of a review item: `deckId/cardId` or `deckId/cardId#sub`. */
export type ItemId = string;

export interface ItemRef {
  id: ItemId;
  deckId: string;
  cardId: string;
  sub: ItemSub;
}

/** `deckId/cardId`, or `deckId/cardId#sub` for a reversed side or a cloze deletion. */
export function itemId(deckId: string, cardId: string, sub: ItemSub = ''): ItemId {
  return sub ? `${deckId}/${cardId}#${sub}` : `${deckId}/${cardId}`;
}

/** Splits an item id back into its parts (deck and card ids are slugs, so `/` and `#` are free). */
export function parseItemId(id: ItemId): ItemRef {
  const slash = id.indexOf('/');
  if (slash <= 0) throw new Error(`"${id}" is not a review item id (expected deckId/cardId)`);
  const hash = id.indexOf('#', slash);
  const deckId = id.slice(0, slash);
  const cardId = hash === -1 ? id.slice(slash + 1) : id.slice(slash + 1, hash);
  const sub = hash === -1 ? '' : id.slice(hash + 1);
  return { id, deckId, cardId, sub };
}

function ref(deckId: string, cardId: string, sub: ItemSub = ''): ItemRef {
  return { id: itemId(deckId, cardId, sub), deckId, cardId, sub };
}

/** The review items of one card, in the order a learner should first meet them. */
export function expandCard(deckId: string, card: Card): ItemRef[] {
  switch (card.type) {
    case 'basic':
      return card.reverse ? [ref(deckId, card.id), ref(deckId, card.id, 'reverse')] : [ref(deckId, card.id)];
    case 'cloze':
      return parseCloze(card.text).numbers.map((n) => ref(deckId, card.id, `c${n}`));
    case 'mcq':
    case 'truefalse':
    case 'typed':
      return [ref(deckId, card.id)];
  }
}

/** Every review item of a deck, in card order. */
export function expandDeck(deck: Deck): ItemRef[] {
  return deck.cards.flatMap((card) => expandCard(deck.id, card));
}

/**
 * A short fingerprint of a deck's item ids (FNV-1a over the ids, plus their count): the store
 * records the one it last synced a deck's items to, and a deck's summary carries the one its cards
 * need, so a study session can tell an unchanged deck without loading it.
 */
export function itemsSignature(ids: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) {
      hash ^= id.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash = Math.imul(hash ^ 0x0a, 0x01000193) >>> 0;
  }
  return `${ids.length}:${hash.toString(36)}`;
}

/** The fingerprint of the items a deck's cards call for. */
export function deckItemsSignature(deck: Deck): string {
  return itemsSignature(expandDeck(deck).map((r) => r.id));
}
