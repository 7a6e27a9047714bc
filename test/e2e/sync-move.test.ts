/**
 * A device that synced with an older Briefdeck holds its local database on PouchDB's `idb`
 * adapter. Signed in again, its documents and outbox move to the `indexeddb` adapter's database
 * before the first pass, the answer it had not sent yet reaches the server, and the older
 * database is gone. The older database is made in the page with PouchDB's browser build.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { pouchBundle } from '../../scripts/sync/pouch-bundle';
import { startSyncServer, type SyncServer } from '../../scripts/sync/server';
import { couchRequest } from '../../src/sync/couch';
import { reviewDoc } from '../../src/sync/docs';
import { hexOf, userDbName } from '../../src/sync/names';
import { openDevice, signInOn, syncNow, type Device } from './sync-helpers';

const baseUrl = inject('baseUrl');
let server: SyncServer;
let pouchScript: string;
let device: Device | undefined;

beforeAll(async () => {
  server = await startSyncServer({ origins: [baseUrl], port: Number(process.env.SYNC_TEST_PORT) || 0 });
  // PouchDB's browser build as an older Briefdeck loaded it (its default adapter is `idb`).
  pouchScript = await pouchBundle("import PouchDB from 'pouchdb-browser'; window.OldPouch = PouchDB;");
}, 120_000);

afterAll(async () => {
  await device?.close();
  await server?.stop();
});

test("an older device's local database moves to the new adapter, and what it had not sent goes up", async () => {
  device = await openDevice();
  const { page } = device;
  const name = 'ola';
  const legacy = `briefdeck-sync-${hexOf(server.url)}-${hexOf(name)}`;
  const unsent = reviewDoc({ itemId: 'article-full/kp-1', at: Date.UTC(2026, 0, 5), grade: 3, mode: 'study', durationMs: 4000, reschedule: true }, 'abcd1234ffff0000');
  await page.goto(`${baseUrl}/settings`);
  // Evaluated through the browser's debugging protocol: the app's CSP refuses inline scripts.
  await page.evaluate(pouchScript);
  await page.evaluate(
    async ({ legacy, unsent }) => {
      const Pouch = (window as unknown as { OldPouch: new (name: string) => { put(doc: object): Promise<unknown>; info(): Promise<{ update_seq: number }>; close(): Promise<void> } }).OldPouch;
      const db = new Pouch(legacy);
      await db.put(unsent);
      const { update_seq } = await db.info();
      // Written and applied there, never pushed: one change waiting.
      await db.put({ _id: '_local/briefdeck-outbox', lastId: 0, recent: [], appliedSeq: update_seq, waiting: 1, device: 'abcd1234' });
      await db.close();
    },
    { legacy, unsent },
  );
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain(`_pouch_${legacy}`);

  await signInOn(page, baseUrl, server.url, name, 'Create account');
  await syncNow(page, baseUrl);

  const { body } = await couchRequest<{ rows: { id: string }[] }>(server.asAdmin, 'GET', `/${userDbName(name)}/_all_docs`);
  expect(body.rows.map((r) => r.id)).toContain(unsent._id);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).not.toContain(`_pouch_${legacy}`);
  expect(names).toContain(`_pouch_briefdeck-device-${hexOf(server.url)}-${hexOf(name)}`);
});
