/**
 * Debian's Chromium driven by playwright-core, for the browser tests and the scripts (bench, Lighthouse,
 * screenshots). Every test gets a fresh context (fresh storage);
 * tests wait for states (roles, worker `activated`), never for fixed sleeps.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A persistent profile in a new temporary folder `dir`, removed on close: storage on disk, as an
 * installed app has it (installability checks need one; a new context is private, in memory).
 * With `keep`, the profile in that folder instead, created if need be and kept on close.
 */
export async function launchPersistent(
  options: { serviceWorkers?: 'allow' | 'block'; keep?: string } = {},
): Promise<{ context: BrowserContext; dir: string; close(): Promise<void> }> {
  const { keep, ...launch } = options;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'briefdeck-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    ...launch,
  });
  return {
    context,
    dir,
    async close() {
      await context.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
