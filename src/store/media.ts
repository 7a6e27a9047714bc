/**
 * Media files of format 2 decks, stored once by the SHA-256 of their bytes: a deck and the files
 * it lists are saved in one transaction (all or nothing, also when the quota runs out), files no
 * stored deck lists any more are removed, and the storage status can count their bytes. Loaded
 * only by screens that handle media: decks without media never load it.
 */
import { isMediaType, mediaRefs, sha256Hex } from '../deck/media';
import type { Deck, MediaFile } from '../deck/schema';
import { announce, batch, inTransaction } from './db';
import { summaryOf } from './deck-summaries';
import { StoreError, toStoreError } from './errors';
import { reportDamage } from './integrity';
import { summaryKey } from './keys';
import type { MediaRecord, StoredDeck } from './schema';

export { sha256Hex };

/** A deck's media files by name, as a bundle or the editor hands them over. */
export type MediaFiles = ReadonlyMap<string, Uint8Array>;

/** A copy of the buffer holding exactly these bytes (a view may sit in a larger buffer). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * The deck with each given file's `sha256` and `bytes` filled in, and the records to store them
 * under. Refused with a StoreError naming the file when a given file does not match the hash the
 * deck states. Files the deck lists but `files` lacks are left for `checkStoredMedia`.
 */
export async function prepareDeckMedia(deck: Deck, files: MediaFiles): Promise<{ deck: Deck; records: MediaRecord[] }> {
  const records: MediaRecord[] = [];
  const media: MediaFile[] = [];
  for (const entry of deck.media ?? []) {
    const bytes = files.get(entry.name);
    if (!bytes) {
      media.push(entry);
      continue;
    }
    const hash = await sha256Hex(bytes);
    if (entry.sha256 && entry.sha256 !== hash) {
      throw new StoreError('corrupt', `The media file "${entry.name}" is not the file the deck lists (its SHA-256 differs), so the deck was not saved.`);
    }
    records.push({ hash, type: entry.type, bytes: bytes.byteLength, data: ownBuffer(bytes) });
    media.push({ ...entry, bytes: bytes.byteLength, sha256: hash });
  }
  return { deck: deck.media ? { ...deck, media } : deck, records };
}

/** Within a transaction on `media`: refuses the save when a listed file was neither given nor is stored under its hash. */
export async function checkStoredMedia(store: { getKey(key: string): Promise<unknown> }, deck: Deck, files: MediaFiles): Promise<void> {
  for (const m of deck.media ?? []) {
    if (files.has(m.name)) continue;
    const have = m.sha256 ? await store.getKey(m.sha256) : undefined;
    if (have === undefined) throw new StoreError('corrupt', `The media file "${m.name}" is missing, so the deck was not saved.`);
  }
}

/**
 * Saves a deck with its media files in one transaction. Every file the deck lists must be given
 * or already stored under the deck's `sha256`; a given file must match a hash the deck states.
 * The deck is saved with each file's `sha256` and `bytes` filled in, and returned so. Refused with
 * a StoreError naming the file when one is missing or does not match; a full disk aborts it all.
 */
export async function saveDeckWithMedia(
  deck: Deck,
  files: MediaFiles,
  origin: 'imported' | 'authored',
  now: number = Date.now(),
): Promise<Deck> {
  const { deck: saved, records } = await prepareDeckMedia(deck, files);
  const stored: StoredDeck = { deck: saved, origin, updated: now };
  try {
    await inTransaction(['decks', 'meta', 'media'], 'readwrite', async (tx) => {
      const store = tx.objectStore('media');
      // Not given: it must already be stored, under the hash the deck states.
      await checkStoredMedia(store, saved, files);
      const writes = batch();
      for (const r of records) writes.add(store.put(r));
      writes.add(tx.objectStore('decks').put(stored));
      writes.add(tx.objectStore('meta').put(summaryOf(stored), summaryKey(deck.id)));
      await writes.done();
    });
  } catch (error) {
    const failure = toStoreError(error);
    if (failure.kind === 'quota') {
      throw new StoreError(
        'quota',
        `This device has no room left for the pictures and sounds of "${deck.title}", so the deck was not saved (nothing of it was kept). Free some space and import it again.`,
        { cause: error },
      );
    }
    throw failure;
  }
  announce([deck.id]);
  return saved;
}

/**
 * Stores one file the editor picked, under its hash, before the deck that will list it is saved
 * (an edited deck's draft lists it meanwhile, which keeps it from `collectMedia`). Returns the
 * hash. A full disk is a StoreError of kind quota naming the file; nothing is stored then.
 */
