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
