import { expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';
import { readFileSync, readdirSync } from 'node:fs';

let page: Page;
const baseUrl = inject('baseUrl');

freshContextEachTest((_context, p) => {
  page = p!;
});

test('the home screen served by npm start lists every bundled deck by title', async () => {
  const titles = readdirSync('decks')
    .filter((f) => f.endsWith('.json') && f !== 'deck.schema.json' && f !== 'index.json')
    .map((f) => (JSON.parse(readFileSync(`decks/${f}`, 'utf8')) as { title: string }).title);
  expect(titles.length).toBeGreaterThan(0);
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  for (const title of titles) {
    await page.getByRole('link', { name: title }).waitFor();
  }
});

test('the app takes over the prerendered home as it is: no painted node is replaced, the covers get their colour, the counts arrive', async () => {
  // Before any script of the page: note the prerendered nodes, and every element taken out of the screen.
  await page.addInitScript(() => {
    const w = window as unknown as { painted: Element[]; removed: string[] };
    w.removed = [];
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      w.painted = [...document.querySelectorAll('#main *')];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.removedNodes) if (n instanceof Element) w.removed.push(n.outerHTML.slice(0, 80));
      }).observe(document.getElementById('main')!, { childList: true, subtree: true });
    });
  });
  await page.goto(baseUrl);
  await page.locator('.deck-counts .count').first().waitFor();
  const seen = await page.evaluate(() => {
    const w = window as unknown as { painted: Element[]; removed: string[] };
    return {
      painted: w.painted.length,
      kept: w.painted.filter((e) => e.isConnected).length,
      removed: w.removed,
      hues: [...document.querySelectorAll<HTMLElement>('.deck-cover')].map((c) => c.style.getPropertyValue('--h')),
    };
  });
  expect(seen.painted).toBeGreaterThan(10);
  expect(seen.removed).toEqual([]);
  expect(seen.kept).toBe(seen.painted);
  expect(seen.hues.length).toBeGreaterThan(0);
  for (const hue of seen.hues) expect(hue).toMatch(/^\d+$/);
});

test('the page starts opening the store from its head; on a later visit the store takes that connection over', async () => {
  await page.goto(baseUrl);
  await page.locator('.deck-counts .count').first().waitFor();
  await page.reload();
  await page.locator('.deck-counts .count').first().waitFor();
  const early = await page.evaluate(() => ({
    script: !!document.head.querySelector('script[async][src*="/assets/open-early-"]'),
    // Taken once by the store (src/store/db.ts), which found it at today's version.
    left: 'briefdeckEarlyOpen' in window,
  }));
  expect(early).toEqual({ script: true, left: false });
});
