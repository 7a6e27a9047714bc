/**
 * Rich cards in real Chromium: a `.briefdeck` bundle with a picture, a sound and a formula is
 * imported, studied (the picture painted as an <img> with its alt text and its room kept, the
 * formula as <math>, the sound as a play button), then the app is reloaded offline and the rest
 * of the deck studied from what IndexedDB and the precache hold. Also: the bundled article deck's
 * SVG diagram is published as a file named by its hash (shown through <img>, never as markup).
 */
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';
import { isControlled, workerActivated } from '../browser/pwa-helpers';
import { bundleOf, PNG, PNG_ALT, PNG_SIZE, silentWav } from '../browser/rich-bundle';

const baseUrl = inject('baseUrl');
let context: BrowserContext;
let page: Page;
let problems: string[];

freshContextEachTest(async (c, p) => {
  context = c;
  page = p!;
  problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
});

const [W, H] = [PNG_SIZE.width, PNG_SIZE.height];
const ALT = PNG_ALT;
const deck = {
  format: 2,
  id: 'rich-e2e',
  version: 1,
  title: 'Rich cards',
  language: 'en',
  media: [
    { name: 'icon.png', type: 'image/png', width: W, height: H },
    { name: 'beep.wav', type: 'audio/wav' },
  ],
  cards: [
    { id: 'picture', type: 'basic', front: `What is this?\n![${ALT}](icon.png)`, back: 'The app icon.' },
    { id: 'formula', type: 'basic', front: 'Half as a fraction?', back: 'It is $\\frac{1}{2}$.' },
    { id: 'sound', type: 'basic', front: 'Listen [sound:beep.wav]', back: `A beep, with the icon again ![${ALT}](icon.png)` },
  ],
};
const bundle = bundleOf(deck, new Map([['icon.png', PNG], ['beep.wav', silentWav()]]));

/** The card's picture: an <img> with its alt text, decoded and painted at a non-zero size. */
async function pictureShown() {
  const img = page.locator(`img[alt="${ALT}"]`).first();
  await img.waitFor();
  await page.waitForFunction((alt) => {
    const el = document.querySelector<HTMLImageElement>(`img[alt="${alt}"]`);
    return !!el && el.complete && el.naturalWidth > 0 && el.getBoundingClientRect().height > 0;
  }, ALT);
  return img;
}

test('a bundle with a picture, a sound and a formula: imported, studied, and studied again offline after a reload', async () => {
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  expect(await workerActivated(page)).toBe('activated');
  await page.goto(`${baseUrl}/import`);
  await page.locator('#import-file').setInputFiles({ name: 'rich-e2e.briefdeck', mimeType: 'application/octet-stream', buffer: Buffer.from(bundle) });
  await page.getByRole('button', { name: 'Import this deck' }).click();
  await page.getByRole('status').filter({ hasText: 'The deck is in your library' }).waitFor();

  await page.goto(`${baseUrl}/study/rich-e2e`);
  await page.getByRole('button', { name: /^Show answer/ }).waitFor();
  // The picture card: an <img> with alt, in a box of the picture's shape.
  const img = await pictureShown();
  expect(await img.getAttribute('src')).toMatch(/^blob:/);
  const box = await page.locator('.rich-image').first().boundingBox();
  expect(Math.abs(box!.width / box!.height - W / H)).toBeLessThan(0.05);
  const frontTop = await img.evaluate((el) => el.getBoundingClientRect().top);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  // The reveal adds the answer below: the picture does not move.
  expect(await img.evaluate((el) => el.getBoundingClientRect().top)).toBe(frontTop);
  await page.getByRole('button', { name: /^Good/ }).click();

  // The formula card: MathML once revealed.
  await page.getByText('Half as a fraction?').waitFor();
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.locator('math mfrac').waitFor();
  await page.getByRole('button', { name: /^Good/ }).click();

  // Offline, after a reload: the deck, its picture and its sound come from this device.
  await page.reload();
  expect(await isControlled(page)).toBe(true);
  await context.setOffline(true);
  await page.goto(`${baseUrl}/study/rich-e2e`);
  await page.getByText('Listen').waitFor();
  const play = page.getByRole('button', { name: /Play sound/ });
  await play.waitFor();
  expect(await play.isEnabled()).toBe(true);
  expect(await page.locator('audio').getAttribute('src')).toMatch(/^blob:/);
  await play.click();
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await pictureShown();
  await page.getByRole('button', { name: /^Good/ }).click();
  expect(problems).toEqual([]);
}, 120_000);

test('the article deck’s diagram is published by its hash as an SVG file, for <img> to show', async () => {
  await page.goto(`${baseUrl}/`);
  // The diagram is published by its hash and shown through <img>, so its markup never joins the page.
  const index = await page.evaluate(async () => (await (await fetch('/decks/article-full.json')).json()) as { media: { sha256: string }[] });
  const hash = index.media[0]!.sha256;
  const res = await page.evaluate(async (h) => {
    const r = await fetch(`/decks/media/${h}`);
    return { status: r.status, text: await r.text() };
  }, hash);
  expect(res.status).toBe(200);
  expect(res.text).toMatch(/^<svg/);
}, 60_000);
