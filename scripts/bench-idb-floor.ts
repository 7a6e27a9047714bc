/**
 * IndexedDB's own floor for a restore's bulk write and an export's reads, in Debian's Chromium with
 * a profile on disk (as an installed app has it): review-shaped records put in one transaction with
 * the log's four indexes or none, with the item snapshot (`before`) or without, relaxed or default
 * durability, one transaction or many, over a full store, and packed a thousand rows to a record;
 * then read back in pages of 2,000. Nothing of Briefdeck runs. Besides wall time it reports the CPU
 * seconds each Chromium process spent (Linux /proc): on a loaded machine wall time mostly measures
 * waiting, CPU seconds what the work costs. In Chromium the IndexedDB backend runs in the browser
 * process, the structured clone in the page's (renderer).
 *
 * Run: npm run bench:idb-floor [-- --records 50000] [-- --only "0 idx,packed"]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { launchPersistent } from '../test/browser/browser';

const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const RECORDS = Number(argOf('records') ?? 200_000);
const ONLY = argOf('only')?.split(',');

interface Variant {
  name: string;
  /** How many of the log's indexes (by-time, by-item, by-deck-time, by-limit) the store has. */
  indexes: number;
  snapshot: boolean;
  transactions: number;
  relaxed: boolean;
  /** Written over a store already holding as many records (cleared in the same transaction). */
  refill?: boolean;
  /** Rows packed per record (the records become pages of rows, no index). */
  packed?: number;
}

const base = { indexes: 4, snapshot: true, transactions: 1, relaxed: true };
const VARIANTS: Variant[] = [
  { ...base, name: 'full record, 4 indexes, 1 transaction, default durability', relaxed: false },
  { ...base, name: 'full record, 4 indexes, 1 transaction, relaxed' },
  { ...base, name: 'full record, 1 index (by-time), 1 transaction, relaxed', indexes: 1 },
  { ...base, name: 'full record, 0 indexes, 1 transaction, relaxed', indexes: 0 },
  { ...base, name: 'no snapshot, 4 indexes, 1 transaction, relaxed', snapshot: false },
  { ...base, name: 'no snapshot, 0 indexes, 1 transaction, relaxed', snapshot: false, indexes: 0 },
  { ...base, name: 'full record, 4 indexes, 20 transactions, relaxed', transactions: 20 },
  { ...base, name: 'full record, 4 indexes, 1 transaction, relaxed, over a full store', refill: true },
  { ...base, name: 'packed: 1,000 rows per record, 0 indexes', indexes: 0, packed: 1000 },
];

/** CPU seconds used so far by the Chromium processes of the profile in `dir`, by kind. */
function cpuSeconds(dir: string): Record<string, number> {
  const procs: { cmd: string; group: number; seconds: number }[] = [];
  let group: number | null = null;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ cmd, group: Number(fields[2]), seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
      if (cmd.includes(dir) && cmd.includes('chromium')) group = Number(fields[2]);
    } catch {
      // The process ended while it was read.
    }
  }
  const out: Record<string, number> = { browser: 0, renderer: 0, other: 0 };
  for (const p of procs.filter((p) => p.group === group && p.cmd.includes('chromium'))) {
    const kind = p.cmd.includes('--type=renderer') ? 'renderer' : p.cmd.includes('--type=') ? 'other' : 'browser';
    out[kind]! += p.seconds;
  }
  return out;
}

const spent = (from: Record<string, number>, to: Record<string, number>) =>
  `CPU s browser ${(to.browser! - from.browser!).toFixed(1)}, renderer ${(to.renderer! - from.renderer!).toFixed(1)}`;

