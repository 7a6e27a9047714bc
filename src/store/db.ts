/**
 * The one connection to IndexedDB: opened lazily, closed when another tab needs to upgrade
 * (`blocking`), reopened after the browser drops it (`terminated`), and refused when the data was
 * written by a newer Briefdeck. Also the BroadcastChannel that keeps tabs coherent, and the
 * transaction helpers that abort on any failure so nothing is ever half written.
 */
import { openDB, unwrap, wrap, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import { StoreError, toStoreError } from './errors';
import { writeMarks } from './keys';
import { DB_VERSION, migrate } from './migrations';
import { DB_NAME, EARLY_OPEN, type BriefdeckDB, type StoreName } from './schema';

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
  // The notices load after the first screen: they still hear what happened before.
  if (lastConnection) fn(lastConnection);
  connectionListeners.add(fn);
  return () => {
    connectionListeners.delete(fn);
  };
}

let lastConnection: ConnectionEvent | null = null;

function emitConnection(e: ConnectionEvent): void {
  lastConnection = e;
  for (const fn of connectionListeners) fn(e);
}

let opening: Promise<DB> | null = null;
let current: DB | null = null;

function blocking(): void {
  // Let the other tab upgrade; this tab's next call reopens and meets the new version.
  dropConnection();
  emitConnection({ type: 'blocking' });
}

function terminated(): void {
  opening = null;
  current = null;
  emitConnection({ type: 'terminated' });
}

/**
 * The connection the page's early script opened (open-early.ts) while the code loaded, taken over
 * once, if it is at today's version (else closed: the migrations open it).
 */
async function earlyConnection(): Promise<DB | null> {
  const page = globalThis as { [EARLY_OPEN]?: Promise<IDBDatabase | null> };
  const early = page[EARLY_OPEN];
  if (!early) return null;
  delete page[EARLY_OPEN];
  const raw = await early;
  if (raw?.version !== DB_VERSION) {
    raw?.close();
    return null;
  }
  raw.addEventListener('versionchange', blocking);
  raw.addEventListener('close', terminated);
  return wrap(raw) as DB;
}

