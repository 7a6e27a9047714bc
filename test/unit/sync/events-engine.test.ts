// @vitest-environment node
/**
 * Suspend, unsuspend, bury and reset through the sync engine and a real local server, the store
 * on fake IndexedDB: this device's events reach the learner's database as documents with its tag
 * and leave the store's waiting list; another device's events reach this device's items; a
 * leech's suspension and an answer's buried siblings go with the answer, and an undo takes them
 * back; what the items held before events were sent goes out once.
 */
import './pouch-self';
import PouchDB, { type Database } from 'pouchdb-browser';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../../scripts/sync/server';
import { closeStore, getItem, recordReview, syncDeckItems, undoLastReview, updateSettings } from '../../../src/store';
import { buryCard, setSuspended } from '../../../src/store/hold';
import { itemHistory } from '../../../src/store/log';
import { resetItems } from '../../../src/store/reset-items';
import { dropEvents, waitingEvents } from '../../../src/store/synced';
import { QUEUE } from '../../../src/srs/queue';
import { DEFAULT_SETTINGS, type Grade } from '../../../src/srs/types';
import { reviewDoc, type EventDoc } from '../../../src/sync/docs';
import { SyncEngine } from '../../../src/sync/engine';
import { toEventDoc } from '../../../src/sync/events';
import { userDbName } from '../../../src/sync/names';
import { replay } from '../../../src/sync/replay';
import { deckOf, DAY, MIN, T0 } from '../store/fixtures';
import { signedUp } from './server-helpers';

(PouchDB as unknown as { plugin(p: unknown): void }).plugin(memoryAdapter);

let server: SyncServer;
let count = 0;
const engines: SyncEngine[] = [];
const opened: Database[] = [];

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** A new learner, this device's engine (driven by hand) and their database as another device reaches it. */
async function signedIn(): Promise<{ engine: SyncEngine; remote: Database }> {
  const name = `eventful${++count}`;
  const client = await signedUp(server.url, name);
  const withCookie: Fetch = (url, init) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', client.headers!.Cookie!);
    return fetch(url, { ...init, headers });
  };
  const engine = new SyncEngine({ server: server.url, name }, { automatic: false, adapter: 'memory', fetch: withCookie });
  engines.push(engine);
  const remote = new PouchDB(`${server.url}${userDbName(name)}`, { skip_setup: true, fetch: withCookie });
  opened.push(remote);
  return { engine, remote };
}

/** The live event documents on the server. */
async function eventsOn(remote: Database): Promise<EventDoc[]> {
  const { rows } = await remote.allDocs({ include_docs: true, startkey: 'event:', endkey: 'event:\uffff' });
  return rows.map((r) => r.doc as unknown as EventDoc);
}

/** This device's tag, from its review documents on the server. */
async function deviceTag(remote: Database): Promise<string> {
  const { rows } = await remote.allDocs({ startkey: 'review:', endkey: 'review:\uffff', limit: 1 });
  return rows[0]!.id.slice(rows[0]!.id.lastIndexOf(':') + 1, rows[0]!.id.lastIndexOf(':') + 9);
}

const study = (itemId: string, at: number, grade: Grade) => recordReview({ itemId, grade, mode: 'study', at, durationMs: 4000 });
const deck = deckOf('a', 3, [{ id: 'both', type: 'basic', front: 'F', back: 'B', reverse: true }]);

beforeAll(async () => void (server = await startSyncServer()), 120_000);
afterAll(() => server?.stop());
beforeEach(() => closeStore());
afterEach(async () => {
  await Promise.all([...engines.splice(0).map((e) => e.stop()), ...opened.splice(0).map((r) => r.close())]);
});

