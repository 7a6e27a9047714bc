/**
 * An item's scheduling state, derived from its merged history: the reviews and events of every
 * device, in time order (ties broken by id), replayed through the scheduler in `src/srs/` with
 * each grade's fuzz seeded from its review's id (`seeded.ts`); suspension, burial and resets come
 * from the events. The same set of documents gives the same state
 * whatever order they arrived in and however they were split between devices. Pure.
 */
import { parseItemId } from '../deck/items';
import { queueOf } from '../srs/queue';
import { forgetItem } from '../srs/forget';
import { newItem } from '../srs/scheduler';
import type { ItemId, ItemRecord, Settings } from '../srs/types';
import { parseHistoryId, type CouchDoc, type EventDoc, type HistoryDoc } from './docs';
import { gradeSeeded } from './seeded';

export interface ReplayContext {
  settings: Settings;
  /** The time the result is for: decides whether a burial still holds (the item's queue). */
  now: number;
  /**
   * The item before any history, as the store first keeps it. It must be the same on every
   * device (e.g. made from the deck, not from the moment a device saw it); a new item created at
   * time 0 by default.
   */
  start?: ItemRecord;
}

/** Time order, ties broken by id: a total order every device agrees on. */
export function historyOrder(a: HistoryDoc, b: HistoryDoc): number {
  if (a.at !== b.at) return a.at - b.at;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

function isHistory(doc: CouchDoc): doc is HistoryDoc {
  const type = (doc as { type?: unknown }).type;
  return type === 'review' || type === 'event';
}

/**
 * The live history of one item: one copy per id, without undone (deleted) entries, in order.
 * A review is never edited, so a tombstone is the only later revision it can have: any
 * deleted copy of an id means it was undone.
 */
export function liveHistory(itemId: ItemId, docs: Iterable<CouchDoc>): HistoryDoc[] {
  const byId = new Map<string, HistoryDoc>();
  const undone = new Set<string>();
  for (const doc of docs) {
    if (doc._deleted) {
      undone.add(doc._id);
      continue;
    }
    if (!isHistory(doc) || doc.itemId !== itemId) continue;
    byId.set(doc._id, doc);
  }
  for (const id of undone) byId.delete(id);
  return [...byId.values()].sort(historyOrder);
}

function applyEvent(item: ItemRecord, event: EventDoc, settings: Settings): ItemRecord {
  switch (event.kind) {
    case 'suspend':
      return { ...item, suspended: true, leech: item.leech || event.leech === true };
    case 'unsuspend':
      // A leech stays tagged leech when unsuspended, as in the store.
      return { ...item, suspended: false };
    case 'bury':
      return { ...item, buriedUntil: event.until ?? 0 };
    case 'reset':
      return forgetItem(item, event.at, settings);
  }
}

/**
 * One entry of an item's history applied: an event, or an answer graded (its fuzz seeded from its
 * id; one that did not reschedule only logs). A grade leaves suspension and the leech tag as they
 * were: the device that graded sends the leech's suspension as an event of its own, decided once
 * with its threshold, so devices with other settings still agree.
 */
export function replayStep(item: ItemRecord, doc: HistoryDoc, settings: Settings): ItemRecord {
  if (doc.type === 'event') return applyEvent(item, doc, settings);
  if (!doc.reschedule) return item;
  return { ...gradeSeeded(item, doc.grade, doc.at, settings, doc._id), suspended: item.suspended, leech: item.leech };
}

/** The item as it stands at `now`: a burial that is over is cleared, and its queue is set. */
export function settle(item: ItemRecord, now: number): ItemRecord {
  const settled = { ...item, buriedUntil: item.buriedUntil > now ? item.buriedUntil : 0 };
  return { ...settled, queue: queueOf(settled, now) };
}

/** The state of `itemId` after replaying its live history in `docs` (other items' docs are ignored). */
export function replay(itemId: ItemId, docs: Iterable<CouchDoc>, context: ReplayContext): ItemRecord {
  let item = context.start ?? newItem(parseItemId(itemId), 0);
  for (const doc of liveHistory(itemId, docs)) item = replayStep(item, doc, context.settings);
  return settle(item, context.now);
}

/** Every item that has history in `docs`, replayed. Tombstones find their item by their id. */
export function replayAll(
  docs: Iterable<CouchDoc>,
  context: Omit<ReplayContext, 'start'> & { startFor?: (itemId: ItemId) => ItemRecord | undefined },
): Map<ItemId, ItemRecord> {
  const byItem = new Map<ItemId, CouchDoc[]>();
  const add = (itemId: ItemId, doc: CouchDoc): void => {
    const list = byItem.get(itemId);
    if (list) list.push(doc);
    else byItem.set(itemId, [doc]);
  };
  for (const doc of docs) {
    if (!doc._deleted && isHistory(doc)) add(doc.itemId, doc);
    else if (doc._deleted) {
      const parsed = parseHistoryId(doc._id);
      if (parsed) add(parsed.itemId, doc);
    }
  }
  const out = new Map<ItemId, ItemRecord>();
  for (const [itemId, list] of byItem) {
    const start = context.startFor?.(itemId);
    out.set(itemId, replay(itemId, list, start ? { ...context, start } : context));
  }
  return out;
}