export async function storeMediaFile(name: string, type: string, bytes: Uint8Array): Promise<string> {
  const hash = await sha256Hex(bytes);
  try {
    await inTransaction(['media'], 'readwrite', (tx) => tx.objectStore('media').put({ hash, type, bytes: bytes.byteLength, data: ownBuffer(bytes) }));
  } catch (error) {
    const failure = toStoreError(error);
    if (failure.kind === 'quota') {
      throw new StoreError('quota', `This device has no room left for "${name}", so it was not added and the card is unchanged. Free some space and try again.`, { cause: error });
    }
    throw failure;
  }
  return hash;
}

/**
 * The read check of a media record (its `read` marks in records.ts): here rather than in
 * integrity.ts, whose checks ride on the study path, because only this lazy module reads media.
 * A damaged record is reported and skipped.
 */
export function soundMedia(x: unknown, key: string): x is MediaRecord {
  const r = typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
  let problem: string | null = null;
  if (!r) problem = 'is not a media file';
  else if (typeof r.hash !== 'string' || !/^[0-9a-f]{64}$/.test(r.hash) || typeof r.type !== 'string' || !isMediaType(r.type)) problem = 'is not a readable media file';
  // Tagged rather than instanceof: a buffer read from IndexedDB may come from another realm.
  else if (Object.prototype.toString.call(r.data) !== '[object ArrayBuffer]') problem = 'has no file data';
  if (problem) reportDamage({ store: 'media', key, problem });
  return problem === null;
}

/** A stored media file that passes the read checks, or undefined (a damaged one is reported, see integrity.ts). */
async function readMedia(hash: string): Promise<MediaRecord | undefined> {
  const record: unknown = await inTransaction(['media'], 'readonly', (tx) => tx.objectStore('media').get(hash));
  return record !== undefined && soundMedia(record, hash) ? record : undefined;
}

/** A stored media file as a Blob of its type, or undefined when it is not stored (or not readable). */
export async function getMediaBlob(hash: string): Promise<Blob | undefined> {
  const record = await readMedia(hash);
  return record && new Blob([record.data], { type: record.type });
}

/** A stored media file's bytes, for export and bundles. */
export async function getMediaBytes(hash: string): Promise<Uint8Array | undefined> {
  const record = await readMedia(hash);
  return record && new Uint8Array(record.data);
}

/** Every media hash a deck lists. */
export function deckMediaHashes(deck: Deck): string[] {
  return (deck.media ?? []).flatMap((m) => (typeof m?.sha256 === 'string' ? [m.sha256] : []));
}

/** The deck an editor's draft holds, if its value has one (drafts are the editor's own shape). */
function draftDeck(value: unknown): Deck | null {
  const deck = (value as { deck?: unknown } | null)?.deck as Deck | undefined;
  return deck && Array.isArray(deck.media) ? deck : null;
}

/** Removes the media files no stored deck and no editor's draft lists; returns how many went. */
export async function collectMedia(): Promise<number> {
  return inTransaction(['decks', 'drafts', 'media'], 'readwrite', async (tx) => {
    const [decks, drafts, hashes] = await Promise.all([tx.objectStore('decks').getAll(), tx.objectStore('drafts').getAll(), tx.objectStore('media').getAllKeys()]);
    const listed = [...decks.map((d) => d?.deck), ...drafts.map((d) => draftDeck(d?.value))];
    const used = new Set(listed.flatMap((d) => (d ? deckMediaHashes(d) : [])));
    const unused = hashes.filter((h) => !used.has(h));
    await Promise.all(unused.map((h) => tx.objectStore('media').delete(h)));
    return unused.length;
  });
}

/** How many media files are stored and their bytes, read from the size index's keys alone. */
export async function mediaUsage(): Promise<{ files: number; bytes: number }> {
  return inTransaction(['media'], 'readonly', async (tx) => {
    let files = 0;
    let bytes = 0;
    for (let cursor = await tx.objectStore('media').index('by-bytes').openKeyCursor(); cursor; cursor = await cursor.continue()) {
      files++;
      bytes += cursor.key;
    }
    return { files, bytes };
  });
}

/** Names of the media a text refers to that the deck lists: for the card renderer's preloading. */
export function referencedMedia(deck: Deck, text: string): MediaFile[] {
  const byName = new Map((deck.media ?? []).map((m) => [m.name, m]));
  return mediaRefs(text).flatMap((r) => byName.get(r.name) ?? []);
}