describe('item events through the engine', () => {
  it("sends this device's suspensions, burials and resets with its tag, forgets them in the store, and keeps the items as they were", async () => {
    const { engine, remote } = await signedIn();
    const now = Date.now();
    await syncDeckItems(deck, T0);
    await study('a/card-1', T0, 3);
    await study('a/card-1', T0 + DAY, 3);
    await setSuspended(['a/card-2'], true, now);
    await buryCard('a', 'card-3', now);
    await resetItems(['a/card-1'], now + 1);
    const kept = await Promise.all(['a/card-1', 'a/card-2', 'a/card-3'].map(getItem));
    await engine.syncNow();

    expect(engine.current).toMatchObject({ phase: 'synced', waiting: 0, quarantined: [] });
    const events = await eventsOn(remote);
    expect(events.map((e) => [e.kind, e.itemId]).sort()).toEqual([
      ['bury', 'a/card-3'],
      ['reset', 'a/card-1'],
      ['suspend', 'a/card-2'],
    ]);
    const tag = await deviceTag(remote);
    for (const e of events) expect(e._id.slice(e._id.lastIndexOf(':') + 1)).toMatch(new RegExp(`^${tag}[0-9a-f]{8}$`));
    expect(await waitingEvents(10)).toEqual([]);

    // Derived again from the log, the items are what this device made them.
    const derived = await Promise.all(['a/card-1', 'a/card-2', 'a/card-3'].map(getItem));
    expect(derived.map((i) => [i!.fsrs.reps, i!.state, i!.suspended, i!.queue])).toEqual(kept.map((i) => [i!.fsrs.reps, i!.state, i!.suspended, i!.queue]));
    expect(derived[0]!.fsrs.reps).toBe(0);
    expect(derived[1]!.queue).toBe(QUEUE.suspended);
    expect(derived[2]!.queue).toBe(QUEUE.buried);
    expect((await itemHistory('a/card-1')).length).toBe(2);
    // Another pass sends nothing again.
    await engine.syncNow();
    expect(await eventsOn(remote)).toHaveLength(3);
  });

  it("applies another device's events: a suspension then its unsuspension; a reset then new answers", async () => {
    const { engine, remote } = await signedIn();
    const other = 'feedbeef';
    const answer = (at: number, grade: Grade) => reviewDoc({ itemId: 'a/card-1', at, grade, mode: 'study', durationMs: 4000, reschedule: true }, `${other}${at.toString(16).slice(-8)}`);
    const elsewhere = [
      answer(T0, 3),
      answer(T0 + DAY, 3),
      toEventDoc({ kind: 'reset', itemId: 'a/card-1', at: T0 + 2 * DAY }, other),
      answer(T0 + 3 * DAY, 4),
      toEventDoc({ kind: 'suspend', itemId: 'a/card-2', at: T0 }, other),
    ];
    await remote.bulkDocs(elsewhere as never);
    await syncDeckItems(deck, T0);
    await engine.syncNow();

    const card1 = (await getItem('a/card-1'))!;
    expect(card1.fsrs.reps).toBe(1);
    expect(card1).toEqual({ ...replay('a/card-1', elsewhere, { settings: DEFAULT_SETTINGS, now: Date.now() }), created: card1.created });
    expect((await itemHistory('a/card-1')).map((r) => r.at)).toEqual([T0, T0 + DAY, T0 + 3 * DAY]);
    expect((await getItem('a/card-2'))!).toMatchObject({ suspended: true, queue: QUEUE.suspended });

    await remote.bulkDocs([toEventDoc({ kind: 'unsuspend', itemId: 'a/card-2', at: T0 + MIN }, other)] as never);
    await engine.syncNow();
    expect((await getItem('a/card-2'))!).toMatchObject({ suspended: false, queue: QUEUE.new });
  });

  it("sends a leech's suspension and an answer's buried siblings with the answer; an undo takes them back on the server too", async () => {
    const { engine, remote } = await signedIn();
    await updateSettings({ leechThreshold: 2 });
    await syncDeckItems(deck, T0);
    const grades: Grade[] = [3, 3, 1, 3, 1];
    for (const [i, grade] of grades.entries()) await study('a/card-1', T0 + i * 5 * DAY, grade);
    expect((await getItem('a/card-1'))!).toMatchObject({ leech: true, suspended: true });
    const now = Date.now();
    await study('a/both', now, 3);
    expect((await getItem('a/both#reverse'))!.queue).toBe(QUEUE.buried);
    await engine.syncNow();

    expect((await eventsOn(remote)).map((e) => [e.kind, e.itemId, e.leech ?? false]).sort()).toEqual([
      ['bury', 'a/both#reverse', false],
      ['suspend', 'a/card-1', true],
    ]);
    // Derived from the log, the leech stays suspended whatever this device's threshold says, and the sibling buried.
    await updateSettings({ leechThreshold: 8 });
    await remote.bulkDocs([reviewDoc({ itemId: 'a/card-3', at: now, grade: 3, mode: 'study', durationMs: 1, reschedule: true })] as never);
    await engine.syncNow();
    expect((await getItem('a/card-1'))!).toMatchObject({ leech: true, suspended: true, queue: QUEUE.suspended });
    expect((await getItem('a/both#reverse'))!.queue).toBe(QUEUE.buried);

    // The answer to "both" taken back: its burial goes with it, here and on the server.
    await undoLastReview();
    await engine.syncNow();
    expect((await eventsOn(remote)).map((e) => e.kind)).toEqual(['suspend']);
    expect((await getItem('a/both#reverse'))!.queue).toBe(QUEUE.new);
    const deleted = (await remote.changes({ since: 0 })).results.filter((c) => c.deleted).map((c) => c.id.split(':').slice(0, 2).join(':'));
    expect(deleted.sort()).toEqual(['event:a/both#reverse', 'review:a/both']);
  });

  it('sends what the items held before events were sent once, so deriving them loses nothing', async () => {
    const { engine, remote } = await signedIn();
    await syncDeckItems(deck, T0);
    await study('a/card-1', T0, 3);
    await setSuspended(['a/card-1', 'a/card-2'], true, T0 + MIN);
    // As an older Briefdeck left them: suspended, with no events waiting.
    await dropEvents((await waitingEvents(10)).map((w) => w.key));
    await engine.syncNow();
    expect((await eventsOn(remote)).map((e) => [e.kind, e.itemId]).sort()).toEqual([
      ['suspend', 'a/card-1'],
      ['suspend', 'a/card-2'],
    ]);
    expect((await getItem('a/card-1'))!).toMatchObject({ suspended: true, fsrs: { reps: 1 } });
    await setSuspended(['a/card-1'], false, Date.now());
    await engine.syncNow();
    expect((await eventsOn(remote)).map((e) => e.kind).sort()).toEqual(['suspend', 'suspend', 'unsuspend']);
    expect((await getItem('a/card-1'))!.suspended).toBe(false);
    expect((await getItem('a/card-2'))!.suspended).toBe(true);
  });
});
