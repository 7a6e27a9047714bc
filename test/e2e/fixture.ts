/**
 * The hooks every browser test file shares: one Chromium for the file, and for each test a fresh
 * context (fresh storage) with a page, closed after it. The file keeps what it is handed and adds
 * what it needs (handlers, init scripts, listeners) in `onEach`, which runs before each test
 * (the browser comes too, for a test that opens a context of its own).
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser } from '../browser/browser';

/** Registers the hooks; `options.page: false` opens no page (the test opens its own). */
export function freshContextEachTest(
  onEach: (context: BrowserContext, page: Page | null, browser: Browser) => void | Promise<void>,
  options: { context?: BrowserContextOptions; page?: boolean } = {},
): void {
  let browser: Browser;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext(options.context);
    await onEach(context, options.page === false ? null : await context.newPage(), browser);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
}
