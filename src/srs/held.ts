/**
 * What an item holds apart from its answers (a suspension, a burial), as the item events that say
 * it: for items that came to be so without one (an Anki import, a Briefdeck from before events),
 * so that sync, which derives items from answers and events, keeps them so. Pure.
 */
import type { ItemEvent, ItemRecord } from './types';

/** The events that give `item`'s suspension (and leech tag) and a burial lasting past `now`, made at `now`. */
export function heldBy(item: ItemRecord, now: number): ItemEvent[] {
  const out: ItemEvent[] = [];
  if (item.suspended) out.push(item.leech ? { kind: 'suspend', itemId: item.id, at: now, leech: true } : { kind: 'suspend', itemId: item.id, at: now });
  if (item.buriedUntil > now) out.push({ kind: 'bury', itemId: item.id, at: now, until: item.buriedUntil });
  return out;
}
