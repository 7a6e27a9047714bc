/**
 * The one connection to IndexedDB: opened lazily, closed when another tab needs to upgrade
 * (`blocking`), reopened after the browser drops it (`terminated`), and refused when the data was
 * written by a newer Briefdeck. Also the BroadcastChannel that keeps tabs coherent, and the
 * transaction helpers that abort on any failure so nothing is ever half written.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { StoreError, toStoreError } from './errors';
import { DB_VERSION, migrate } from './migrations';
import { DB_NAME, type BriefdeckDB, type StoreName } from './schema';

export type DB = IDBPDatabase<BriefdeckDB>;

/** Connection events the UI should tell the learner about. */
export type ConnectionEvent =
  /** Another tab runs an older Briefdeck and keeps this one from upgrading. */
  | { type: 'blocked' }
  /** Another tab wants to upgrade: this tab let go of the database and should reload. */
  | { type: 'blocking' }
  /** The browser closed the database unexpectedly; it is reopened on the next call. */
  | { type: 'terminated' };

const connectionListeners = new Set<(e: ConnectionEvent) => void>();

/** Subscribes to connection events; returns the unsubscribe function. */
export function onConnectionEvent(fn: (e: ConnectionEvent) => void): () => void {
  connectionListeners.add(fn);
  return () => {
    connectionListeners.delete(fn);
  };
}

function emitConnection(e: ConnectionEvent): void {
  for (const fn of connectionListeners) fn(e);
}

let opening: Promise<DB> | null = null;
let current: DB | null = null;

/** The open database, opening it (and running migrations) on first use. */
export function database(): Promise<DB> {
  if (!opening) {
    opening = openDB<BriefdeckDB>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        migrate(db, oldVersion, newVersion ?? DB_VERSION, tx);
      },
      blocked() {
        emitConnection({ type: 'blocked' });
      },
      blocking() {
        // Let the other tab upgrade; this tab's next call reopens and meets the new version.
        dropConnection();
        emitConnection({ type: 'blocking' });
      },
      terminated() {
        opening = null;
        current = null;
        emitConnection({ type: 'terminated' });
      },
    }).then(
      (db) => {
        current = db;
        return db;
      },
      (error: unknown) => {
        opening = null;
        throw toStoreError(error);
      },
    );
  }
  return opening;
}

function dropConnection(): void {
  current?.close();
  current = null;
  opening = null;
}

/** Closes the connection (the next call reopens it). */
export async function closeDatabase(): Promise<void> {
  const pending = opening;
  opening = null;
  current = null;
  if (pending) {
    try {
      (await pending).close();
    } catch {
      // It never opened: nothing to close.
    }
  }
}

export type Tx<S extends StoreName[], M extends IDBTransactionMode> = IDBPTransaction<BriefdeckDB, S, M>;

/**
 * Runs `fn` in one transaction. `fn` must only await this transaction's own requests (awaiting
 * anything else lets the transaction auto-commit). On any failure the transaction is aborted, so
 * none of its writes land, and the failure comes out as a StoreError.
 */
export async function inTransaction<S extends StoreName[], M extends IDBTransactionMode, T>(
  stores: [...S],
  mode: M,
  fn: (tx: Tx<S, M>) => Promise<T>,
): Promise<T> {
  const db = await database();
  let tx: Tx<S, M>;
  try {
    tx = db.transaction(stores, mode) as Tx<S, M>;
  } catch (error) {
    throw toStoreError(error);
  }
  try {
    const result = await fn(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: the writes did not land either way.
    }
    const ended = await tx.done.then(
      () => null,
      (e: unknown) => e,
    );
    // A request made after the browser aborted the transaction fails as "inactive" (or, in older
    // implementations, "invalid state"): the abort (a quota error, say) is the cause worth reporting.
    const name = (error as { name?: string } | null)?.name;
    if ((name === 'TransactionInactiveError' || name === 'InvalidStateError') && ended) throw toStoreError(ended);
    throw toStoreError(error);
  }
}

/**
 * Collects a transaction's write requests to await together. Each is marked handled as it is
 * issued: if issuing fails half-way, the transaction aborts and the requests already issued
 * reject, which must not surface as unhandled rejections (the failure is reported once, by
 * `inTransaction`).
 */
export function batch(): { add(request: Promise<unknown>): void; done(): Promise<number> } {
  const requests: Promise<unknown>[] = [];
  return {
    add(request) {
      request.catch(() => undefined);
      requests.push(request);
    },
    async done() {
      await Promise.all(requests);
      return requests.length;
    },
  };
}

// ---- cross-tab coherence ----

export interface StoreChange {
  type: 'changed';
  /** Decks whose items or history changed; empty when anything may have changed (settings, import, reset). */
  deckIds: string[];
}

const changeListeners = new Set<(change: StoreChange) => void>();
const remoteListeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function getChannel(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel('briefdeck');
  channel.onmessage = (event: MessageEvent<StoreChange>) => {
    const change = event.data;
    if (change?.type !== 'changed' || !Array.isArray(change.deckIds)) return;
    for (const fn of remoteListeners) fn();
    for (const fn of changeListeners) fn(change);
  };
  // Node's BroadcastChannel would keep a test process alive; browsers have no unref.
  (channel as unknown as { unref?: () => void }).unref?.();
  return channel;
}

/** Views refresh through this: called after every write, in this tab and in others. */
export function onStoreChange(fn: (change: StoreChange) => void): () => void {
  getChannel();
  changeListeners.add(fn);
  return () => {
    changeListeners.delete(fn);
  };
}

/** For the store's own caches: called when another tab wrote something. */
export function onRemoteChange(fn: () => void): () => void {
  getChannel();
  remoteListeners.add(fn);
  return () => {
    remoteListeners.delete(fn);
  };
}

/** Announces a committed write to this tab's views and to other tabs. */
export function announce(deckIds: Iterable<string>): void {
  const change: StoreChange = { type: 'changed', deckIds: [...new Set(deckIds)] };
  for (const fn of changeListeners) fn(change);
  getChannel()?.postMessage(change);
}

export { StoreError };
