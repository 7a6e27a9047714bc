/**
 * Operations that replace or erase the learner's data: resetting progress, and backup export and
 * import. Only the settings screen uses them, so they load with it, off the study path; each ends
 * by having every module forget the tab-local state that referred to what was there before.
 */
import { announce, inTransaction } from './db';
import { StoreError } from './errors';
import { forgetGrades } from './grading';
import { eventKeys, syncMarks } from './keys';
import { forgetSettings } from './settings';
import { forgetDamaged, type Damage } from './integrity';
import { collectionCounts, rememberCounts } from './watch';

/** Forgets all progress (items, review log, quiz history); decks, drafts and settings stay. */
export async function resetProgress(): Promise<void> {
  await inTransaction(['items', 'reviews', 'quizzes', 'meta', 'days'], 'readwrite', (tx) =>
    Promise.all([
      tx.objectStore('items').clear(),
      tx.objectStore('reviews').clear(),
      tx.objectStore('quizzes').clear(),
      tx.objectStore('meta').delete(syncMarks()),
      // Suspensions, burials and resets not yet synced were of the progress forgotten.
      tx.objectStore('meta').delete(eventKeys()),
      tx.objectStore('days').clear(),
    ]),
  );
  forgetGrades();
  // An empty database from now on is the learner's choice, not a loss to warn about.
  rememberCounts(await collectionCounts());
  announce([]);
}

/** Everything the learner owns as a backup file (version 2: compact rows, gzip-compressed, written page by page). */
export async function exportBackup(now: number): Promise<Blob> {
  const { writeBackupFile } = await import('./backup-stream');
  return writeBackupFile(now);
}

/** The name a backup exported at `now` is saved under. */
export function backupFileName(now: number): string {
  return `briefdeck-backup-${new Date(now).toISOString().slice(0, 10)}.briefdeck.gz`;
}

type ImportedCounts = { items: number; cards: number; reviews: number; decks: number; quizzes: number; drafts: number };

export type ImportResult = { ok: true; counts: ImportedCounts } | { ok: false; error: string };

/**
 * Checks a backup completely, then replaces everything with it in one transaction; on any
 * problem nothing changes. Runs in a Worker or in the page: the tab that asked then forgets
 * what referred to the old data (`importBackup` does both in the page).
 */
export async function writeCheckedBackup(file: Blob | string, now: number, progress?: (stage: string) => void): Promise<ImportResult> {
  const [{ readBackup, replaceWithBackup }, { isCompressed, readBackupFile }] = await Promise.all([import('./backup'), import('./backup-stream')]);
  progress?.('Checking the backup');
  // Version 2 files are read and checked as they decompress; a version 1 file (JSON) may also be given as its text.
  const parsed =
    typeof file === 'string' ? readBackup(file, now) : (await isCompressed(file)) ? await readBackupFile(file, now) : readBackup(await file.text(), now);
  if (!parsed.ok) return parsed;
  progress?.('Restoring');
  try {
    return { ok: true, counts: await replaceWithBackup(parsed.backup) };
  } catch (error) {
    // The replacing transaction aborted as a whole, so the old data is all still there.
    const message = error instanceof StoreError ? error.message : String(error);
    return { ok: false, error: `The backup could not be imported, nothing was changed: ${message}` };
  }
}

/** This tab's part after a restore: forget what referred to the old data, remember the new size. */
function restored(counts: ImportedCounts): void {
  forgetGrades();
  forgetSettings();
  rememberCounts({ items: counts.items, reviews: counts.reviews });
  announce([]);
}

/** Checks a backup file (either version) completely, then replaces everything with it in one transaction; on any problem nothing changes. */
export async function importBackup(file: Blob | string, now: number = Date.now()): Promise<ImportResult> {
  const result = await writeCheckedBackup(file, now);
  if (result.ok) restored(result.counts);
  return result;
}

/**
 * Restores a backup file in a Worker, so that reading, checking and writing a large backup never
 * holds up the page; `onProgress` names the stage. Cancelling ends the Worker: its transaction
 * aborts whole and nothing changes. Without Worker support it runs in the page.
 */
export function restoreBackupFile(file: Blob, options: { onProgress?: (stage: string) => void; signal?: AbortSignal } = {}): Promise<ImportResult> {
  const { onProgress, signal } = options;
  const now = Date.now();
  if (typeof Worker === 'undefined') {
    return importBackup(file, now);
  }
  return new Promise<ImportResult>((resolve, reject) => {
    const worker = new Worker(new URL('./restore.worker.ts', import.meta.url), { type: 'module' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(new DOMException('The restore was cancelled; nothing was changed', 'AbortError'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (e: MessageEvent<{ type: 'progress'; stage: string } | { type: 'done'; result: ImportResult }>) => {
      if (e.data.type === 'progress') return onProgress?.(e.data.stage);
      end();
      if (e.data.result.ok) restored(e.data.result.counts);
      resolve(e.data.result);
    };
    worker.onerror = (e) => {
      end();
      resolve({ ok: false, error: `The backup could not be imported, nothing was changed: ${e.message || 'the restore stopped unexpectedly'}` });
    };
    worker.postMessage({ file, now });
  });
}

/**
 * Deletes a record reported damaged (see integrity.ts), by its store and key: what the learner
 * chooses from Settings when a record cannot be read. Damaged settings go back to the defaults.
 */
export async function removeDamaged(d: Damage): Promise<void> {
  await inTransaction([d.store], 'readwrite', async (tx) => {
    const store = tx.objectStore(d.store);
    if (d.store === 'settings') return store.delete('settings');
    // Review-log keys are numbers; the report shows them as text.
    return store.delete(d.store === 'reviews' ? Number(d.key) : d.key);
  });
  forgetDamaged(d);
  if (d.store === 'settings') forgetSettings();
  announce([]);
}
