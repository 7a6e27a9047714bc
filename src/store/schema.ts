/**
 * The IndexedDB shape: every store and index, typed for idb. Indexes exist so that "what is due"
 * and per-deck counts are key ranges, never a scan of everything. Changing this shape means a new
 * numbered migration in `migrations.ts` (and its test).
 */
import type { DBSchema } from 'idb';
import type { Deck } from '../deck/schema';
import type { ItemRecord, QuizRecord, ReviewRecord, Settings } from '../srs/types';

export const DB_NAME = 'briefdeck';
/** Where the page's early script (open-early.ts) leaves its promise of an open connection. */
export const EARLY_OPEN = 'briefdeckEarlyOpen';

export interface StoredDeck {
  deck: Deck;
  origin: 'imported' | 'authored';
  updated: number;
}

export interface DraftRecord {
  key: string;
  value: unknown;
  updated: number;
}

/**
 * Every deck's counts of one study day: `counts` holds, per deck in `deckIds` order, the numbers of
 * its `ReviewBucket` (`src/srs/day-counts.ts`: first, reviewed, study, quiz, again, newLearned, timeMs, retained,
 * retentionTotal). One record per day, not per deck and day, with its numbers in one typed array:
 * reading a year of a big collection back is a few hundred records, not thousands.
 */
export interface DayRecord {
  day: number;
  deckIds: string[];
  counts: Float64Array;
}

/**
 * One media file, stored once however many decks use it, under the SHA-256 of its bytes. The
 * bytes are kept as an ArrayBuffer, which every engine stores and clones alike; readers wrap
 * them in a Blob of `type`.
 */
export interface MediaRecord {
  hash: string;
  type: string;
  bytes: number;
  data: ArrayBuffer;
}

export interface BriefdeckDB extends DBSchema {
  items: {
    key: string;
    value: ItemRecord;
    indexes: {
      /** [deckId, queue, due]: due / new / learning / suspended counts per deck are ranges. */
      'by-deck-queue-due': [string, number, number];
      /** [deckId, cardId]: siblings of a card, for burying; a deck's items are its range `deckItems(deckId)`. */
      'by-card': [string, string];
    };
  };
  reviews: {
    key: number;
    value: ReviewRecord;
    indexes: {
      'by-item': string;
      'by-time': number;
      'by-deck-time': [string, number];
      /** [deckId, mode, state before, at]: today's new and review counts for the daily limits. */
      'by-limit': [string, string, number, number];
    };
  };
  decks: { key: string; value: StoredDeck };
  settings: { key: string; value: Settings };
  quizzes: {
    key: number;
    value: QuizRecord;
    indexes: { 'by-deck': [string, number]; 'by-time': number };
  };
  drafts: { key: string; value: DraftRecord };
  /** The database's own bookkeeping, by name; numbered keys are write marks (see `stampWrite` in db.ts). */
  meta: { key: string | number; value: unknown };
  /** Review-log aggregates for stats, kept with every answer (migration 2): one record per study day. */
  days: { key: number; value: DayRecord };
  /** Media files by content hash (migration 4); `by-bytes` lets the storage status sum sizes from keys alone. */
  media: { key: string; value: MediaRecord; indexes: { 'by-bytes': number } };
}

export type StoreName = 'items' | 'reviews' | 'decks' | 'settings' | 'quizzes' | 'drafts' | 'meta' | 'days' | 'media';

