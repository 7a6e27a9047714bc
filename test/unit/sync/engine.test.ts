// @vitest-environment node
/**
 * The sync engine against a real local server, with the store on fake IndexedDB: answers the
 * store records reach the learner's database (an undo as a tombstone), another device's answers
 * and undos reach the store's log and derived items, and a bad document is quarantined.
 */
import './pouch-self';
import PouchDB from 'pouchdb-browser';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { getItem, recordReview, reviewCount, syncDeckItems, undoLastReview } from '../../../src/store';
import { itemHistory } from '../../../src/store/log';
import { createAccount, signIn } from '../../../src/sync/couch';
import { reviewDoc, type ReviewDoc } from '../../../src/sync/docs';
import { SyncEngine } from '../../../src/sync/engine';
import { userDbName } from '../../../src/sync/names';
import { replay } from '../../../src/sync/replay';
import { waitForUserDb } from '../../../src/sync/setup';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';
import { deckOf, DAY, MIN, T0 } from '../store/fixtures';
import { useSyncServer } from './server-helpers';

(PouchDB as unknown as { plugin(p: unknown): void }).plugin(memoryAdapter);

const syncServer = useSyncServer();
let learners = 0;
const engines: SyncEngine[] = [];

/** A new learner with a session cookie, and a fetch that sends it (Node keeps no cookies). */
async function learner(): Promise<{ name: string; fetch: (url: string, init: RequestInit) => Promise<Response> }> {
  const name = `learner${++learners}`;
  await createAccount({ url: syncServer().url }, name, 'pw');
  const { cookie } = await signIn({ url: syncServer().url }, name, 'pw');
  await waitForUserDb({ url: syncServer().url, headers: { Cookie: cookie! } }, name);
  return {
    name,
    fetch: (url, init) => {
      const headers = new Headers(init.headers);
      headers.set('Cookie', cookie!);
      return fetch(url, { ...init, headers });
    },
  };
}

function engineFor(who: { name: string; fetch: (url: string, init: RequestInit) => Promise<Response> }): SyncEngine {
  const engine = new SyncEngine({ server: syncServer().url, name: who.name }, { automatic: false, adapter: 'memory', fetch: who.fetch });
  engines.push(engine);
  return engine;
}

/** The learner's database on the server, as another device of theirs reaches it. */
function otherDevice(who: { name: string; fetch: (url: string, init: RequestInit) => Promise<Response> }) {
  return new PouchDB(`${syncServer().url}${userDbName(who.name)}`, { skip_setup: true, fetch: who.fetch });
}

const study = (itemId: string, at: number, grade: 1 | 2 | 3 | 4) => recordReview({ itemId, grade, mode: 'study', at, durationMs: 4000 });
const docOf = (itemId: string, at: number, grade: 1 | 2 | 3 | 4): ReviewDoc =>
  reviewDoc({ itemId, at, grade, mode: 'study', durationMs: 4000, reschedule: true });

afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
});

