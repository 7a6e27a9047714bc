/**
 * PouchDB's browser build (the one the app will load when sync is on) in Node, for tests and
 * measurements: its HTTP adapter and replicator run as in the app, on Node's fetch; a device's
 * local database uses PouchDB's in-memory adapter, since the IndexedDB adapter needs a
 * browser's FileReader. Typed here with only what the tests and measurements use.
 */
import { createRequire } from 'node:module';
import type { CouchDoc } from '../../src/sync/docs';

export interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
}

export interface Pouch {
  name: string;
  put(doc: CouchDoc & Record<string, unknown>): Promise<{ id: string; rev: string }>;
  bulkDocs(docs: CouchDoc[]): Promise<({ id: string; rev: string; ok?: boolean } | { error: string; reason?: string })[]>;
  get<T = Record<string, unknown>>(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<T & CouchDoc & { _conflicts?: string[] }>;
  remove(id: string, rev: string): Promise<{ rev: string }>;
  allDocs(options?: { include_docs?: boolean }): Promise<{ rows: { id: string; value: { rev: string }; doc?: CouchDoc & Record<string, unknown> }[] }>;
  changes(options: { since?: number | string; include_docs?: boolean }): Promise<{ results: { id: string; deleted?: boolean; doc?: CouchDoc & Record<string, unknown> }[] }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
  replicate: {
    to(target: Pouch, options?: Record<string, unknown>): Promise<ReplicationResult>;
    from(source: Pouch, options?: Record<string, unknown>): Promise<ReplicationResult>;
  };
}

interface PouchStatic {
  new (name: string, options?: Record<string, unknown>): Pouch;
  plugin(plugin: unknown): PouchStatic;
}

// The browser build reaches for `self`, which a browser and a worker have and Node has not.
(globalThis as { self?: unknown }).self ??= globalThis;

/** The PouchDB constructor from `pouchdb-browser`. */
export const PouchDB = (() => {
  const require = createRequire(import.meta.url);
  return (require('pouchdb-browser') as PouchStatic).plugin(require('pouchdb-adapter-memory'));
})();

/** A device's local database (in memory). */
export function localDb(name: string): Pouch {
  return new PouchDB(name, { adapter: 'memory' });
}

/** Pushes then pulls, as one sync of a device does; resolves with what was written each way. */
export async function syncOnce(local: Pouch, remote: Pouch): Promise<{ pushed: ReplicationResult; pulled: ReplicationResult }> {
  const pushed = await local.replicate.to(remote);
  const pulled = await local.replicate.from(remote);
  return { pushed, pulled };
}

/** Every live document of a local database. */
export async function liveDocs(db: Pouch): Promise<(CouchDoc & Record<string, unknown>)[]> {
  const { rows } = await db.allDocs({ include_docs: true });
  return rows.map((r) => r.doc!).filter((d) => !d._id.startsWith('_design/'));
}
