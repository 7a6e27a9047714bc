/**
 * `npm run bench [-- --runs 3]`: measures Briefdeck's budgets (../DESIGN budgets table) in Debian's
 * Chromium and prints each figure beside its budget; writes `bench/results.json` (`--small`: a tenth
 * of the collection; `--large`: five times it, written to `bench/results-large.json` and compared
 * figure by figure with the last full-size results). It reports and
 * never fails on a missed budget (timings are noisy). With several runs, each timing is the median.
 * `--backup-only`: just the backup's round trip, step by step.
 * `--sync`: just the sync part, against the local sync server (`npm run bench:sync`, with `--small` and `--runs`).
 * Expects `dist/` (the app) and `dist-bench/` (the app plus `bench/seed.html`); the npm script builds both.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, launchPersistent } from '../test/browser/browser';
import { startPreview } from '../test/browser/server';
import { freePort, workerActivated } from '../test/browser/pwa-helpers';
import { timeDraft } from './draft-eval/timing';
import { bundleOf, PNG, PNG_ALT, PNG_SIZE } from '../test/browser/rich-bundle';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const runs = Math.max(1, Number(args[args.indexOf('--runs') + 1]) || 1);
/** `--bytes-only`: just the study path's bytes and the lazy chunks (quick, for bundle work). */
const bytesOnly = args.includes('--bytes-only');
/** `--backup-only`: seed, then time the backup's round trip step by step (export, read and check, replace). */
const backupOnly = args.includes('--backup-only');
/** `--sync`: just the sync part (scripts/bench-sync.ts: first sync, sync after a session, a class at once, chunk sizes). */
const syncPart = args.includes('--sync');
// `--small` checks the harness quickly on a tenth of the collection; figures are quoted at full size.
// `--large`: five times today's collection, a heavy Anki user's; its results are compared with today's size.
const SIZE_NAME = args.includes('--small') ? 'small' : args.includes('--large') ? 'large' : 'full';
const SIZES = { small: { cards: 2_000, reviews: 20_000 }, full: { cards: 20_000, reviews: 200_000 }, large: { cards: 100_000, reviews: 1_000_000 } };
const SIZE = SIZES[SIZE_NAME];
/** Lighthouse measures the app's first paint, which no collection size changes: `--large` skips it too. */
const skipLighthouse = args.includes('--no-lighthouse') || SIZE_NAME === 'large';
const GRADES = 200;
/** How long a study page may take to show its first card: the large collection's first start syncs and counts five times as much. */
const FIRST_CARD_TIMEOUT = SIZE_NAME === 'large' ? 300_000 : 30_000;
/**
 * The large size skips the backup's round trip: its targets are quoted for today's size only, and
 * a million answers through export and import would take the run's time many times over.
 */
const WITH_BACKUP = SIZE_NAME !== 'large';
/**
 * `--profile DIR`: the browser profile to keep in DIR, seeded on the first run and measured again
 * as it is on later ones (seeding the large collection takes many minutes on a busy machine). Later
 * runs find the earlier sessions' answers in today's counts, and the app's first start already made.
 */
const KEPT_PROFILE = args.includes('--profile') ? resolve(args[args.indexOf('--profile') + 1] ?? '') : null;
/** How long the store may go on compacting after seeding: five times the records take longer. */
const SETTLE_TIMEOUT = SIZE_NAME === 'large' ? 300_000 : 60_000;
/** The port each preview server takes in turn: `E2E_PORT` when set (a shared machine hands out ports), else any free one. */
const servePort = () => (process.env.E2E_PORT ? Promise.resolve(Number(process.env.E2E_PORT)) : freePort());

const gz = (buf: Buffer | Uint8Array) => gzipSync(buf, { level: 9 }).length;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * Chunks the app loads on purpose only once the first screen is up and the page is idle, never
 * awaited by a screen: the service worker's registration (src/pwa/PwaStatus.tsx, after `load`) and
 * the storage check (src/main.tsx, `requestIdleCallback`). With the chunks only they import, they
 * are reported beside the study path, not in it (DESIGN: what is *needed* to show decks and a card).
 */
