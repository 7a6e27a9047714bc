/**
 * Updates between sessions, in real Chromium: build A and build B (different BRIEFDECK_BUILD_ID)
 * are served in turn on the same origin. A page running A learns that B waits, offers "Reload to
 * update", and accepting lands on B with the learner's IndexedDB data untouched.
 * Holding the notice back during a session is covered with the real activity tracker in
 * test/unit/pwa/register.test.tsx.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from './browser';
import { startPreview, type Server } from './server';
import { freePort, isControlled, workerActivated } from './pwa-helpers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'briefdeck-update-'));
const builds = { a: join(work, 'a'), b: join(work, 'b') };
const ids = { a: `update-a-${process.pid}`, b: `update-b-${process.pid}` };

let browser: Browser;
let server: Server | undefined;

function buildInto(outDir: string, buildId: string) {
  const r = spawnSync(resolve(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', BRIEFDECK_BUILD_ID: buildId },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build (${buildId}) failed:\n${r.stdout}\n${r.stderr}`);
}

beforeAll(async () => {
  buildInto(builds.a, ids.a);
  buildInto(builds.b, ids.b);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

test('a waiting version is offered, and accepting it lands on the new build with progress intact', async () => {
  const port = await freePort();
  server = await startPreview(port, builds.a);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await page.getByText(ids.a).waitFor();
    expect(await workerActivated(page)).toBe('activated');
    await page.reload();
    expect(await isControlled(page)).toBe(true);

    // Something the learner made, on this origin's IndexedDB.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('briefdeck-update-check', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('notes');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('notes', 'readwrite');
            tx.objectStore('notes').put({ graded: 3 }, 'progress');
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );

    // Build B goes live at the same origin; the app looks for it (as it does on return to the tab).
    await server.stop();
    server = await startPreview(port, builds.b);
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg!.update();
    });

    const notice = page.getByRole('status').filter({ hasText: 'A new version of Briefdeck is ready' });
    await notice.waitFor();
    // Still running A until the learner says so.
    expect(await page.getByText(ids.a).count()).toBe(1);
    const reload = notice.getByRole('button', { name: 'Reload to update' });
    await reload.focus();
    await page.keyboard.press('Enter');

    await page.getByText(ids.b).waitFor();
    expect(await isControlled(page)).toBe(true);
    expect(await page.getByRole('button', { name: 'Reload to update' }).count()).toBe(0);
    const kept = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('briefdeck-update-check', 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('notes').objectStore('notes').get('progress');
            get.onsuccess = () => (open.result.close(), resolve(get.result));
            get.onerror = () => reject(get.error);
          };
        }),
    );
    expect(kept).toEqual({ graded: 3 });
    // The new worker's activation dropped A's files from the precache and holds all of B's.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    const assetsOf = (dir: string) => readdirSync(join(dir, 'assets')).map((f) => `/assets/${f}`);
    const onlyA = assetsOf(builds.a).filter((f) => !assetsOf(builds.b).includes(f));
    expect(onlyA.length).toBeGreaterThan(0);
    expect(cached.filter((u) => onlyA.includes(u))).toEqual([]);
    for (const f of assetsOf(builds.b)) expect(cached).toContain(f);
  } finally {
    await context.close();
  }
});
