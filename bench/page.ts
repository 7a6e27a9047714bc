/**
 * The benchmark's in-browser side, built with the app (see `bench/vite.config.ts`) and served at
 * the app's own origin, so it seeds and measures the very IndexedDB the app opens. It drives the
 * store through its public functions only; `scripts/bench.ts` calls `window.bench` and reports.
 */
import type { CollectionSize } from './synthetic';
import { seedCollection } from './seed-store';
import { readsDuring, type Reads } from './reads';
import { replaceWithBackup } from '../src/store/backup';
import {
  closeStore,
  deckCounts,
  getItems,
  getSettings,
  listStoredDecks,
  nextStudyItem,
  prepareGrade,
  recordReview,
  reviewCount,
  syncDeckItems,
  undoLastReview,
} from '../src/store';
import { exportBackup, importBackup } from '../src/store/replace';
import { reviewCountBetween } from '../src/store/log';
import { reviewBuckets } from '../src/store/buckets';
import { loadStats } from '../src/stats/load';
import { getDeck, listDecks } from '../src/library/library';
import type { Grade } from '../src/srs/types';
import { DB_NAME } from '../src/store/schema';

export interface Spread {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

/** Median, 95th percentile and maximum of a list of durations. */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN, n: sorted.length };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

let deckIds: string[] = [];

/** The seeded decks' ids: known after `seed`, read back from the store on a fresh page load. */
async function seededDecks(): Promise<string[]> {
  if (!deckIds.length) deckIds = (await listStoredDecks()).map((s) => s.deck.id).sort();
  if (!deckIds.length) throw new Error('No seeded decks: call bench.seed first.');
  return deckIds;
}

/** The file the last `backupExport` made. */
let exported: Blob | null = null;

