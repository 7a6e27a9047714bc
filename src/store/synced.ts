/**
 * What sync reads from and writes to the store (loaded only with the sync engine, never on the
 * study path): the answers recorded since a point of the log, which recorded answers are still
 * there (undo removes them), the item events waiting to be sent (suspend, unsuspend, bury,
 * reset) and the items held apart from the log (suspended, buried), and, in one transaction, the items derived from the merged history
 * with the answers other devices added or undid. The stats aggregates are marked stale whenever
 * the log changes here (the next stats load rebuilds them from the log).
 */
import { parseItemId } from '../deck/items';
import type { ItemEvent, ItemId, ItemRecord, ReviewRecord } from '../srs/types';
import { announce, batch, inTransaction } from './db';
import { BASIS_KEY, eventKeys, LOGGED_KEY, summaryKeys } from './keys';
import type { StoredDeckSummary } from './deck-summaries';
import type { StoredDeck } from './schema';

/** Up to `limit` answers of the log with keys above `afterId`, oldest first. */
export function reviewsAfter(afterId: number, limit: number): Promise<ReviewRecord[]> {
  return inTransaction(['reviews'], 'readonly', (tx) =>
    tx.objectStore('reviews').getAll(IDBKeyRange.lowerBound(afterId, true), limit),
  );
}

/** Which of these log keys are still in the log. */
export function reviewsPresent(ids: readonly number[]): Promise<Set<number>> {
  return inTransaction(['reviews'], 'readonly', async (tx) => {
    const store = tx.objectStore('reviews');
    const found = await Promise.all(ids.map((id) => store.getKey(id)));
    return new Set(found.filter((k): k is number => typeof k === 'number'));
  });
}

/** The stored items of these ids (missing ones are left out). */
export function itemsById(ids: readonly ItemId[]): Promise<Map<ItemId, ItemRecord>> {
  return inTransaction(['items'], 'readonly', async (tx) => {
    const store = tx.objectStore('items');
    const found = await Promise.all(ids.map((id) => store.get(id)));
    return new Map(found.filter((i): i is ItemRecord => !!i).map((i) => [i.id, i]));
  });
}

/** The answers recorded for these items, by item. */
export function reviewsOfItems(ids: readonly ItemId[]): Promise<Map<ItemId, ReviewRecord[]>> {
  return inTransaction(['reviews'], 'readonly', async (tx) => {
    const index = tx.objectStore('reviews').index('by-item');
    const lists = await Promise.all(ids.map((id) => index.getAll(id)));
    return new Map(ids.map((id, i) => [id, lists[i]!]));
  });
}

/** Up to `limit` item events waiting to be sent, each with its `meta` key (see `eventKey`). */
export function waitingEvents(limit: number): Promise<{ key: string; event: ItemEvent }[]> {
  return inTransaction(['meta'], 'readonly', async (tx) => {
    const meta = tx.objectStore('meta');
    const [keys, values] = await Promise.all([meta.getAllKeys(eventKeys(), limit), meta.getAll(eventKeys(), limit)]);
    return keys.map((key, i) => ({ key: String(key), event: values[i] as ItemEvent }));
  });
}

/** Forgets item events sync has sent (by their `meta` keys). */
export function dropEvents(keys: readonly string[]): Promise<void> {
  return inTransaction(['meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    await Promise.all(keys.map((key) => meta.delete(key)));
  });
}

/** Every item suspended, or buried past `now`: what the items hold beside the answers in the log. */
export function heldItems(now: number): Promise<ItemRecord[]> {
  return inTransaction(['items'], 'readonly', async (tx) =>
    (await tx.objectStore('items').getAll()).filter((item) => item.suspended || item.buriedUntil > now),
  );
}

/**
 * Every stored deck's `updated` time by id: from the summaries kept beside the decks, and for a
 * deck stored before summaries were (none yet), from the deck itself.
 */
