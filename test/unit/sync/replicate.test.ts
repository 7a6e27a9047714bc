// @vitest-environment node
/**
 * One replication round: this device's own documents go up, and after a large pull the next push
 * starts past what came down (its filter does not read a first sync's documents once more),
 * while anything written here still goes up.
 */
import './pouch-self';
import PouchDB, { type Doc } from 'pouchdb-browser';
import memoryAdapter from 'pouchdb-adapter-memory';
import { describe, expect, it } from 'vitest';
import { recordReview, syncDeckItems } from '../../../src/store';
import { reviewDoc } from '../../../src/sync/docs';
import { SyncEngine } from '../../../src/sync/engine';
import { userDbName } from '../../../src/sync/names';
import { needsNoPush, pushes, type Round } from '../../../src/sync/replicate';
import { OUTBOX_ID } from '../../../src/sync/local-db';
import { deckOf, DAY, T0 } from '../store/fixtures';
import { cookieFetch, signedUp, useSyncServer } from './server-helpers';

(PouchDB as unknown as { plugin(p: unknown): void }).plugin(memoryAdapter);

const own = 'review:a/card-1:1733212345678:abcd1234aaaaaaaa';
const others = 'review:a/card-1:1733212345678:ffff0000aaaaaaaa';
const change = (id: string, seq: number, rev = '1-a') => ({ id, seq, changes: [{ rev }] });

describe('what a push sends', () => {
  it("sends this device's history and every other document, never another device's history", () => {
    expect(pushes(own, 'abcd1234')).toBe(true);
    expect(pushes(others, 'abcd1234')).toBe(false);
    expect(pushes('deck:bio', 'abcd1234')).toBe(true);
  });

  it('lets the next push start past a change only when it was pushed or pulled as it is', () => {
    const round: Round = { pushedTo: 10, pulled: new Map([[own, '1-a']]) };
    expect(needsNoPush(round, change('deck:bio', 9), 'abcd1234')).toBe(true);
    expect(needsNoPush(round, change(others, 11), 'abcd1234')).toBe(true);
    expect(needsNoPush(round, change(own, 12), 'abcd1234')).toBe(true);
    // Changed here after it came down, or written here: it must go up.
    expect(needsNoPush(round, change(own, 13, '2-b'), 'abcd1234')).toBe(false);
    expect(needsNoPush(round, change('deck:bio', 14), 'abcd1234')).toBe(false);
  });
});

describe('a round after a large pull', () => {
  const syncServer = useSyncServer();

  it('starts the next push past what came down, and still sends what is written here', async () => {
    const server = syncServer();
    const fetcher = cookieFetch(await signedUp(server.url, 'puller'));
    const remote = new PouchDB(`${server.url}${userDbName('puller')}`, { skip_setup: true, fetch: fetcher });
    const elsewhere = Array.from({ length: 600 }, (_, i) =>
      reviewDoc({ itemId: `a/card-${i % 3}`, at: T0 - DAY + i * 1000, grade: 3, mode: 'study', durationMs: 4000, reschedule: true }),
    );
    await remote.bulkDocs(elsewhere as unknown as Doc[]);
    await syncDeckItems(deckOf('a', 3), T0);
    const engine = new SyncEngine({ server: server.url, name: 'puller' }, { automatic: false, adapter: 'memory', fetch: fetcher });
    const reads: { since?: unknown; include_docs?: boolean }[] = [];
    const changes = engine.local.changes.bind(engine.local);
    engine.local.changes = (options) => {
      reads.push({ ...options });
      return changes(options);
    };
    try {
      await engine.syncNow();
      const box = (await engine.local.get(OUTBOX_ID)) as unknown as { pushFrom?: number };
      expect(box.pushFrom).toBeGreaterThanOrEqual(600);

      reads.length = 0;
      await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0 + DAY, durationMs: 4000 });
      await engine.syncNow();
      // The push's filter read (with the documents) started past the 600 that came down.
      const pushReads = reads.filter((r) => r.include_docs);
      expect(pushReads.length).toBeGreaterThan(0);
      expect(pushReads.every((r) => Number(r.since) >= box.pushFrom!)).toBe(true);
      const { rows } = await remote.allDocs({ startkey: 'review:a/card-1:', endkey: 'review:a/card-1:\uffff' });
      expect(rows).toHaveLength(201);
      expect(((await engine.local.get(OUTBOX_ID)) as unknown as { pushFrom?: number }).pushFrom).toBeUndefined();
    } finally {
      await engine.stop();
      await remote.close();
    }
  });
});
