/**
 * Authoring's door to storage: editable copies (autosaved drafts), saving with a version bump,
 * duplicating, deleting and importing decks. Views call these; only `../store` touches IndexedDB.
 */
import type { Card, Deck } from '../deck/schema';
import { validateDeck, type DeckResult } from '../deck/validate';
import { getDeckEntry, listDecks } from '../library/library';
import { deleteStoredDeck, getStoredDeck, listStoredDecks, saveDeck, syncDeckItems } from '../store';
import { deleteDraft, getDraft, saveDraft } from '../store/drafts';
import { draftDeckProblem } from '../store/draft-check';
import { reportDamage } from '../store/integrity';
import type { MediaFiles } from '../store/media';
import { newCardId, uniqueId } from './ids';
import { cleanForSave } from './edit-model';

/** Drafts store key of a deck being edited. */
export const draftKey = (id: string) => `author:deck:${id}`;
/** Ids of decks created in the editor and never saved: they exist only as drafts. */
const UNSAVED = 'author:unsaved';

export interface EditDraft {
  deck: Deck;
  /** When the draft was last written (ms). */
  at: number;
}

/**
 * The autosaved draft of a deck, if the editor can open it. A damaged one (from a restored
 * backup of an older version, or a hand edit) is reported, to be removed from Settings, and
 * the saved deck opens instead: it must never hang the editor.
 */
async function readDraft(id: string): Promise<EditDraft | undefined> {
  const value = await getDraft(draftKey(id));
  if (value === undefined) return undefined;
  const problem = draftDeckProblem(value, id);
  if (!problem) return value as EditDraft;
  reportDamage({ store: 'drafts', key: draftKey(id), problem });
  return undefined;
}

