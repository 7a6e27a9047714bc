/** Export backup from Settings in Chromium: the file is a version 3 backup holding the answer just given, and it restores. */
import { expect, inject, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';

const baseUrl = inject('baseUrl');
let page: Page;
freshContextEachTest((_c, p) => {
  page = p!;
});

test('Export backup: the file holds the answer given and restores', async () => {
  await page.goto(`${baseUrl}/study/all`);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('button', { name: /^Good/ }).click();
  // The next card is on screen once the answer is recorded.
  await page.getByRole('button', { name: /^Show answer/ }).waitFor();

  await page.goto(`${baseUrl}/settings`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  const download = await downloading;
  const bytes = readFileSync((await download.path())!);
  expect(download.suggestedFilename()).toMatch(/^briefdeck-backup-\d{4}-\d\d-\d\d\.briefdeck\.gz$/);
  const lines = gunzipSync(bytes).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({ format: 'briefdeck-backup', version: 3 });
  expect(lines.at(-1)).toEqual(['end', expect.objectContaining({ reviews: 1 })]);

  await page.locator('#backup-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/gzip', buffer: bytes });
  await page.getByRole('textbox', { name: 'Type replace to confirm' }).fill('replace');
  await page.getByRole('button', { name: 'Replace with backup' }).click();
  await page.getByText(/Backup restored: .* 1 reviews?\./).waitFor();
});
