// @vitest-environment node
/**
 * The service worker's precache list, read from a real build: every published deck file, the
 * app shell and the icons are in it exactly once, and nothing the install sheet alone needs.
 * The test builds the app itself (Vite's `build()` with the project config, into a temporary
 * folder, ~5 s) so it never reads a stale or missing `dist/`.
 */
import { build } from 'vite';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ON_FIRST_USE } from '../../../scripts/on-first-use';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
let outDir: string;
let urls: string[];
let sw: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'briefdeck-precache-'));
  // Build exactly as `npm run build` does: vitest sets NODE_ENV=test, which would make
  // workbox emit its development worker instead.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
  // generateSW writes the list as `precacheAndRoute([{url:"…",revision:…},…])`.
  const list = /precacheAndRoute\((\[.*?\])\s*,/s.exec(sw)?.[1];
  if (!list) throw new Error(`${outDir}/sw.js: no precacheAndRoute([...]) list found`);
  urls = [...list.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('every published deck file is precached exactly once', () => {
  const published = readdirSync(join(outDir, 'decks')).filter((f) => f.endsWith('.json'));
  expect(published).toContain('index.json');
  for (const file of published) {
    expect(urls.filter((u) => u === `decks/${file}`), `decks/${file}`).toHaveLength(1);
  }
  // And no deck that the build did not publish.
  for (const u of urls.filter((u) => u.startsWith('decks/'))) expect(published).toContain(u.slice('decks/'.length));
});

test('each bundled deck in decks/ is one of them', () => {
  const ids = readdirSync(join(ROOT, 'decks'))
    .filter((f) => f.endsWith('.json') && f !== 'index.json' && f !== 'deck.schema.json')
    .map((f) => (JSON.parse(readFileSync(join(ROOT, 'decks', f), 'utf8')) as { id: string }).id);
  for (const id of ids) expect(urls).toContain(`decks/${id}.json`);
});

test('no URL is precached twice', () => {
  const dupes = urls.filter((u, i) => urls.indexOf(u) !== i);
  expect(dupes).toEqual([]);
});

/** Whether a built file is one of the authoring tools' chunks. */
const onFirstUse = (file: string) => ON_FIRST_USE.some((name) => file.startsWith(`${name}-`));

test('the app shell, every script and style but the authoring tools, the manifest and its icons are precached', () => {
  expect(urls).toContain('index.html');
  expect(urls).toContain('manifest.webmanifest');
  const assets = readdirSync(join(outDir, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  for (const a of assets.filter((f) => !onFirstUse(f))) expect(urls).toContain(`assets/${a}`);
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.webmanifest'), 'utf8')) as {
    icons: { src: string }[];
  };
  for (const icon of manifest.icons) expect(urls).toContain(icon.src.replace(/^\//, ''));
  expect(urls).toContain('apple-touch-icon.png');
});

test('the authoring tools are cached on first use, not installed: the first install stays within 300 KB over the wire', () => {
  const tools = readdirSync(join(outDir, 'assets')).filter(onFirstUse);
  // The drafter's language library and the editor, at least, are left out.
  expect(tools.some((f) => f.startsWith('three-'))).toBe(true);
  expect(tools.some((f) => f.startsWith('Editor-'))).toBe(true);
  for (const t of tools) expect(urls).not.toContain(`assets/${t}`);
  expect(sw).toMatch(/new \w+\.CacheFirst\(\{cacheName:"briefdeck-tools"/);
  const wire = urls.reduce((sum, u) => sum + gzipSync(readFileSync(join(outDir, u))).length, 0);
  expect(wire).toBeLessThanOrEqual(300 * 1024);
});

test('install-sheet screenshots stay out of the precache', () => {
  expect(urls.filter((u) => u.startsWith('screenshots/'))).toEqual([]);
});

test('deep links fall back to the app shell and old caches are cleaned up', () => {
  expect(sw).toMatch(/createHandlerBoundToURL\("\/index\.html"\)/);
  expect(sw).toContain('cleanupOutdatedCaches()');
  // The worker waits for the learner's consent (registerType: 'prompt'): it skips waiting only on request.
  expect(sw).toMatch(/"SKIP_WAITING"===\w+\.data\.type&&self\.skipWaiting\(\)/);
  expect(sw).not.toMatch(/^self\.skipWaiting\(\)/m);
});
