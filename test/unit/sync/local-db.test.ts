// @vitest-environment node
/**
 * Moving a device's local database made by PouchDB's older adapter into the new one: every
 * document keeps its revisions, a tombstone stays a tombstone, the outbox comes along (what was
 * applied, what waits, the device's tag), and the changes not yet sent reach the server on the
 * engine's first pass. Memory databases stand in for both adapters.
 */
import './pouch-self';
import PouchDB, { type Database, type Doc } from 'pouchdb-browser';
import memoryAdapter from 'pouchdb-adapter-memory';
import { describe, expect, it } from 'vitest';
import { reviewDoc } from '../../../src/sync/docs';
import { SyncEngine } from '../../../src/sync/engine';
import { hexOf, userDbName } from '../../../src/sync/names';
import { moveLocal, openLocal, OUTBOX_ID } from '../../../src/sync/local-db';
import { T0 } from '../store/fixtures';
import { cookieFetch, signedUp, useSyncServer } from './server-helpers';

(PouchDB as unknown as { plugin(p: unknown): void }).plugin(memoryAdapter);

const syncServer = useSyncServer();
let n = 0;
const memory = (name: string): Database => new PouchDB(name, { adapter: 'memory' });
const review = (card: string, at: number, device: string) =>
  reviewDoc({ itemId: `a/${card}`, at, grade: 3, mode: 'study', durationMs: 4000, reschedule: true }, `${device}00000000`) as unknown as Doc;

/** An older local database: two reviews (one undone), a document from elsewhere, and an outbox. */
async function olderDb(name: string, applied: 'all' | 'part', sentRecently = true): Promise<{ db: Database; ids: string[]; undone: string }> {
  const db = memory(name);
  const [kept, undone, other] = [review('card-1', T0, 'abcd1234'), review('card-2', T0 + 1000, 'abcd1234'), review('card-1', T0 + 2000, 'ffff0000')];
  const written = await db.bulkDocs([kept!, undone!, other!]);
  await db.bulkDocs([{ _id: undone!._id, _rev: (written[1] as { rev: string }).rev, _deleted: true }]);
  const { update_seq } = await db.info();
  await db.put({ _id: OUTBOX_ID, lastId: 7, recent: sentRecently ? [[7, kept!._id]] : [], appliedSeq: applied === 'all' ? update_seq : 1, waiting: 2, device: 'abcd1234' } as unknown as Doc);
  return { db, ids: [kept!._id, other!._id], undone: undone!._id };
}

describe('moving the local database to the new adapter', () => {
  it('keeps every document, its revision, the tombstone and the outbox, then removes the older copy', async () => {
    const { db: from, ids, undone } = await olderDb(`old-${++n}`, 'all');
    const before = await from.allDocs({ keys: [...ids, undone] });
    const to = memory(`new-${n}`);
    await moveLocal(from, to);

    const after = await to.allDocs({ keys: [...ids, undone] });
    expect(after.rows.map((r) => r.value)).toEqual(before.rows.map((r) => r.value));
    expect(after.rows[2]!.value.deleted).toBe(true);
    const box = (await to.get(OUTBOX_ID)) as unknown as { lastId: number; recent: unknown; waiting: number; device: string; appliedSeq: unknown };
    expect(box).toMatchObject({ lastId: 7, recent: [[7, ids[0]]], waiting: 2, device: 'abcd1234' });
    // All of it had been applied there: so it has here, at the new database's own sequence.
    expect(box.appliedSeq).toEqual((await to.info()).update_seq);
    expect((await memory(`old-${n}`).info()).doc_count).toBe(0);
  });

  it('applies everything again when the older copy had not applied all it held', async () => {
    const { db: from } = await olderDb(`old-${++n}`, 'part');
    const to = memory(`new-${n}`);
    await moveLocal(from, to);
    expect(((await to.get(OUTBOX_ID)) as unknown as { appliedSeq: unknown }).appliedSeq).toBe(0);
  });

  it('can run again after being cut short: the outbox is replaced, nothing doubled', async () => {
    const { db: from, ids } = await olderDb(`old-${++n}`, 'all');
    const to = memory(`new-${n}`);
    // A first move that got as far as the documents and the outbox.
    await from.replicate.to(to);
    await to.put({ _id: OUTBOX_ID, lastId: 0, recent: [], appliedSeq: 0, waiting: 0 } as unknown as Doc);
    await moveLocal(from, to);
    expect(((await to.get(OUTBOX_ID)) as unknown as { lastId: number }).lastId).toBe(7);
    expect((await to.allDocs()).rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it("sends the older copy's unsent changes on the engine's first pass", async () => {
    const name = `mover${++n}`;
    const server = syncServer();
    const fetcher = cookieFetch(await signedUp(server.url, name));
    const account = { server: server.url, name };
    // What the engine's older versions kept, under the name they gave it.
    const legacyName = `briefdeck-sync-${hexOf(server.url)}-${hexOf(name)}`;
    // (Its store is empty here: no answer of the outbox's recent list may look undone.)
    const { ids } = await olderDb(legacyName, 'all', false);
    const engine = new SyncEngine(account, { automatic: false, adapter: 'memory', legacyAdapter: 'memory', fetch: fetcher });
    try {
      await engine.syncNow();
      expect(engine.current).toMatchObject({ phase: 'synced', error: null });
      const remote = new PouchDB(`${server.url}${userDbName(name)}`, { skip_setup: true, fetch: fetcher });
      const { rows } = await remote.allDocs({ keys: ids });
      // Only this device's own review goes up (the other came from the server once).
      expect(rows.map((r) => !!r.value && !r.value.deleted)).toEqual([true, false]);
      await remote.close();
      expect((await memory(legacyName).info()).doc_count).toBe(0);
      expect(((await engine.local.get(OUTBOX_ID)) as unknown as { device: string }).device).toBe('abcd1234');
    } finally {
      await engine.stop();
    }
  });

  it('opens no older database when there is none to move', async () => {
    const { db, ready } = openLocal({ server: syncServer().url, name: `nobody${++n}` }, { adapter: 'memory' });
    await ready;
    expect((await db.info()).doc_count).toBe(0);
    await db.destroy();
  });
});