export function deckTimes(): Promise<Map<string, number>> {
  return inTransaction(['decks', 'meta'], 'readonly', async (tx) => {
    const [ids, summaries] = await Promise.all([tx.objectStore('decks').getAllKeys(), tx.objectStore('meta').getAll(summaryKeys())]);
    const times = new Map<string, number>();
    for (const s of summaries as StoredDeckSummary[]) if (typeof s?.summary?.id === 'string' && typeof s.updated === 'number') times.set(s.summary.id, s.updated);
    const unsummed = ids.map(String).filter((id) => !times.has(id));
    const decks = await Promise.all(unsummed.map((id) => tx.objectStore('decks').get(id)));
    for (const d of decks) if (d && typeof d.deck?.id === 'string' && typeof d.updated === 'number') times.set(d.deck.id, d.updated);
    return times;
  });
}

/** One stored deck as kept, unchecked: sync checks it with the deck validator before sending it. */
export function storedDeckRecord(id: string): Promise<StoredDeck | undefined> {
  return inTransaction(['decks'], 'readonly', (tx) => tx.objectStore('decks').get(id));
}

// The prefix `class-marks.ts` writes (not imported: that module stays in the classes' chunk; the classes' tests hold the two together).
const CLASS_MARK = 'class:';

/** The ids of the stored decks that came from a joined class (the learner's sync leaves them to the class). */
export async function classDeckIds(): Promise<Set<string>> {
  const keys = await inTransaction(['meta'], 'readonly', (tx) => tx.objectStore('meta').getAllKeys(IDBKeyRange.bound(CLASS_MARK, `${CLASS_MARK}\uffff`)));
  return new Set(keys.map((key) => String(key).slice(CLASS_MARK.length)));
}

/** What one pass of sync writes: derived items, their answers, answers undone elsewhere. */
export interface DerivedChanges {
  items: ItemRecord[];
  /** Every live answer of the items, with derived states: added when missing, their states brought in line when present. */
  add: ReviewRecord[];
  /** Answers to remove from the log, by item and time (ids are this device's own). */
  remove: { itemId: ItemId; at: number }[];
}

/**
 * Writes the derived items and the log's additions and removals in ONE transaction. An answer
 * already in the log (same item, same time) is not added twice; its states are set to the derived ones. Returns how many were added and removed.
 */
export async function storeDerived(changes: DerivedChanges): Promise<{ added: number; removed: number }> {
  const touched = new Set<ItemId>([...changes.add.map((r) => r.itemId), ...changes.remove.map((r) => r.itemId)]);
  const result = await inTransaction(['items', 'reviews', 'meta', 'days'], 'readwrite', async (tx) => {
    const reviews = tx.objectStore('reviews');
    const byItem = reviews.index('by-item');
    const existing = new Map<ItemId, ReviewRecord[]>();
    await Promise.all([...touched].map(async (id) => existing.set(id, await byItem.getAll(id))));
    const writes = batch();
    for (const item of changes.items) writes.add(tx.objectStore('items').put(item));
    let added = 0;
    let removed = 0;
    for (const r of changes.add) {
      const list = existing.get(r.itemId)!;
      const same = list.find((x) => x.at === r.at);
      if (same) {
        // The states around an answer are derived like the item's, so that every device's log
        // says the same (today's new-card count reads the state before).
        if (JSON.stringify([same.before, same.after]) !== JSON.stringify([r.before, r.after])) {
          writes.add(reviews.put({ ...same, before: r.before, after: r.after }));
        }
        continue;
      }
      list.push(r);
      writes.add(reviews.add(r));
      added++;
    }
    for (const gone of changes.remove) {
      for (const r of existing.get(gone.itemId)!) {
        if (r.at === gone.at && r.id !== undefined) {
          writes.add(reviews.delete(r.id));
          removed++;
        }
      }
    }
    if (added || removed) {
      // The log changed outside a grade: the day records no longer add up and are rebuilt.
      writes.add(tx.objectStore('meta').delete(BASIS_KEY));
      writes.add(tx.objectStore('meta').delete(LOGGED_KEY));
    }
    await writes.done();
    return { added, removed };
  });
  const decks = new Set<string>();
  for (const item of changes.items) decks.add(item.deckId);
  for (const id of touched) decks.add(parseItemId(id).deckId);
  if (decks.size) announce(decks);
  return result;
}
