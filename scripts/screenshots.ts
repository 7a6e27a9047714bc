/**
 * Takes the manifest's install-sheet screenshots from the built app with Debian's Chromium:
 * `public/screenshots/study-narrow.png` (540x1170, a card on a phone) and `home-wide.png`
 * (1280x800, the deck list on a laptop).
 * Run `npx vite build && npx tsx scripts/screenshots.ts`, then commit the PNGs; the next build
 * copies them. Light scheme, no service worker (so no "Ready to work offline" notice in shot).
 */
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/browser';
import { startPreview } from '../test/browser/server';
import { freePort } from '../test/browser/pwa-helpers';

const OUT = resolve(import.meta.dirname, '..', 'public', 'screenshots');
/** Phone: a card on the study screen. Laptop: the home screen with every deck. */
const SHOTS = [
  { file: 'study-narrow.png', width: 540, height: 1170, path: '/study/article-full', ready: 'Show answer' },
  { file: 'home-wide.png', width: 1280, height: 800, path: '/', ready: 'Decks' },
];

async function main() {
  if (!existsSync('dist/index.html')) throw new Error('dist/index.html: not found — run `npx vite build` first');
  mkdirSync(OUT, { recursive: true });
  const server = await startPreview(await freePort());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        viewport: { width: shot.width, height: shot.height },
        deviceScaleFactor: 1,
        colorScheme: 'light',
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      await page.goto(`${server.url}${shot.path}`);
      if (shot.ready === 'Decks') await page.getByRole('list', { name: 'Decks' }).waitFor();
      else await page.getByRole('button', { name: new RegExp(`^${shot.ready}`) }).waitFor();
      // The study screen focuses "Show answer" for the keyboard; a store screenshot needs no focus ring.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: resolve(OUT, shot.file) });
      console.log(`public/screenshots/${shot.file}  ${shot.width}x${shot.height}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err: Error) => {
  console.error(`screenshots: ${err.message}`);
  process.exit(1);
});
