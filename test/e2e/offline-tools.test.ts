/**
 * The tools the first install leaves out (src/pwa/on-first-use.ts) are fetched in the background
 * once the first study session ends, and from then on work with no network: Settings says each
 * is available offline, the authoring screens and the drafter open offline, and the Anki import's
 * and the optimiser's workers and wasm are served from the cache.
 */
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';
import { isControlled, workerActivated } from '../browser/pwa-helpers';

const baseUrl = inject('baseUrl');
const TOOLS = ['Authoring', 'Draft from article', 'Anki import', 'Personal scheduling', 'Math on cards', 'Sync'];

let context: BrowserContext;
let page: Page;
freshContextEachTest(async (c, p) => {
  context = c;
  page = p!;
});

/** Settings' line for each tool, e.g. "Authoring: available offline". */
async function toolLines(): Promise<string[]> {
  await page.goto(`${baseUrl}/settings`);
  const list = page.getByRole('list', { name: 'Tools offline' });
  await list.waitFor();
  return list.getByRole('listitem').allTextContents();
}

test('after the first study session the tools are fetched in the background, then work offline', async () => {
  await page.goto(baseUrl);
  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  expect(await isControlled(page)).toBe(true);
  expect(await toolLines()).toEqual(TOOLS.map((t) => `${t}: downloads when first used`));

  // A first session: a card on screen, then back home (leaving the session ends it).
  await page.goto(`${baseUrl}/study/article-brief`);
  await page.getByRole('button', { name: /^Show answer/ }).waitFor();
  await page.getByRole('link', { name: 'Your decks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();

  // The worker caches them in the background; Settings reads the caches each time it opens.
  await expect.poll(toolLines, { timeout: 60_000, interval: 500 }).toEqual(TOOLS.map((t) => `${t}: available offline`));

  await context.setOffline(true);
  await page.goto(`${baseUrl}/author`);
  await page.getByRole('heading', { level: 1, name: 'Author decks' }).waitFor();
  await page.getByRole('button', { name: 'New deck' }).click();
  await page.getByRole('heading', { level: 1, name: /^Edit/ }).waitFor();
  await page.goto(`${baseUrl}/author/draft`);
  await page.getByRole('heading', { level: 1, name: 'Draft a deck from an article' }).waitFor();
  // Workers and wasm are fetched by the tools themselves when they run: all answer from the cache.
  const served = await page.evaluate(async () => {
    const tools = (await (await fetch('/offline-tools.json')).json()) as { files: string[] }[];
    const files = [...new Set(tools.flatMap((t) => t.files))];
    return Promise.all(files.map(async (f) => ({ f, ok: (await fetch(f)).ok })));
  });
  expect(served.length).toBeGreaterThan(6);
  expect(served.filter((s) => !s.ok)).toEqual([]);
});
