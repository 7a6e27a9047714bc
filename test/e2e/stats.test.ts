import { expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';

let page: Page;
const baseUrl = inject('baseUrl');

freshContextEachTest(
  (_context, p) => {
    page = p!;
  },
  { context: { viewport: { width: 320, height: 640 } } },
);

/** Shows the answer of the card on screen and grades it with the named grade. */
async function answer(grade: 'Again' | 'Good') {
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: new RegExp(`^${grade}\\b`) }).click();
}

test('answers given on the study screen show up on the stats page, in a 320 px wide window', async () => {
  // The first visit installs the service worker; its "ready offline" notice sits over the grade
  // buttons on a narrow screen until dismissed, as a learner would.
  await page.goto(baseUrl);
  await page.getByText('Ready to work offline.').waitFor();
  await page.getByRole('button', { name: 'OK' }).click();
  await page.goto(`${baseUrl}/study/article-brief`);
  const progress = page.getByRole('progressbar', { name: 'Session progress' });
  await answer('Good');
  await expect.poll(() => progress.getAttribute('aria-valuenow')).toBe('1');
  await answer('Again');
  await expect.poll(() => progress.getAttribute('aria-valuenow')).toBe('2');
  await answer('Good');
  await expect.poll(() => progress.getAttribute('aria-valuenow')).toBe('3');

  // Through the header link, as a learner would (the stats page is a lazy chunk).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  const today = page.getByRole('region', { name: 'Today' });
  await today.waitFor();
  const value = (label: string) => today.getByText(label, { exact: true }).locator('xpath=following-sibling::dd').textContent();
  expect(await value('Reviewed')).toBe('3');
  expect(await value('New cards learned')).toBe('3');
  expect(await value('Again rate')).toBe('33%');
  expect(await value('Current streak')).toBe('1 day');
  await page.getByRole('img', { name: /Reviews in the past year 3 reviews on 1 day of the past 365/ }).waitFor();

  // The item-based sections arrive once the cards are read.
  await page.getByRole('region', { name: 'Cards by state table' }).waitFor();
  // Nothing spills sideways at 320 px: wide parts scroll inside their own regions.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // One deck's page.
  await page.getByRole('region', { name: 'Cards by state table' }).getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: /^Stats: / }).waitFor();
  expect(await page.getByRole('link', { name: 'All decks' }).getAttribute('href')).toBe('/stats');
});
