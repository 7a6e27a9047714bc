/**
 * Review items: which things a learner is asked about, derived from a deck's cards.
 * One per basic card (plus one for its reversed side), one per cloze deletion, one per
 * mcq / truefalse / typed card, one per occlusion mask. Ids come from deck id + card id (+ side or deletion), never
 * from card text, so editing a card keeps its progress. Pure: no IndexedDB, no clock.
 */
import { parseCloze } from './cloze.ts';
import type { Card, Deck } from './schema';

/**
 * A review item's sub-key within its card: `''` for the front of a basic card and for
 * mcq / truefalse / typed, `'reverse'` for a reversed basic card, `'c1'`, `'c2'`… per cloze deletion,
 * the mask's id for an occlusion mask.
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
    case 'occlusion':
      // One item per mask, keyed by the mask's id: moving or relabelling a mask keeps its progress.
      return card.masks.map((m) => ref(deckId, card.id, m.id));
  }
}

/** Every review item of a deck, in card order. */
export function expandDeck(deck: Deck): ItemRef[] {
  return deck.cards.flatMap((card) => expandCard(deck.id, card));
}

/**
 * A fingerprint of a deck's item ids (two 32-bit hashes over the ids, FNV-1a and a Murmur-style
 * multiply, plus their count): the store records the one it last synced a deck's items to, and a
 * deck's summary carries the one its cards need, so a study session can tell an unchanged deck
 * without loading it. It only ever saves work: storing a deck clears its mark, and a card found
 * missing forces a sync, so a crafted collision cannot leave cards without items.
 */
export function itemsSignature(ids: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) {
      a = Math.imul(a ^ id.charCodeAt(i), 0x01000193);
      b = Math.imul(b ^ id.charCodeAt(i), 0x5bd1e995);
      b ^= b >>> 15;
    }
    a = Math.imul(a ^ 10, 0x01000193);
    b = Math.imul(b ^ 10, 0x5bd1e995);
  }
  return `${ids.length}:${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/** The fingerprint of the items a deck's cards call for. */
export function deckItemsSignature(deck: Deck): string {
  return itemsSignature(expandDeck(deck).map((r) => r.id));
}
