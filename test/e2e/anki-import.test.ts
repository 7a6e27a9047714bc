/**
 * Anki import in real Chromium: a package imported online brings the import Worker and sql.js
 * into the runtime cache; with the network cut, a second package with a review history is then
 * imported, studied, and its history shows in the stats next to the new answer.
 */
import { expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import initSqlJs from 'sql.js';
import { zipSync } from 'fflate';
import { freshContextEachTest } from './fixture';
import { isControlled, workerActivated } from '../browser/pwa-helpers';
import { writeSchema11 } from '../../src/author/anki/schema11';
import type { AnkiCollection } from '../../src/author/anki/types';

const baseUrl = inject('baseUrl');
const DAY = 86_400_000;
let context: BrowserContext;
let page: Page;
let problems: string[];

const BASIC = { id: 11, name: 'Basic', kind: 0 as const, fields: ['Front', 'Back'], templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }] };

/** An .apkg (schema 11) whose notes and review log are dated relative to now. */
async function apkg(deck: string, notes: [string, string][], reviewDaysAgo: number[]): Promise<Buffer> {
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
  return Buffer.from(zipSync({ 'collection.anki2': writeSchema11(SQL, col), media: new TextEncoder().encode('{}') }));
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
  await importFile('spanish.apkg', await apkg('Spanish::Animals', [['perro', 'dog'], ['gato', 'cat'], ['pájaro', 'bird']], history));
  await page.getByText('3 cards in 3 notes, 4 reviews, 0 media files').waitFor();
  await page.getByRole('radio', { name: 'Top levels become decks, lower levels tags' }).check();
  await page.getByRole('listitem').filter({ hasText: /^Spanish \(3 cards\)$/ }).waitFor();
  await page.getByRole('button', { name: 'Import 1 deck' }).click();
  await page.getByRole('status').filter({ hasText: 'with 4 answers of history' }).waitFor();

  await page.getByRole('link', { name: 'Study Spanish' }).click();
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good/ }).click();
  await expect.poll(() => page.getByRole('progressbar', { name: 'Session progress' }).getAttribute('aria-valuenow')).toBe('1');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  // Four imported answers on four earlier days, and today's.
  await page.getByRole('img', { name: /Reviews in the past year 5 reviews on 5 days of the past 365/ }).waitFor();
  expect(problems).toEqual([]);
});
