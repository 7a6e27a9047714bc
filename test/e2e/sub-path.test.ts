/**
 * Served under a sub-path, as some hosts need: a build made with BASE_PATH=/briefdeck/ and served
 * only there loads, follows its own links and routes under the base (deep links too), studies a
 * card, and after one visit works offline from its service worker. Nothing is asked of the host
 * outside the base.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../browser/browser';
import { startPreview, type Server } from '../browser/server';
import { freePort, isControlled, workerActivated } from '../browser/pwa-helpers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BASE = '/briefdeck/';
const work = mkdtempSync(join(tmpdir(), 'briefdeck-subpath-'));
const outDir = join(work, 'dist');
const deck = JSON.parse(readFileSync(join(ROOT, 'decks', 'article-brief.json'), 'utf8')) as { id: string; title: string };

let browser: Browser;
let server: Server | undefined;
let context: BrowserContext;
let page: Page;
let app: string;
/** Requests to this host outside the base, and whatever the page reports as wrong. */
const outside: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  const r = spawnSync(resolve(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', BASE_PATH: BASE },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build under ${BASE} failed:\n${r.stdout}\n${r.stderr}`);
  server = await startPreview(await freePort(), outDir, BASE);
  app = server.url + BASE;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin === server!.url && !url.pathname.startsWith(BASE)) outside.push(url.pathname);
  });
  page = await context.newPage();
  page.on('console', (m) => {
    // Offline, the browser itself logs failed network fetches; those are the point of the test.
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Shows the answer and grades Good; waits until `done` cards are graded. */
async function gradeGood(done: number) {
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good/ }).click();
  await page.getByRole('progressbar', { name: 'Session progress' }).and(page.locator(`[aria-valuenow="${done}"]`)).waitFor();
}

test('the manifest and the service worker belong to the sub-path', async () => {
  const res = await fetch(`${app}manifest.webmanifest`);
  const manifest = (await res.json()) as { id: string; start_url: string; scope: string; icons: { src: string }[]; shortcuts: { url: string }[] };
  expect([manifest.id, manifest.start_url, manifest.scope]).toEqual([BASE, BASE, BASE]);
  for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, app))).status, icon.src).toBe(200);
  expect(manifest.shortcuts.map((s) => s.url)).toEqual([`${BASE}study/all`, `${BASE}quiz/all`]);
});

test('links and routes stay under the base; a study session works, then everything again offline', async () => {
  await page.goto(app);
  await page.getByRole('list', { name: 'Decks' }).waitFor();
  expect(await workerActivated(page)).toBe('activated');
  expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => new URL(r.scope).pathname))).toBe(BASE);
  // Every link the app renders points under the base.
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThan(3);
  expect(hrefs.filter((h) => !h.startsWith(BASE))).toEqual([]);

  // A deck page by its link (the in-app router), then a study session from there.
  await page.getByRole('link', { name: deck.title, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: deck.title }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`${BASE}deck/${deck.id}`);
  await page.getByRole('main').getByRole('link', { name: /^Study/ }).first().click();
  await gradeGood(1);
  expect(new URL(page.url()).pathname).toBe(`${BASE}study/${deck.id}`);
  // A route() call from a screen (a new deck opens in the editor) lands under the base too.
  await page.goto(`${app}author`);
  await page.getByRole('button', { name: 'New deck' }).click();
  await page.waitForURL(new RegExp(`${BASE}author/[^/]+$`));

  // Offline: home, a deep link opened cold and a study session, all from the service worker.
  await page.goto(app);
  await page.getByRole('list', { name: 'Decks' }).waitFor();
  expect(await isControlled(page)).toBe(true);
  await context.setOffline(true);
  await page.goto(`${app}deck/${deck.id}`);
  await page.getByRole('heading', { level: 1, name: deck.title }).waitFor();
  await page.goto(`${app}study/${deck.id}`);
  await gradeGood(1);
  await page.getByRole('link', { name: 'Your decks' }).click();
  await page.getByRole('list', { name: 'Decks' }).waitFor();
  // The list is in the page at once (prerendered); its counts arrive after.
  await page.locator('.deck-tile').filter({ hasText: deck.title }).locator('.deck-counts').filter({ hasText: 'studied today' }).waitFor();
  await context.setOffline(false);

  expect(outside, 'requests outside the base').toEqual([]);
  expect(problems).toEqual([]);
});