const IDLE_CHUNK = /^\/assets\/(register|storage-check)-[\w-]+\.js$/;
/** The study path's budget: 45 KB gzip. */
const STUDY_PATH_BUDGET = 45 * 1024;

/** The asset files each built JS file imports (statically or by `import()`), by their `./name` references. */
function importsOf(dir: string, file: string): string[] {
  const code = readFileSync(join(dir, file), 'utf8');
  return [...code.matchAll(/["'`]\.\/([\w.-]+\.(?:js|css))["'`]/g)].map((m) => `/assets/${m[1]}`);
}

/** The loaded files that only idle chunks (IDLE_CHUNK) lead to: an idle chunk, or (not loaded by index.html) imported by idle chunks alone. */
function idleFiles(loaded: string[]): Set<string> {
  const dir = join(ROOT, 'dist/assets');
  const importers = new Map<string, string[]>(loaded.map((f) => [f, []]));
  for (const f of loaded) {
    if (!f.endsWith('.js')) continue;
    for (const dep of importsOf(dir, f.slice('/assets/'.length))) importers.get(dep)?.push(f);
  }
  // What index.html loads itself (the entry script and style) is needed, whoever else imports it.
  const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
  const entry = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]));
  const idle = new Set(loaded.filter((f) => IDLE_CHUNK.test(f)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [f, by] of importers) {
      if (!idle.has(f) && !entry.has(f) && by.length > 0 && by.every((i) => idle.has(i))) {
        idle.add(f);
        grew = true;
      }
    }
  }
  return idle;
}

/** JS and CSS the browser fetched to show the deck list and then a card to study. */
async function studyPathBytes(browser: Browser) {
  const server = await startPreview(await servePort());
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const loaded = new Map<string, number>();
  const page = await context.newPage();
  page.on('response', async (res) => {
    const path = new URL(res.url()).pathname;
    if (!/\.(js|css)$/.test(path)) return;
    try {
      loaded.set(path, gz(await res.body()));
    } catch {
      /* a response without a body (redirect) carries no code */
    }
  });
  try {
    // The budget's path: the deck list, then a deck's Study link, then a card. (The deck page with
    // its brief is a lazy chunk, listed with the others.)
    await page.goto(`${server.url}/`);
    const tile = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: "Beijing's view of US AI chip access", exact: true }) });
    await tile.getByRole('link', { name: 'Study', exact: true }).click();
    await page.getByRole('button', { name: /^Show answer/ }).waitFor();
    await page.waitForLoadState('networkidle');
  } finally {
    await context.close();
    await server.stop();
  }
  const assets = readdirSync(join(ROOT, 'dist/assets'));
  const lazy = assets
    .filter((f) => /\.(js|css)$/.test(f) && !loaded.has(`/assets/${f}`))
    .map((f) => ({ file: f, gzipKB: kb(gz(readFileSync(join(ROOT, 'dist/assets', f)))) }))
    .sort((a, b) => b.gzipKB - a.gzipKB);
  const idle = idleFiles([...loaded.keys()]);
  const sum = (files: string[]) => files.reduce((a, f) => a + loaded.get(f)!, 0);
  const needed = [...loaded.keys()].filter((f) => !idle.has(f));
  const bytes = sum(needed);
  return {
    studyPathKB: kb(bytes),
    studyPathBytes: bytes,
    files: Object.fromEntries(needed.map((f) => [f, kb(loaded.get(f)!)])),
    /** Loaded once the page is idle after the first screen (IDLE_CHUNK), not part of the study path. */
    idleKB: kb(sum([...idle])),
    idleFiles: Object.fromEntries([...idle].map((f) => [f, kb(loaded.get(f)!)])),
    lazy,
  };
}

/** Records when the first card (its "Show answer" button) or the deck list appears, from navigation start. */
function markFirstPaintOf(page: Page) {
  return page.addInitScript(`{
    const check = () => {
      if (!window.__firstCardAt && [...document.querySelectorAll('button')].some((b) => b.textContent.trim().startsWith('Show answer'))) {
        window.__firstCardAt = performance.now();
      }
      if (!window.__deckListAt && document.querySelector('.deck-list a')) window.__deckListAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  }`);
}