async function unsavedIds(): Promise<string[]> {
  const v = await getDraft(UNSAVED);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

async function setUnsaved(ids: string[]): Promise<void> {
  await saveDraft(UNSAVED, [...new Set(ids)]);
}

/** Every id in use: bundled, stored and unsaved decks. */
export async function takenDeckIds(): Promise<Set<string>> {
  const [library, unsaved] = await Promise.all([listDecks().catch(() => []), unsavedIds()]);
  const stored = await listStoredDecks();
  return new Set([...library.map((e) => e.summary.id), ...stored.map((s) => s.deck.id), ...unsaved]);
}

export interface AuthorDeckRow {
  id: string;
  title: string;
  cards: number;
  /** `bundled`: shipped with the app; saving an edit keeps an authored copy that replaces it. */
  origin: 'authored' | 'imported' | 'unsaved' | 'bundled';
  /** True when an autosaved draft holds changes not yet saved. */
  hasDraft: boolean;
}

/** Decks a teacher can edit here: stored ones and unsaved new ones by title, then the bundled ones. */
export async function listAuthorDecks(): Promise<AuthorDeckRow[]> {
  const [stored, unsaved, library] = await Promise.all([listStoredDecks(), unsavedIds(), listDecks().catch(() => [])]);
  const rows: AuthorDeckRow[] = [];
  for (const s of stored) {
    rows.push({ id: s.deck.id, title: s.deck.title, cards: s.deck.cards.length, origin: s.origin, hasDraft: !!(await readDraft(s.deck.id)) });
  }
  for (const id of unsaved) {
    if (rows.some((r) => r.id === id)) continue;
    const d = await readDraft(id);
    if (d?.deck) rows.push({ id, title: d.deck.title || 'Untitled deck', cards: d.deck.cards.length, origin: 'unsaved', hasDraft: true });
  }
  rows.sort((a, b) => a.title.localeCompare(b.title));
  for (const e of library) {
    if (e.origin !== 'bundled' || rows.some((r) => r.id === e.summary.id)) continue;
    rows.push({ id: e.summary.id, title: e.summary.title, cards: e.summary.cardCount, origin: 'bundled', hasDraft: !!(await readDraft(e.summary.id)) });
  }
  return rows;
}

/** A new deck with one empty card, kept as a draft until first saved. Returns its id. */
export async function createDeck(now = Date.now()): Promise<string> {
  const taken = await takenDeckIds();
  const id = uniqueId('new-deck', taken);
  const card: Card = { id: newCardId('basic', new Set()), type: 'basic', front: '', back: '' };
  const deck: Deck = { id, version: 1, title: 'Untitled deck', language: 'en', cards: [card] };
  await saveDraft(draftKey(id), { deck, at: now } satisfies EditDraft);
  await setUnsaved([...(await unsavedIds()), id]);
  return id;
}

export interface Editable {
  deck: Deck;
  /** Version of the saved deck, or null if never saved. */
  savedVersion: number | null;
  /** True when the deck came from an autosaved draft rather than the saved copy. */
  fromDraft: boolean;
}

/** What the editor opens: the autosaved draft first (nothing typed is lost), else the saved deck. */
export async function openForEditing(id: string): Promise<Editable | null> {
  const [draft, entry] = await Promise.all([readDraft(id), getDeckEntry(id).catch(() => null)]);
  const savedVersion = entry?.deck.version ?? null;
  if (draft?.deck) return { deck: draft.deck, savedVersion, fromDraft: true };
  if (entry) return { deck: structuredClone(entry.deck), savedVersion, fromDraft: false };
  return null;
}

/** Autosave: the deck as typed, valid or not. */
export function writeDraft(deck: Deck, now = Date.now()): Promise<void> {
  return saveDraft(draftKey(deck.id), { deck, at: now } satisfies EditDraft);
}

/** Throws away the autosaved changes of a deck. */
export async function discardDraft(id: string): Promise<void> {
  await deleteDraft(draftKey(id));
  await setUnsaved((await unsavedIds()).filter((x) => x !== id));
}

/**
 * Saves a valid deck as authored with its version one above the saved one, brings its review
 * items in line (card ids are stable, so progress stays) and drops the draft.
 */
export async function saveEdited(deck: Deck, now = Date.now()): Promise<DeckResult> {
  const entry = await getDeckEntry(deck.id).catch(() => null);
  const version = entry ? entry.deck.version + 1 : Math.max(1, deck.version);
  const checked = validateDeck({ ...cleanForSave(deck), version });
  if (!checked.ok) return checked;
  // Picked files are stored already (media-file.ts): the deck is saved only if every one still is.
  if (checked.deck.media?.length) await (await import('../store/media')).saveDeckWithMedia(checked.deck, new Map(), 'authored', now);
  else await saveDeck(checked.deck, 'authored', now);
  await syncDeckItems(checked.deck, now);
  await discardDraft(deck.id);
  return checked;
}

/** A copy with a new id and title "… (copy)", saved as authored. Card ids are kept: progress is per deck. */
export async function duplicateDeck(id: string, now = Date.now()): Promise<string | null> {
  const source = await openForEditing(id);
  if (!source) return null;
  const taken = await takenDeckIds();
  const copy: Deck = { ...structuredClone(source.deck), id: uniqueId(`${id}-copy`, taken), version: 1, title: `${source.deck.title} (copy)`.slice(0, 120) };
  const checked = validateDeck(cleanForSave(copy));
  if (checked.ok) {
    await saveDeck(checked.deck, 'authored', now);
    await syncDeckItems(checked.deck, now);
  } else {
    await writeDraft(copy, now);
    await setUnsaved([...(await unsavedIds()), copy.id]);
  }
  return copy.id;
}

/** Deletes a deck and its draft. Review history stays, so importing it again brings progress back. */
export async function deleteDeck(id: string): Promise<void> {
  await deleteStoredDeck(id);
  await discardDraft(id);
  // Pictures and sounds no other deck lists go with it.
  await (await import('../store/media')).collectMedia();
}

export type ImportMode = 'replace' | 'copy';

/** Whether a deck with this id already exists (bundled or stored). */
export async function existingDeck(id: string): Promise<Deck | null> {
  return (await getDeckEntry(id).catch(() => null))?.deck ?? null;
}

/**
 * Stores an imported deck, with the media files a bundle brought (all in one transaction).
 * `replace` keeps the id (and so every card's progress); `copy` gives it a new id. Returns the
 * id it was stored under.
 */
export async function importDeck(deck: Deck, mode: ImportMode = 'replace', now = Date.now(), files?: MediaFiles): Promise<string> {
  let toSave = deck;
  if (mode === 'copy') {
    const taken = await takenDeckIds();
    toSave = { ...deck, id: uniqueId(`${deck.id}-copy`, taken), title: `${deck.title} (copy)`.slice(0, 120) };
  }
  const { $schema: _schema, format: _format, ...plain } = toSave;
  if (plain.media?.length) {
    // A deck with media stays format 2, and is stored with its files or not at all.
    const media = await import('../store/media');
    const saved = await media.saveDeckWithMedia({ format: 2, ...plain }, files ?? new Map(), 'imported', now);
    await syncDeckItems(saved, now);
    await media.collectMedia();
    return saved.id;
  }
  await saveDeck(plain, 'imported', now);
  await syncDeckItems(plain, now);
  return plain.id;
}

/** The stored copy of a deck, for tests and the export screen. */
export const storedDeck = (id: string) => getStoredDeck(id);
