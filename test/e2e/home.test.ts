import { expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';
import { readFileSync, readdirSync } from 'node:fs';

let page: Page;
const baseUrl = inject('baseUrl');

freshContextEachTest((_context, p) => {
  page = p!;
});

test('the home screen served by npm start lists every bundled deck by title', async () => {
  const titles = readdirSync('decks')
    .filter((f) => f.endsWith('.json') && f !== 'deck.schema.json' && f !== 'index.json')
    .map((f) => (JSON.parse(readFileSync(`decks/${f}`, 'utf8')) as { title: string }).title);
  expect(titles.length).toBeGreaterThan(0);
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  for (const title of titles) {
    await page.getByRole('link', { name: title }).waitFor();
  }
});