/** The open database, opening it (and running migrations) on first use. */
export function database(): Promise<DB> {
  if (!opening) {
    opening = earlyConnection().then(
      (early) =>
        early ??
        openDB<BriefdeckDB>(DB_NAME, DB_VERSION, {
          upgrade(db, oldVersion, newVersion, tx) {
            migrate(db, oldVersion, newVersion ?? DB_VERSION, tx);
          },
          blocked() {
            emitConnection({ type: 'blocked' });
          },
          blocking,
          terminated,
        }),
    ).then(
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
 * none of its writes land, and the failure comes out as a StoreError. `durability: 'relaxed'`
 * lets the commit return before the disk is flushed: for bulk writes that the learner can make
 * again (a restore), never for answers.
 */
export async function inTransaction<S extends StoreName[], M extends IDBTransactionMode, T>(
  stores: [...S],
  mode: M,
  fn: (tx: Tx<S, M>) => Promise<T>,
  options: { stampedAt?: number; durability?: IDBTransactionDurability } = {},
): Promise<T> {
  // An open connection is used at once: a caller that issues its requests without awaiting
  // anything first has them on their way before its own function returns.
  const db = current ?? (await database());
  let tx: Tx<S, M>;
  const stamped = mode === 'readwrite' && stores.some((s) => STAMPED.has(s));
  try {
    // The options go through as they are (a browser reads only `durability` of them): nothing more on the study path.
    tx = db.transaction(stamped && !stores.includes('meta') ? [...stores, 'meta'] : stores, mode, options) as Tx<S, M>;
  } catch (error) {
    throw toStoreError(error);
  }
  if (stamped) writesStarted++;
  const stamp = stamped ? stampWrite(tx as unknown as StampTx, options.stampedAt) : null;
  // A prepared write's stamp may abort it before `fn` has issued its writes: marked handled here,
  // its end is awaited below either way.
  if (options.stampedAt !== undefined) tx.done.catch(() => undefined);
  try {
    const result = await fn(tx);
    await tx.done;
    return result;
  } catch (error) {
    if (stamp?.taken) {
      await tx.done.catch(() => undefined);
      throw new StaleWrite();
    }
    if (stamp?.failed !== undefined) {
      await tx.done.catch(() => undefined);
      throw toStoreError(stamp.failed);
    }
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

// ---- write stamps ----

/**
 * Every readwrite transaction over what a grade reads (STAMPED) stamps the store: it adds a mark
 * to `meta`, numbered one past the newest (marks are the store's only number keys, so the newest
 * is its last number key), and the add fails if that number is taken. A write prepared from reads
 * made when the newest mark was n (see `recordReview`) adds n + 1 without reading: if anything was
 * written since, in this tab or another, the mark exists, the add fails and the whole transaction
 * aborts. Marks older than the last MARKS_KEPT go, far more than can be written while a prepared
 * write waits.
 */
export const MARKS_KEPT = 2000;

type StampTx = IDBPTransaction<BriefdeckDB, ['meta'], 'readwrite'>;

/** Stores whose contents a grade reads (settings: the day's start and the scheduler's parameters). */
const STAMPED = new Set<StoreName>(['items', 'reviews', 'days', 'settings']);
/** How many stamped writes this tab has begun (a live binding): reads made across a change of it may be out of date. */
export let writesStarted = 0;

/** A prepared write whose reads are out of date: something was written since. Nothing of it landed. */
export class StaleWrite extends StoreError {
  constructor() {
    // Never shown: the write is made again from fresh reads.
    super('aborted', 'Stale write');
  }
}

/** The newest write mark, as read in any transaction that includes `meta` (0 before the first). */
export async function writeCount(tx: IDBPTransaction<BriefdeckDB, StoreName[], IDBTransactionMode>): Promise<number> {
  const newest = await tx.objectStore('meta').openKeyCursor(writeMarks(), 'prev');
  return typeof newest?.key === 'number' ? newest.key : 0;
}

/** `taken`: the mark was there (a stale prepared write); `failed`: the stamp could not be issued. */
function stampWrite(tx: StampTx, known: number | undefined): { taken: boolean; failed?: unknown } {
  const meta = tx.objectStore('meta');
  const state: { taken: boolean; failed?: unknown } = { taken: false };
  const stamp = (n: number) => {
    const next = n + 1;
    // Marked handled: when the transaction fails for another reason, these reject with it.
    meta.add(true, next).catch((e: unknown) => {
      if ((e as { name?: string } | null)?.name === 'ConstraintError') state.taken = true;
    });
    // Old marks go a hundred at a time.
    if (next % 100 === 0 && next > MARKS_KEPT) meta.delete(IDBKeyRange.upperBound(next - MARKS_KEPT)).catch(() => undefined);
  };
  // A stamp that cannot be issued must not let the writes land without it.
  const stampOrAbort = (n: number) => {
    try {
      stamp(n);
    } catch (error) {
      state.failed = error;
      try {
        tx.abort();
      } catch {
        // Already finished: nothing of it landed without the stamp.
      }
    }
  };
  if (known !== undefined) stampOrAbort(known);
  else writeCount(tx as never).then(stampOrAbort, () => undefined);
  return state;
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

/**
 * Puts every record into a store of a readwrite transaction without a promise per request: a
 * restore writes hundreds of thousands of records, and a promise and two listeners each cost as
 * much as the write. A put that throws leaves `fn` (so `inTransaction` aborts); one that fails later
 * aborts the transaction, whose end `inTransaction` awaits and reports.
 */
export function putAll<S extends ArrayLike<StoreName>, N extends StoreName>(
  store: IDBPObjectStore<BriefdeckDB, S, N, 'readwrite'>,
  records: Iterable<BriefdeckDB[N]['value']>,
): void {
  const raw = unwrap(store) as IDBObjectStore;
  for (const record of records) raw.put(record);
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

