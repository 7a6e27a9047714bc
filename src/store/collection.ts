/**
 * Whole-collection operations the app shell needs: closing the store and the log's length.
 * Resetting progress and backups, which only the settings screen uses, are in replace.ts,
 * loaded with that screen.
 */
import { closeDatabase, inTransaction } from './db';
import { forgetGrades } from './grading';
import { forgetDamage } from './integrity';
import { forgetBuried } from './items';
import { forgetPersistenceAsked } from './persistence';
import { forgetSettings } from './settings';

/** Closes the database and forgets this tab's caches and undo history (which refer to it). */
export async function closeStore(): Promise<void> {
  forgetSettings();
  forgetBuried();
  forgetGrades();
  forgetPersistenceAsked();
  forgetDamage();
  await closeDatabase();
}

/** How many answers the review log holds. */
export async function reviewCount(): Promise<number> {
  return inTransaction(['reviews'], 'readonly', (tx) => tx.objectStore('reviews').count());
}