/**
 * Reveals and grades `n` cards in the page; each time is from the key press to the next card's
 * front in the DOM. Like a (very quick) learner, the loop spends THINK_MS on each card before
 * revealing it: a real learner reads for seconds, and the app uses that time to fetch the next card. Plain JavaScript text: the TypeScript runner would wrap a function's helpers
 * in its own name-keeping calls, which do not exist in the page.
 */
const THINK_MS = 250;
const GRADE_LOOP = `async (count, thinkMs) => {
  const showButton = () => [...document.querySelectorAll('button')].find((b) => b.textContent.trim().startsWith('Show answer'));
  const card = () => document.querySelector('article.study-card')?.textContent ?? '';
  const waitFor = (ok) => new Promise((done) => {
    if (ok()) return done();
    const mo = new MutationObserver(() => { if (ok()) { mo.disconnect(); done(); } });
    mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  const times = [];
  for (let i = 0; i < count; i++) {
    const show = showButton();
    if (!show) break;
    await new Promise((r) => setTimeout(r, thinkMs));
    show.click();
    await waitFor(() => !showButton() && !!document.querySelector('[aria-label="Grade your answer"]'));
    const before = card();
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true }));
    await waitFor(() => (!!showButton() && card() !== before) || !document.querySelector('article.study-card'));
    times.push(performance.now() - t0);
  }
  return times;
}`;

function gradeLoop(page: Page, n: number): Promise<number[]> {
  return page.evaluate(`(${GRADE_LOOP})(${n}, ${THINK_MS})`) as Promise<number[]>;
}

function spread(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN, n: s.length };
}

/**
 * Waits until the profile's IndexedDB files have stopped changing (no file written, added or
 * removed for two seconds): seeding writes the whole collection in one go, and the store then
 * compacts it for a few seconds, work a collection built up over months has long finished.
 */
