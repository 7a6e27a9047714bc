/**
 * Updates between sessions, in real Chromium: build A and build B (different BRIEFDECK_BUILD_ID)
 * are served in turn on the same origin. A learner studying on A when B arrives is not
 * interrupted; once they leave the session the app offers "Reload to update", and accepting lands
 * on B with their progress intact, also when requests race the swap of workers. (That the notice
 * waits for `busy` to clear, whatever the timing, and the retry logic after a reload are pinned in
 * test/unit/pwa/register.test.tsx.)
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../browser/browser';
import { startPreview, type Server } from '../browser/server';
import { freePort, isControlled, workerActivated } from '../browser/pwa-helpers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'briefdeck-update-'));
const builds = { a: join(work, 'a'), b: join(work, 'b') };
const ids = { a: `update-a-${process.pid}`, b: `update-b-${process.pid}` };

let browser: Browser;
let server: Server | undefined;

/** The build the page runs, from `<meta name="briefdeck-build">`. */
function buildOf(page: Page): Promise<string | null> {
  return page.locator('meta[name="briefdeck-build"]').getAttribute('content');
}

const deck = JSON.parse(readFileSync(join(ROOT, 'decks', 'article-full.json'), 'utf8')) as { id: string; title: string };

/** The due / new / learning / last-studied line on a deck's tile on the home screen. */
async function tileCounts(page: Page, title: string): Promise<string> {
  const tile = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  // The tile is in the page at once (prerendered); its counts arrive after the store is read.
  await tile.locator('.deck-counts').filter({ hasText: /\S/ }).waitFor();
  return (await tile.locator('.deck-counts').textContent()) ?? '';
}

/** Shows the answer and grades Good on the study screen; waits until `done` cards are graded. */
async function gradeGood(page: Page, done: number) {
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good/ }).click();
  await page.getByRole('progressbar', { name: 'Session progress' }).and(page.locator(`[aria-valuenow="${done}"]`)).waitFor();
}

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

/**
 * Build A is live; the learner studies; build B goes live mid-session; after the session the
 * learner accepts the update with the keyboard and lands on B with progress intact. With
 * `raceRequests`, the page keeps making requests while the old worker is being swapped out, which
 * in Chromium restarts it and holds the swap until it idles: the app's fallback reload must still
 * land on B (see `applyUpdate`).
 */
async function updateAcrossASession({ raceRequests }: { raceRequests: boolean }) {
  const port = await freePort();
  server = await startPreview(port, builds.a);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    expect(await buildOf(page)).toBe(ids.a);
    expect(await workerActivated(page)).toBe('activated');
    await page.reload();
    expect(await isControlled(page)).toBe(true);

    await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
    expect(await tileCounts(page, deck.title)).not.toContain('studied today');

    // Build B goes live at the same origin. The learner opens a study session (the real study
    // screen holds `busy`); that navigation is when the browser checks for a new worker.
    await server.stop();
    server = await startPreview(port, builds.b);
    await page.goto(`${server.url}/study/${deck.id}`);
    expect(await buildOf(page)).toBe(ids.a);
    await gradeGood(page, 1);
    await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      // Wait until B is installed and waiting for A's pages to let go.
      while (!reg.waiting) {
        const sw = reg.installing;
        if (sw) await new Promise((r) => sw.addEventListener('statechange', r, { once: true }));
        else await new Promise((r) => reg.addEventListener('updatefound', r, { once: true }));
      }
    });
    // Mid-session the learner goes on studying, undisturbed.
    await gradeGood(page, 2);
    expect(await page.getByRole('button', { name: 'Reload to update' }).count()).toBe(0);
    expect(await buildOf(page)).toBe(ids.a);

    // Leaving the session is the natural break: now the update is offered.
    await page.locator('#app header').getByRole('link', { name: 'Briefdeck' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Briefdeck is ready' });
    await notice.waitFor();
    // Still running A until the learner says so.
    expect(await buildOf(page)).toBe(ids.a);
    const progress = await tileCounts(page, deck.title);
    expect(progress).toContain('studied today');
    const reload = notice.getByRole('button', { name: 'Reload to update' });
    await reload.focus();
    expect(await reload.evaluate((b) => b === document.activeElement)).toBe(true);
    if (raceRequests) {
      await page.evaluate(`document.querySelector('.pwa-toast .pwa-button').addEventListener('click', () => {
        let n = 0;
        const timer = setInterval(() => {
          fetch('/decks/index.json?race=' + n).catch(() => {});
          if (++n === 60) clearInterval(timer);
        }, 5);
      })`);
    }
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');

    // The page reloads itself once B controls it. Poll the build id through the reload: a read
    // that lands mid-navigation fails and is simply asked again.
    await reloaded;
    await expect.poll(() => buildOf(page).catch(() => null), { timeout: 30_000 }).toBe(ids.b);
    await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
    expect(await isControlled(page)).toBe(true);
    expect(await page.getByRole('button', { name: 'Reload to update' }).count()).toBe(0);
    expect(await tileCounts(page, deck.title)).toBe(progress);
    // The precached app shell is B's now: the next offline start is B too.
    const shell = await page.evaluate(async () => (await caches.match('/index.html', { ignoreSearch: true }))?.text());
    expect(shell).toContain(`content="${ids.b}"`);
  } finally {
    await context.close();
    await server?.stop();
    server = undefined;
  }
}

test('a new version waits for the study session to end, then reloading lands on it with progress intact', () =>
  updateAcrossASession({ raceRequests: false }));

test('the update lands even when requests reach the old worker while it is being swapped out', () =>
  updateAcrossASession({ raceRequests: true }));
