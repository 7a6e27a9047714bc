/**
 * Offline use in real Chromium: after one visit the service worker is activated, controls the
 * page after a reload, and with the network cut the home screen, every bundled deck, a deep
 * link and a study session still work, and progress made offline survives a reload. Also: home's "Ready to use offline" note appears once, and the built app trips no
 * Content-Security-Policy violation and logs no error.
 */
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { freshContextEachTest } from './fixture';
import { isControlled, workerActivated } from '../browser/pwa-helpers';

const baseUrl = inject('baseUrl');
const decks = readdirSync('decks')
  .filter((f) => f.endsWith('.json') && f !== 'deck.schema.json' && f !== 'index.json')
  .map((f) => JSON.parse(readFileSync(`decks/${f}`, 'utf8')) as { id: string; title: string });

let context: BrowserContext;
let page: Page;
/** Everything the page reported as wrong: CSP violations, console errors, uncaught exceptions. */
let problems: string[];

freshContextEachTest(async (c, p) => {
  problems = [];
  context = c;
  // Runs before any page script, in every document: collect CSP violations as they happen.
  await c.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page = p!;
  page.on('console', (m) => {
    // Offline, the browser itself logs failed network fetches; those are the point of the test.
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
});

async function homeListsEveryDeck() {
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  for (const d of decks) await page.getByRole('link', { name: d.title, exact: true }).waitFor();
}

/** The due / new / learning / last-studied line on a deck's tile on the home screen. */
async function tileCounts(title: string): Promise<string> {
  const tile = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  // The tile is in the page at once (prerendered); its counts arrive after the store is read.
  await tile.locator('.deck-counts').filter({ hasText: /\S/ }).waitFor();
  return (await tile.locator('.deck-counts').textContent()) ?? '';
}

test('after one visit the app works with no network: home, every deck, a deep link, a study session', async () => {
  expect(decks.length).toBeGreaterThan(0);
  await page.goto(baseUrl);
  await homeListsEveryDeck();
  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  expect(await isControlled(page)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await homeListsEveryDeck();
  await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();

  // Every bundled deck file is served from the precache, intact.
  for (const d of decks) {
    const got = await page.evaluate(async (file) => {
      const res = await fetch(file);
      return { status: res.status, id: ((await res.json()) as { id: string }).id };
    }, `/decks/${d.id}.json`);
    expect(got).toEqual({ status: 200, id: d.id });
  }

  // A deep link opened cold, offline, gets the app shell and the app routes it to the deck page.
  const deep = decks.find((d) => d.id === 'article-full') ?? decks[0]!;
  await page.goto(`${baseUrl}/deck/${deep.id}`);
  await page.getByRole('heading', { level: 1, name: deep.title, exact: true }).waitFor();

  // Study offline: one card graded, and the grade is still there after another reload.
  await page.goto(baseUrl);
  expect(await tileCounts(deep.title)).not.toContain('studied today');
  await page.goto(`${baseUrl}/study/${deep.id}`);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good/ }).click();
  await page.getByRole('progressbar', { name: 'Session progress' }).and(page.locator('[aria-valuenow="1"]')).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator('#app header').getByRole('link', { name: 'Briefdeck' }).click();
  await homeListsEveryDeck();
  expect(await tileCounts(deep.title)).toContain('studied today');
  expect(problems).toEqual([]);
});

test('after the first install home says once, in its own flow, that it works offline; no notice floats over the page', async () => {
  await page.goto(baseUrl);
  const note = page.getByText('Ready to use offline.');
  await note.waitFor();
  // In the page's flow (not fixed over it), and said once: no second notice repeats it.
  expect(await note.evaluate((el) => getComputedStyle(el).position)).toBe('static');
  expect(await page.getByText(/ready to (work|use) offline/i).count()).toBe(1);
  expect(await page.locator('.pwa-notices').evaluate((el) => el.textContent)).toBe('');
});

test('the built app runs under its Content-Security-Policy without a single violation', async () => {
  await page.goto(baseUrl);
  await homeListsEveryDeck();
  expect(await workerActivated(page)).toBe('activated');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  // Visit every deck page, then come back: every route the bundled decks lead to is covered.
  for (const d of decks) {
    await page.getByRole('link', { name: d.title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: d.title, exact: true }).waitFor();
    await page.goBack();
    await homeListsEveryDeck();
  }
  // And a study session with its progress bar (styled from script, which the policy allows).
  await page.goto(`${baseUrl}/study/${decks[0]!.id}`);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good/ }).click();
  await page.getByRole('progressbar', { name: 'Session progress' }).and(page.locator('[aria-valuenow="1"]')).waitFor();
  expect(problems).toEqual([]);
  // An inline script is refused — the policy is really in force, and the listener sees it.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(() => problems.some((p) => p.startsWith('CSP violation: script-src'))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
});