async function storageSettled(dir: string, timeoutMs = 60_000): Promise<number> {
  const folder = join(dir, 'Default', 'IndexedDB');
  const state = () =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        const s = statSync(path, { throwIfNoEntry: false });
        return `${path} ${s?.size} ${s?.mtimeMs}`;
      })
      .sort()
      .join('\n');
  const start = Date.now();
  let last = state();
  let stableSince = Date.now();
  while (Date.now() - stableSince < 2000) {
    if (Date.now() - start > timeoutMs) throw new Error(`IndexedDB files in ${folder} still changing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
    const now = state();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
  return stableSince - start;
}

/** The seeded collection: store operations in the bench page, then the real app on the same origin. */
async function collection() {
  const server = await startPreview(await servePort(), 'dist-bench');
  // A profile on disk, as an installed app runs: a private context keeps IndexedDB in memory, in
  // another engine than the one on disk.
  const profile = await launchPersistent({ serviceWorkers: 'block', ...(KEPT_PROFILE ? { keep: KEPT_PROFILE } : {}) });
  const { context } = profile;
  try {
    const seeded = await seededOnce(context, server.url, profile.dir);
    const settledMs = await storageSettled(profile.dir, SETTLE_TIMEOUT);

    /** A fresh page on `/study/all` (after `setup`, run before any script of the page): it and its first card's time. */
    const studyPage = async (setup?: string) => {
      const page = await context.newPage();
      if (setup) await page.addInitScript(setup);
      await markFirstPaintOf(page);
      await page.goto(`${server.url}/study/all`);
      await page.getByRole('button', { name: /^Show answer/ }).waitFor({ timeout: FIRST_CARD_TIMEOUT });
      return { page, ms: await page.evaluate(() => (window as unknown as Record<string, number>).__firstCardAt ?? NaN) };
    };

    const { page: app, ms: firstCardMs } = await studyPage();
    const grades = await gradeLoop(app, GRADES);
    const cdp = await context.newCDPSession(app);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    await app.close();
    // Later starts: the app opened again on the same collection (its first start above also synced
    // the bundled decks, a once-per-install cost). Median of three fresh pages; each shows the card
    // the page before left on screen, saved for a quick start, while the store confirms it.
    const later: number[] = [];
    for (let i = 0; i < 3; i++) {
      const again = await studyPage();
      later.push(again.ms);
      await again.page.close();
    }
    const laterFirstCardMs = spread(later).p50;
    // A later start without the card saved by the last session (the first start after an update,
    // or a day later): the first card comes from the store.
    const cold = await studyPage(`localStorage.removeItem('briefdeck:shown-cards:1')`);
    const laterUnsavedFirstCardMs = cold.ms;
    await cold.page.close();

    // The stats screen's first load on a fresh page: nothing read yet (decks, items, aggregates).
    const fresh = await context.newPage();
    await fresh.goto(`${server.url}/bench/seed.html`);
    await fresh.waitForSelector('body[data-ready="true"]');
    const statsFirst = await fresh.evaluate(() => window.bench.statsFirstLoad());
    await fresh.evaluate(() => window.bench.close());
    await fresh.close();

    const page = await context.newPage();
    await page.goto(`${server.url}/bench/seed.html`);
    await page.waitForSelector('body[data-ready="true"]');
    const startSteps = await page.evaluate(() => window.bench.startSteps());
    const due = await page.evaluate(() => window.bench.dueCount());
    const session = await page.evaluate(() => window.bench.session());
    const writeFloor = await page.evaluate(() => window.bench.writeFloor());
    const stats = await page.evaluate(() => window.bench.stats());
    const backup = WITH_BACKUP ? await backupRoundTrip(page) : null;
    return {
      seeded,
      settledMs,
      firstCardMs,
      laterFirstCardMs,
      laterUnsavedFirstCardMs,
      startSteps,
      gradeToNext: spread(grades),
      heapMB: heap.usedSize / 1048576,
      dueCount: due,
      session,
      writeFloor,
      stats,
      statsFirst,
      backup,
    };
  } finally {
    await profile.close();
    await server.stop();
  }
}

/** Seeds the collection, unless a kept profile (`--profile`) already holds one of this size: what it holds, with the seeding's time. */
async function seededOnce(context: BrowserContext, origin: string, dir: string): Promise<{ ms: number; items: number; reviews: number; kept?: true }> {
  const mark = join(dir, 'briefdeck-bench-seeded.json');
  if (KEPT_PROFILE && existsSync(mark)) {
    const before = JSON.parse(readFileSync(mark, 'utf8')) as { size: typeof SIZE; seeded: { ms: number; items: number; reviews: number } };
    if (before.size.cards !== SIZE.cards || before.size.reviews !== SIZE.reviews) throw new Error(`${dir} holds a collection of another size: give another --profile`);
    console.error(`measuring the collection kept in ${dir} (seeded by an earlier run)`);
    return { ...before.seeded, kept: true };
  }
  const seedPage = await context.newPage();
  await seedPage.goto(`${origin}/bench/seed.html`);
  await seedPage.waitForSelector('body[data-ready="true"]');
  const seeded = await seedPage.evaluate((size) => window.bench.seed(size), SIZE);
  await seedPage.evaluate(() => window.bench.close());
  await seedPage.close();
  if (KEPT_PROFILE) writeFileSync(mark, JSON.stringify({ size: SIZE, seeded }));
  console.error(`seeded ${seeded.items} items and ${seeded.reviews} reviews in ${(seeded.ms / 1000).toFixed(0)} s (set-up, not measured)`);
  return seeded;
}

/** The backup's export and import on the seeded page, with the JS heap's peak during the import, sampled from outside the page. */
async function backupRoundTrip(page: Page) {
  const exported = await page.evaluate(() => window.bench.backupExport());
  const pageCdp = await page.context().newCDPSession(page);
  await pageCdp.send('HeapProfiler.collectGarbage');
  let peak = (await pageCdp.send('Runtime.getHeapUsage')).usedSize;
  let importing = true;
  const sampling = (async () => {
    while (importing) {
      peak = Math.max(peak, (await pageCdp.send('Runtime.getHeapUsage')).usedSize);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const imported = await page.evaluate(() => window.bench.backupImport()).finally(() => (importing = false));
  await sampling;
  return { ...exported, ...imported, peakHeapMB: peak / 1048576 };
}

/** With the service worker in control and the network off: navigation to the deck list. */
async function offlineColdStart() {
  const server = await startPreview(await servePort());
  const profile = await launchPersistent();
  const { context } = profile;
  try {
    const first = await context.newPage();
    await first.goto(`${server.url}/`);
    await workerActivated(first);
    await first.reload();
    await first.getByRole('heading', { name: 'Your decks' }).waitFor();
    await first.close();
    await context.setOffline(true);
    const page = await context.newPage();
    await markFirstPaintOf(page);
    await page.goto(`${server.url}/`);
    await page.locator('.deck-list a').first().waitFor();
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    const ms = await page.evaluate(() => (window as unknown as Record<string, number>).__deckListAt ?? NaN);
    return { ms, controlled };
  } finally {
    await profile.close();
    await server.stop();
  }
}

/**
 * Reveal → the answer's picture painted, with the picture already stored: a bundle whose cards
 * each show a picture on the back is imported, then each card's reveal is timed from the click
 * to the frame after the <img> has decoded. The first reveal also loads the media chunk.
 */
async function revealToImage(browser: Browser) {
  const server = await startPreview(await servePort());
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const cards = Array.from({ length: 6 }, (_, i) => ({ id: `p${i + 1}`, type: 'basic', front: `Card ${i + 1}`, back: `![${PNG_ALT}](icon.png)` }));
  const deck = { format: 2, id: 'bench-pictures', version: 1, title: 'Pictures', media: [{ name: 'icon.png', type: 'image/png', ...PNG_SIZE }], cards };
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/import`);
    await page.locator('#import-file').setInputFiles({ name: 'bench.briefdeck', mimeType: 'application/octet-stream', buffer: Buffer.from(bundleOf(deck, new Map([['icon.png', PNG]]))) });
    await page.getByRole('button', { name: 'Import this deck' }).click();
    await page.getByRole('status').filter({ hasText: 'The deck is in your library' }).waitFor();
    await page.goto(`${server.url}/study/bench-pictures`);
    const times: number[] = [];
    for (let i = 0; i < cards.length; i++) {
      await page.getByRole('button', { name: /^Show answer/ }).waitFor();
      times.push(
        await page.evaluate(
          // No named inner functions: the page has no `__name` helper that tsx would wrap them in.
          async (alt) => {
            const reveal = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show answer'))!;
            const t0 = performance.now();
            reveal.click();
            for (;;) {
              const img = document.querySelector<HTMLImageElement>(`.card-back img[alt="${alt}"]`);
              // Decoded and laid out: the next frame paints it.
              if (img?.complete && img.naturalWidth > 0) {
                await new Promise((r) => requestAnimationFrame(r));
                return performance.now() - t0;
              }
              await new Promise((r) => requestAnimationFrame(r));
            }
          },
          PNG_ALT,
        ),
      );
      await page.getByRole('button', { name: /^Good/ }).click();
    }
    return { first: Math.round(times[0]!), later: spread(times.slice(1)) };
  } finally {
    await context.close();
    await server.stop();
  }
}

