/**
 * The fuzz run's worst inputs (`npm run fuzz`: share-link bombs, a 40,000-row table, decks past the
 * limits, a deeply nested backup), each imported in the built app the way a learner would: each is
 * refused with its reason, and the longest main-thread task (Long Tasks API) from the moment the
 * input is handed over until the answer shows is printed. The readers run in Workers; the page only
 * hands the input over and shows the answer. Figures are printed, not asserted (timings are noisy).
 */
import { afterAll, beforeAll, inject, test } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../browser/browser';
import { toBase64Url } from '../../src/author/share';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Tasks = { __longTasks: { start: number; duration: number }[] };

/** A fresh page recording every long task from its first script on. */
async function recordingPage(): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as Tasks;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  return { page, close: () => context.close() };
}

/**
 * Hands `text` to the file input `selector` as a learner's file would arrive: fetched (served by the
 * test) and set on the input, so Playwright's own file injection is not counted as the app's work.
 * Returns the page time just before the input announces the file.
 */
async function handFile(page: Page, selector: string, name: string, text: string): Promise<number> {
  await page.route(`**/fuzz-input/${name}`, (route) => route.fulfill({ body: Buffer.from(text), contentType: 'application/octet-stream' }));
  return page.evaluate(
    async ([selector, name]) => {
      const blob = await (await fetch(`/fuzz-input/${name}`)).blob();
      const dt = new DataTransfer();
      dt.items.add(new File([blob], name));
      const input = document.querySelector<HTMLInputElement>(selector)!;
      input.files = dt.files;
      const from = performance.now();
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return from;
    },
    [selector, name] as const,
  );
}

/** Long tasks that started at or after `from` (page time), and the longest of them. */
async function tasksSince(page: Page, from: number): Promise<{ count: number; longest: number }> {
  const tasks = await page.evaluate((t) => (window as unknown as Tasks).__longTasks.filter((x) => x.start >= t), from);
  return { count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)) };
}

const report = (what: string, size: number, t: { count: number; longest: number }) =>
  console.log(`${what} (${size.toLocaleString('en')} characters): long tasks ${t.count}, longest ${t.longest.toFixed(0)} ms`);

const bomb = (mb: number, text: string) => `#d=${toBase64Url(deflateRawSync(Buffer.from(text.repeat(Math.ceil((mb * 1048576) / text.length)))))}`;
const deletions = (n: number) => Array.from({ length: n }, (_, i) => `w{{c${i + 1}::a${i}}}`).join(' ');

test.each([
  ['a share link inflating to 256 MB of spaces', bomb(256, ' ')],
  ['a share link inflating to 64 MB of {"a":', bomb(64, '{"a":')],
])('%s is refused on the share page, read in a Worker', { timeout: 120_000 }, async (what, hash) => {
  const { page, close } = await recordingPage();
  try {
    // The link is read as the page starts: every task of the page counts, its own start-up included,
    // so the same page with no deck in its link is measured first, for comparison.
    await page.goto(`${baseUrl}/share#x=1`);
    await page.getByRole('alert').filter({ hasText: 'has no deck in it' }).waitFor();
    report('the share page with no deck in its link, page start-up', 5, await tasksSince(page, 0));
    // A new document (a change of fragment alone would not load the page again).
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/share${hash}`);
    await page.getByRole('alert').filter({ hasText: 'larger than 5 MB' }).waitFor();
    report(`${what}, page start-up included`, hash.length, await tasksSince(page, 0));
  } finally {
    await close();
  }
});

const tables: [string, string, RegExp][] = [
  ['a 40,000-row table', `front,back\n${Array.from({ length: 40_000 }, (_, i) => `f${i},b${i}`).join('\n')}`, /has more than 5,000 rows/],
  ['a deck of 4,000 cloze cards with 20 deletions each', JSON.stringify({ id: 'items', version: 1, title: 'Items', cards: Array.from({ length: 4000 }, (_, i) => ({ id: `c${i}`, type: 'cloze', text: deletions(20) })) }), /review items|at most/],
  ['a deck of 3 cloze cards with 190 deletions each', JSON.stringify({ id: 'wide', version: 1, title: 'Wide', cards: [1, 2, 3].map((i) => ({ id: `c${i}`, type: 'cloze', text: deletions(190) })) }), /at most 50/],
];

test.each(tables)('%s is refused on the import screen, checked in a Worker', async (what, text, reason) => {
  const { page, close } = await recordingPage();
  try {
    await page.goto(`${baseUrl}/import`);
    await page.getByLabel('Choose a file').waitFor({ state: 'attached' });
    const from = await handFile(page, '#import-file', text.startsWith('{') ? 'big.json' : 'big.csv', text);
    await page.getByRole('alert').filter({ hasText: reason }).first().waitFor();
    report(what, text.length, await tasksSince(page, from));
  } finally {
    await close();
  }
});

test('a backup nested 400,000 levels deep is refused from Settings, read in a Worker', async () => {
  const text = `{"format":"briefdeck-backup","version":1,"quizzes":${'['.repeat(400_000)}${']'.repeat(400_000)}}`;
  const { page, close } = await recordingPage();
  try {
    await page.goto(`${baseUrl}/settings`);
    await page.getByLabel('Import a backup file').waitFor({ state: 'attached' });
    const handed = await handFile(page, '#backup-file', 'deep.json', text);
    await page.getByRole('textbox', { name: 'Type replace to confirm' }).fill('replace');
    report('choosing the backup file (before the restore)', text.length, await tasksSince(page, handed));
    const from = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Replace with backup' }).click();
    await page.getByRole('alert').filter({ hasText: 'deep.json was not imported' }).waitFor();
    report('a backup nested 400,000 levels deep', text.length, await tasksSince(page, from));
  } finally {
    await close();
  }
});
