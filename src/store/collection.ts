/**
 * Whole-collection operations: closing the store, resetting progress, backup export and import,
 * and the log's length. Each of them ends by having every module forget the tab-local state that
 * referred to what was there before.
 */
import { closeDatabase, announce, inTransaction } from './db';
import { StoreError } from './errors';
import { forgetGrades } from './grading';
import { forgetDamage } from './integrity';
import { forgetBuried } from './items';
import { syncMarks } from './keys';
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

/** Forgets all progress (items, review log, quiz history); decks, drafts and settings stay. */
export async function resetProgress(): Promise<void> {
  await inTransaction(['items', 'reviews', 'quizzes', 'meta', 'days'], 'readwrite', (tx) =>
    Promise.all([
      tx.objectStore('items').clear(),
      tx.objectStore('reviews').clear(),
      tx.objectStore('quizzes').clear(),
      tx.objectStore('meta').delete(syncMarks()),
      tx.objectStore('days').clear(),
    ]),
  );
  forgetGrades();
  announce([]);
}

/** Everything the learner owns as a backup file (version 2: compact rows, gzip-compressed). */
export async function exportBackup(now: number): Promise<Blob> {
  const { writeBackupFile } = await import('./backup-stream');
  return writeBackupFile(now);
}

export type ImportResult =
  | { ok: true; counts: { items: number; cards: number; reviews: number; decks: number; quizzes: number; drafts: number } }
  | { ok: false; error: string };

/**
 * Checks a backup file (either version; a version 1 file may also be given as its text)
 * completely, then replaces everything with it in one transaction; on any problem nothing changes.
 */
export async function importBackup(file: Blob | string, now: number = Date.now()): Promise<ImportResult> {
  const [{ readBackup, replaceWithBackup }, { isCompressed, readBackupFile }] = await Promise.all([import('./backup'), import('./backup-stream')]);
  const parsed =
    typeof file === 'string' ? readBackup(file, now) : (await isCompressed(file)) ? await readBackupFile(file, now) : readBackup(await file.text(), now);
  if (!parsed.ok) return parsed;
  let counts: Awaited<ReturnType<typeof replaceWithBackup>>;
  try {
    counts = await replaceWithBackup(parsed.backup);
  } catch (error) {
    // The replacing transaction aborted as a whole, so the old data is all still there.
    const message = error instanceof StoreError ? error.message : String(error);
    return { ok: false, error: `The backup could not be imported, nothing was changed: ${message}` };
  }
  forgetGrades();
  forgetSettings();
  announce([]);
  return { ok: true, counts };
}
