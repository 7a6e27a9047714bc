/** The authoring workspace's drafts, kept as the teacher types. Loaded with the authoring screens. */
import { inTransaction } from './db';

export async function saveDraft(key: string, value: unknown, now: number = Date.now()): Promise<void> {
  await inTransaction(['drafts'], 'readwrite', (tx) => tx.objectStore('drafts').put({ key, value, updated: now }));
}

export async function getDraft(key: string): Promise<unknown> {
  return (await inTransaction(['drafts'], 'readonly', (tx) => tx.objectStore('drafts').get(key)))?.value;
}

export async function deleteDraft(key: string): Promise<void> {
  await inTransaction(['drafts'], 'readwrite', (tx) => tx.objectStore('drafts').delete(key));
}
