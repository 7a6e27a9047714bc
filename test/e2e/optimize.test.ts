/**
 * Personal scheduling in real Chromium on the built app: the page is cross-origin isolated online
 * and, served by the service worker, offline; on a host without the headers the first visit says why
 * Optimize cannot run and the service worker then serves the app isolated; the optimiser's wasm is
 * not in the first precache;
 * Optimize fits parameters to a learner's reviews (a backup made from a seeded synthetic learner),
 * shows how they compare, puts them in use, and the next grade is scheduled with them; once used,
 * Optimize also runs offline. The retention simulator draws its chart.
 */
import 'fake-indexeddb/auto';
import { beforeAll, expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';
import { isControlled, workerActivated } from '../browser/pwa-helpers';
import { syntheticAnswers } from '../fixtures/synthetic-learner';
import { recordReview, saveDeck, syncDeckItems } from '../../src/store';
import { exportBackup } from '../../src/store/replace';
import { gradeItem } from '../../src/srs/scheduler';
import { DEFAULT_SETTINGS, type ReviewRecord, type Settings } from '../../src/srs/types';

const baseUrl = inject('baseUrl');
let context: BrowserContext;
let page: Page;
let backup: Buffer;

/** A backup holding one deck and about 1,200 study answers of the synthetic learner. */
async function learnerBackup(): Promise<Blob> {
  const answers = syntheticAnswers({ reviews: 1200, seed: 23 });
  const cards = new Set(answers.map((a) => a.itemId)).size;
  const deck = {
    id: 'practice',
    version: 1,
    title: 'Practice deck',
    cards: Array.from({ length: cards }, (_, i) => ({ id: `card-${i}`, type: 'basic' as const, front: `Question ${i}`, back: `Answer ${i}` })),
  };
  await saveDeck(deck, 'imported', answers[0]!.at - 1000);
  await syncDeckItems(deck, answers[0]!.at - 1000);
  for (const a of answers) {
    await recordReview({ itemId: `practice/${a.itemId.split('/')[1]}`, grade: a.grade, mode: 'study', at: a.at, durationMs: 5000 });
  }
  return exportBackup(answers.at(-1)!.at + 60_000);
}

beforeAll(async () => {
  backup = Buffer.from(await (await learnerBackup()).arrayBuffer());
}, 120_000);
freshContextEachTest((c, p) => {
  context = c;
  page = p!;
});

/** Reads a whole object store of the app's database in the page. */
function readStore<T>(store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('briefdeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => (open.result.close(), resolve(req.result as T[]));
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

async function goOfflineWithWorker() {
  await page.goto(baseUrl);
  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  await expect.poll(() => isControlled(page)).toBe(true);
  await context.setOffline(true);
}

test('the app is cross-origin isolated online and, from its service worker, offline; the optimiser is not precached', async () => {
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const sw = await (await page.request.get(`${baseUrl}/sw.js`)).text();
  const precached = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  expect(precached).toContain('index.html');
  expect(precached.some((u) => u.includes('PersonalScheduling'))).toBe(true);
  expect(precached.filter((u) => /fsrs_browser|optimizer\.worker|workerHelpers|\.wasm$/.test(u))).toEqual([]);

  await goOfflineWithWorker();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.goto(`${baseUrl}/settings`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByRole('group', { name: 'Personal scheduling' }).waitFor();
  await expect(page.getByRole('button', { name: 'Optimize' }).isEnabled()).resolves.toBe(true);
});

test('on a host that sends no isolation headers, the first visit explains why Optimize cannot run; once the service worker serves the app, it is isolated', async () => {
  // Every response from the network, the service worker's own fetches included, loses the two headers.
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto(`${baseUrl}/settings`);
  const panel = page.getByRole('group', { name: 'Personal scheduling' });
  await panel.waitFor();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const optimize = panel.getByRole('button', { name: 'Optimize' });
  expect(await optimize.isDisabled()).toBe(true);
  expect(await panel.locator(`#${await optimize.getAttribute('aria-describedby')}`).textContent()).toMatch(/cross-origin isolated/);

  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  await expect.poll(() => isControlled(page)).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await panel.waitFor();
  expect(await panel.getByRole('button', { name: 'Optimize' }).isEnabled()).toBe(true);
});

test('Optimize fits, compares and applies parameters; the next grade uses them; it runs offline once used; the simulator draws', async () => {
  // As on a 4-core device: the optimiser then starts a pool of 3 threads (module workers of its own).
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 4 }));
  const threads: string[] = [];
  page.on('worker', (w) => threads.push(w.url()));
  await page.goto(`${baseUrl}/settings`);
  await page.locator('#backup-file').setInputFiles({ name: 'learner.briefdeck.gz', mimeType: 'application/gzip', buffer: backup });
  await page.getByRole('textbox', { name: 'Type replace to confirm' }).fill('replace');
  await page.getByRole('button', { name: 'Replace with backup' }).click();
  await page.getByText(/imported|restored|replaced/i).first().waitFor();
  // Used as an installed app is: the service worker in control, so what the optimiser fetches is kept for offline.
  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  await expect.poll(() => isControlled(page)).toBe(true);

  const panel = page.getByRole('group', { name: 'Personal scheduling' });
  await panel.getByText('In use: the default FSRS-6 parameters.').waitFor();
  await panel.getByRole('button', { name: 'Optimize' }).click();
  const result = panel.getByRole('status').filter({ hasText: /predict your recall/ });
  await result.waitFor({ timeout: 60_000 });
  expect(await result.textContent()).toMatch(/The new parameters predict your recall (\d+ %|slightly) more accurately .* They are now in use\./);
  await panel.getByText(/In use: your own parameters, fitted on .* to \d+ reviews\./).waitFor();
  await panel.getByRole('button', { name: 'Go back to the previous parameters' }).waitFor();

  expect(threads.filter((u) => /workerHelpers/.test(u))).toHaveLength(3);
  const [settings] = await readStore<Settings>('settings');
  const fitted = settings!.parameters[''];
  expect(fitted).toHaveLength(21);

  // The next grade is scheduled with the fitted parameters, not the defaults.
  await page.goto(`${baseUrl}/study/practice`);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good\b/ }).click();
  await expect.poll(async () => (await readStore<ReviewRecord>('reviews')).length).toBe(1201);
  const last = (await readStore<ReviewRecord>('reviews')).reduce((a, b) => ((b.id ?? 0) > (a.id ?? 0) ? b : a));
  const mine = { ...DEFAULT_SETTINGS, ...settings, parameters: { '': fitted! } };
  expect(gradeItem(last.before, last.grade, last.at, mine).item.fsrs).toEqual(last.after);
  expect(gradeItem(last.before, last.grade, last.at, { ...mine, parameters: {} }).item.fsrs.stability).not.toBe(last.after.stability);

  // The simulator: chart and summary for targets 0.70–0.97.
  await page.goto(`${baseUrl}/settings`);
  await panel.getByRole('button', { name: 'Simulate' }).click();
  const chart = panel.getByRole('img', { name: /What each retention target costs/ });
  await chart.waitFor({ timeout: 60_000 });
  expect(await chart.getAttribute('aria-labelledby')).toBeTruthy();
  await panel.getByText(/The least work per card remembered is at 0\.\d\d: about \d+ reviews a day and \d+ % of your cards remembered a year from now\./).waitFor();
  expect(await panel.locator('table tbody tr').count()).toBe(28);

  // Used once, the optimiser is cached: it runs again with the network cut.
  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  await expect.poll(() => isControlled(page)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await panel.getByRole('button', { name: 'Optimize' }).click();
  await panel.getByRole('status').filter({ hasText: /predict your recall/ }).waitFor({ timeout: 60_000 });
  expect(await panel.getByRole('alert').count()).toBe(0);
  // Two fits, a simulation and a study answer: on a busy 2-core machine this journey can pass a minute.
}, 180_000);
