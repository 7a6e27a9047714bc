import { forgetKeptStats, loadStats } from '../../../src/stats/load';
import { computeStats } from './oracle';
import {
  closeStore,
  exportBackup,
  getItems,
  getSettings,
  importBackup,
  recordReview,
  resetProgress,
  saveDeck,
  syncDeckItems,
  undoLastReview,
} from '../../../src/store';
import { forEachReview } from '../../../src/store/log';
import { forgetBundledIndex, getDeck } from '../../../src/library/library';
import type { Deck } from '../../../src/deck/schema';
import type { ReviewRecord } from '../../../src/srs/types';
import { inTransaction } from '../../../src/store/db';
import { uncountReview } from '../../../src/store/undo';
import { at } from './fixtures';

const deck: Deck = {
  id: 'chips',
  version: 1,
  title: 'Chip access',
  cards: [
    { id: 'one', type: 'basic', front: 'Q1', back: 'A1' },
    { id: 'two', type: 'basic', front: 'Q2', back: 'A2' },
    { id: 'three', type: 'basic', front: 'Q3', back: 'A3' },
  ],
};
const other: Deck = { id: 'other', version: 1, title: 'Other', cards: [{ id: 'x', type: 'basic', front: 'F', back: 'B' }] };
const t0 = at(2026, 3, 10, 9);
const now = at(2026, 3, 10, 20);

beforeEach(async () => {
  await closeStore();
  forgetBundledIndex();
  forgetKeptStats();
  vi.stubGlobal('fetch', vi.fn(async () => Response.json({ format: 1, decks: [] })));
  for (const d of [deck, other]) {
    await saveDeck(d, 'imported', t0);
    await syncDeckItems(d, t0);
  }
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function ids(deckId: string) {
  return (await getItems(deckId)).map((i) => i.id);
}

/** The same stats computed from scratch, with nothing kept. */
async function fromScratch(deckId?: string) {
  const decks = deckId ? [(await getDeck(deckId))!] : [(await getDeck('chips'))!, (await getDeck('other'))!];
  const items = (await Promise.all(decks.map((d) => getItems(d.id)))).flat();
  const log: ReviewRecord[] = [];
  await forEachReview({}, (r) => log.push(r));
  return computeStats({ reviews: log, items, decks, quizzes: [], settings: await getSettings(), now, ...(deckId ? { deckIds: [deckId] } : {}) });
}

async function loaded(deckId?: string) {
  const s = await loadStats(now, deckId);
  if (!s.ok) throw new Error(`no deck ${s.missingDeck}`);
  return s.stats;
}

test('a kept fold takes in only new reviews and agrees with a fresh computation', async () => {
  const [a, b, c] = await ids('chips');
  await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0, durationMs: 1000 });
  expect((await loaded()).total).toBe(1);
  // Two more, one of them at the very same millisecond as the newest one counted.
  await recordReview({ itemId: b!, grade: 1, mode: 'study', at: t0, durationMs: 1000 });
  await recordReview({ itemId: c!, grade: 3, mode: 'quiz', at: t0 + 5000, durationMs: 1000 });
  const s = await loaded();
  expect(s.total).toBe(3);
  expect(s).toEqual(await fromScratch());
});

test('an undone review is taken back out, even one counted at the newest time', async () => {
  const [a, b] = await ids('chips');
  await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0, durationMs: 1000 });
  await recordReview({ itemId: b!, grade: 3, mode: 'study', at: t0 + 1000, durationMs: 1000 });
  expect((await loaded()).total).toBe(2);
  await undoLastReview(); // the newest one
  expect((await loaded()).total).toBe(1);
  await recordReview({ itemId: b!, grade: 1, mode: 'study', at: t0 + 2000, durationMs: 1000 });
  await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0 + 3000, durationMs: 1000 });
  expect((await loaded()).total).toBe(3);
  await undoLastReview();
  await undoLastReview(); // one before the newest counted
  const s = await loaded();
  expect(s.total).toBe(1);
  expect(s).toEqual(await fromScratch());
});

test('a reset or a restored backup starts the count over', async () => {
  const [a] = await ids('chips');
  await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0, durationMs: 1000 });
  const backup = await exportBackup(t0);
  await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0 + 60_000, durationMs: 1000 });
  expect((await loaded()).total).toBe(2);
  await resetProgress();
  expect((await loaded()).total).toBe(0);
  expect((await importBackup(backup, t0)).ok).toBe(true);
  expect((await loaded()).total).toBe(1);
});

