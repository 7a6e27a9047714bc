/**
 * Installability in real Chromium (persistent profile, as an installed app needs): the browser
 * reports no installability error, parses the manifest without complaint, every manifest icon
 * loads at its stated size, and the header offers "Install app" once the browser allows it.
 */
import { afterEach, expect, inject, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../browser/browser';
import { workerActivated } from '../browser/pwa-helpers';

const baseUrl = inject('baseUrl');
let persistent: { context: BrowserContext; close(): Promise<void> } | undefined;
let page: Page;

/** A fresh persistent profile for the tests that need a browser. */
async function open() {
  persistent = await launchPersistent();
  page = persistent.context.pages()[0] ?? (await persistent.context.newPage());
  return persistent.context;
}
afterEach(async () => {
  await persistent?.close();
  persistent = undefined;
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('Chromium finds the app installable and its manifest clean', async () => {
  const context = await open();
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Your decks' }).waitFor();
  expect(await workerActivated(page)).toBe('activated');
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors).toEqual([]);
  const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string; critical: number }[] };
  expect(manifest.url).toBe(`${baseUrl}/manifest.webmanifest`);
  expect(manifest.errors).toEqual([]);
});

test('the manifest is complete and every icon and screenshot it names loads at its stated size', async () => {
  const res = await fetch(`${baseUrl}/manifest.webmanifest`);
  expect(res.ok).toBe(true);
  const m = (await res.json()) as Record<string, unknown> & {
    icons: { src: string; sizes: string; purpose?: string }[];
    screenshots: { src: string; sizes: string; form_factor: string }[];
    shortcuts: { name: string; url: string }[];
  };
  expect(m).toMatchObject({ name: 'Briefdeck', short_name: 'Briefdeck', id: '/', start_url: '/', scope: '/', display: 'standalone', categories: ['education'] });
  expect(m.description).toEqual(expect.any(String));
  expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(m.icons.filter((i) => i.purpose === 'maskable').map((i) => i.sizes)).toEqual(['512x512']);
  expect(m.icons.filter((i) => i.purpose !== 'maskable').map((i) => i.sizes).sort()).toEqual(['192x192', '512x512']);
  expect(m.shortcuts.map((s) => [s.name, s.url])).toEqual([
    ['Study all due', '/study/all'],
    ['Quick quiz', '/quiz/all'],
  ]);
  expect(m.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
  for (const image of [...m.icons, ...m.screenshots, { src: '/apple-touch-icon.png', sizes: '180x180' }]) {
    const r = await fetch(new URL(image.src, baseUrl));
    expect(r.status, image.src).toBe(200);
    expect(r.headers.get('content-type'), image.src).toMatch(/^image\/png/);
    const { width, height } = pngSize(Buffer.from(await r.arrayBuffer()));
    expect(`${width}x${height}`, image.src).toBe(image.sizes);
  }
});

test('the header offers "Install app" when the browser allows installation', async () => {
  await open();
  await page.goto(baseUrl);
  expect(await workerActivated(page)).toBe('activated');
  const install = page.locator('header').getByRole('button', { name: 'Install app' });
  await install.waitFor();
  expect(await install.isEnabled()).toBe(true);
});
