/**
 * `npm run bench:sync [-- --small] [-- --reviews N] [-- --runs 3] [-- --port N]` (also `npm run bench
 * -- --sync`): what sync costs in the app, in Chromium against the local sync server over loopback.
 * A fresh device signs in to an account whose other device already sent 200,000 answers
 * (`--small`: 20,000): the time until its first sync is done (replicated into the device's PouchDB
 * and applied to the store), phase by phase, and the bytes on the wire (bodies and headers); then
 * a 20-card session and the time of the sync after it; 30 learners pushing 200 reviews each at
 * once (all must arrive); and the gzip size of the sync chunks, apart from the study path. The
 * server's upload of the history is set up first and not timed. Prints the load average: the
 * machine may be shared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../test/browser/browser';
import { freePort } from '../test/browser/pwa-helpers';
import { startPreview } from '../test/browser/server';
import { couchRequest, createAccount } from '../src/sync/couch';
import { reviewDoc } from '../src/sync/docs';
import { userDbName } from '../src/sync/names';
import { waitForUserDb } from '../src/sync/setup';
import type { Browser } from 'playwright-core';
import { crowd, type CrowdResult } from './sync/crowd';
import { startSyncServer, type SyncServer } from './sync/server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { small: { type: 'boolean' }, port: { type: 'string' }, reviews: { type: 'string' }, runs: { type: 'string' } } });
/** `--reviews N` sizes a quick run; the figures are quoted at 200,000. */
const REVIEWS = values.reviews ? Number(values.reviews) : values.small ? 20_000 : 200_000;
const CARDS = REVIEWS / 10;
/** `--runs N`: each figure is the median of N runs (a new device each). */
const RUNS = Math.max(1, Number(values.runs) || 1);
/** A class syncing at once after a lesson. */
const STUDENTS = 30;
const PER_STUDENT = 200;
const DAY = 86_400_000;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Gzip sizes of the chunks only sync loads. */
function syncChunks(): { file: string; gzipKB: number }[] {
  return readdirSync(join(ROOT, 'dist/assets'))
    .filter((f) => /^(live-sync|SyncSettings|SyncBadge)-.*\.(js|css)$/.test(f))
    .map((f) => ({ file: f, gzipKB: kb(gzipSync(readFileSync(join(ROOT, 'dist/assets', f)), { level: 9 }).length) }));
}

/** One request to the sync server: its endpoint, when it ran (epoch ms) and its bytes. */
interface Call {
  kind: string;
  start: number;
  end: number;
  up: number;
  down: number;
}

/** The replication protocol's endpoint a request went to (a single document's GET is named as such: PouchDB falling back from `_bulk_get`). */
function endpointOf(method: string, path: string): string {
  const [db, rest = ''] = path.split('?')[0]!.split(/\/(.*)/s);
  if (!rest) return `${method} ${db?.startsWith('_') ? db : '/db'}`;
  if (rest.startsWith('_local/')) return `${method} _local`;
  if (rest.startsWith('_')) return `${method} ${rest}`;
  return `${method} one document`;
}

/** Milliseconds of [start, end] covered by at least one of the intervals. */
function covered(intervals: { start: number; end: number }[], start: number, end: number): number {
  const clipped = intervals.map((i) => ({ start: Math.max(i.start, start), end: Math.min(i.end, end) })).filter((i) => i.end > i.start);
  clipped.sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = start;
  for (const i of clipped) {
    if (i.end <= reach) continue;
    total += i.end - Math.max(i.start, reach);
    reach = i.end;
  }
  return total;
}

/** Where the first sync's time went: the engine's phases (summed), and the requests by endpoint. */
function printPhases(origin: number, measures: { name: string; start: number; duration: number }[], calls: Call[]): void {
  const byPhase = new Map<string, number>();
  for (const m of measures) byPhase.set(m.name, (byPhase.get(m.name) ?? 0) + m.duration);
  const pulls = measures.filter((m) => m.name === 'pull').map((m) => ({ start: origin + m.start, end: origin + m.start + m.duration }));
  const waiting = pulls.reduce((n, p) => n + covered(calls, p.start, p.end), 0);
  const pullMs = byPhase.get('pull') ?? 0;
  console.log('First sync, phase by phase (ms, summed over passes):');
  console.table([
    ...[...byPhase].map(([name, ms]) => ({ phase: name, ms: Math.round(ms) })),
    { phase: 'pull: waiting for the server', ms: Math.round(waiting) },
    { phase: 'pull: this device (parsing, local writes, checkpoints)', ms: Math.round(pullMs - waiting) },
  ]);
  const byKind = new Map<string, { requests: number; ms: number; up: number; down: number }>();
  for (const c of calls) {
    const k = byKind.get(c.kind) ?? { requests: 0, ms: 0, up: 0, down: 0 };
    k.requests++;
    k.ms += c.end - c.start;
    k.up += c.up;
    k.down += c.down;
    byKind.set(c.kind, k);
  }
  console.log('First sync, requests by endpoint:');
  console.table([...byKind].map(([endpoint, k]) => ({ endpoint, requests: k.requests, 'server ms': Math.round(k.ms), 'up KB': kb(k.up), 'down KB': kb(k.down) })));
}

