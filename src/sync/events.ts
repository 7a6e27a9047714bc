/**
 * Suspend, unsuspend, bury and reset as event documents of the log, beside the reviews (loaded
 * with the engine). Going out: the events the store kept (the card browser, the study screen's
 * Bury and Suspend), the ones an answer made with it (its card's other items buried for the day,
 * the item suspended as a leech), and, the first time, what this device held before it sent
 * events. Coming in: where an item's replay starts. Ids carry this device's tag and a part drawn
 * from the event, so an event sent twice (a pass cut between writing and forgetting) is one
 * document.
 */
import type { Database, Doc } from 'pouchdb-browser';
import type { ItemRef } from '../deck/items';
import { nextStudyDayStart } from '../srs/day';
import { heldBy } from '../srs/held';
import { isLeechLapse, newItem } from '../srs/scheduler';
import * as State from '../srs/state';
import type { ItemEvent, ItemRecord, ReviewRecord, Settings } from '../srs/types';
import { dropEvents, heldItems, waitingEvents } from '../store/synced';
import { eventDoc, historyRange, type EventDoc, type HistoryDoc } from './docs';
import { historyOrder } from './replay';
import { checkIncoming } from './quarantine';

/** Events read from the store per transaction. */
const BATCH = 500;

/** 8 hex digits drawn from `text` (FNV-1a): the same event, the same id. */
function tag(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** An item event as its document, written by `device`. */
export function toEventDoc(e: ItemEvent, device: string): EventDoc {
  const fields: Omit<EventDoc, '_id' | 'type'> = { kind: e.kind, itemId: e.itemId, at: e.at };
  if (e.until !== undefined) fields.until = e.until;
  if (e.leech) fields.leech = true;
  return eventDoc(fields, device + tag(JSON.stringify([e.kind, e.itemId, e.at, e.until ?? 0, !!e.leech])));
}

/**
 * The events an answer made with it: the card's other items it buried until the next study day,
 * and the item's suspension when the grade made it a leech (decided here with this device's
 * threshold, as the grade decided it, so that replaying elsewhere needs no settings to agree).
 */
export function answerEvents(r: ReviewRecord, device: string, settings: Settings): EventDoc[] {
  const out: EventDoc[] = [];
  const until = nextStudyDayStart(r.at, settings.dayStartHour);
  for (const itemId of r.buried ?? []) out.push(toEventDoc({ kind: 'bury', itemId, at: r.at, until }, device));
  if (r.after.lapses > r.before.fsrs.lapses && isLeechLapse(r.after.lapses, settings.leechThreshold)) {
    out.push(toEventDoc({ kind: 'suspend', itemId: r.itemId, at: r.at, leech: true }, device));
  }
  return out;
}

/**
 * What this device's items hold that their events do not say (suspensions and burials made
 * before this version, or by an older one), as events at `now`, so that deriving the items from
 * the log loses none of them. `logged` gives an item's events already in the log.
 */
export function heldEvents(items: readonly ItemRecord[], now: number, device: string, logged: (itemId: string) => readonly EventDoc[] = () => []): EventDoc[] {
  const out: EventDoc[] = [];
  for (const item of items) {
    const events = [...logged(item.id)].sort(historyOrder);
    const said = events.filter((e) => e.kind === 'suspend' || e.kind === 'unsuspend').at(-1);
    for (const e of heldBy(item, now)) {
      const known = e.kind === 'suspend' ? said?.kind === 'suspend' : events.some((b) => b.kind === 'bury' && b.until! >= e.until!);
      if (!known) out.push(toEventDoc(e, device));
    }
  }
  return out;
}

/** Writes what this device's items hold at `now` and the log does not say as events (`heldEvents`); returns how many documents were written. */
export async function sendHeldEvents(local: Database, device: string, now: number): Promise<number> {
  const items = await heldItems(now);
  const logged = new Map<string, EventDoc[]>();
  for (const item of items) {
    const { rows } = await local.allDocs({ ...historyRange('event', item.id), include_docs: true });
    logged.set(item.id, rows.flatMap((r) => (r.doc ? [r.doc as unknown as EventDoc] : [])));
  }
  return writeNew(local, heldEvents(items, now, device, (id) => logged.get(id) ?? []) as unknown as Doc[]);
}

/**
 * Writes the store's waiting events into the local database and forgets them in the store. An
 * event that would not pass the gate (a damaged record) is reported and forgotten, never sent.
 * Returns how many documents were written.
 */
export async function sendWaitingEvents(
  local: Database,
  device: string,
  report: (id: string, reason: string) => void,
): Promise<number> {
  let written = 0;
  for (;;) {
    const waiting = await waitingEvents(BATCH);
    if (!waiting.length) return written;
    const docs: Doc[] = [];
    for (const { key, event } of waiting) {
      let checked;
      try {
        checked = checkIncoming(toEventDoc(event, device));
      } catch {
        checked = { status: 'quarantined', reason: 'is not an event' } as const;
      }
      if (checked.status === 'ok') docs.push(checked.doc as Doc);
      else report(`this device's ${key}`, checked.reason);
    }
    written += await writeNew(local, docs);
    await dropEvents(waiting.map((w) => w.key));
    if (waiting.length < BATCH) return written;
  }
}

/** Writes documents, counting those that were not there yet (an id already written is a conflict, and is skipped). */
async function writeNew(local: Database, docs: Doc[]): Promise<number> {
  if (!docs.length) return 0;
  const results = await local.bulkDocs(docs);
  const failed = results.find((r) => 'error' in r && r.error !== 'conflict');
  if (failed && 'error' in failed) throw new Error(`could not keep an event: ${failed.reason ?? failed.error}`);
  return results.filter((r) => !('error' in r)).length;
}

/**
 * Where an item's replay starts. With answers in its history: a new item at time 0, the same on
 * every device. With events only: the device's own item while it is new (its place in the new
 * queue kept), its suspension and burial left to the events.
 */
export function startItem(ref: ItemRef, own: ItemRecord | undefined, history: readonly HistoryDoc[]): ItemRecord {
  if (history.some((d) => d.type === 'review') || !own || own.state !== State.New) return newItem(ref, history.length ? 0 : (own?.created ?? 0));
  return { ...own, suspended: false, buriedUntil: 0, leech: false };
}