/** Lighthouse on the built app, `times` times; each score and metric is the median of the runs. */
function lighthouse(times: number): Record<string, unknown> | null {
  if (skipLighthouse) return null;
  const results: Record<string, unknown>[] = [];
  for (let i = 0; i < times; i++) {
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/lighthouse.ts'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) {
      console.error(`lighthouse did not run: ${run.stderr.slice(0, 500)}`);
      continue;
    }
    results.push(JSON.parse(readFileSync(join(ROOT, 'bench/lighthouse.json'), 'utf8')) as Record<string, unknown>);
  }
  return results.length ? medianOf(results) : null;
}

/** Median of each numeric leaf across runs (the first run's shape). */
function medianOf<T>(samples: T[]): T {
  const first = samples[0] as unknown;
  if (typeof first === 'number') {
    const s = (samples as number[]).slice().sort((a, b) => a - b);
    return s[Math.floor((s.length - 1) / 2)] as T;
  }
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    return Object.fromEntries(
      Object.keys(first).map((k) => [k, medianOf(samples.map((x) => (x as Record<string, unknown>)[k]))]),
    ) as T;
  }
  return first as T;
}

type Row = [what: string, value: number | null, unit: string, budget: string, pass: boolean | null];

/** The backup's round trip on a seeded collection, each step timed on its own (`--backup-only`). */
async function backupSteps(): Promise<void> {
  const server = await startPreview(await servePort(), 'dist-bench');
  const profile = await launchPersistent({ serviceWorkers: 'block' });
  try {
    const page = await profile.context.newPage();
    await page.goto(`${server.url}/bench/seed.html`);
    await page.waitForSelector('body[data-ready="true"]');
    for (let i = 0; i < runs; i++) {
      console.error(`run ${i + 1}/${runs}: seeding ${SIZE.cards} cards and ${SIZE.reviews} reviews…`);
      const seeded = await page.evaluate((size) => window.bench.seed(size), SIZE);
      const steps = await page.evaluate(() => window.bench.backupSteps());
      console.log(`seed ${seeded.ms.toFixed(0)} ms;`, Object.entries(steps).map(([k, v]) => `${k} ${v.toFixed(k === 'megabytes' ? 2 : 0)}`).join(', '));
    }
  } finally {
    await profile.close();
    await server.stop();
  }
}

