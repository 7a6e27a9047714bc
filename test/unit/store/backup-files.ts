/** Looking into backup files in tests: their text, and a version 1 text of the same records (for edits). */
import { readBackupFile } from '../../../src/store/backup-stream';

/** A backup file's decompressed text (exports of the same data are the same text). */
export async function backupText(file: Blob): Promise<string> {
  return new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

/** The records of a version 2 backup file as a version 1 backup (one JSON object), as older Briefdecks wrote them. */
export async function v1Of(file: Blob, now: number): Promise<Record<string, any>> {
  const read = await readBackupFile(file, now);
  if (!read.ok) throw new Error(read.error);
  const head = JSON.parse((await backupText(file)).split('\n')[0]!);
  const { settings, decks, items, reviews, quizzes, drafts } = read.backup;
  return { format: head.format, version: 1, database: head.database, exportedAt: head.exportedAt, settings, decks, items, reviews, quizzes, drafts };
}
