/**
 * Faults a learner's device can throw at Briefdeck: a full disk, a page closed right after a
 * grade, two tabs grading the same deck, a damaged record on disk, and decks too big to take.
 * Each must end with a clear message and no review lost or half written.
 */
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';

const baseUrl = inject('baseUrl');
const DECK = 'article-full';
let context: BrowserContext;

freshContextEachTest(
  (c) => {
    context = c;
    context.setDefaultTimeout(20_000);
  },
  { page: false },
);

/** The review log and the items of the deck, read straight from IndexedDB. */
function readStore(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ reviews: { itemId: string; before: { fsrs: { reps: number } }; after: { reps: number } }[]; reps: Record<string, number> }>(
        (resolve, reject) => {
          const open = indexedDB.open('briefdeck');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['reviews', 'items'], 'readonly');
            const reviews = tx.objectStore('reviews').getAll();
            const items = tx.objectStore('items').getAll();
            tx.oncomplete = () => {
              const reps = Object.fromEntries((items.result as { id: string; fsrs: { reps: number } }[]).map((i) => [i.id, i.fsrs.reps]));
              db.close();
              resolve({ reviews: reviews.result, reps });
            };
          };
        },
      ),
  );
}

/** Reveals the current card and grades it Good; resolves when the next card (or the end) is shown. */
async function gradeGood(page: Page) {
  const show = page.getByRole('button', { name: /^Show answer/ });
  await show.click();
  await page.getByRole('button', { name: /^Good/ }).click();
  await show.or(page.getByRole('heading', { name: /session|done|nothing/i })).first().waitFor();
}

test('a write that fails for lack of space says so and leaves nothing half written', async () => {
  const page = await context.newPage();
  // Simulates a full disk for review-log writes once the test flips the switch.
  await page.addInitScript(() => {
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull && this.name === 'reviews') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return add.apply(this, args);
    };
  });
  await page.goto(`${baseUrl}/study/${DECK}`);
  await gradeGood(page);
  const before = await readStore(page);
  expect(before.reviews).toHaveLength(1);

  await page.evaluate(() => ((window as unknown as { __diskFull?: boolean }).__diskFull = true));
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('button', { name: /^Good/ }).click();
  await page.getByText(/no room left for Briefdeck/).waitFor();

  const after = await readStore(page);
  expect(after.reviews).toHaveLength(1);
  // The item of the failed grade kept its schedule: the item write and the log entry went together.
  expect(after.reps).toEqual(before.reps);
});

test('closing the page right after a grade loses nothing that was shown as saved', async () => {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/study/${DECK}`);
  for (let i = 0; i < 3; i++) await gradeGood(page);
  // The next card is on screen, so the third grade was reported saved: close at once.
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto(`${baseUrl}/`);
  await again.getByRole('heading', { name: 'Your decks' }).waitFor();
  const { reviews, reps } = await readStore(again);
  expect(reviews).toHaveLength(3);
  for (const r of reviews) expect(reps[r.itemId]).toBe(r.after.reps);
});

test('two tabs grading the same deck lose no review and never write stale state', async () => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto(`${baseUrl}/study/${DECK}`);
  await b.goto(`${baseUrl}/study/${DECK}`);
  // Both tabs start on the same first card; each grades in turn, the other tab's card possibly stale.
  for (let i = 0; i < 4; i++) {
    await gradeGood(a);
    await gradeGood(b);
  }
  const { reviews, reps } = await readStore(a);
  expect(reviews).toHaveLength(8);
  // Per item, each review starts from the state the previous one left: no answer overwrote another.
  const byItem = new Map<string, typeof reviews>();
  for (const r of reviews) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  for (const [itemId, list] of byItem) {
    list.forEach((r, i) => expect(r.before.fsrs.reps).toBe(i === 0 ? 0 : list[i - 1]!.after.reps));
    expect(reps[itemId]).toBe(list.at(-1)!.after.reps);
  }
});

test('a damaged record on disk does not stop the app; it is skipped and reported', async () => {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/study/${DECK}`);
  await page.getByRole('button', { name: /^Show answer/ }).waitFor();
  const damaged = await page.evaluate(
    (deckId) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('briefdeck');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('items', 'readwrite');
          const store = tx.objectStore('items');
          const get = store.index('by-card').getAll(IDBKeyRange.bound([deckId], [deckId, []]));
          get.onsuccess = () => {
            const first = (get.result as { id: string; due: number }[]).sort((x, y) => x.due - y.due)[0]!;
            store.put({ ...first, fsrs: null });
            tx.oncomplete = () => {
              db.close();
              resolve(first.id);
            };
          };
        };
        open.onerror = () => reject(open.error);
      }),
    DECK,
  );
  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: "Beijing's view of US AI chip access", exact: true }).waitFor();
  await page.goto(`${baseUrl}/study/${DECK}`);
  await page.getByRole('button', { name: /^Show answer/ }).waitFor();
  const alert = page.getByRole('alert').filter({ hasText: 'damaged saved record' });
  await alert.waitFor();
  await alert.getByText('What was damaged').click();
  await expect(alert.innerText()).resolves.toContain(damaged);
  await gradeGood(page);
});

test('a deck of 50,000 cards or a 10 MB file is refused with a clear message, the tab stays responsive', async () => {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/import`);
  const cards = Array.from({ length: 50_000 }, (_, i) => ({ id: `c${i}`, type: 'basic', front: `Front ${i}`, back: `Back ${i}` }));
  const huge = JSON.stringify({ format: 1, id: 'huge', version: 1, title: 'Huge deck', cards });
  await page.getByLabel('Or paste deck JSON or table text').fill(huge);
  await page.getByRole('button', { name: 'Check pasted text' }).click();
  await page.getByRole('alert').filter({ hasText: 'cards: must have at most 5000 cards' }).waitFor();
  // Still responsive: the page answers a script and a click at once.
  await expect(page.evaluate(() => 1 + 1)).resolves.toBe(2);

  await page.locator('#import-file').setInputFiles({
    name: 'big.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(10 * 1024 * 1024, 0x20),
  });
  await page.getByRole('alert').filter({ hasText: /big\.json: is 10\.0 MB; an import may be at most 5 MB/ }).waitFor();
  // Nothing was stored.
  const decks = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('briefdeck');
        open.onsuccess = () => {
          const req = open.result.transaction('decks').objectStore('decks').count();
          req.onsuccess = () => resolve(req.result);
        };
      }),
  );
  expect(decks).toBe(0);
}, 90_000);
