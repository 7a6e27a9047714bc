/**
 * Seeds the benchmark's collection into the app's database: the decks and items through the
 * store's restore, then the review log in slices, each written in a transaction of its own with
 * relaxed durability and no promise per record, while the next slice is made. Seeding is set-up,
 * never measured; a million answers written at once would not fit in the page's memory.
 */
import { BucketBuilder } from '../src/srs/day-counts';
import { DEFAULT_SETTINGS } from '../src/srs/types';
import { replaceWithBackup } from '../src/store/backup';
import { asWriteTx } from '../src/store/aggregates';
import { writeAggregates } from '../src/store/buckets';
import { inTransaction } from '../src/store/db';
import { DB_NAME } from '../src/store/schema';
import { syntheticCards, syntheticReviews, type CollectionSize } from './synthetic';

/** Answers written per transaction. */
const SLICE = 25_000;

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** Puts every record of `slice` in one relaxed transaction; resolves once it has committed. */
function writeSlice(db: IDBDatabase, slice: readonly unknown[]): Promise<void> {
  const tx = db.transaction('reviews', 'readwrite', { durability: 'relaxed' });
  const reviews = tx.objectStore('reviews');
  for (const record of slice) reviews.put(record);
  tx.commit();
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('a slice of the review log was not written'));
  });
}

/** Replaces the database with a synthetic collection of `size`; returns what it holds. */
export async function seedCollection(size: CollectionSize, now: number): Promise<{ deckIds: string[]; items: number; reviews: number }> {
  const settings = { ...DEFAULT_SETTINGS };
  const { decks, items, random } = syntheticCards(size, now);
  // Default settings (20 new and 200 reviews a day per deck): over 20 decks that is more than the
  // app's 200-card session and the store session use.
  await replaceWithBackup({ settings, decks, items, reviews: [], quizzes: [], drafts: [] });
  const days = new BucketBuilder(settings.dayStartHour);
  const db = await openRaw();
  let written = 0;
  try {
    // One slice is committing while the next is made.
    let committing: Promise<void> = Promise.resolve();
    for (const slice of syntheticReviews(items, size.reviews, now, random, SLICE)) {
      for (const review of slice) days.add(review);
      await committing;
      committing = writeSlice(db, slice);
      written += slice.length;
    }
    await committing;
  } finally {
    db.close();
  }
  // The study-day aggregates of the whole log, as a restore writes them.
  await inTransaction(['days', 'meta'], 'readwrite', (tx) => writeAggregates(asWriteTx(tx), days, written, settings.dayStartHour));
  return { deckIds: decks.map((d) => d.deck.id), items: items.length, reviews: written };
}