/** One device's first sync in a fresh browser context, a 20-card session, and the sync after it. */
async function deviceRun(browser: Browser, previewUrl: string, server: SyncServer, expected: number): Promise<DeviceRun> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const wire = { up: 0, down: 0, requests: 0 };
    const calls: Call[] = [];
    page.on('requestfinished', async (request) => {
      if (!request.url().startsWith(server.url)) return;
      const sizes = await request.sizes().catch(() => null);
      if (!sizes) return;
      wire.requests++;
      const up = sizes.requestBodySize + sizes.requestHeadersSize;
      const down = sizes.responseBodySize + sizes.responseHeadersSize;
      wire.up += up;
      wire.down += down;
      const t = request.timing();
      calls.push({ kind: endpointOf(request.method(), request.url().slice(server.url.length)), start: t.startTime, end: t.startTime + t.responseEnd, up, down });
    });
    await page.goto(`${previewUrl}/settings`);
    const sync = page.getByRole('group', { name: 'Sync' });
    await sync.getByLabel('Server', { exact: true }).fill(server.url);
    await sync.getByLabel('Username', { exact: true }).fill('bench');
    await sync.getByLabel('Password', { exact: true }).fill('pw-bench');
    const first = performance.now();
    await sync.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('[data-sync-phase="synced"]').waitFor({ timeout: 30 * 60_000 });
    const firstSeconds = (performance.now() - first) / 1000;
    const applied = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('briefdeck');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('reviews').objectStore('reviews').count();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          };
        }),
    );
    if (applied !== expected) throw new Error(`The first sync applied ${applied} answers, not ${expected}.`);
    const firstWire = { ...wire };
    console.log(`First sync: ${firstSeconds.toFixed(1)} s, ${((firstWire.up + firstWire.down) / 1024 / 1024).toFixed(2)} MB on the wire (${kb(firstWire.down)} KB down, ${kb(firstWire.up)} KB up, ${firstWire.requests} requests)`);
    const phases = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      measures: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('sync:')).map((m) => ({ name: m.name.slice(5), start: m.startTime, duration: m.duration })),
    }));
    printPhases(phases.origin, phases.measures, calls.splice(0));

    // A 20-card session, then the sync after it.
    await page.goto(`${previewUrl}/study/article-full`);
    const progress = page.getByRole('progressbar', { name: 'Session progress' });
    await progress.waitFor();
    for (let i = 0; i < 20; i++) {
      const done = Number(await progress.getAttribute('aria-valuenow'));
      const typed = page.getByRole('textbox', { name: 'Your answer' });
      await page.getByRole('button', { name: /^(Show answer|Check)/ }).waitFor();
      if (await typed.count()) {
        await typed.fill('an answer');
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: /^Show answer/ }).click();
      }
      await page.getByRole('button', { name: /^Good/ }).click();
      await page.waitForFunction((want) => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === String(want), done + 1);
    }
    await page.goto(`${previewUrl}/settings`);
    const button = page.getByRole('button', { name: 'Sync now', exact: true });
    await button.and(page.locator(':enabled')).waitFor();
    // (The app may already have sent the session on its own after the last answer: Sync now then
    // finds nothing new, and the time is that of a pass with nothing to send.)
    const before = { ...wire };
    calls.length = 0;
    const after = performance.now();
    await button.click();
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Sync now');
      return !!b && !b.disabled && document.querySelector('[data-sync-phase]')?.getAttribute('data-sync-phase') === 'synced';
    });
    const afterSeconds = (performance.now() - after) / 1000;
    const afterWire = { up: wire.up - before.up, down: wire.down - before.down, requests: wire.requests - before.requests };
    console.log(`Sync after the session: ${afterWire.requests} requests (${[...new Set(calls.map((c) => c.kind))].join(', ')}), ${kb(afterWire.up)} KB up, ${kb(afterWire.down)} KB down`);
    const held = await couchRequest<{ rows: unknown[] }>(server.asAdmin, 'GET', `/${userDbName('bench')}/_all_docs?startkey=%22review%3A%22&endkey=%22review%3A%EF%BF%BF%22`);
    if (held.body.rows.length !== expected + 20) throw new Error(`The server holds ${held.body.rows.length} answers, not ${expected + 20}.`);
    console.log(`Sync after the session: ${afterSeconds.toFixed(2)} s`);
    // Undone on the server, so the next run's device finds today's new cards again (a day allows only so many).
    const session = (held.body.rows as { id: string; value: { rev: string } }[]).filter((r) => !r.id.startsWith('review:bench-sync/'));
    await couchRequest(server.asAdmin, 'POST', `/${userDbName('bench')}/_bulk_docs`, { docs: session.map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true })) });
    return { firstSeconds, firstWire, afterSeconds, afterWire };
  } finally {
    await context.close();
  }
}