test('the all-decks view and one deck\'s view are kept apart', async () => {
  const [a] = await ids('chips');
  const [x] = await ids('other');
  await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0, durationMs: 1000 });
  expect((await loaded('other')).total).toBe(0);
  await recordReview({ itemId: x!, grade: 3, mode: 'study', at: t0 + 1000, durationMs: 1000 });
  expect((await loaded()).total).toBe(2);
  expect((await loaded('other')).total).toBe(1);
  expect((await loaded('chips')).total).toBe(1);
  expect(await loaded('other')).toEqual(await fromScratch('other'));
});

test('a review removed elsewhere (another tab undoing an older answer) makes the kept fold start over', async () => {
  const [a, b] = await ids('chips');
  const older = await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0, durationMs: 1000 });
  await recordReview({ itemId: b!, grade: 3, mode: 'study', at: t0 + 1000, durationMs: 1000 });
  expect((await loaded()).total).toBe(2);
  // Another tab's undo, as its store does it (the entry out of the log and out of its day), with
  // no change notice reaching this tab.
  const { dayStartHour } = await getSettings();
  await inTransaction(['items', 'reviews', 'days', 'meta'], 'readwrite', async (tx) => {
    await tx.objectStore('reviews').delete(older.review.id!);
    await uncountReview(tx, older.review, true, dayStartHour);
  });
  const s = await loaded();
  expect(s.total).toBe(1);
  expect(s).toEqual(await fromScratch());
});

/** Empties the stats aggregates behind the store's back, as data written by an older Briefdeck leaves them. */
async function loseAggregates(): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('briefdeck');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('days', 'readwrite');
    tx.objectStore('days').clear();
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

test('reading a long log reports how far along it is', async () => {
  const items = await ids('chips');
  for (let i = 0; i < 5001; i++) {
    // Quiz answers that leave the schedule alone: a quick way to a log longer than one progress step.
    await recordReview({ itemId: items[i % items.length]!, grade: 3, mode: 'quiz', at: t0 + i, durationMs: 100, reschedule: false });
  }
  // The aggregates the store kept are read, not the log: nothing to report.
  const quiet: [number, number][] = [];
  const kept = await loadStats(now, undefined, (read, total) => quiet.push([read, total]));
  expect(kept.ok && kept.stats.total).toBe(5001);
  expect(quiet).toEqual([]);
  // Aggregates that no longer add up to the log are rebuilt by reading the whole log, with progress.
  await loseAggregates();
  forgetKeptStats();
  const seen: [number, number][] = [];
  const s = await loadStats(now, undefined, (read, total) => seen.push([read, total]));
  expect(s.ok && s.stats.total).toBe(5001);
  expect(seen).toEqual([[5000, 5001]]);
  expect(s.ok && s.stats).toEqual(kept.ok && kept.stats);
}, 60_000);

test('on a first load the review-log figures come first, then the same stats with the items', async () => {
  const [a] = await ids('chips');
  await recordReview({ itemId: a!, grade: 3, mode: 'study', at: t0, durationMs: 1000 });
  const partials: Awaited<ReturnType<typeof loadStats>>[] = [];
  const full = await loadStats(now, undefined, undefined, (p) => partials.push(p));
  if (!full.ok) throw new Error('no stats');
  expect(partials).toHaveLength(1);
  const partial = partials[0]!;
  if (!partial.ok) throw new Error('no partial stats');
  expect(partial.partial).toBe(true);
  expect(full.partial).toBeUndefined();
  // Everything the log gives is already final…
  expect(partial.stats.todayStats).toEqual(full.stats.todayStats);
  expect(partial.stats.heatmap).toEqual(full.stats.heatmap);
  expect(partial.stats.retention).toEqual(full.stats.retention);
  // …and the item-based figures wait for the items.
  expect(partial.stats.decks.every((d) => d.states.total === 0)).toBe(true);
  expect(full.stats.decks.find((d) => d.id === 'chips')?.states.total).toBe(3);
  // With every deck's items kept, there is nothing to wait for: no partial step.
  await loadStats(now, undefined, undefined, (p) => partials.push(p));
  expect(partials).toHaveLength(1);
});
