/**
 * Review items: bringing a deck's items in line with its cards, reading them, keeping an item
 * event for sync, and returning buried ones to their queues when their day is over (suspending
 * and burying are in `hold.ts`).
 */
import { expandDeck, itemsSignature } from '../deck/items';
import type { Deck } from '../deck/schema';
import { nextStudyDayStart } from '../srs/day';
import { QUEUE, queueOf } from '../srs/queue';
import { newItem } from '../srs/scheduler';
import type { ItemEvent, ItemId, ItemRecord } from '../srs/types';
import { announce, batch, inTransaction, onRemoteChange, onStoreChange, type Tx } from './db';
import { soundItem } from './integrity';
import { deckItems, eventKey, queueRange, syncKey } from './keys';
import { getSettings } from './settings';

/** Items written per slice when a deck's items are brought in line (see syncDeckItems). */
const SLICE = 100;

/**
 * Brings a deck's review items in line with its cards: new cards arrive as new items, items
 * whose card is gone are marked orphaned (their history stays), returning cards get their
 * items (and history) back. Edited cards keep their ids and so their progress. `force` reads
 * the items even when the deck's sync mark says they are in line.
 */
export async function syncDeckItems(deck: Deck, now: number, force = false): Promise<void> {
  const refs = expandDeck(deck);
  const signature = itemsSignature(refs.map((r) => r.id));
  const changed = await inTransaction(['items', 'meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    // The deck's items were already brought in line with exactly these item ids: nothing to read.
    // (Clearing the items, by a reset or a backup import, clears these marks too; storing a deck
    // clears its mark, so a fingerprint never vouches for cards it was not made from. `force`:
    // a card was found missing, so the mark is not trusted.)
    if (!force && (await meta.get(syncKey(deck.id))) === signature) return false;
    const store = tx.objectStore('items');
    const existing = new Map((await store.index('by-card').getAll(deckItems(deck.id))).map((item) => [item.id, item]));
    const writes = batch();
    let last: Promise<unknown> | null = null;
    for (let order = 0; order < refs.length; order++) {
      // A large deck's items go a slice at a time: waiting for a slice's last write (the
      // transaction stays open) lets the page handle input between slices instead of one long task.
      if (order % SLICE === 0 && last) await last;
      const ref = refs[order]!;
      const item = existing.get(ref.id);
      existing.delete(ref.id);
      // A damaged item is left as it is (reported, skipped by every read), never overwritten.
      if (item && !soundItem(item)) continue;
      if (!item) writes.add((last = store.add(newItem(ref, now, order))));
      else if (item.orphaned) {
        const back = { ...item, orphaned: false };
        writes.add((last = store.put({ ...back, queue: queueOf(back, now) })));
      }
    }
    for (const item of existing.values()) {
      if (!soundItem(item) || item.orphaned) continue;
      writes.add(store.put({ ...item, orphaned: true, queue: QUEUE.orphaned }));
    }
    writes.add(meta.put(signature, syncKey(deck.id)));
    return (await writes.done()) > 1;
  });
  if (changed) announce([deck.id]);
}

/** Every review item of a deck, orphaned ones included. */
export async function getItems(deckId: string): Promise<ItemRecord[]> {
  const all = await inTransaction(['items'], 'readonly', (tx) => tx.objectStore('items').index('by-card').getAll(deckItems(deckId)));
  return all.filter(soundItem);
}

/** One review item, or undefined when there is none (or it is damaged). */
export async function getItem(id: ItemId): Promise<ItemRecord | undefined> {
  const item = await inTransaction(['items'], 'readonly', (tx) => tx.objectStore('items').get(id));
  return item && soundItem(item) ? item : undefined;
}

/** Keeps an item event in the same transaction as its change, for sync to send (see `eventKey`). */
export function keepEvent(tx: Tx<['items', 'meta'], 'readwrite'>, e: ItemEvent): Promise<unknown> {
  return tx.objectStore('meta').put(e, eventKey(e));
}

/**
 * Per deck, the time until which no buried item of it can be due to return: burying hides items
 * until the next study day starts, so once a deck's pile was checked, it need not be read again
 * before then. Forgotten when anything but a deck's own changes happen (an import, a reset, another tab).
 */
const unburiedUntil = new Map<string, number>();
onStoreChange((change) => {
  if (change.deckIds.length === 0) unburiedUntil.clear();
});
onRemoteChange(() => unburiedUntil.clear());

/** Forgets which decks' buried piles were checked (the store was closed). */
export function forgetBuried(): void {
  unburiedUntil.clear();
}

/**
 * Returns the scope's buried items whose day is over to their queues. Buried piles are small and
 * sit in their own index range per deck, so this reads only them, and each deck's at most once a
 * study day.
 */
export async function unburyDue(scope: string[], now: number): Promise<void> {
  const deckIds = scope.filter((id) => (unburiedUntil.get(id) ?? -Infinity) <= now);
  if (!deckIds.length) return;
  const until = nextStudyDayStart(now, (await getSettings()).dayStartHour);
  const over = await inTransaction(['items'], 'readonly', async (tx) => {
    const index = tx.objectStore('items').index('by-deck-queue-due');
    const piles = await Promise.all(deckIds.map((deckId) => index.getAll(queueRange(deckId, QUEUE.buried))));
    return piles.flat().filter((item) => soundItem(item) && item.buriedUntil <= now);
  });
  if (over.length) {
    await inTransaction(['items'], 'readwrite', async (tx) => {
      const store = tx.objectStore('items');
      // Re-read inside the write: another tab may have changed these items since.
      const current = await Promise.all(over.map((item) => store.get(item.id)));
      const writes = batch();
      for (const item of current) {
        if (!item || item.queue !== QUEUE.buried || item.buriedUntil > now) continue;
        const back = { ...item, buriedUntil: 0 };
        writes.add(store.put({ ...back, queue: queueOf(back, now) }));
      }
      await writes.done();
    });
    announce(new Set(over.map((item) => item.deckId)));
  }
  for (const id of deckIds) unburiedUntil.set(id, until);
}
