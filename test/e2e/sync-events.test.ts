/**
 * Suspend and reset travel as events: on a phone the learner suspends one studied card and resets
 * another from the deck's card browser, then syncs; a laptop signed in to the same account shows
 * them suspended and new, with the same due counts; an unsuspension on the laptop reaches the
 * phone. Two persistent profiles, a local sync server started here.
 */
import type { Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { homeCounts, signInOn, studyCards, syncNow, syncSuite } from './sync-helpers';

const baseUrl = inject('baseUrl');
const DECK = 'article-full';
const suite = syncSuite(baseUrl, DECK);

/** Every item of the deck as `[suspended, state, reps, queue]`, by id, read from IndexedDB. */
function itemStates(page: Page): Promise<Record<string, [boolean, number, number, number]>> {
  return page.evaluate(
    (deckId) =>
      new Promise<Record<string, [boolean, number, number, number]>>((resolve, reject) => {
        const open = indexedDB.open('briefdeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('items').objectStore('items').getAll();
          read.onsuccess = () => {
            db.close();
            const out: Record<string, [boolean, number, number, number]> = {};
            for (const i of read.result as { id: string; deckId: string; suspended: boolean; state: number; queue: number; fsrs: { reps: number } }[]) {
              if (i.deckId === deckId) out[i.id] = [i.suspended, i.state, i.fsrs.reps, i.queue];
            }
            resolve(out);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    DECK,
  );
}

/** The deck page's card browser, its list narrowed to cards in `state`. */
async function cardsIn(page: Page, state: string) {
  if (!page.url().endsWith(`/deck/${DECK}`)) await page.goto(`${baseUrl}/deck/${DECK}`);
  const browser = page.getByRole('region', { name: 'Cards' });
  await browser.getByRole('combobox', { name: 'State' }).selectOption(state);
  return browser.getByRole('list', { name: 'Card list' }).getByRole('listitem');
}

/** The deck page's "N suspended" count. */
async function suspendedCount(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/deck/${DECK}`);
  const counts = page.locator('.deck-counts');
  await counts.waitFor();
  return (await counts.textContent())!.replace(/.* · /, '');
}

test('a suspension and a reset on one device reach the other; an unsuspension comes back', async () => {
  const phone = await suite.device();
  const laptop = await suite.device();
  await studyCards(phone.page, baseUrl, DECK, 2);
  await signInOn(phone.page, baseUrl, suite.server().url, 'iris', 'Create account');
  await syncNow(phone.page, baseUrl);
  await signInOn(laptop.page, baseUrl, suite.server().url, 'iris', 'Sign in');
  await syncNow(laptop.page, baseUrl);

  // On the phone: the first studied card suspended, the second reset to new (after confirming).
  let studied = await cardsIn(phone.page, 'learning');
  await expect.poll(() => studied.count()).toBe(2);
  await studied.first().getByRole('button', { name: /^Suspend / }).click();
  await expect.poll(() => studied.count()).toBe(1);
  await studied.first().getByRole('button', { name: /^Reset / }).click();
  await phone.page.getByRole('group', { name: /^Confirm reset of / }).getByRole('button', { name: 'Reset to new' }).click();
  await expect.poll(() => studied.count()).toBe(0);
  const made = await itemStates(phone.page);
  const suspended = Object.keys(made).filter((id) => made[id]![0]);
  expect(suspended).toHaveLength(1);
  expect(made[suspended[0]!]![2]).toBe(1);

  await syncNow(phone.page, baseUrl);
  await syncNow(laptop.page, baseUrl);
  // (Opening the deck makes the laptop's items for the cards no one studied, as the phone has them.)
  expect(await suspendedCount(laptop.page)).toBe('1 suspended');
  const seen = await itemStates(laptop.page);
  expect(seen).toEqual(await itemStates(phone.page));
  expect(seen).toEqual(made);
  // Nothing is left studied: one card suspended, the other new again, on both.
  expect(Object.values(seen).filter(([, state, reps]) => state !== 0 || reps !== 0)).toEqual([[true, 1, 1, -1]]);
  expect(await homeCounts(laptop.page, baseUrl, suite.title())).toBe(await homeCounts(phone.page, baseUrl, suite.title()));

  // On the laptop: unsuspended from the card browser; the phone follows.
  const held = await cardsIn(laptop.page, 'suspended');
  await expect.poll(() => held.count()).toBe(1);
  await held.first().getByRole('button', { name: /^Unsuspend / }).click();
  await expect.poll(() => held.count()).toBe(0);
  await syncNow(laptop.page, baseUrl);
  await syncNow(phone.page, baseUrl);
  const back = await itemStates(phone.page);
  expect(back[suspended[0]!]![0]).toBe(false);
  expect(back).toEqual(await itemStates(laptop.page));
  expect(await suspendedCount(phone.page)).toBe('0 suspended');
  expect(await homeCounts(phone.page, baseUrl, suite.title())).toBe(await homeCounts(laptop.page, baseUrl, suite.title()));
}, 110_000);