interface DeviceRun {
  firstSeconds: number;
  firstWire: { up: number; down: number; requests: number };
  afterSeconds: number;
  afterWire: { up: number; down: number; requests: number };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** The median, and every sample when there are several. */
const summary = (xs: number[], digits: number, unit: string): string =>
  `${median(xs).toFixed(digits)} ${unit}${xs.length > 1 ? ` (median of ${xs.map((x) => x.toFixed(digits)).join(', ')})` : ''}`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(', ');

async function main(): Promise<void> {
  // PouchDB tells browser users that a 404 for a missing checkpoint is normal; here it is noise.
  console.info = () => {};
  const port = values.port ? Number(values.port) : process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const preview = await startPreview(port);
  const server = await startSyncServer({ origins: [preview.url] });
  const browser = await launchBrowser();
  const loadBefore = load();
  try {
    await createAccount({ url: server.url }, 'bench', 'pw-bench');
    await waitForUserDb(server.asAdmin, 'bench');
    // Ten answers per card over a year, as another device of the learner sent them.
    const start = Date.now() - 365 * DAY;
    const upload = performance.now();
    for (let i = 0; i < REVIEWS; i += 5000) {
      const docs = [];
      for (let j = i; j < Math.min(REVIEWS, i + 5000); j++) {
        const round = Math.floor(j / CARDS);
        docs.push(reviewDoc({ itemId: `bench-sync/card-${j % CARDS}`, at: start + round * 30 * DAY + (j % CARDS) * 1000, grade: 3, mode: 'study', durationMs: 4000, reschedule: true }));
      }
      await couchRequest(server.asAdmin, 'POST', `/${userDbName('bench')}/_bulk_docs`, { docs });
    }
    console.log(`(set-up: ${REVIEWS} answers stored on the server in ${((performance.now() - upload) / 1000).toFixed(1)} s)`);

    const devices: DeviceRun[] = [];
    const crowds: CrowdResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Each run is a new device of the same learner (earlier runs' sessions are undone on the server).
      devices.push(await deviceRun(browser, preview.url, server, REVIEWS));
      crowds.push(await crowd(server, `student${run}`, STUDENTS, PER_STUDENT));
      const c = crowds.at(-1)!;
      console.log(`${STUDENTS} learners at once: ${(c.ms / 1000).toFixed(1)} s, ${c.arrived} of ${c.sent} arrived, ${c.retried} pushes sent again`);
      if (c.arrived !== c.sent) throw new Error(`Of ${c.sent} reviews ${STUDENTS} learners sent at once, ${c.arrived} arrived.`);
    }

    const chunks = syncChunks();
    const wire = devices.map((d) => d.firstWire);
    console.log(`Sync (${REVIEWS.toLocaleString('en')} answers, ${CARDS.toLocaleString('en')} cards, loopback, Chromium; ${RUNS} run(s); load average ${loadBefore} before, ${load()} after):`);
    console.table([
      { what: 'first sync to a fresh device', value: summary(devices.map((d) => d.firstSeconds), 1, 's'), aim: '≤ 60 s at 200,000' },
      {
        what: 'bytes on the wire, first sync',
        value: `${summary(wire.map((w) => (w.down + w.up) / 1024 / 1024), 2, 'MB')}: ${kb(median(wire.map((w) => w.down)))} KB down, ${kb(median(wire.map((w) => w.up)))} KB up, ${median(wire.map((w) => w.requests))} requests`,
        aim: '≤ 40 MB at 200,000',
      },
      { what: 'sync after a 20-card session', value: `${summary(devices.map((d) => d.afterSeconds), 2, 's')}, ${kb(median(devices.map((d) => d.afterWire.up + d.afterWire.down)))} KB, ${median(devices.map((d) => d.afterWire.requests))} requests`, aim: '≤ 1 s' },
      { what: `${STUDENTS} learners push ${PER_STUDENT} reviews each at once`, value: `${summary(crowds.map((c) => c.ms / 1000), 1, 's')}, ${crowds.map((c) => `${c.arrived} of ${c.sent}`).join(', ')} arrived; ${crowds.reduce((n, c) => n + c.retried, 0)} pushes sent again`, aim: 'all arrive' },
      { what: 'sync chunks (gzip)', value: chunks.map((c) => `${c.file} ${c.gzipKB} KB`).join(', '), aim: 'not on the study path' },
    ]);
  } finally {
    await browser.close();
    await server.stop();
    await preview.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
