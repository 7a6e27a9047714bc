/**
 * Suspending, unsuspending and burying items, each kept as an event for sync too. Loaded when the
 * learner first asks for one (from the study screen or the card browser), not with the study path.
 */
import { nextStudyDayStart } from '../srs/day';
import { queueOf } from '../srs/queue';
import type { ItemId, ItemRecord } from '../srs/types';
import { announce, batch, inTransaction } from './db';
import { StoreError } from './errors';
import { keepEvent } from './items';
import { getSettings } from './settings';

/** Suspends or unsuspends items (a leech stays tagged leech when unsuspended). */
export async function setSuspended(itemIds: ItemId[], suspended: boolean, now: number = Date.now()): Promise<void> {
  const kind = suspended ? 'suspend' : 'unsuspend';
  const deckIds = await inTransaction(['items', 'meta'], 'readwrite', async (tx) => {
    const store = tx.objectStore('items');
    const items = await Promise.all(itemIds.map((id) => store.get(id)));
    const missing = itemIds.filter((_, i) => !items[i]);
    if (missing.length) throw new StoreError('unknown', `There is no review item "${missing[0]}" to ${kind}.`);
    const decks = new Set<string>();
    const writes = batch();
    for (const item of items as ItemRecord[]) {
      const next = { ...item, suspended };
      writes.add(store.put({ ...next, queue: queueOf(next, now) }));
      writes.add(keepEvent(tx, { kind, itemId: item.id, at: now }));
      decks.add(item.deckId);
    }
    await writes.done();
    return decks;
  });
  announce(deckIds);
}

/** Hides every item of a card until the next study day. */
export async function buryCard(deckId: string, cardId: string, now: number): Promise<void> {
  const settings = await getSettings();
  const until = nextStudyDayStart(now, settings.dayStartHour);
  await inTransaction(['items', 'meta'], 'readwrite', async (tx) => {
    const store = tx.objectStore('items');
    const items = await store.index('by-card').getAll([deckId, cardId]);
    const writes = batch();
    for (const item of items) {
      writes.add(store.put({ ...item, buriedUntil: until, queue: queueOf({ ...item, buriedUntil: until }, now) }));
      writes.add(keepEvent(tx, { kind: 'bury', itemId: item.id, at: now, until }));
    }
    await writes.done();
  });
  announce([deckId]);
}
