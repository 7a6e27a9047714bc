/**
 * Decks and settings in the sync pass (called by `engine.ts`): the learner's own decks and synced
 * settings edited since the last pass become new revisions in the local PouchDB, and the
 * documents that changed there (from the server or from here) are applied to the store through
 * its deck update path, which keeps progress by card id. Each revision passes the quarantine;
 * of two devices' edits the latest by time is the one applied (`conflicts.ts`). A joined class's
 * decks are left to their class. What was last sent or applied is kept in a local-only document.
 */
import type { Database, Doc } from 'pouchdb-browser';
import { formatError, validateDeck } from '../deck/validate';
import { deleteStoredDeck, getSettings, saveDeck, syncDeckItems, updateSettings } from '../store';
import { classDeckIds, deckTimes, storedDeckRecord } from '../store/synced';
import { DEFAULT_SETTINGS } from '../srs/types';
import { latestEdit, settleOn } from './conflicts';
import { canonical, contentOf, deckDocId, deckIdOf, isEditId, SETTINGS_ID, syncedPart, type DeckDoc, type EditDoc, type SettingsDoc } from './edited-docs';
import { checkIncoming } from './quarantine';

/** What this device last sent or applied, in a local-only document (never replicated). */
interface Book {
  _id: string;
  _rev?: string;
  /** Per own deck: the store's `updated` of the version last sent or applied. */
  decks: Record<string, number>;
  /** The synced settings last sent or applied, as canonical JSON; null before the first pass. */
  settings: string | null;
  /** How far the local database's changes have been applied to the store. */
  seq: number | string;
}

const BOOK_ID = '_local/briefdeck-edited';
const FEED = 1000;

/** Says why a revision was set aside. */
export type Report = (id: string, reason: string) => void;