describe('sync engine', () => {
  it('sends the answers the store records, and an undo as a tombstone', async () => {
    const who = await learner();
    await syncDeckItems(deckOf('a', 3), T0);
    await study('a/card-1', T0, 3);
    await study('a/card-2', T0 + MIN, 1);
    const engine = engineFor(who);
    await engine.syncNow();
    const remote = otherDevice(who);
    let { rows } = await remote.allDocs({ include_docs: true, startkey: 'review:', endkey: 'review:\uffff' });
    expect(rows.map((r) => [r.doc!.itemId, r.doc!.at])).toEqual([
      ['a/card-1', T0],
      ['a/card-2', T0 + MIN],
    ]);
    expect(engine.current).toMatchObject({ phase: 'synced', waiting: 0, error: null });

    await study('a/card-3', T0 + 2 * MIN, 3);
    await engine.syncNow();
    await undoLastReview();
    await engine.syncNow();
    ({ rows } = await remote.allDocs({ startkey: 'review:', endkey: 'review:\uffff' }));
    expect(rows.map((r) => r.id.split(':')[1])).toEqual(['a/card-1', 'a/card-2']);
    // The undone answer's document is a tombstone on the server.
    const feed = await remote.changes({ since: 0 });
    expect(feed.results.filter((c) => c.deleted).map((c) => c.id.split(':')[1])).toEqual(['a/card-3']);
    await remote.close();
  });

  it("merges another device's answers into the log and derives the items from the union", async () => {
    const who = await learner();
    const remote = otherDevice(who);
    const elsewhere = [docOf('a/card-1', T0, 3), docOf('a/card-1', T0 + DAY, 3), docOf('a/card-2', T0 + 2 * MIN, 2)];
    await remote.bulkDocs(elsewhere as never);
    // This device studied card-1 too, before signing in: nothing of either is lost.
    await syncDeckItems(deckOf('a', 3), T0);
    await study('a/card-1', T0 + 3 * MIN, 4);
    const engine = engineFor(who);
    await engine.syncNow();

    expect(await reviewCount()).toBe(4);
    expect((await itemHistory("a/card-1")).map((r) => r.at).sort()).toEqual([T0, T0 + 3 * MIN, T0 + DAY]);
    const { rows } = await remote.allDocs({ include_docs: true, startkey: 'review:', endkey: 'review:\uffff' });
    expect(rows).toHaveLength(4);
    const docs = rows.map((r) => r.doc!);
    const derived = replay('a/card-1', docs as never, { settings: DEFAULT_SETTINGS, now: Date.now() });
    const stored = (await getItem('a/card-1'))!;
    expect(stored.fsrs).toEqual(derived.fsrs);
    expect(stored.fsrs.reps).toBe(3);

    // Undone on the other device: gone from this device's log, the item derived again.
    const held = await remote.get(elsewhere[1]!._id);
    await remote.bulkDocs([{ _id: held._id, _rev: held._rev, _deleted: true }]);
    await engine.syncNow();
    expect((await itemHistory("a/card-1")).map((r) => r.at).sort()).toEqual([T0, T0 + 3 * MIN]);
    expect((await getItem('a/card-1'))!.fsrs.reps).toBe(2);
    await remote.close();
  });

  it('quarantines a document of the wrong shape and applies the rest', async () => {
    const who = await learner();
    const remote = otherDevice(who);
    const good = docOf('a/card-1', T0, 3);
    const bad = { ...docOf('a/card-2', T0, 3), grade: 9, note: '<script>alert(1)</script>' };
    const stranger = { _id: 'note-1', type: 'note', text: '<img src=x onerror=alert(1)>' };
    await remote.bulkDocs([good, bad, stranger] as never);
    await syncDeckItems(deckOf('a', 3), T0);
    const engine = engineFor(who);
    await engine.syncNow();
    expect(engine.current.quarantined.map((q) => q.id).sort()).toEqual([bad._id, stranger._id].sort());
    expect(engine.current.quarantined[0]!.reason).toMatch(/./);
    expect((await itemHistory('a/card-1')).length).toBe(1);
    expect(await itemHistory('a/card-2')).toEqual([]);
    expect((await getItem('a/card-2'))!.fsrs.reps).toBe(0);
    await remote.close();
  });

  it('asks to sign in again when the server ends the session, keeping what waits', async () => {
    const who = await learner();
    await syncDeckItems(deckOf('a', 1), T0);
    await study('a/card-1', T0, 3);
    // No session cookie: the server answers 401, as it does once a session has expired.
    const engine = engineFor({ name: who.name, fetch: (url, init) => fetch(url, init) });
    await engine.syncNow();
    expect(engine.current).toMatchObject({ phase: 'error', signInAgain: true, waiting: 1 });
    expect(engine.current.error).toMatch(/sign in again.*1 change is kept on this device/);
  });

  it('keeps changes waiting and says so when the server cannot be reached', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await study('a/card-1', T0, 3);
    const engine = new SyncEngine({ server: 'http://127.0.0.1:9/', name: 'nobody' }, { automatic: false, adapter: 'memory' });
    engines.push(engine);
    await engine.syncNow();
    expect(engine.current.phase).toBe('offline');
    expect(engine.current.waiting).toBe(1);
    expect(engine.current.error).toMatch(/Cannot reach the sync server http:\/\/127\.0\.0\.1:9\/\. 1 change is kept/);
  });
});
