/**
 * Briefdeck's progress store: the only door to IndexedDB (through idb). This face hands on the
 * intent-level functions of the store's modules (see README.md for which owns what); callers
 * import from here and never open a transaction themselves.
 */
export { prepareGrade, recordReview, undoLastReview, undoDepth, type ReviewInput } from './grading';
export { getSettings, updateSettings } from './settings';
export { syncDeckItems, getItems, getItem, unburyDue } from './items';
export { deckCounts, nextStudyItem, type DeckCounts, type NextStudy } from './study-queue';
export { saveDeck, getStoredDeck, listStoredDecks, listStoredDeckSummaries, decksToSync, deleteStoredDeck } from './decks';
export { closeStore, reviewCount } from './collection';
export { requestPersistence } from './persistence';
export type { StoredDeckSummary } from './deck-summaries';
export type { StoredDeck } from './schema';
export { MAX_DURATION_MS } from '../srs/types';
export { StoreError, type StoreErrorKind } from './errors';
export { onStoreChange, onConnectionEvent, type StoreChange, type ConnectionEvent } from './db';
/** Called when another tab wrote to the store (this tab's own writes do not call it). */
export { onRemoteChange as onRemoteStoreChange } from './db';
export { onDamage, damagedRecords, type Damage } from './integrity';
export type { RebuildProgress } from './aggregates';
export type { ReviewBucket } from '../srs/day-counts';