const bench = {
  /** Replaces the database with a synthetic collection; returns the seeding time. */
  async seed(size: CollectionSize): Promise<{ ms: number; items: number; reviews: number }> {
    const [ms, seeded] = await timed(() => seedCollection(size, Date.now()));
    deckIds = seeded.deckIds;
    return { ms, items: seeded.items, reviews: await reviewCount() };
  },

  /** Due counts of every deck, as the home screen asks for them. */
  async dueCount(rounds = 15): Promise<Spread & { due: number; reads: Reads }> {
    const times: number[] = [];
    let due = 0;
    const deckIds = await seededDecks();
    for (let i = 0; i < rounds; i++) {
      const [ms, counts] = await timed(() => deckCounts(deckIds, Date.now()));
      times.push(ms);
      due = Object.values(counts).reduce((n, c) => n + c.due + c.learning + c.new, 0);
    }
    // Counted in a round of its own: counting has a cost, kept out of the times.
    const reads = await readsDuring(() => deckCounts(deckIds, Date.now()));
    return { ...spread(times), due, reads };
  },

  /**
   * A study session through the store: pick the next item, grade it, repeat. Reports the time of
   * picking (the queue) and of recording (one readwrite transaction, commit included), then undo.
   * Every other grade is prepared first, as the study screen prepares the grade of the card it
   * shows (`record`); the others read before writing (`recordRead`), as after another tab's write.
   */
  async session(
    grades = 200,
    undos = 50,
  ): Promise<{ queue: Spread; queueReads: Reads; record: Spread; recordRead: Spread; undo: Spread; logged: number }> {
    const pick: number[] = [];
    const record: number[] = [];
    const recordRead: number[] = [];
    const undo: number[] = [];
    const before = await reviewCount();
    const deckIds = await seededDecks();
    // What picking reads, counted once before the timed picks (counting has a cost of its own).
    const queueReads = await readsDuring(() => nextStudyItem({ deckIds }, Date.now()));
    for (let i = 0; i < grades; i++) {
      const now = Date.now();
      const [pickMs, next] = await timed(() => nextStudyItem({ deckIds }, now));
      pick.push(pickMs);
      if (!next.item) break;
      const grade = ((i % 10 === 0 ? 1 : 3) as Grade);
      const prepared = i % 2 === 0;
      if (prepared) await prepareGrade(next.item.id, now);
      const [recordMs] = await timed(() =>
        recordReview({ itemId: next.item.id, grade, mode: 'study', at: now, durationMs: 4000 }),
      );
      (prepared ? record : recordRead).push(recordMs);
    }
    for (let i = 0; i < undos; i++) {
      const [ms, reverted] = await timed(() => undoLastReview());
      if (!reverted) break;
      undo.push(ms);
    }
    const logged = (await reviewCount()) - before;
    return { queue: spread(pick), queueReads, record: spread(record), recordRead: spread(recordRead), undo: spread(undo), logged };
  },

  /**
   * IndexedDB's own floor for the grade's write: one small record put in a readwrite transaction
   * of its own on the seeded database, commit included, each after `idleMs` without a request
   * (as a grade follows reading a card). Nothing of Briefdeck runs; the record is removed after.
   */
  async writeFloor(writes = 100, idleMs = 250): Promise<Spread> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const write = (value: number | null) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction('meta', 'readwrite');
        if (value === null) tx.objectStore('meta').delete('bench:floor');
        else tx.objectStore('meta').put(value, 'bench:floor');
        tx.commit();
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
    const times: number[] = [];
    try {
      for (let i = 0; i < writes; i++) {
        await new Promise((r) => setTimeout(r, idleMs));
        times.push((await timed(() => write(i)))[0]);
      }
      await write(null);
    } finally {
      db.close();
    }
    return spread(times);
  },

  /** Every stats figure computed from the whole review log, as the stats screen loads it. */
  async stats(rounds = 3): Promise<Spread & { reviewed: number }> {
    const times: number[] = [];
    let reviewed = 0;
    for (let i = 0; i < rounds; i++) {
      const [ms, loaded] = await timed(() => loadStats(Date.now()));
      times.push(ms);
      if (loaded.ok) reviewed = loaded.stats.total;
    }
    return { ...spread(times), reviewed };
  },

  /**
   * The stats screen's first load on a fresh page: when the review-log figures are ready to show,
   * and when everything is (the cards' items read too).
   */
  async statsFirstLoad(): Promise<{ logMs: number; fullMs: number }> {
    const t0 = performance.now();
    let logMs = NaN;
    await loadStats(Date.now(), undefined, undefined, () => {
      logMs = performance.now() - t0;
    });
    const fullMs = performance.now() - t0;
    return { logMs: Number.isNaN(logMs) ? fullMs : logMs, fullMs };
  },

  /** Backup export of everything (the file is kept for `backupImport`). */
  async backupExport(): Promise<{ exportMs: number; megabytes: number }> {
    const [exportMs, file] = await timed(() => exportBackup(Date.now()));
    exported = file;
    return { exportMs, megabytes: file.size / 1048576 };
  },

  /** Import of the file `backupExport` made (validated completely, then one transaction). */
  async backupImport(): Promise<{ importMs: number; ok: boolean }> {
    if (!exported) throw new Error('No backup file: call bench.backupExport first.');
    const file = exported;
    exported = null;
    const [importMs, result] = await timed(() => importBackup(file, Date.now()));
    if (!result.ok) throw new Error(result.error);
    return { importMs, ok: result.ok };
  },

  /**
   * A backup's round trip taken apart: the export, then reading and checking the file (nothing
   * written), then the replacing transaction, each timed on its own. Restores the same collection.
   */
  async backupSteps(): Promise<Record<string, number>> {
    const { readBackupFile } = await import('../src/store/backup-stream');
    const steps: Record<string, number> = {};
    const [exportMs, file] = await timed(() => exportBackup(Date.now()));
    steps.exportMs = exportMs;
    steps.megabytes = file.size / 1048576;
    const [readMs, read] = await timed(() => readBackupFile(file, Date.now()));
    steps.readAndCheckMs = readMs;
    if (!read.ok) throw new Error(read.error);
    [steps.replaceMs] = await timed(() => replaceWithBackup(read.backup));
    return steps;
  },

  /** The steps a study session of every deck takes before its first card, timed one by one. */
  async startSteps(): Promise<Record<string, number>> {
    const steps: Record<string, number> = {};
    const [list, entries] = await timed(() => listDecks());
    steps.listDecks = list;
    const ids = entries.map((e) => e.summary.id);
    const [load, decks] = await timed(() => Promise.all(ids.map((id) => getDeck(id))));
    steps.getDecks = load;
    const now = Date.now();
    [steps.syncDecks] = await timed(() => Promise.all(decks.map((d) => (d ? syncDeckItems(d, now) : undefined))));
    [steps.nextStudyItem] = await timed(() => nextStudyItem({ deckIds: ids }, now));
    return steps;
  },

  /**
   * The stats screen's first load taken apart (run on a fresh page): the settings, the deck list,
   * the decks, their items, the review aggregates; then the whole `loadStats` again, warm.
   */
  async statsSteps(): Promise<Record<string, number>> {
    const steps: Record<string, number> = {};
    const [settingsMs, settings] = await timed(() => getSettings());
    steps.settings = settingsMs;
    const [list, entries] = await timed(() => listDecks());
    steps.listDecks = list;
    const ids = entries.map((e) => e.summary.id);
    [steps.getDecks] = await timed(() => Promise.all(ids.map((id) => getDeck(id))));
    [steps.items] = await timed(() => Promise.all(ids.map((id) => getItems(id))));
    let rebuilt = 0;
    [steps.aggregates] = await timed(() => reviewBuckets(settings.dayStartHour, () => rebuilt++));
    const again: number[] = [];
    for (let i = 0; i < 5; i++) again.push((await timed(() => reviewBuckets(settings.dayStartHour, () => rebuilt++)))[0]);
    steps.aggregatesAgainMin = Math.min(...again);
    steps.aggregatesAgainP50 = spread(again).p50;
    // Non-zero when the aggregates had to be rebuilt from the log (progress is only reported then).
    steps.rebuildProgressReports = rebuilt;
    [steps.logIndexCount] = await timed(() => reviewCountBetween(-Infinity, Infinity));
    [steps.logStoreCount] = await timed(() => reviewCount());
    [steps.loadStatsWarm] = await timed(() => loadStats(Date.now()));
    return steps;
  },

  /** Lets the app page open the database without waiting for this page's connection. */
  close: () => closeStore(),
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}

window.bench = bench;
document.body.dataset.ready = 'true';
