/**
 * The quick quiz in real Chromium: a 10-question quiz on the full article deck answered only with
 * the keyboard, the score heading, "Study the missed cards now" opening a study session of exactly
 * those items, the quiz history surviving a reload, and the quiz chunk working offline.
 */
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { freshContextEachTest } from './fixture';
import { isControlled, workerActivated } from '../browser/pwa-helpers';

const baseUrl = inject('baseUrl');
const deck = JSON.parse(readFileSync('decks/article-full.json', 'utf8')) as { id: string; title: string };

let context: BrowserContext;
let page: Page;
let errors: string[];

freshContextEachTest((c, p) => {
  errors = [];
  context = c;
  page = p!;
  page.on('pageerror', (e) => errors.push(e.message));
});

const VERDICT = /^(Right!|Right — mind the spelling\.|Not quite\.)$/;

/** Answers the question on screen with the keyboard only; returns whether it was right. */
async function answerByKeyboard(n: number, total: number): Promise<boolean> {
  await page.getByRole('heading', { name: `Question ${n} of ${total}` }).waitFor();
  const field = page.getByRole('textbox', { name: 'Your answer' });
  if (await field.isVisible()) {
    // Focus is already in the field; an answer nobody would write is surely wrong.
    await page.keyboard.type('no idea at all');
    await page.keyboard.press('Enter');
  } else if (await page.getByRole('button', { name: 'Check answer' }).isVisible()) {
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
  } else {
    await page.keyboard.press('1');
  }
  const verdict = page.getByText(VERDICT);
  await verdict.waitFor();
  return (await verdict.textContent()) !== 'Not quite.';
}

test('a 10-question keyboard quiz: score, missed cards studied, history after reload', async () => {
  await page.goto(`${baseUrl}/quiz/${deck.id}?seed=briefing`);
  await page.getByRole('heading', { level: 1, name: `Quiz: ${deck.title}` }).waitFor();
  // 10 questions is the default; start with the keyboard.
  expect(await page.getByRole('radio', { name: '10', exact: true }).isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Start quiz' }).focus();
  await page.keyboard.press('Enter');

  let right = 0;
  for (let n = 1; n <= 10; n++) {
    if (await answerByKeyboard(n, 10)) right++;
    await page.keyboard.press('Enter');
  }
  const score = page.getByRole('heading', { level: 1, name: `Score ${right}/10` });
  await score.waitFor();
  expect(right).toBeLessThan(10);
  const missed = await page.locator('.quiz-missed > li').count();
  expect(missed).toBe(10 - right);

  // The learner's history shows this quiz; it is still there after a reload.
  const history = page.getByRole('region', { name: 'Past quizzes' });
  await history.getByRole('cell', { name: new RegExp(`^${right}/10 `) }).waitFor();

  const link = page.getByRole('link', { name: 'Study the missed cards now' });
  const href = (await link.getAttribute('href'))!;
  const items = new URL(href, baseUrl).searchParams.get('items')!.split(',');
  expect(items).toHaveLength(missed);
  expect(items.every((id) => id.startsWith(`${deck.id}/`))).toBe(true);
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === `/study/${deck.id}` && u.searchParams.get('items') === items.join(','));
  // A study session of those cards only: a card is shown, nothing done yet, at most the missed ones left
  // (the study queue may hold back a card the quiz just put into learning until its step is due).
  await page.getByRole('article', { name: `Card from ${deck.title}` }).waitFor();
  const progress = await page.getByRole('progressbar', { name: 'Session progress' }).getAttribute('aria-valuetext');
  const [, done, left] = /^(\d+) done, (\d+) left$/.exec(progress ?? '') ?? [];
  expect(done).toBe('0');
  expect(Number(left)).toBeGreaterThan(0);
  expect(Number(left)).toBeLessThanOrEqual(missed);

  await page.goto(`${baseUrl}/quiz/${deck.id}`);
  await page.reload();
  await page.getByRole('region', { name: 'Past quizzes' }).getByRole('cell', { name: new RegExp(`^${right}/10 `) }).waitFor();
  expect(errors).toEqual([]);
});

test('the quiz opens and runs offline once the service worker is in control', async () => {
  await page.goto(baseUrl);
  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  expect(await isControlled(page)).toBe(true);
  await context.setOffline(true);
  await page.goto(`${baseUrl}/quiz/${deck.id}?seed=offline`);
  await page.getByRole('heading', { level: 1, name: `Quiz: ${deck.title}` }).waitFor();
  await page.getByRole('radio', { name: '5', exact: true }).check();
  await page.getByRole('button', { name: 'Start quiz' }).click();
  for (let n = 1; n <= 5; n++) {
    await answerByKeyboard(n, 5);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('heading', { level: 1, name: /^Score \d+\/5$/ }).waitFor();
  expect(errors).toEqual([]);
});
