/**
 * Schema migrations as a numbered sequence: `MIGRATIONS[n - 1]` takes a database from version
 * n - 1 to n, inside the upgrade transaction. The database version is the length of the list, so
 * adding a migration is the only way to change the shape. Each migration has a test that seeds the
 * shape before it and opens it with today's code (test/unit/store/migrations.test.ts).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { fillAggregates, startAggregates } from './aggregates';
import type { BriefdeckDB, StoreName } from './schema';

export type UpgradeTx = IDBPTransaction<BriefdeckDB, StoreName[], 'versionchange'>;
/**
 * A migration changes the shape synchronously; one that must also move data returns a promise
 * for that work, which only awaits requests of the upgrade transaction (so it stays open).
 * `from`: the version the database had before this upgrade (0 when it is being created).
 */
export type Migration = (db: IDBPDatabase<BriefdeckDB>, tx: UpgradeTx, from: number) => void | Promise<void>;

export const MIGRATIONS: readonly Migration[] = [
  // 1: the first shape.
  (db) => {
    const items = db.createObjectStore('items', { keyPath: 'id' });
    // Dropped by migration 3 (see there); untyped, as today's shape no longer has them.
    (items as unknown as IDBObjectStore).createIndex('by-due', 'due');
    (items as unknown as IDBObjectStore).createIndex('by-deck', 'deckId');
    items.createIndex('by-deck-queue-due', ['deckId', 'queue', 'due']);
    items.createIndex('by-card', ['deckId', 'cardId']);

    const reviews = db.createObjectStore('reviews', { keyPath: 'id', autoIncrement: true });
    reviews.createIndex('by-item', 'itemId');
    reviews.createIndex('by-time', 'at');
    reviews.createIndex('by-deck-time', ['deckId', 'at']);
    reviews.createIndex('by-limit', ['deckId', 'mode', 'before.state', 'at']);

    db.createObjectStore('decks', { keyPath: 'deck.id' });
    db.createObjectStore('settings');
    const quizzes = db.createObjectStore('quizzes', { keyPath: 'id', autoIncrement: true });
    quizzes.createIndex('by-deck', ['deckId', 'at']);
    quizzes.createIndex('by-time', 'at');
    db.createObjectStore('drafts', { keyPath: 'key' });
    db.createObjectStore('meta');
  },
  // 2: review-log aggregates for stats (see aggregates.ts), built from the existing log. A database
  // being created has no log: its aggregates start empty and take their basis with the first
  // answer, which keeps the time zone lookup (a costly first use of Intl) off the first visit.
  (db, tx, from) => {
    db.createObjectStore('days', { keyPath: 'day' });
    return from === 0 ? startAggregates(tx) : fillAggregates(tx).then(() => undefined);
  },
  // 3: write marks (see `stampWrite` in db.ts): the new version makes tabs still running code that
  // writes without them let go of the database before this code writes. And two item indexes
  // every item write had to keep up go: `by-due` (never read) and `by-deck` (a deck's items are a
  // range of `by-card`).
  (_db, tx) => {
    const items = tx.objectStore('items') as unknown as IDBObjectStore;
    items.deleteIndex('by-due');
    items.deleteIndex('by-deck');
  },
  // 4: media files of format 2 decks, by content hash (see media.ts).
  (db) => {
    db.createObjectStore('media', { keyPath: 'hash' }).createIndex('by-bytes', 'bytes');
  },
];

/** The version today's code writes. */
export const DB_VERSION = MIGRATIONS.length;

/** Runs every migration after `oldVersion`, in order, within the upgrade transaction. */
export function migrate(db: IDBPDatabase<BriefdeckDB>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = MIGRATIONS[v - 1];
    if (!step) throw new Error(`No migration to database version ${v}`);
    const moving = step(db, tx, oldVersion);
    // A failed data move aborts the upgrade: the database stays at its old version, untouched.
    moving?.catch(() => {
      try {
        tx.abort();
      } catch {
        // Already finished.
      }
    });
  }
}
