/**
 * Rich cards in real Chromium: a `.briefdeck` bundle with a picture, a sound, a formula and image
 * occlusion cards is imported, studied (the picture painted as an <img> with its alt text and its
 * room kept, the formula as <math>, the sound as a play button, the occlusion masks over their
 * picture, the asked one uncovered on the reveal), then the app is reloaded offline and the rest
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
    {
      id: 'icon-one',
      type: 'occlusion',
      image: 'icon.png',
      alt: ALT,
      mode: 'hide-one',
      masks: [{ id: 'card', x: 0.25, y: 0.2, width: 0.5, height: 0.6, label: 'The white card' }],
    },
    { id: 'formula', type: 'basic', front: 'Half as a fraction?', back: 'It is $\\frac{1}{2}$.' },
    { id: 'sound', type: 'basic', front: 'Listen [sound:beep.wav]', back: `A beep, with the icon again ![${ALT}](icon.png)` },
    {
      id: 'icon-all',
      type: 'occlusion',
      question: 'Which part of the icon is under the highlighted box?',
      image: 'icon.png',
      alt: ALT,
      mode: 'hide-all',
      masks: [
        { id: 'corner', x: 0, y: 0, width: 0.2, height: 0.2, label: 'A blue corner' },
        { id: 'middle', x: 0.3, y: 0.3, width: 0.4, height: 0.4, label: 'The middle of the card' },
      ],
    },
  ],
};
const bundle = bundleOf(deck, new Map([['icon.png', PNG], ['beep.wav', silentWav()]]));

/**
 * An occlusion card: its picture painted under the masks, the asked mask highlighted and announced
 * without its label; the reveal uncovers it, names its label, and leaves the others as they were.
 */
async function studyOcclusion(asked: string, label: string, covered: number) {
  await page.locator('.occlusion img').waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLImageElement>('.occlusion img');
    return !!el && el.complete && el.naturalWidth > 0 && el.getBoundingClientRect().height > 0;
  });
  expect(await page.locator('.occlusion img').getAttribute('alt')).toBe(ALT);
  expect(await page.locator('.occlusion img').getAttribute('src')).toMatch(/^blob:/);
  const mask = page.locator('.occlusion-mask[aria-current="true"]');
  expect(await mask.getAttribute('data-mask')).toBe(asked);
  expect(await mask.getAttribute('class')).toContain('mask-asked');
  expect(await mask.textContent()).toMatch(/^Asked: the highlighted box, /);
  expect(await page.locator('.card-face').textContent()).not.toContain(label);
  expect(await page.locator('.mask-covered').count()).toBe(covered);
  // The mask sits over the picture, where its shares say.
  const [pic, box] = [await page.locator('.occlusion img').boundingBox(), await mask.boundingBox()];
  expect(box!.x).toBeGreaterThanOrEqual(pic!.x - 1);
  expect(box!.y + box!.height).toBeLessThanOrEqual(pic!.y + pic!.height + 1);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.locator(`.mask-answer[data-mask="${asked}"]`).waitFor();
  expect(await page.locator('.mask-answer').textContent()).toContain(label);
  await page.locator('.card-back').getByText(label).waitFor();
  expect(await page.locator('.mask-covered').count()).toBe(covered);
  await page.getByRole('button', { name: /^Good/ }).click();
}

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

test('a bundle with a picture, a sound, a formula and occlusion cards: imported, studied, and studied again offline after a reload', async () => {
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

  // "Hide one, guess one": only the asked mask covers the picture.
  await page.getByText('What does the highlighted box hide?').waitFor();
  await studyOcclusion('card', 'The white card', 0);

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
  // The button is enabled once its sound is read from the store.
  await expect.poll(() => play.isEnabled()).toBe(true);
  expect(await page.locator('audio').getAttribute('src')).toMatch(/^blob:/);
  await play.click();
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await pictureShown();
  await page.getByRole('button', { name: /^Good/ }).click();
  // "Hide all, guess one", offline: the picture from IndexedDB, the occlusion chunk from the precache.
  await page.getByText('Which part of the icon is under the highlighted box?').waitFor();
  await studyOcclusion('corner', 'A blue corner', 1);
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
