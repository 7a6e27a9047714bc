/**
 * Studying in a real browser: five cards by keyboard and five by clicks from the article deck,
 * undo within the session, then a reload that must keep the progress (counts and review log).
 */
import { expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';

let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');
const DECK = 'article-full';

freshContextEachTest(
  async (_context, p, b) => {
    browser = b;
    page = p!;
    // The one-time "Ready to work offline" toast may cover the grade bar; a learner taps OK.
    await page.addLocatorHandler(page.getByText('Ready to work offline.'), async () => {
      await page.getByRole('button', { name: 'OK', exact: true }).click();
    });
  },
  { context: { viewport: { width: 360, height: 740 } } },
);

/** The review log's entries (their item ids, oldest first), read straight from IndexedDB. */
function reviewLog(p: Page): Promise<string[]> {
  return p.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('briefdeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('reviews').objectStore('reviews').getAll();
          req.onsuccess = () => {
            resolve((req.result as { itemId: string }[]).map((r) => r.itemId));
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Number of entries in the review log. */
const reviewLogSize = async (p: Page) => (await reviewLog(p)).length;

const progress = () => page.getByRole('progressbar', { name: 'Session progress' });

async function waitDone(n: number) {
  await page.waitForFunction(
    (want) => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === String(want),
    n,
  );
}

/** The deck page's counts line, as numbers. */
async function deckCounts(): Promise<{ due: number; new: number; learning: number }> {
  const text = (await page.locator('.deck-page .deck-counts').textContent()) ?? '';
  const num = (label: string) => Number(new RegExp(`(\\d+) ${label}`).exec(text)?.[1] ?? NaN);
  return { due: num('due'), new: num('new'), learning: num('learning') };
}

async function gradeByKeyboard(done: number) {
  const typed = page.getByRole('textbox', { name: 'Your answer' });
  if (await typed.count()) {
    await typed.fill('an answer');
    await page.keyboard.press('Enter');
  } else {
    await page.keyboard.press('Space');
  }
  await page.getByRole('button', { name: /^Good/ }).waitFor();
  await page.keyboard.press('3');
  await waitDone(done + 1);
}

async function gradeByClicks(done: number) {
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('button', { name: /^Good/ }).click();
  await waitDone(done + 1);
}

test('study ten cards by keyboard and clicks, undo, reload: progress is kept', async () => {
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  const title = await page.evaluate(async (id) => {
    const index = (await (await fetch('/decks/index.json')).json()) as { decks: { id: string; title: string }[] };
    return index.decks.find((d) => d.id === id)!.title;
  }, DECK);
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByRole('region', { name: 'Brief' }).waitFor();
  await page.locator('.deck-page .deck-counts').waitFor();
  const before = await deckCounts();
  expect(before.new).toBeGreaterThanOrEqual(10);

  await page.getByRole('link', { name: /^Study \(\d+\)$/ }).click();
  await progress().waitFor();
  await page.getByRole('button', { name: /^Show answer/ }).waitFor();

  for (let i = 0; i < 5; i++) await gradeByKeyboard(i);
  // Undo by keyboard takes the fifth grade back; the card is shown again, unanswered. A "z" typed
  // into an answer field is just a letter, so leave the field first when the next card has one.
  if (await page.getByRole('textbox', { name: 'Your answer' }).evaluate((el) => el === document.activeElement).catch(() => false)) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('z');
  await waitDone(4);
  await page.getByRole('button', { name: /^Show answer/ }).waitFor();
  await gradeByKeyboard(4);

  for (let i = 5; i < 10; i++) await gradeByClicks(i);
  // Undo by button, twice, then grade both cards again.
  await page.getByRole('button', { name: /^Undo/ }).click();
  await waitDone(9);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await waitDone(8);
  await gradeByClicks(8);
  await gradeByClicks(9);
  expect(await reviewLogSize(page)).toBe(10);

  await page.goto(`${baseUrl}/deck/${DECK}`);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.locator('.deck-page .deck-counts').waitFor();
  const after = await deckCounts();
  expect(after.new).toBeLessThan(before.new);
  expect(after).not.toEqual(before);
  expect(await reviewLogSize(page)).toBe(10);
});

test('the review screen works by deep link and says when nothing is due', async () => {
  await page.goto(`${baseUrl}/study/${DECK}?items=${DECK}/does-not-exist`);
  await page.getByRole('heading', { name: 'Nothing due' }).waitFor();
  await page.getByText(/^Nothing due — /).waitFor();
});

test('a later start shows the card left on screen before the deck is read, and grades it once the store agrees', async () => {
  // Its own context without a service worker, so that holding the deck's download holds the store's answer.
  const own = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  try {
    const p = await own.newPage();
    const cardText = () => p.locator('article.study-card').textContent();
    /** Waits until the card saved for the deck's next start is one other than `not`; its item id. */
    const savedOtherThan = async (not: string) =>
      (
        await p.waitForFunction(
          ([deck, other]) => {
            const all = JSON.parse(localStorage.getItem('briefdeck:shown-cards:1') ?? '{}') as Record<string, { item: { id: string } }>;
            const id = all[deck]?.item.id;
            return id && id !== other ? id : null;
          },
          [DECK, not] as const,
        )
      ).jsonValue() as Promise<string>;
    await p.goto(`${baseUrl}/study/${DECK}`);
    await p.getByRole('button', { name: /^Show answer/ }).click();
    const first = await savedOtherThan('');
    await p.getByRole('button', { name: /^Good/ }).click();
    await p.waitForFunction((want) => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === want, '1');
    // The card now on screen is the one saved for the next start.
    const left = await savedOtherThan(first);
    const leftText = await cardText();

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await own.route(`**/decks/${DECK}.json`, async (route) => {
      await held;
      await route.continue();
    });
    await p.reload();
    // The deck cannot have been read, yet the card is up; it cannot be graded until the store agrees.
    await p.getByRole('button', { name: /^Show answer/ }).waitFor();
    expect(await cardText()).toBe(leftText);
    await p.getByRole('button', { name: /^Show answer/ }).click();
    expect(await p.getByRole('button', { name: /^Good/ }).isDisabled()).toBe(true);
    release();
    await p.getByRole('button', { name: /^Good/ }).and(p.locator(':enabled')).click();
    await p.waitForFunction((want) => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === want, '1');
    expect(await reviewLog(p)).toEqual([first, left]);
  } finally {
    await own.close();
  }
});
