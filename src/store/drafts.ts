/** The authoring workspace's drafts, kept as the teacher types. Loaded with the authoring screens. */
import { inTransaction } from './db';
import { StoreError } from './errors';
import { spaceIsLow } from './space';

/** Keeps a draft; refused while the device is nearly full, so the room left goes to study answers. */
export async function saveDraft(key: string, value: unknown, now: number = Date.now()): Promise<void> {
  if (spaceIsLow()) throw new StoreError('quota', 'Draft not saved: this device is nearly out of space, and the room left is kept for your study answers. Free some space or export a backup.');
  await inTransaction(['drafts'], 'readwrite', (tx) => tx.objectStore('drafts').put({ key, value, updated: now }));
}

export async function getDraft(key: string): Promise<unknown> {
  return (await inTransaction(['drafts'], 'readonly', (tx) => tx.objectStore('drafts').get(key)))?.value;
}

export async function deleteDraft(key: string): Promise<void> {
  await inTransaction(['drafts'], 'readwrite', (tx) => tx.objectStore('drafts').delete(key));
}
