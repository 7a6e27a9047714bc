/**
 * The device's local PouchDB for one account. It is kept with PouchDB's `indexeddb` adapter: one
 * object store, so the bulk writes of a first sync cost a fraction of what the older `idb`
 * adapter's (a store per index) cost. A database the older adapter made on this device is moved
 * over once, before the first pass: every document with its revisions (unsent ones go up on the
 * next push) and the engine's outbox, a local-only document that replication does not copy.
 */
import PouchDB, { type Database, type Doc } from 'pouchdb-browser';
import indexeddb from 'pouchdb-adapter-indexeddb';
import type { Account } from './account';
import { hexOf } from './names';

PouchDB.plugin(indexeddb);

/** The engine's bookkeeping document (see engine.ts): never replicated, so moved by hand. */
export const OUTBOX_ID = '_local/briefdeck-outbox';

/** Where the local database lives, and where an older one may. */
export interface LocalOptions {
  /** The adapter of the local database (default `indexeddb`; tests use `memory`). */
  adapter?: string;
  /** The adapter an older local database of this account was made with (default: `idb` in a browser when no adapter is given). */
  legacyAdapter?: string;
}

// Hex only: PouchDB takes a name with "://" in it for a remote database.
const legacyName = (account: Account): string => `briefdeck-sync-${hexOf(account.server)}-${hexOf(account.name)}`;
const localName = (account: Account): string => `briefdeck-device-${hexOf(account.server)}-${hexOf(account.name)}`;

/** Opens the account's local database; `ready` settles once an older one has been moved into it. */
export function openLocal(account: Account, options: LocalOptions = {}): { db: Database; ready: Promise<void> } {
  const db = new PouchDB(localName(account), { adapter: options.adapter ?? 'indexeddb' });
  const legacy = options.legacyAdapter ?? (options.adapter ? undefined : 'idb');
  const ready = legacy ? legacyDb(legacyName(account), legacy).then((old) => (old ? moveLocal(old, db) : undefined)) : Promise.resolve();
  // A failed move is reported by the pass that awaits it, not as an unhandled rejection before.
  ready.catch(() => undefined);
  return { db, ready };
}

/** The older database when this device holds one, without creating it when it does not. */
async function legacyDb(name: string, adapter: string): Promise<Database | null> {
  if (adapter === 'idb' && typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes(`_pouch_${name}`)) return null;
  }
  return new PouchDB(name, { adapter });
}

/**
 * Moves every document of `from` (revisions and tombstones kept) and its outbox into `to`, then
 * destroys `from`. Safe to run again if cut short: `from` is destroyed only once all is in `to`.
 */
export async function moveLocal(from: Database, to: Database): Promise<void> {
  const info = await from.info();
  if (info.update_seq === 0 || info.update_seq === '0') {
    await from.destroy();
    return;
  }
  await from.replicate.to(to, { batch_size: 1000 });
  const box = await from.get(OUTBOX_ID).catch(() => null);
  if (box) {
    const moved: Doc = { ...box, _rev: undefined };
    // Sequences differ between databases: what was applied there counts as applied here only if
    // all of it was; otherwise every change is applied again (deriving is idempotent).
    moved.appliedSeq = String(box.appliedSeq) === String(info.update_seq) ? (await to.info()).update_seq : 0;
    const existing = await to.get(OUTBOX_ID).catch(() => null);
    if (existing) moved._rev = existing._rev;
    else delete moved._rev;
    await to.put(moved);
  }
  const was = await from.allDocs();
  const { rows } = await to.allDocs({ keys: was.rows.map((r) => r.id) });
  const missing = was.rows.filter((r, i) => rows[i]?.value?.rev !== r.value.rev);
  if (missing.length) throw new Error(`Moving this device's sync data left out ${missing.length} documents (the first: ${missing[0]!.id}); the older copy is kept.`);
  await from.destroy();
}
