/**
 * Resetting review items to new (Anki's Forget), from the deck page's card browser: the items'
 * schedules start again while their answers stay in the log, and each reset is kept as an event
 * for sync to send. Loaded with the deck page, off the study path.
 */
import { forgetItem } from '../srs/forget';
import { queueOf } from '../srs/queue';
import type { ItemId, ItemRecord } from '../srs/types';
import { announce, batch, inTransaction } from './db';
import { StoreError } from './errors';
import { keepEvent } from './items';
import { getSettings } from './settings';

/** Sets these items back to new at `now`, their history kept; nothing changes if one is missing. */
export async function resetItems(itemIds: ItemId[], now: number = Date.now()): Promise<void> {
  const settings = await getSettings();
  const deckIds = await inTransaction(['items', 'meta'], 'readwrite', async (tx) => {
    const store = tx.objectStore('items');
    const items = await Promise.all(itemIds.map((id) => store.get(id)));
    const missing = itemIds.filter((_, i) => !items[i]);
    if (missing.length) throw new StoreError('unknown', `There is no review item "${missing[0]}" to reset.`);
    const decks = new Set<string>();
    const writes = batch();
    for (const item of items as ItemRecord[]) {
      const next = forgetItem(item, now, settings);
      writes.add(store.put({ ...next, queue: queueOf(next, now) }));
      writes.add(keepEvent(tx, { kind: 'reset', itemId: item.id, at: now }));
      decks.add(item.deckId);
    }
    await writes.done();
    return decks;
  });
  announce(deckIds);
}
