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
import { isOnFirstUse, OFFLINE_TOOLS, OFFLINE_TOOLS_FILE, RUNTIME_ASSET, type OfflineToolFiles } from '../../../src/pwa/on-first-use';
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

test('every published deck file and its media is precached exactly once', () => {
  const media = readdirSync(join(outDir, 'decks', 'media')).map((f) => `media/${f}`);
  // The article deck's diagram, at least.
  expect(media.length).toBeGreaterThan(0);
  const published = [...readdirSync(join(outDir, 'decks')).filter((f) => f.endsWith('.json')), ...media];
  expect(published).toContain('index.json');
  for (const file of published) {
    expect(urls.filter((u) => u === `decks/${file}`), `decks/${file}`).toHaveLength(1);
  }
  // And no deck or media file that the build did not publish.
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

test('the build lists the files of every tool for the background download and Settings, and that list is precached', () => {
  expect(urls).toContain(OFFLINE_TOOLS_FILE);
  const tools = JSON.parse(readFileSync(join(outDir, OFFLINE_TOOLS_FILE), 'utf8')) as OfflineToolFiles[];
  expect(tools.map((t) => t.name)).toEqual(OFFLINE_TOOLS.map((t) => t.name));
  expect(tools.map((t) => t.name)).toEqual(['Authoring', 'Draft from article', 'Anki import', 'Personal scheduling', 'Math on cards', 'Sync']);
  const listed = new Set(tools.flatMap((t) => t.files));
  // Every file left out of the first install belongs to a tool, and every listed file exists and is left out.
  for (const f of readdirSync(join(outDir, 'assets')).filter((f) => isOnFirstUse(f))) expect(listed, f).toContain(`/assets/${f}`);
  for (const url of listed) {
    expect(readFileSync(join(outDir, url)).length, url).toBeGreaterThan(0);
    expect(urls).not.toContain(url.slice(1));
    expect(RUNTIME_ASSET.test(url), url).toBe(true);
  }
  for (const t of tools) expect(t.files.length, t.name).toBeGreaterThan(0);
});

test('install-sheet screenshots stay out of the precache', () => {
  expect(urls.filter((u) => u.startsWith('screenshots/'))).toEqual([]);
});

test('deep links fall back to the app shell, old caches are cleaned up, responses are made cross-origin isolated', () => {
  // src/pwa/sw.ts, minified: the navigation handler bound to the cached frame (app.html; `/` is
  // the precached index.html with the home screen) in the worker's own folder (the base the app
  // is served under), with the file denylist…
  expect(urls).toContain('app.html');
  const base = /([\w$]+)=new URL\(`\.\/`,self\.location\.href\)\.pathname/.exec(sw)?.[1];
  expect(base).toBeDefined();
  expect(sw).toContain(`(\`\${${base}}app.html\`),{denylist:[`);
  // …workbox's clean-up of outdated precaches (it looks for caches named like theirs)…
  expect(sw).toContain('`-precache-`');
  // …and the isolation headers it adds to what it serves.
  expect(sw).toMatch(/"Cross-Origin-Opener-Policy":`same-origin`,"Cross-Origin-Embedder-Policy":`require-corp`/);
  // The worker waits for the learner's consent (registerType: 'prompt'): it skips waiting only on request.
  expect(sw).toMatch(/\w+\.data\.type===`SKIP_WAITING`&&self\.skipWaiting\(\)/);
  expect(sw).not.toMatch(/^self\.skipWaiting\(\)/m);
});
