/**
 * Anki import in real Chromium: a package imported online brings the import Worker and sql.js
 * into the runtime cache; with the network cut, a second package with a review history and a
 * picture is then imported, studied (the picture shown from the device's store), and its history
 * shows in the stats next to the new answer. Anki's Image Occlusion notes become occlusion cards,
 * studied with their masks over the picture.
 */
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import initSqlJs from 'sql.js';
import { zipSync } from 'fflate';
import { freshContextEachTest } from './fixture';
import { isControlled, workerActivated } from '../browser/pwa-helpers';
import { writeSchema11 } from '../../src/author/anki/schema11';
import type { AnkiCollection } from '../../src/author/anki/types';
import { openPackage } from '../../src/author/import/anki/package';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const baseUrl = inject('baseUrl');
const DAY = 86_400_000;
let context: BrowserContext;
let page: Page;
let problems: string[];

const BASIC = { id: 11, name: 'Basic', kind: 0 as const, fields: ['Front', 'Back'], templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }] };

/** A real 4 × 3 PNG, from the Anki fixtures. */
const picture = () => openPackage(new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/anki/deck-anki21.apkg'))), 'f.apkg').media.get('cat.png')!;

/** An .apkg (schema 11) whose notes and review log are dated relative to now, with `media` by Anki name. */
async function apkg(deck: string, notes: [string, string][], reviewDaysAgo: number[], media: [string, Uint8Array][] = []): Promise<Buffer> {
  const SQL = await initSqlJs();
  const now = Date.now();
  const crt = Math.floor((now - 30 * DAY) / 1000);
  const col: AnkiCollection = {
    crt,
    ver: 11,
    notetypes: [BASIC],
    decks: [{ id: 21, name: deck }],
    notes: notes.map(([front, back], i) => ({ id: 1000 + i, guid: `g${i}`, mid: 11, mod: crt, tags: [], fields: [front, back] })),
    cards: notes.map((_, i) => ({ id: 2000 + i, nid: 1000 + i, did: 21, ord: 0, type: 0, queue: 0, due: i, ivl: 0, factor: 0, reps: 0, lapses: 0 })),
    revlog: reviewDaysAgo.map((d, i) => ({ id: now - d * DAY + i, cid: 2000, ease: 3, ivl: 1, lastIvl: 0, factor: 2500, time: 5000, type: i ? 1 : 0 })),
  };
  const files = Object.fromEntries(media.map(([, bytes], i) => [String(i), bytes]));
  const map = Object.fromEntries(media.map(([name], i) => [String(i), name]));
  return Buffer.from(zipSync({ 'collection.anki2': writeSchema11(SQL, col), media: new TextEncoder().encode(JSON.stringify(map)), ...files }));
}

freshContextEachTest(
  async (c, p) => {
    context = c;
    page = p!;
    problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    await page.addLocatorHandler(page.getByText('Ready to work offline.'), async () => {
      await page.getByRole('button', { name: 'OK', exact: true }).click();
    });
  },
  { context: { viewport: { width: 800, height: 900 } } },
);

async function importFile(name: string, buffer: Buffer) {
  await page.goto(`${baseUrl}/import`);
  await page.getByRole('heading', { level: 1, name: 'Add a deck' }).waitFor();
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

test('an .apkg imported offline keeps its review history, can be studied, and shows in the stats', async () => {
  await page.goto(baseUrl);
  expect(await workerActivated(page)).toBe('activated');
  await page.reload();
  expect(await isControlled(page)).toBe(true);

  // Online, once: the import Worker and sql.js's wasm are fetched and kept.
  await importFile('warm-up.apkg', await apkg('Warm up', [['uno', 'one']], []));
  await page.getByText('1 card in 1 note, 0 reviews, 0 media files').waitFor();
  await page.getByRole('button', { name: 'Import 1 deck' }).click();
  await page.getByRole('status').filter({ hasText: '1 deck is in your library' }).waitFor();

  await context.setOffline(true);
  const history = [9, 8, 5, 2];
  const img = '<br><img src="animal (1).png">';
  await importFile('spanish.apkg', await apkg('Spanish::Animals', [[`perro${img}`, 'dog'], [`gato${img}`, 'cat'], [`pájaro${img}`, 'bird']], history, [['animal (1).png', picture()]]));
  await page.getByText('3 cards in 3 notes, 4 reviews, 1 media file').waitFor();
  // Anki gave the picture no description: the preview says its file name stands in.
  await page.getByText(/1 picture has no description in Anki, so its file name describes it for screen readers \(animal \(1\)\.png\)/).waitFor();
  await page.getByRole('radio', { name: 'Top levels become decks, lower levels tags' }).check();
  await page.getByRole('listitem').filter({ hasText: /^Spanish \(3 cards\)$/ }).waitFor();
  await page.getByRole('button', { name: 'Import 1 deck' }).click();
  await page.getByRole('status').filter({ hasText: 'with 4 answers of history' }).waitFor();

  await page.getByRole('link', { name: 'Study Spanish' }).click();
  // The picture comes from the device's store, offline, at the size the deck lists.
  const shown = page.locator('img[alt="animal (1)"]').first();
  await shown.waitFor();
  await expect.poll(() => shown.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0))).toBe(4);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good/ }).click();
  await expect.poll(() => page.getByRole('progressbar', { name: 'Session progress' }).getAttribute('aria-valuenow')).toBe('1');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  // Four imported answers on four earlier days, and today's.
  await page.getByRole('img', { name: /Reviews in the past year 5 reviews on 5 days of the past 365/ }).waitFor();
  expect(problems).toEqual([]);
});

test('Image Occlusion notes are imported as occlusion cards and studied with their masks over the picture', async () => {
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  const file = readFileSync(join(import.meta.dirname, '../fixtures/anki/image-occlusion.apkg'));
  await importFile('image-occlusion.apkg', file);
  await page.getByText('4 cards in 2 notes, 3 reviews, 2 media files').waitFor();
  // What the boxes could not carry over is said before anything is stored.
  await page.getByText('How some note types were brought over').click();
  await page.getByText(/Image Occlusion: shapes sharing a number became one box around them/).waitFor();
  await page.getByRole('button', { name: 'Import 1 deck' }).click();
  await page.getByRole('status').filter({ hasText: 'with 3 answers of history' }).waitFor();

  await page.goto(`${baseUrl}/study/anatomy`);
  // Both parts of the heart are due from their Anki history: its picture, with one mask asked.
  await page.getByText('Parts of the heart').waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLImageElement>('.occlusion img');
    return !!el && el.complete && el.naturalWidth === 8 && el.getBoundingClientRect().height > 0;
  });
  expect(await page.locator('.occlusion img').getAttribute('alt')).toBe('heart diagram');
  const asked = page.locator('.occlusion-mask[aria-current="true"]');
  const mask = await asked.getAttribute('data-mask');
  expect(['c1', 'c2']).toContain(mask);
  expect(await asked.textContent()).toMatch(/^Asked: the highlighted box, /);
  // Hide All, Guess One (oi=1): the other part stays covered.
  expect(await page.locator('.mask-covered').count()).toBe(1);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.locator(`.mask-answer[data-mask="${mask}"]`).waitFor();
  expect(await page.locator('.mask-answer').textContent()).toContain(mask === 'c1' ? 'Left atrium' : 'Box 2');
  await page.getByText('Blood comes in through the').waitFor();
  await page.getByRole('button', { name: /^Good/ }).click();
  await expect.poll(() => page.getByRole('progressbar', { name: 'Session progress' }).getAttribute('aria-valuenow')).toBe('1');
  expect(problems).toEqual([]);
});