/** The live revisions of an edited document that pass the quarantine (the others reported), or null when it is deleted or absent. */
export async function liveRevisions(local: Database, id: string, report: Report): Promise<{ current: EditDoc; revisions: EditDoc[] } | null> {
  let current: Doc;
  try {
    current = await local.get(id, { conflicts: true });
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
  const others = await Promise.all((current._conflicts ?? []).map((rev) => local.get(id, { rev })));
  const revisions: EditDoc[] = [];
  for (const doc of [current, ...others]) {
    const checked = checkIncoming(doc);
    if (checked.status === 'ok' && checked.doc.type === (id === SETTINGS_ID ? 'settings' : 'deck')) revisions.push(doc as unknown as EditDoc);
    else if (checked.status === 'quarantined') report(`${id} (${String(doc._rev)})`, checked.reason);
    else report(`${id} (${String(doc._rev)})`, `is a ${String(doc.type)}, not a ${id === SETTINGS_ID ? 'settings' : 'deck'} document`);
  }
  const { _conflicts: _c, ...shown } = current;
  return { current: shown as unknown as EditDoc, revisions };
}

/** The edited documents' part of a sync pass, for one local database. */
export class EditedSync {
  /** True while it writes to the store (the engine does not take those writes for news). */
  applying = false;

  constructor(
    private readonly local: Database,
    /** This device's tag (the engine's). */
    readonly device: () => string,
  ) {}

  private async book(): Promise<Book> {
    try {
      return (await this.local.get(BOOK_ID)) as unknown as Book;
    } catch {
      return { _id: BOOK_ID, decks: {}, settings: null, seq: 0 };
    }
  }

  private async saveBook(book: Book): Promise<void> {
    book._rev = (await this.local.put(book as unknown as Doc)).rev;
  }

  /** The revision CouchDB shows now (null when absent), to write the next one on. */
  private async head(id: string): Promise<string | undefined> {
    const { rows } = await this.local.allDocs({ keys: [id] });
    const value = rows[0]?.value;
    return value && !value.deleted ? value.rev : undefined;
  }

  /**
   * Writes the decks and settings edited in the store since the last pass as new revisions, and a
   * deck deleted here as a tombstone. Returns how many documents it wrote.
   */
  async collect(report: Report, now = Date.now()): Promise<number> {
    const book = await this.book();
    const device = this.device();
    const [times, fromClasses, settings] = await Promise.all([deckTimes(), classDeckIds(), getSettings()]);
    const writes: { doc: Doc; undo: () => void }[] = [];
    const present = new Set<string>();
    for (const [id, updated] of times) {
      if (fromClasses.has(id)) continue;
      present.add(id);
      const sent = book.decks[id];
      if (sent === updated) continue;
      const stored = await storedDeckRecord(id);
      // A damaged deck is not sent over the good copies of other devices.
      const checked = validateDeck(stored?.deck);
      if (!stored || !checked.ok) {
        report(deckDocId(id), `is damaged on this device and was not sent (${checked.ok ? 'unreadable' : formatError(checked.errors[0]!)})`);
        continue;
      }
      const doc: DeckDoc = { _id: deckDocId(id), type: 'deck', deck: stored.deck, origin: stored.origin, editedAt: updated, device };
      const rev = await this.head(doc._id);
      if (rev) doc._rev = rev;
      book.decks[id] = updated;
      writes.push({ doc: doc as unknown as Doc, undo: () => (sent === undefined ? delete book.decks[id] : (book.decks[id] = sent)) });
    }
    // Deleted here: a tombstone, as CouchDB deletes. An edit made elsewhere meanwhile outlives it (a live branch wins over a deleted one).
    for (const id of Object.keys(book.decks)) {
      if (present.has(id)) continue;
      const sent = book.decks[id]!;
      delete book.decks[id];
      const rev = fromClasses.has(id) ? undefined : await this.head(deckDocId(id));
      if (rev) writes.push({ doc: { _id: deckDocId(id), _rev: rev, _deleted: true }, undo: () => (book.decks[id] = sent) });
    }
    const mine = canonical(syncedPart(settings));
    // A device that never changed its settings has nothing to say yet: the learner's settings come to it.
    if (book.settings === null && mine === canonical(syncedPart(DEFAULT_SETTINGS))) book.settings = mine;
    if (mine !== book.settings) {
      const doc: SettingsDoc = { _id: SETTINGS_ID, type: 'settings', settings: syncedPart(settings), editedAt: now, device };
      const rev = await this.head(SETTINGS_ID);
      if (rev) doc._rev = rev;
      const sent = book.settings;
      book.settings = mine;
      writes.push({ doc: doc as unknown as Doc, undo: () => (book.settings = sent) });
    }
    let written = 0;
    if (writes.length) {
      const results = await this.local.bulkDocs(writes.map((w) => w.doc));
      // A write refused (it raced another) is tried again on the next pass.
      results.forEach((r, i) => ('error' in r ? writes[i]!.undo() : written++));
    }
    await this.saveBook(book);
    return written;
  }

  /** Applies to the store every deck and settings document that changed in the local database since the last pass. */
  async apply(report: Report): Promise<void> {
    const book = await this.book();
    const ids = new Set<string>();
    let since = book.seq;
    for (;;) {
      const feed = await this.local.changes({ since, limit: FEED });
      for (const change of feed.results) if (isEditId(change.id)) ids.add(change.id);
      since = feed.last_seq;
      if (feed.results.length < FEED) break;
    }
    if (ids.size) {
      const fromClasses = await classDeckIds();
      this.applying = true;
      try {
        for (const id of ids) {
          const deckId = deckIdOf(id);
          if (deckId !== null && fromClasses.has(deckId)) continue;
          await (deckId === null ? this.applySettings(book, report) : this.applyDeck(deckId, book, report));
        }
      } finally {
        this.applying = false;
      }
    }
    book.seq = since;
    await this.saveBook(book);
  }

  /**
   * Two devices' edits with the same content are not two versions: the other branches close
   * without asking, onto the branch CouchDB shows (only tombstones, so two devices closing them at
   * once agree).
   */
  private async closeEqual(live: { current: EditDoc; revisions: EditDoc[] }): Promise<void> {
    const shown = live.revisions.find((r) => r._rev === live.current._rev);
    if (!shown || live.revisions.length < 2 || !live.revisions.every((r) => contentOf(r) === contentOf(shown))) return;
    await this.local.bulkDocs(settleOn(live.current, live.revisions, shown, shown.editedAt, shown.device) as Doc[]);
  }

  private async applyDeck(deckId: string, book: Book, report: Report): Promise<void> {
    const id = deckDocId(deckId);
    const live = await liveRevisions(this.local, id, report);
    const stored = await storedDeckRecord(deckId);
    const known = book.decks[deckId];
    // An edit here that is not sent yet: the next pass sends it, and the two meet as branches.
    if (stored && stored.updated !== known) return;
    if (!live?.revisions.length) {
      if (live === null && stored) {
        // Deleted on another device (every branch a tombstone): gone here too; its cards' history stays.
        await deleteStoredDeck(deckId);
        delete book.decks[deckId];
      }
      return;
    }
    const winner = latestEdit(live.revisions).winner as DeckDoc;
    await this.closeEqual(live);
    if (stored && known === winner.editedAt) return;
    await saveDeck(winner.deck, winner.origin ?? 'imported', winner.editedAt);
    await syncDeckItems(winner.deck, Date.now());
    book.decks[deckId] = winner.editedAt;
  }

  private async applySettings(book: Book, report: Report): Promise<void> {
    const live = await liveRevisions(this.local, SETTINGS_ID, report);
    if (!live?.revisions.length) return;
    const mine = canonical(syncedPart(await getSettings()));
    // Changed here since the last pass: the next pass sends it first.
    if (book.settings !== null && mine !== book.settings) return;
    const winner = latestEdit(live.revisions).winner as SettingsDoc;
    await this.closeEqual(live);
    const wanted = syncedPart(winner.settings);
    if (canonical(wanted) === mine) {
      book.settings = mine;
      return;
    }
    try {
      book.settings = canonical(syncedPart(await updateSettings(wanted)));
    } catch (e) {
      report(`${SETTINGS_ID} (${String(winner._rev)})`, (e as Error).message);
    }
  }
}
