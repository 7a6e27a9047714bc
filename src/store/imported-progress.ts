/**
 * Decks imported with their progress (an Anki collection): the decks, their items as the imported
 * history left them (suspensions and burials kept as item events for sync) and the imported
 * answers, written in one transaction, so an import is stored
 * whole or not at all. The stats aggregates are marked stale (the next stats load rebuilds them
 * from the log, which now holds answers from before today). Decks with media are stored with
 * their files in the same transaction. The many records go without a promise each, and a deck new
 * to the store gets all its items there, so nothing reads them back. Loaded with the import screen.
 */
import type { Deck } from '../deck/schema';
import type { ItemRecord, ReviewRecord } from '../srs/types';
import { expandDeck, itemsSignature, type ItemRef } from '../deck/items';
import { newItem } from '../srs/scheduler';
import { announce, batch, inTransaction, putAll } from './db';
import { summaryOf } from './deck-summaries';
import { BASIS_KEY, LOGGED_KEY, deckItems, deckTime, eventKey, summaryKey, syncKey } from './keys';
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
  const plans = decks.map((deck) => {
    const refs = expandDeck(deck);
    return { deck, refs, signature: itemsSignature(refs.map((r) => r.id)) };
  });
  const stores = ['decks', 'items', 'reviews', 'meta', 'days', ...(records.size ? (['media'] as const) : [])] as const;
  let written: { added: number; fresh: Set<string> };
  try {
    written = await write(p, plans, [...records.values()], stores, now);
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
  // A deck that had items before (a replaced one) gets its new cards' items the usual way.
  for (const deck of decks) if (!written.fresh.has(deck.id)) await syncDeckItems(deck, now);
  return { reviews: written.added };
}

type Stores = readonly ('decks' | 'items' | 'reviews' | 'meta' | 'days' | 'media')[];

/** A deck to store with its review items' refs and their fingerprint. */
interface DeckPlan {
  deck: Deck;
  refs: ItemRef[];
  signature: string;
}

/**
 * The one transaction: decks, media, items and the answers not already in the log. A deck new to
 * the store gets every item here (the new ones as `syncDeckItems` would make them) and its sync
 * mark, so nothing reads its items back afterwards. The many records go without a promise each.
 */
function write(p: ImportedProgress, plans: DeckPlan[], records: MediaRecord[], stores: Stores, now: number): Promise<{ added: number; fresh: Set<string> }> {
  return inTransaction([...stores], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const reviews = tx.objectStore('reviews');
    const items = tx.objectStore('items');
    // Which decks the store already has items or answers of: read before any write is issued.
    const fresh = new Set<string>();
    const answeredBefore = new Set<string>();
    await Promise.all(
      plans.map(async ({ deck }) => {
        const [itemCount, answerCount] = await Promise.all([items.index('by-card').count(deckItems(deck.id)), reviews.index('by-deck-time').count(deckTime(deck.id))]);
        if (!itemCount) fresh.add(deck.id);
        if (answerCount) answeredBefore.add(deck.id);
      }),
    );
    // When the log already has answers of these items (the same file imported again), read them
    // item by item, but only for decks the log has any answer of (none, on a first import).
    const answered = new Map<string, Set<number>>();
    for (const r of p.reviews) if (!answered.has(r.itemId)) answered.set(r.itemId, new Set());
    if (answeredBefore.size) {
      await Promise.all(
        [...answered].map(async ([id, times]) => {
          if (!answeredBefore.has(id.slice(0, id.indexOf('/')))) return;
          for (const r of await reviews.index('by-item').getAll(id)) times.add(r.at);
        }),
      );
    }
    const writes = batch();
    if (records.length) {
      const media = tx.objectStore('media');
      for (const r of records) writes.add(media.put(r));
    }
    for (const { deck } of plans) {
      const stored: StoredDeck = { deck, origin: 'imported', updated: now };
      writes.add(tx.objectStore('decks').put(stored));
      writes.add(meta.put(summaryOf(stored), summaryKey(deck.id)));
    }
    putAll(items, p.items);
    // Suspended or buried as the collection had them: kept as events too, so sync sends them
    // rather than deriving them away from the answers.
    for (const item of p.items) for (const e of heldBy(item, now)) writes.add(meta.put(e, eventKey(e)));
    const withProgress = new Set(p.items.map((i) => i.id));
    for (const { deck, refs, signature } of plans) {
      if (!fresh.has(deck.id)) {
        // Its items are brought in line after this transaction: the old mark may not describe them.
        writes.add(meta.delete(syncKey(deck.id)));
        continue;
      }
      putAll(items, newItems(refs, withProgress, now));
      writes.add(meta.put(signature, syncKey(deck.id)));
    }
    const added: ReviewRecord[] = [];
    for (const r of p.reviews) {
      const times = answered.get(r.itemId)!;
      if (times.has(r.at)) continue;
      times.add(r.at);
      added.push(r);
    }
    putAll(reviews, added);
    // Answers from other days were added: the day records no longer add up and are rebuilt.
    writes.add(meta.delete(BASIS_KEY));
    writes.add(meta.delete(LOGGED_KEY));
    await writes.done();
    return { added: added.length, fresh };
  });
}

/** The new items of the refs without progress, in card order, as `syncDeckItems` makes them. */
function* newItems(refs: ItemRef[], withProgress: Set<string>, now: number): Generator<ItemRecord> {
  for (let order = 0; order < refs.length; order++) {
    const ref = refs[order]!;
    if (!withProgress.has(ref.id)) yield newItem(ref, now, order);
  }
}
