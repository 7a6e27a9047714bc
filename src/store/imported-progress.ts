/**
 * Decks imported with their progress (an Anki collection): the decks, their items as the imported
 * history left them (suspensions and burials kept as item events for sync) and the imported
 * answers, written in one transaction, so an import is stored
 * whole or not at all. The stats aggregates are marked stale (the next stats load rebuilds them
 * from the log, which now holds answers from before today). Decks with media are stored with
 * their files in the same transaction. Loaded with the import screen.
 */
import type { Deck } from '../deck/schema';
import type { ItemRecord, ReviewRecord } from '../srs/types';
import { announce, batch, inTransaction } from './db';
import { summaryOf } from './deck-summaries';
import { BASIS_KEY, LOGGED_KEY, deckTime, eventKey, summaryKey } from './keys';
import { heldBy } from '../srs/held';
import type { StoredDeck } from './schema';
import { syncDeckItems } from './items';
import { StoreError, toStoreError } from './errors';
import { collectMedia, prepareDeckMedia, type MediaFiles } from './media';
import type { MediaRecord } from './schema';

export interface ImportedProgress {
  decks: Deck[];
  items: ItemRecord[];
  reviews: ReviewRecord[];
  /** The files the decks' `media` list, by name; every listed file must be here. */
  media?: MediaFiles;
}

/**
 * Stores the decks, items and answers. An answer already in the log (same item, same time: the
 * same file imported again) is not added twice. Returns how many answers were added.
 */
export async function storeImportedProgress(p: ImportedProgress, now: number = Date.now()): Promise<{ reviews: number }> {
  // Hashed before the transaction opens: it would end while waiting on anything but the store.
  const decks: Deck[] = [];
  const records = new Map<string, MediaRecord>();
  for (const deck of p.decks) {
    if (!deck.media?.length) {
      decks.push(deck);
      continue;
    }
    const missing = deck.media.find((m) => !p.media?.has(m.name));
    if (missing) throw new StoreError('corrupt', `The media file "${missing.name}" of "${deck.title}" is missing, so nothing was imported.`);
    const prepared = await prepareDeckMedia(deck, p.media!);
    decks.push(prepared.deck);
    for (const r of prepared.records) records.set(r.hash, r);
  }
  const stores = ['decks', 'items', 'reviews', 'meta', 'days', ...(records.size ? (['media'] as const) : [])] as const;
  let added: number;
  try {
    added = await write(p, decks, [...records.values()], stores, now);
  } catch (error) {
    const failure = toStoreError(error);
    if (failure.kind === 'quota') {
      throw new StoreError('quota', 'This device has no room left for the imported decks and their pictures and sounds, so nothing was imported. Free some space and import again.', { cause: error });
    }
    throw failure;
  }
  announce(decks.map((d) => d.id));
  // A replaced deck may have listed files no deck lists any more.
  if (records.size) await collectMedia();
  // Cards without progress get their new items the usual way.
  for (const deck of decks) await syncDeckItems(deck, now);
  return { reviews: added };
}

type Stores = readonly ('decks' | 'items' | 'reviews' | 'meta' | 'days' | 'media')[];

/** The one transaction: decks, media, items and the answers not already in the log. */
function write(p: ImportedProgress, decks: Deck[], records: MediaRecord[], stores: Stores, now: number): Promise<number> {
  return inTransaction([...stores], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const reviews = tx.objectStore('reviews');
    // When the log already has answers of these items, read before any write is issued: item by
    // item, but only for decks the log has any answer of (none, on a first import).
    const answered = new Map<string, Set<number>>();
    for (const r of p.reviews) answered.set(r.itemId, answered.get(r.itemId) ?? new Set());
    const deckIds = [...new Set(p.reviews.map((r) => r.deckId))];
    const known = new Set<string>();
    await Promise.all(
      deckIds.map(async (id) => {
        if (await reviews.index('by-deck-time').count(deckTime(id))) known.add(id);
      }),
    );
    await Promise.all(
      [...answered].map(async ([id, times]) => {
        if (!known.has(id.slice(0, id.indexOf('/')))) return;
        for (const r of await reviews.index('by-item').getAll(id)) times.add(r.at);
      }),
    );
    const writes = batch();
    if (records.length) {
      const media = tx.objectStore('media');
      for (const r of records) writes.add(media.put(r));
    }
    for (const deck of decks) {
      const stored: StoredDeck = { deck, origin: 'imported', updated: now };
      writes.add(tx.objectStore('decks').put(stored));
      writes.add(meta.put(summaryOf(stored), summaryKey(deck.id)));
    }
    for (const item of p.items) {
      writes.add(tx.objectStore('items').put(item));
      // Suspended or buried as the collection had them: kept as events too, so sync sends them
      // rather than deriving them away from the answers.
      for (const e of heldBy(item, now)) writes.add(meta.put(e, eventKey(e)));
    }
    let count = 0;
    for (const r of p.reviews) {
      const times = answered.get(r.itemId)!;
      if (times.has(r.at)) continue;
      times.add(r.at);
      writes.add(reviews.add(r));
      count++;
    }
    // Answers from other days were added: the day records no longer add up and are rebuilt.
    writes.add(meta.delete(BASIS_KEY));
    writes.add(meta.delete(LOGGED_KEY));
    await writes.done();
    return count;
  });
}