/** The backup's rows; none at `--large`, which skips the round trip (see WITH_BACKUP). */
function backupRows(b: { megabytes: number; exportMs: number; importMs: number; peakHeapMB: number } | null): Row[] {
  if (!b) return [];
  return [
    ['backup file', b.megabytes, 'MB', '≤ 15', b.megabytes <= 15],
    ['backup export', b.exportMs, 'ms', '≤ 3000', b.exportMs <= 3000],
    ['backup import (validate + replace)', b.importMs, 'ms', '≤ 10000', b.importMs <= 10000],
    ['JS heap peak during backup import', b.peakHeapMB, 'MB', '≤ 150', b.peakHeapMB <= 150],
  ];
}

async function main() {
  for (const dir of ['dist/index.html', 'dist-bench/bench/seed.html']) {
    if (!existsSync(join(ROOT, dir))) throw new Error(`${dir}: not found — run \`npm run bench\`, which builds first`);
  }
  if (backupOnly) return backupSteps();
  if (syncPart) return syncBench();
  const browser = await launchBrowser();
  const samples: { collection: Awaited<ReturnType<typeof collection>>; offline: Awaited<ReturnType<typeof offlineColdStart>> }[] = [];
  let bytes: Awaited<ReturnType<typeof studyPathBytes>>;
  let pictures: Awaited<ReturnType<typeof revealToImage>>;
  try {
    bytes = await studyPathBytes(browser);
    pictures = await revealToImage(browser);
    console.error(`reveal → stored picture painted: first ${pictures.first} ms, then p50 ${pictures.later.p50} ms, p95 ${pictures.later.p95} ms`);
    if (bytesOnly) {
      console.log(`JS+CSS to show decks and study a card (gzip): ${bytes.studyPathKB} KB = ${bytes.studyPathBytes} bytes (budget 45 KB = ${STUDY_PATH_BUDGET} bytes)`);
      console.log(bytes.files);
      console.log(`Loaded when idle after the first screen (gzip): ${bytes.idleKB} KB`, bytes.idleFiles);
      console.log('Lazy chunks (gzip KB):', bytes.lazy.map((l) => `${l.file} ${l.gzipKB}`).join(', '));
      return;
    }
    for (let i = 0; i < runs; i++) {
      console.error(`run ${i + 1}/${runs}: seeding ${SIZE.cards} cards and ${SIZE.reviews} reviews…`);
      samples.push({ collection: await collection(), offline: await offlineColdStart() });
    }
  } finally {
    await browser.close();
  }
  const m = medianOf(samples);
  const lh = lighthouse(runs) as { scores?: Record<string, number | null>; metrics?: Record<string, { value: number | null }> } | null;
  const c = m.collection;
  const rows: Row[] = [
    ['JS+CSS to show decks and study a card (gzip)', bytes.studyPathKB, 'KB', '≤ 45', bytes.studyPathBytes <= STUDY_PATH_BUDGET],
    ['first card, first start (syncs bundled decks)', c.firstCardMs, 'ms', '', null],
    ['first card shown after navigation, later start', c.laterFirstCardMs, 'ms', '≤ 300', c.laterFirstCardMs <= 300],
    ['first card, later start without a saved card', c.laterUnsavedFirstCardMs, 'ms', '≤ 300', c.laterUnsavedFirstCardMs <= 300],
    ['grade → next card, p50', c.gradeToNext.p50, 'ms', '', null],
    ['grade → next card, p95', c.gradeToNext.p95, 'ms', '≤ 16', c.gradeToNext.p95 <= 16],
    ['due count, all decks (p50)', c.dueCount.p50, 'ms', '≤ 50', c.dueCount.p50 <= 50],
    ['next study item (queue), p95', c.session.queue.p95, 'ms', '', null],
    // Entries (records and keys) the queries hand back: flat as the collection grows when reads are bounded, whatever the machine's load.
    ['due count, all decks: entries read', c.dueCount.reads.entries, '', '', null],
    ['next study item: entries read', c.session.queueReads.entries, '', '', null],
    ['record one prepared review (commit), p50', c.session.record.p50, 'ms', '', null],
    ['record one prepared review (commit), p95', c.session.record.p95, 'ms', '≤ 5', c.session.record.p95 <= 5],
    ['record one review, reading first, p50', c.session.recordRead.p50, 'ms', '', null],
    ['record one review, reading first, p95', c.session.recordRead.p95, 'ms', '', null],
    ['undo one review, p95', c.session.undo.p95, 'ms', '', null],
    ['IndexedDB floor: one put, own transaction, p50', c.writeFloor.p50, 'ms', '', null],
    ['IndexedDB floor: one put, own transaction, p95', c.writeFloor.p95, 'ms', '', null],
    ['all stats from the review log (p50)', c.stats.p50, 'ms', '≤ 200', c.stats.p50 <= 200],
    ['stats first load: review-log figures shown', c.statsFirst.logMs, 'ms', '≤ 200', c.statsFirst.logMs <= 200],
    ['stats first load: everything (cards read)', c.statsFirst.fullMs, 'ms', '≤ 1000', c.statsFirst.fullMs <= 1000],
    ['JS heap after a 200-card session', c.heapMB, 'MB', '≤ 30', c.heapMB <= 30],
    ...backupRows(c.backup),
    ['offline cold start to deck list', m.offline.ms, 'ms', 'usable', m.offline.controlled],
    ['reveal → stored picture painted, first (loads the media chunk)', pictures.first, 'ms', '≤ 100', pictures.first <= 100],
    ['reveal → stored picture painted, p95', pictures.later.p95, 'ms', '≤ 100', pictures.later.p95 <= 100],
  ];
  // The drafter is pure TypeScript: timed in Node on the evaluation set's 2,000-word article.
  const draft = timeDraft(Math.max(3, runs));
  rows.push(
    [`draft a ${draft.words}-word article (Node, median)`, draft.medianMs, 'ms', '≤ 1000', draft.medianMs <= 1000],
    [`draft a ${draft.words}-word article, CPU time`, draft.cpuMs, 'ms', '', null],
  );
  if (lh?.scores) {
    const s = lh.scores;
    const score = (k: string, min: number): Row => [`Lighthouse ${k}`, s[k] ?? null, '', `≥ ${min}`, s[k] == null ? null : s[k]! >= min];
    rows.push(score('performance', 95), score('accessibility', 100), score('best-practices', 100), score('seo', 90));
    for (const [k, v] of Object.entries(lh.metrics ?? {})) rows.push([`Lighthouse ${k}`, v.value, k === 'CLS' ? '' : 'ms', '', null]);
  }
  const fmt = (v: number | null) => (v == null || Number.isNaN(v) ? 'n/a' : v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));
  console.log(`\nBriefdeck benchmark — ${SIZE.cards} cards, ${SIZE.reviews} reviews, ${runs} run(s), medians\n`);
  console.log(`${'what'.padEnd(46)} ${'value'.padStart(9)}  ${'budget'.padEnd(8)} result`);
  for (const [what, value, unit, budget, pass] of rows) {
    const result = pass === null ? '' : pass ? 'pass' : 'over';
    console.log(`${what.padEnd(46)} ${`${fmt(value)} ${unit}`.padStart(9)}  ${budget.padEnd(8)} ${result}`);
  }
  if (SIZE_NAME === 'large') console.log('\nLighthouse not run at this size: it measures the first paint, which loads no collection.');
  if (!c.backup) console.log('\nBackup round trip not measured at this size: its targets are for 20,000 cards and 200,000 reviews.');
  console.log('\nStudy start, step by step (ms):', Object.entries(c.startSteps).map(([k, v]) => `${k} ${fmt(v)}`).join(', '));
  console.log('Study path files (gzip KB):', Object.entries(bytes.files).map(([f, b]) => `${f} ${b}`).join(', '));
  console.log('Loaded when idle after the first screen (gzip KB):', Object.entries(bytes.idleFiles).map(([f, b]) => `${f} ${b}`).join(', '));
  console.log('Lazy chunks (gzip KB):', bytes.lazy.map((l) => `${l.file} ${l.gzipKB}`).join(', '));
  if (SIZE_NAME === 'large') compareWithFull(rows);
  const results = {
    date: new Date().toISOString(),
    runs,
    size: SIZE,
    rows: rows.map(([what, value, unit, budget, pass]) => ({ what, value, unit, budget, result: pass === null ? null : pass ? 'pass' : 'over' })),
    bytes,
    collection: c,
    offline: m.offline,
    lighthouse: lh,
    samples,
  };
  const file = SIZE_NAME === 'large' ? 'bench/results-large.json' : 'bench/results.json';
  writeFileSync(join(ROOT, file), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${file}`);
  console.log('Sync figures (first sync, sync after a session, a class at once, sync chunks): npm run bench -- --sync [--small] [--runs 3]');
}

/** The sync part, in its own script (it starts a sync server): the same size and number of runs. */
function syncBench() {
  const pass = [...(SIZE_NAME === 'small' ? ['--small'] : []), '--runs', String(runs)];
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench-sync.ts'), ...pass], { cwd: ROOT, stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`The sync part failed (exit ${child.status ?? child.signal}).`);
}

/** Each figure at today's size (the last full run's `bench/results.json`) beside the large one, and their ratio: flat is the aim. */
function compareWithFull(rows: Row[]) {
  const path = join(ROOT, 'bench/results.json');
  const full = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { size: { cards: number }; rows: { what: string; value: number | null }[] }) : null;
  if (!full || full.size.cards !== SIZES.full.cards) {
    console.log('\nNo full-size results in bench/results.json to compare with: run `npm run bench -- --no-lighthouse` first.');
    return;
  }
  const before = new Map(full.rows.map((r) => [r.what, r.value]));
  console.log(`\n${'what'.padEnd(46)} ${'20k/200k'.padStart(9)} ${'100k/1M'.padStart(9)}  ratio`);
  for (const [what, value] of rows) {
    const base = before.get(what);
    if (base == null || value == null) continue;
    const ratio = base === 0 ? 'n/a' : `${(value / base).toFixed(2)}×`;
    console.log(`${what.padEnd(46)} ${base.toFixed(1).padStart(9)} ${value.toFixed(1).padStart(9)}  ${ratio}`);
  }
}

main().catch((err: Error) => {
  // Playwright appends the browser's whole log to its errors; the first lines say what failed.
  console.error(String(err.stack ?? err).split('\n').filter((l) => !l.startsWith('[pid=')).slice(0, 12).join('\n'));
  process.exit(1);
});