/** The page's side, as text: tsx would wrap named functions in a helper the page lacks. */
const PAGE = `window.floor = async (v, n) => {
  const name = 'floor-' + Math.random();
  const db = await new Promise((resolve, reject) => {
    const q = indexedDB.open(name, 1);
    q.onupgradeneeded = () => {
      const s = q.result.createObjectStore('reviews', { keyPath: 'id' });
      const indexes = [['by-time', 'at'], ['by-item', 'itemId'], ['by-deck-time', ['deckId', 'at']], ['by-limit', ['deckId', 'mode', v.snapshot ? 'before.state' : 'state', 'at']]];
      for (const [index, path] of indexes.slice(0, v.packed ? 0 : v.indexes)) s.createIndex(index, path);
    };
    q.onsuccess = () => resolve(q.result);
    q.onerror = () => reject(q.error);
  });
  const fsrs = (i) => ({ due: 1.7e12 + i * 1000, stability: 12.5 + (i % 7) / 3, difficulty: 5.2 + (i % 5) / 7, elapsed_days: 3, scheduled_days: 10, learning_steps: 0, reps: 4, lapses: 1, state: 2, last_review: 1.69e12 + i });
  const review = (i) => {
    const deckId = 'bench-' + String(i % 20).padStart(2, '0');
    const cardId = 'c-' + (i % 1000);
    const itemId = deckId + '/' + cardId;
    const r = { id: i + 1, itemId, deckId, cardId, grade: 3, mode: 'study', at: 1.69e12 + i * 150000, durationMs: 4000, after: fsrs(i) };
    if (v.snapshot) r.before = { id: itemId, deckId, cardId, sub: '', due: 1.7e12, state: 2, suspended: false, buriedUntil: 0, leech: false, orphaned: false, created: 1.6e12, fsrs: fsrs(i - 1), queue: 2 };
    else r.state = 2;
    return r;
  };
  let records = Array.from({ length: n }, (_, i) => review(i));
  if (v.packed) {
    const pages = [];
    for (let p = 0; p * v.packed < n; p++) pages.push({ id: p + 1, rows: records.slice(p * v.packed, (p + 1) * v.packed).map((r) => [r.id, r.itemId, r.grade, r.mode, r.at, r.durationMs, Object.values(r.after), r.before ? [...Object.values(r.before).slice(0, 11), Object.values(r.before.fsrs)] : null]) });
    records = pages;
  }
  const write = (transactions, clear) => new Promise((resolve, reject) => {
    let left = transactions;
    const per = Math.ceil(records.length / transactions);
    const t0 = performance.now();
    for (let t = 0; t < transactions; t++) {
      const tx = db.transaction('reviews', 'readwrite', { durability: v.relaxed ? 'relaxed' : 'default' });
      const store = tx.objectStore('reviews');
      if (clear && t === 0) store.clear();
      for (let i = t * per; i < Math.min(records.length, (t + 1) * per); i++) store.put(records[i]);
      tx.oncomplete = () => { if (--left === 0) resolve(performance.now() - t0); };
      tx.onabort = () => reject(tx.error);
      tx.commit();
    }
  });
  const read = () => new Promise((resolve, reject) => {
    const t0 = performance.now();
    let count = 0;
    const store = db.transaction('reviews', 'readonly').objectStore('reviews');
    const next = (after) => {
      const q = store.getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), 2000);
      q.onsuccess = () => {
        count += q.result.length;
        if (q.result.length === 2000) next(q.result[1999].id);
        else resolve({ ms: performance.now() - t0, count });
      };
      q.onerror = () => reject(q.error);
    };
    next(null);
  });
  const done = async () => {
    db.close();
    await new Promise((resolve) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = resolve; });
  };
  return { write, read, done };
};
window.floorRun = {};`;

async function main() {
  const profile = await launchPersistent({ serviceWorkers: 'block' });
  try {
    // Any origin with storage on disk will do: the page is served by the route, no server needed.
    await profile.context.route('http://floor.test/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>IndexedDB floor</title>' }));
    const page = await profile.context.newPage();
    await page.goto('http://floor.test/');
    await page.evaluate(PAGE);
    console.log(`IndexedDB floor: ${RECORDS} review-shaped records (or their rows), Chromium, a profile on disk\n`);
    for (const v of VARIANTS.filter((v) => !ONLY || ONLY.some((o) => v.name.includes(o)))) {
      await page.evaluate(`window.floor(${JSON.stringify(v)}, ${RECORDS}).then((f) => (window.floorRun = f))`);
      let refill = '';
      if (v.refill) {
        const c = cpuSeconds(profile.dir);
        const ms = await page.evaluate<number>('window.floorRun.write(1, false)');
        refill = ` (its first fill ${ms.toFixed(0)} ms, ${spent(c, cpuSeconds(profile.dir))})`;
      }
      const c0 = cpuSeconds(profile.dir);
      const writeMs = await page.evaluate<number>(`window.floorRun.write(${v.transactions}, ${Boolean(v.refill)})`);
      const c1 = cpuSeconds(profile.dir);
      const read = await page.evaluate<{ ms: number; count: number }>('window.floorRun.read()');
      const c2 = cpuSeconds(profile.dir);
      await page.evaluate('window.floorRun.done()');
      console.log(`${v.name}:\n  write ${writeMs.toFixed(0)} ms, ${spent(c0, c1)}${refill}\n  read back ${read.ms.toFixed(0)} ms (${read.count} records), ${spent(c1, c2)}`);
    }
  } finally {
    await profile.close();
  }
}

await main();
