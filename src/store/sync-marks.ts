/**
 * Deck sync marks: `syncDeckItems` records, per deck, a fingerprint of the item ids it last brought
 * the items store in line with, so opening a deck whose cards did not change reads nothing.
 * Whatever clears the items store must clear the marks in the same transaction.
 */
const PREFIX = 'sync:';

/** The `meta` key of a deck's mark. */
export const syncKey = (deckId: string) => `${PREFIX}${deckId}`;

/** Every deck's mark, as a key range of the `meta` store. */
export const syncMarks = () => IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`);

/** A short fingerprint of a deck's item ids (FNV-1a over the ids, plus their count). */
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
