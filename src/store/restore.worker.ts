/**
 * Worker entry for restoring a backup file (see `restoreBackupFile` in replace.ts): the file is
 * read, checked and written here, so a large backup never holds up the page.
 */
import { writeCheckedBackup } from './replace';

self.onmessage = async (e: MessageEvent<{ file: Blob; now: number }>) => {
  self.postMessage({ type: 'progress', stage: 'Reading the backup' });
  const result = await writeCheckedBackup(e.data.file, e.data.now, (stage) => self.postMessage({ type: 'progress', stage }));
  self.postMessage({ type: 'done', result });
};
