/**
 * Restoring a large backup (a synthetic year: 5,000 items, 60,000 reviews) from Settings runs in a
 * Worker: the page stays responsive. Prints the longest main-thread task seen during the restore.
 */
import { afterAll, beforeAll, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser/browser';
import { syntheticCollection } from '../../bench/synthetic';
import { DEFAULT_SETTINGS } from '../../src/srs/types';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a large backup restores from Settings, measured for main-thread long tasks', async () => {
  const now = Date.now();
  const c = syntheticCollection({ cards: 5_000, reviews: 60_000, decks: 10 }, now);
  const text = JSON.stringify({ format: 'briefdeck-backup', version: 1, exportedAt: now, settings: DEFAULT_SETTINGS, ...c, quizzes: [], drafts: [] });
  const context = await browser.newContext();
  context.setDefaultTimeout(120_000);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${baseUrl}/settings`);
    await page.getByLabel('Import a backup file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByRole('textbox', { name: 'Type replace to confirm' }).fill('replace');
    const from = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Replace with backup' }).click();
    await page.getByText(/Backup restored: 10 decks, progress on \d+ cards, 60000 reviews\./).waitFor();
    const tasks = await page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start >= t), from);
    const longest = Math.max(0, ...tasks.map((t) => t.duration));
    console.log(`backup ${(text.length / 1048576).toFixed(1)} MB restored; long tasks during the restore: ${tasks.length}, longest ${longest.toFixed(0)} ms`);
  } finally {
    await context.close();
  }
}, 240_000);

test('a large deck file (5,000 cards, 10,000 review items) imports from the import screen, measured for main-thread long tasks', async () => {
  const cards = Array.from({ length: 5_000 }, (_, i) => ({ id: `c-${i}`, type: 'basic', front: `Question ${i}: what is term ${i}?`, back: `Term ${i}`, reverse: true }));
  const deck = JSON.stringify({ id: 'large', version: 1, title: 'Large deck', cards });
  const context = await browser.newContext();
  context.setDefaultTimeout(120_000);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${baseUrl}/import`);
    const from = await page.evaluate(() => performance.now());
    await page.getByLabel('Choose a file').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(deck) });
    await page.getByRole('button', { name: 'Import this deck' }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor();
    const tasks = await page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start >= t), from);
    console.log(`deck ${(deck.length / 1048576).toFixed(1)} MB imported; long tasks: ${tasks.length}, longest ${Math.max(0, ...tasks.map((t) => t.duration)).toFixed(0)} ms`);
  } finally {
    await context.close();
  }
});
