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
import { isOnFirstUse, RUNTIME_ASSET } from '../../../src/pwa/on-first-use';
import { gzipSync } from 'node:zlib';

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
  // injectManifest puts the list where src/pwa/sw.ts says self.__WB_MANIFEST, as JSON.
  const list = /(\[\{"revision":.*?\}\])/s.exec(sw)?.[1];
  if (!list) throw new Error(`${outDir}/sw.js: no precache list found`);
  urls = (JSON.parse(list) as { url: string }[]).map((e) => e.url);
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

test('the app shell, every script and style but those used on first use, the manifest and its icons are precached', () => {
  expect(urls).toContain('index.html');
  expect(urls).toContain('manifest.webmanifest');
  const assets = readdirSync(join(outDir, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  expect(assets.length).toBeGreaterThan(5);
  for (const a of assets.filter((f) => !isOnFirstUse(f))) expect(urls).toContain(`assets/${a}`);
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.webmanifest'), 'utf8')) as {
    icons: { src: string }[];
  };
  for (const icon of manifest.icons) expect(urls).toContain(icon.src.replace(/^\//, ''));
  expect(urls).toContain('apple-touch-icon.png');
});

test('the authoring tools, the optimiser and the Anki import are left out of the first install, and cached by the worker once fetched', () => {
  const files = readdirSync(join(outDir, 'assets'));
  const heavy = files.filter((f) => isOnFirstUse(f) || f.endsWith('.wasm'));
  // The optimiser's worker and wasm, the Anki import Worker and sql.js's wasm at least.
  expect(heavy.some((f) => f.startsWith('optimizer.worker'))).toBe(true);
  // The drafter's language library and the editor.
  expect(heavy.some((f) => f.startsWith('three-'))).toBe(true);
  expect(heavy.some((f) => f.startsWith('Editor-'))).toBe(true);
  expect(heavy.some((f) => /^anki-worker-.*\.js$/.test(f))).toBe(true);
  expect(heavy.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThanOrEqual(2);
  for (const f of heavy) {
    expect(urls).not.toContain(`assets/${f}`);
    expect(RUNTIME_ASSET.test(`/assets/${f}`), f).toBe(true);
  }
  expect(sw).toMatch(/new \w+\(\{cacheName:["`]briefdeck-on-first-use["`]/);
  const wire = urls.reduce((sum, u) => sum + gzipSync(readFileSync(join(outDir, u))).length, 0);
  expect(wire, 'the first install over the wire').toBeLessThanOrEqual(300 * 1024);
});

test('install-sheet screenshots stay out of the precache', () => {
  expect(urls.filter((u) => u.startsWith('screenshots/'))).toEqual([]);
});

test('deep links fall back to the app shell, old caches are cleaned up, responses are made cross-origin isolated', () => {
  // src/pwa/sw.ts, minified: the navigation handler bound to the cached shell in the worker's own
  // folder (the base the app is served under), with the file denylist…
  const base = /([\w$]+)=new URL\(`\.\/`,self\.location\.href\)\.pathname/.exec(sw)?.[1];
  expect(base).toBeDefined();
  expect(sw).toContain(`(\`\${${base}}index.html\`),{denylist:[`);
  // …workbox's clean-up of outdated precaches (it looks for caches named like theirs)…
  expect(sw).toContain('`-precache-`');
  // …and the isolation headers it adds to what it serves.
  expect(sw).toMatch(/"Cross-Origin-Opener-Policy":`same-origin`,"Cross-Origin-Embedder-Policy":`require-corp`/);
  // The worker waits for the learner's consent (registerType: 'prompt'): it skips waiting only on request.
  expect(sw).toMatch(/\w+\.data\.type===`SKIP_WAITING`&&self\.skipWaiting\(\)/);
  expect(sw).not.toMatch(/^self\.skipWaiting\(\)/m);
});
