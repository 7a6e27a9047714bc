/**
 * The sync server stopped in the middle of a device's first sync, then started again on the same
 * data: the device says it is offline, keeps what it has, resumes from its checkpoint and ends with
 * every answer exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, test } from 'vitest';
import { startSyncServer, type SyncServer } from '../../scripts/sync/server';
import { couchRequest, createAccount } from '../../src/sync/couch';
import { reviewDoc } from '../../src/sync/docs';
import { userDbName } from '../../src/sync/names';
import { waitForUserDb } from '../../src/sync/setup';
import { openDevice, signInOn, snapshot, syncNow, syncPhase, type Device } from './sync-helpers';

const baseUrl = inject('baseUrl');
const ANSWERS = 2000;
const dir = mkdtempSync(join(tmpdir(), 'briefdeck-sync-cut-'));
let server: SyncServer | undefined;
let device: Device | undefined;

afterAll(async () => {
  await device?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the server stops mid-sync and starts again: nothing lost or duplicated', async () => {
  const port = Number(process.env.SYNC_TEST_PORT) || 0;
  server = await startSyncServer({ origins: [baseUrl], dir, port: port && port + 1 });
  await createAccount({ url: server.url }, 'ines', 'pw-ines');
  await waitForUserDb(server.asAdmin, 'ines');
  // Another device of hers already sent a long history.
  const T0 = Date.UTC(2026, 0, 5, 8);
  const docs = Array.from({ length: ANSWERS }, (_, i) =>
    reviewDoc({ itemId: `cut-test/card-${i % 200}`, at: T0 + i * 60_000, grade: 3, mode: 'study', durationMs: 3000, reschedule: true }),
  );
  for (let i = 0; i < docs.length; i += 1000) {
    await couchRequest(server.asAdmin, 'POST', `/${userDbName('ines')}/_bulk_docs`, { docs: docs.slice(i, i + 1000) });
  }

  device = await openDevice();
  // A slow link, so that the cut falls between the batches of the first sync.
  const cdp = await device.context.newCDPSession(device.page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 64 * 1024, uploadThroughput: 64 * 1024 });
  // The replicator writes its checkpoint on the server once a batch is stored on the device.
  let pulled = 0;
  const firstBatch = device.page.waitForResponse(
    (r) => {
      if (r.url().includes('/_bulk_get')) pulled++;
      return pulled > 0 && r.request().method() === 'PUT' && r.url().includes('/_local/');
    },
    { timeout: 60_000 },
  );
  await signInOn(device.page, baseUrl, server.url, 'ines', 'Sign in');
  // Cut once the first batch has arrived, while the rest is on its way.
  await firstBatch;
  const url = server.url;
  await server.stop();
  server = undefined;
  await device.page.locator('[data-sync-phase="offline"]').waitFor({ timeout: 60_000 });
  await device.page.getByText(/^Offline/).waitFor();
  const cut = await snapshot(device.page);
  // What arrived before the cut is applied; the rest is not there yet.
  expect(cut.log.length).toBeGreaterThan(0);
  expect(cut.log.length).toBeLessThan(ANSWERS);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  server = await startSyncServer({ origins: [baseUrl], dir, port: Number(new URL(url).port) });
  await syncNow(device.page, baseUrl);
  expect(await syncPhase(device.page)).toBe('synced');
  const after = await snapshot(device.page);
  expect(after.log).toHaveLength(ANSWERS);
  expect(new Set(after.log).size).toBe(ANSWERS);
  expect(after.log).toEqual(docs.map((d) => `${d.itemId}@${d.at}`).sort());
  // Every card of the history has its ten answers replayed.
  expect(Object.keys(after.items)).toHaveLength(200);
  expect(Object.values(after.items).every(([reps]) => reps === 10)).toBe(true);
  // And the server holds each answer once.
  const held = await couchRequest<{ rows: unknown[] }>(server.asAdmin, 'GET', `/${userDbName('ines')}/_all_docs?startkey=%22review%3A%22&endkey=%22review%3A%EF%BF%BF%22`);
  expect(held.body.rows).toHaveLength(ANSWERS);
}, 180_000);
