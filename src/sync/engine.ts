/**
 * The sync engine (its own chunk, with PouchDB; loaded only once a learner signs in): a local
 * PouchDB on IndexedDB replicates with the learner's private database on the server, and bridges
 * to the store. Answers the store recorded become review documents (an undo, a tombstone), its
 * suspensions, burials and resets event documents (`events.ts`);
 * documents that arrive pass the quarantine, then every item they touch is derived again from its
 * merged history (`replay.ts`'s rules) and written to the store with the answers other devices
 * added or undid. It never blocks a grade: passes run after the store's writes, one at a time.
 */
import PouchDB, { type Database, type Doc } from 'pouchdb-browser';
import { parseItemId } from '../deck/items';
import type { ItemId, Settings } from '../srs/types';
import { getSettings, onStoreChange } from '../store';
import { itemsById, reviewsAfter, reviewsPresent, storeDerived, type DerivedChanges } from '../store/synced';
import type { Account } from './account';
import { historyRange, nonce, parseHistoryId, reviewPrefix, toReviewDoc, toReviewRecord, type HistoryDoc } from './docs';
import { failureText, SYNCED_EVENT, type SyncStatus } from './status';
import { userDbName } from './names';
import { OUTBOX_ID, openLocal } from './local-db';
import { checkIncoming } from './quarantine';
import { EditedSync } from './edited';
import { answerEvents, sendHeldEvents, sendWaitingEvents, startItem } from './events';
import { liveHistory, replayStep, settle } from './replay';
import { waitForUserDb } from './setup';
import { needsNoPush, replicateRound, type Round } from './replicate';
import { phase } from './timing';
import { historyByItem } from './history';

/** This device's bookkeeping, in a local-only document (never replicated). */
interface Outbox {
  _id: string;
  _rev?: string;
  /** The newest log key already turned into a document. */
  lastId: number;
  /** Recently sent answers: [log key, document id, ids of the events it made], to send an undo as tombstones. */
  recent: [number, string, ...string[]][];
  /** How far the local database's changes have been applied to the store. */
  appliedSeq: number | string;
  /** Documents written here since the last successful push. */
  waiting: number;
  /** This device's tag: the first 8 hex digits of the random part of the ids it writes. */
  device?: string;
  /** Whether what the items held before events were sent (suspended, buried) went out as events. */
  heldSent?: boolean;
  /** Where the next push starts instead of its checkpoint: what lies before came from the server. */
  pushFrom?: number | string;
}

/** Answers an undo can still reach (a tab undoes at most 100). */
const RECENT_KEPT = 300;
/** Quiet time after the store's last write before a pass (so a session is sent after it, not during each answer). */
const QUIET_MS = 4000;
/** How often to ask the server for other devices' changes while the app is open. */
const POLL_MS = 60_000;
const BATCH = 2000;
/** Documents a pull must have brought for the next push to start past them. */
const PULLED_SKIPPED = 500;

/** Whether a pass is allowed to start more passes on its own (tests drive it by hand). */
export interface EngineOptions {
  /** Run passes on start, after the store's writes, when back online and every minute. Default true. */
  automatic?: boolean;
  /** PouchDB adapter for the local database (default `indexeddb`). */
  adapter?: string;
  /** The adapter of an older local database to move over first (default: `idb` in browsers). */
  legacyAdapter?: string;
  /** How requests reach the server (outside a browser, one that sends the session cookie). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** A running sync for one account. */
export class SyncEngine {
  readonly local: Database;
  readonly remote: Database;
  readonly edited: EditedSync;
  /** Settles once an older local database has been moved into `local`. */
  private readonly ready: Promise<void>;
  private status: SyncStatus = { phase: 'syncing', lastSynced: null, waiting: 0, error: null, signInAgain: false, quarantined: [] };
  private listeners = new Set<(s: SyncStatus) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private applying = false;
  private stopped = false;
  private cleanups: (() => void)[] = [];
  private device = '';
  /** The last replication round, while its pass applies what it brought. */
  private round: Round | null = null;
  private readonly fetcher: (url: string, init: RequestInit) => Promise<Response>;

