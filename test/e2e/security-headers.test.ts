/**
 * Where Briefdeck is served: `vite preview` sends the security headers, and a page of another
 * origin cannot frame it (so it cannot click through Settings).
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser/browser';
import { SECURITY_HEADERS } from '../../security-headers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('every response carries the security headers, pages and files alike', async () => {
  for (const path of ['/', '/settings', '/sw.js', '/manifest.webmanifest']) {
    const res = await fetch(`${baseUrl}${path}`);
    expect(res.ok, path).toBe(true);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), `${path} ${name}`).toBe(value);
  }
});

test('a page of another origin that frames Settings gets nothing: the frame is refused', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // The app itself is cross-origin isolated: it reports so once loaded.
    await page.goto(`${baseUrl}/settings`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const other = await context.newPage();
    await other.goto('about:blank');
    await other.setContent(`<iframe id="f" src="${baseUrl}/settings" width="800" height="600"></iframe>`);
    const frameHandle = await other.waitForSelector('#f');
    const frame = await frameHandle.contentFrame();
    await frame!.waitForLoadState();
    // Chromium shows its own error page in place of a document that refused to be framed.
    await expect.poll(async () => (await frame!.evaluate(() => document.querySelector('button') === null).catch(() => true))).toBe(true);
    expect(frame!.url()).not.toContain('/settings');
  } finally {
    await context.close();
  }
});