  constructor(
    readonly account: Account,
    options: EngineOptions = {},
  ) {
    ({ db: this.local, ready: this.ready } = openLocal(account, options));
    // The session lives in the server's cookie.
    this.fetcher = options.fetch ?? ((url, init) => PouchDB.fetch(url, { ...init, credentials: 'include' }));
    this.remote = new PouchDB(`${account.server}${userDbName(account.name)}`, { skip_setup: true, fetch: this.fetcher });
    this.edited = new EditedSync(this.local, () => this.device);
    if (options.automatic !== false) this.automate();
  }

  /** The current status; `fn` hears every change of it until unsubscribed. */
  subscribe(fn: (s: SyncStatus) => void): () => void {
    this.listeners.add(fn);
    fn(this.status);
    return () => this.listeners.delete(fn);
  }

  /** The current status. */
  get current(): SyncStatus {
    return this.status;
  }

  private set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const fn of this.listeners) fn(this.status);
  }

  private automate(): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.syncNow(), QUIET_MS);
    };
    this.cleanups.push(
      onStoreChange(() => {
        // The store's change from this engine's own writes is not news.
        if (!this.applying && !this.edited.applying) soon();
      }),
    );
    const online = (): void => void this.syncNow();
    globalThis.addEventListener?.('online', online);
    const poll = setInterval(() => {
      if (globalThis.document?.visibilityState !== 'hidden') void this.syncNow();
    }, POLL_MS);
    this.cleanups.push(() => {
      clearTimeout(timer);
      clearInterval(poll);
      globalThis.removeEventListener?.('online', online);
    });
    void this.syncNow();
  }

  /** Stops every timer and closes the databases; local data stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const fn of this.cleanups) fn();
    await this.running?.catch(() => undefined);
    await Promise.allSettled([this.local.close(), this.remote.close()]);
  }

  /** Runs one pass now (or right after the pass under way); resolves when it is done. */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass().catch((e: unknown) => {
            // A failure of this device (its storage, a bug) is shown, never thrown at a screen.
            this.set({ phase: 'error', error: `Sync stopped on this device: ${failureText(e)}` });
          });
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async outbox(): Promise<Outbox> {
    try {
      return (await this.local.get(OUTBOX_ID)) as unknown as Outbox;
    } catch {
      return { _id: OUTBOX_ID, lastId: 0, recent: [], appliedSeq: 0, waiting: 0, device: nonce().slice(0, 8) };
    }
  }

  private async saveOutbox(box: Outbox): Promise<void> {
    const { rev } = await this.local.put(box as unknown as Doc);
    box._rev = rev;
  }

  /** One pass: send what the store recorded, replicate both ways, apply what arrived. */
  private async pass(): Promise<void> {
    this.set({ phase: 'syncing' });
    await this.ready;
    const box = await this.outbox();
    box.device ??= nonce().slice(0, 8);
    this.device = box.device;
    await this.collect(box);
    box.waiting += await this.edited.collect((id, reason) => this.quarantine(id, reason));
    this.set({ waiting: box.waiting });
    try {
      await this.replicate(box);
      box.waiting = 0;
      await this.saveOutbox(box);
    } catch (e) {
      await this.saveOutbox(box);
      // What arrived before the cut is applied all the same; the next pass resumes from the checkpoint.
      await this.apply(box);
      this.set(this.failure(e, box.waiting));
      return;
    }
    await this.apply(box);
    this.set({ phase: 'synced', lastSynced: Date.now(), waiting: 0, error: null, signInAgain: false });
    // Whoever follows sync (the joined classes' decks, classes/follow-sync.ts) takes it from here.
    if (typeof dispatchEvent === 'function') dispatchEvent(new Event(SYNCED_EVENT));
  }

  private failure(e: unknown, waiting: number): Partial<SyncStatus> {
    const status = (e as { status?: number }).status;
    const kept = waiting ? ` ${waiting} change${waiting === 1 ? ' is' : 's are'} kept on this device.` : '';
    if (status === 401 || status === 403) {
      return { phase: 'error', waiting, signInAgain: true, error: `The server ended this device's session: sign in again to sync.${kept}` };
    }
    if (!status || (globalThis.navigator && !navigator.onLine)) {
      return { phase: 'offline', waiting, error: `Cannot reach the sync server ${this.account.server}.${kept}` };
    }
    const reason = (e as { reason?: string; message?: string }).reason ?? (e as Error).message ?? String(e);
    return { phase: 'error', waiting, error: `The sync server refused the changes (${status}: ${reason}).${kept}` };
  }

  private async replicate(box: Outbox): Promise<void> {
    this.round = null;
    const waitForDb = () => waitForUserDb({ url: this.account.server, fetch: (input, init) => this.fetcher(String(input), init ?? {}) }, this.account.name);
    this.round = await replicateRound(this.local, this.remote, { device: this.device, pushFrom: box.pushFrom, waitForDb });
    delete box.pushFrom;
  }

  /** Turns answers and item events recorded since the last pass into documents, and undone answers into tombstones. */
  private async collect(box: Outbox): Promise<void> {
    const settings = await getSettings();
    box.waiting += await sendWaitingEvents(this.local, box.device!, (id, reason) => this.quarantine(id, reason));
    let known: Set<string> | null = null;
    for (;;) {
      const rows = await reviewsAfter(box.lastId, BATCH);
      if (rows.length === 0) break;
      // An answer that came from another device is already a document: match by item and time.
      if (!known && rows.length > 50) known = await this.historyKeys();
      const docs: Doc[] = [];
      for (const r of rows) {
        const prefix = reviewPrefix(r.itemId, r.at);
        const exists = known ? known.has(prefix) : (await this.local.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, limit: 1 })).rows.length > 0;
        box.lastId = Math.max(box.lastId, r.id!);
        if (exists) continue;
        const doc = toReviewDoc(r, box.device!);
        const made = answerEvents(r, box.device!, settings);
        docs.push(doc as unknown as Doc, ...(made as unknown as Doc[]));
        box.recent.push([r.id!, doc._id, ...made.map((e) => e._id)]);
        known?.add(prefix);
      }
      if (docs.length) {
        await this.local.bulkDocs(docs);
        box.waiting += docs.length;
      }
      box.recent = box.recent.slice(-RECENT_KEPT);
      await this.saveOutbox(box);
      if (rows.length < BATCH) break;
    }
    // Undone here: the log entry is gone, so its document becomes a tombstone that replicates.
    const present = await reviewsPresent(box.recent.map(([id]) => id));
    const gone = box.recent.filter(([id]) => !present.has(id));
    if (gone.length) {
      const { rows } = await this.local.allDocs({ keys: gone.flatMap(([, ...docIds]) => docIds) });
      const tombstones = rows.filter((r) => r.value && !r.value.deleted).map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true }));
      if (tombstones.length) await this.local.bulkDocs(tombstones);
      box.waiting += tombstones.length;
      box.recent = box.recent.filter(([id]) => present.has(id));
      await this.saveOutbox(box);
    }
    if (!box.heldSent) {
      box.waiting += await sendHeldEvents(this.local, box.device!, Date.now());
      box.heldSent = true;
      await this.saveOutbox(box);
    }
  }

  /** `review:<item>:<time>:` of every review document held locally. */
  private async historyKeys(): Promise<Set<string>> {
    const { rows } = await this.local.allDocs({ startkey: 'review:', endkey: 'review:\uffff' });
    return new Set(rows.map((r) => r.id.slice(0, r.id.lastIndexOf(':') + 1)));
  }

  /**
   * Applies every change of the local database since the last pass to the store: the ids say
   * which items they touch (a tombstone has no body), then those items are derived again from
   * their whole history, a slice of items per store transaction.
   */
  private async apply(box: Outbox): Promise<void> {
    const touched = new Set<ItemId>();
    const removed: { itemId: ItemId; at: number }[] = [];
    let seq = box.appliedSeq;
    const round = this.round;
    let pulledOnly = !!round;
    let past = 0;
    for (;;) {
      const feed = await phase('changes', () => this.local.changes({ since: seq, limit: BATCH * 5 }));
      const others: string[] = [];
      for (const change of feed.results) {
        pulledOnly &&= needsNoPush(round!, change, this.device);
        if (round && Number(change.seq) > Number(round.pushedTo)) past++;
        const parsed = parseHistoryId(change.id);
        if (!parsed) {
          if (!change.deleted && !change.id.startsWith('_design/')) others.push(change.id);
          continue;
        }
        touched.add(parsed.itemId);
        if (change.deleted && parsed.type === 'review') removed.push({ itemId: parsed.itemId, at: parsed.at });
      }
      // Any other document is checked too, so a bad one is reported, never left unseen.
      if (others.length) {
        const { rows } = await this.local.allDocs({ keys: others, include_docs: true });
        for (const row of rows) {
          const checked = checkIncoming(row.doc);
          if (row.doc && checked.status === 'quarantined') this.quarantine(checked.id, checked.reason);
        }
      }
      seq = feed.last_seq;
      if (feed.results.length < BATCH * 5) break;
    }
    if (touched.size) {
      const settings = await getSettings();
      const ids = [...touched];
      // Many items (a first sync): one pass over every history document beats a query per item.
      const all = ids.length > 200 ? await phase('history', () => historyByItem(this.local)) : null;
      for (let i = 0; i < ids.length; i += BATCH) {
        const slice = ids.slice(i, i + BATCH);
        const inSlice = new Set(slice);
        const derived = await phase('derive', () => this.derive(slice, settings, Date.now(), all));
        derived.remove = removed.filter((r) => inSlice.has(r.itemId));
        this.applying = true;
        try {
          await phase('store', () => storeDerived(derived));
        } finally {
          this.applying = false;
        }
      }
    }
    await this.edited.apply((id, reason) => this.quarantine(id, reason));
    box.appliedSeq = seq;
    // What this round pulled need not pass the push's filter again (a first sync: every
    // document); a few may (moving the push's checkpoint costs two requests).
    if (pulledOnly && past > PULLED_SKIPPED) box.pushFrom = seq;
    await this.saveOutbox(box);
  }

  /** An item's history documents that pass the quarantine; the others are reported. */
  private async historyOf(itemId: ItemId, all: Map<ItemId, Doc[]> | null): Promise<Doc[]> {
    let docs: Doc[] = all?.get(itemId) ?? [];
    if (!all) {
      for (const type of ['review', 'event'] as const) {
        const { rows } = await this.local.allDocs({ ...historyRange(type, itemId), include_docs: true });
        for (const row of rows) if (row.doc) docs.push(row.doc);
      }
    }
    const ok: Doc[] = [];
    for (const doc of docs) {
      const checked = checkIncoming(doc);
      if (checked.status === 'ok') ok.push(doc);
      else if (checked.status === 'quarantined') this.quarantine(checked.id, checked.reason);
    }
    return ok;
  }

  private quarantine(id: string, reason: string): void {
    if (this.status.quarantined.some((q) => q.id === id)) return;
    this.set({ quarantined: [...this.status.quarantined, { id, reason }].slice(-50) });
  }

  /** The touched items derived from their merged history, with the answers the log should hold. */
  private async derive(itemIds: ItemId[], settings: Settings, now: number, all: Map<ItemId, Doc[]> | null): Promise<DerivedChanges> {
    const stored = await itemsById(itemIds);
    const out: DerivedChanges = { items: [], add: [], remove: [] };
    for (const itemId of itemIds) {
      const history = liveHistory(itemId, (await this.historyOf(itemId, all)) as unknown as HistoryDoc[]);
      const own = stored.get(itemId);
      let item = startItem(parseItemId(itemId), own, history);
      // Answers and events of every device in one order: suspension and burial come from the events.
      for (const doc of history) {
        const before = item;
        item = replayStep(item, doc, settings);
        if (doc.type === 'review') out.add.push(toReviewRecord(doc, before, item));
      }
      out.items.push(settle({ ...item, created: own?.created ?? item.created, orphaned: own?.orphaned ?? false }, now));
    }
    return out;
  }
}
