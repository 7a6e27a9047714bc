import { closeStore, getItem, recordReview, saveDeck, syncDeckItems, updateSettings } from '../../../src/store';
import { exportBackup, importBackup } from '../../../src/store/replace';
import { itemHistory } from '../../../src/store/log';
import { database } from '../../../src/store/db';
import { backupText, v1Of } from './backup-files';
import { deckOf, MIN, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

async function seed() {
  const deck = deckOf('mine', 3);
  await saveDeck(deck, 'authored', T0);
  await syncDeckItems(deck, T0);
  for (let k = 0; k < 4; k++) await recordReview({ itemId: 'mine/card-1', grade: k === 1 ? 1 : 3, mode: 'study', at: T0 + k * 10 * MIN, durationMs: 2000 });
  await recordReview({ itemId: 'mine/card-2', grade: 3, mode: 'study', at: T0 + 50 * MIN, durationMs: 1000 });
}

/** A gzip file of `text`. */
async function gzipOf(text: string): Promise<Blob> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).blob();
}

/** The file's lines as JSON. */
async function linesOf(file: Blob): Promise<unknown[][]> {
  return (await backupText(file))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const rewrite = async (lines: unknown[]) => gzipOf(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));

describe('backup files (version 3)', () => {
  it('are gzip, rows as arrays, and leave out what replaying the log gives back', async () => {
    await seed();
    const file = await exportBackup(T0 + 60 * MIN);
    expect([...new Uint8Array(await file.slice(0, 2).arrayBuffer())]).toEqual([0x1f, 0x8b]);
    const [head, ...rest] = await linesOf(file);
    expect(head).toMatchObject({ format: 'briefdeck-backup', version: 3, exportedAt: T0 + 60 * MIN });
    const reviews = rest.find((l) => l[0] === 'reviews')!.slice(1) as unknown[][];
    expect(reviews).toHaveLength(5);
    const before = (head as unknown as { columns: { reviews: string[] } }).columns.reviews.indexOf('before');
    // Each item's first answer carries its item; the later ones of card-1 are replayed.
    expect(reviews.filter((r) => r[before] === null).length).toBeGreaterThanOrEqual(2);
    expect(reviews.every((r) => typeof r[1] === 'string' && r[2] === null)).toBe(true);
    expect(rest.at(-1)).toEqual(['end', { decks: 1, items: 3, reviews: 5, quizzes: 0, drafts: 0, media: 0 }]);
  });

  it('read version 2 files too: the same rows, with no media', async () => {
    await seed();
    const lines = await linesOf(await exportBackup(T0 + 60 * MIN));
    const v2 = lines.map((l, i) => {
      if (i === 0) return { ...(l as unknown as object), version: 2 };
      if (l[0] !== 'end') return l;
      const { media, ...counts } = l[1] as Record<string, number>;
      expect(media).toBe(0);
      return ['end', counts];
    });
    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    expect(await importBackup(await rewrite(v2), T0 + 60 * MIN)).toMatchObject({ ok: true, counts: { reviews: 5, items: 3 } });
  });

  it('give back every answer exactly, replayed items included', async () => {
    await seed();
    const history = await itemHistory('mine/card-1');
    const item = await getItem('mine/card-1');
    const file = await exportBackup(T0 + 60 * MIN);
    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    expect(await importBackup(file, T0 + 60 * MIN)).toMatchObject({ ok: true, counts: { reviews: 5, items: 3 } });
    expect(await itemHistory('mine/card-1')).toEqual(history);
    expect(await getItem('mine/card-1')).toEqual(item);
  });

  it('keep an item that replaying would not give back, down to one scheduling number', async () => {
    await seed();
    // The third answer of card-1 was given to an item whose stability differs from what its
    // previous answer left (as after a parameter change).
    const db = await database();
    const third = (await db.getAllFromIndex('reviews', 'by-item', 'mine/card-1'))[2]!;
    await db.put('reviews', { ...third, before: { ...third.before, fsrs: { ...third.before.fsrs, stability: third.before.fsrs.stability + 0.5 } } });
    const history = await itemHistory('mine/card-1');
    const file = await exportBackup(T0 + 60 * MIN);
    const [head, ...rest] = await linesOf(file);
    const before = (head as unknown as { columns: { reviews: string[] } }).columns.reviews.indexOf('before');
    const rows = rest.find((l) => l[0] === 'reviews')!.slice(1) as unknown[][];
    expect(rows.find((r) => r[0] === third.id)![before]).not.toBeNull();
    expect(rows.find((r) => r[0] === third.id! + 1)![before]).toBeNull();
    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    expect(await importBackup(file, T0 + 60 * MIN)).toMatchObject({ ok: true, counts: { reviews: 5 } });
    expect(await itemHistory('mine/card-1')).toEqual(history);
  });

  it('version 1 files are still imported, as a file or as text', async () => {
    await seed();
    const v1 = JSON.stringify(await v1Of(await exportBackup(T0 + 60 * MIN), T0 + 60 * MIN));
    const history = await itemHistory('mine/card-1');
    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    expect(await importBackup(new Blob([v1]), T0 + 60 * MIN)).toMatchObject({ ok: true, counts: { reviews: 5 } });
    expect(await itemHistory('mine/card-1')).toEqual(history);
    expect(await importBackup(v1, T0 + 60 * MIN)).toMatchObject({ ok: true });
  });

  const refusals: [string, (lines: unknown[][]) => unknown[], RegExp][] = [
    ['a file cut short', (l) => l.slice(0, -1), /its end is missing/],
    ['a file missing a page', (l) => l.filter((x) => x[0] !== 'items'), /should hold 3 items but holds 0/],
    ['a bad grade', (l) => l.map((x) => (x[0] === 'reviews' ? x.map((r, i) => (i === 1 ? (r as unknown[]).map((v, j) => (j === 4 ? 7 : v)) : r)) : x)), /reviews\[0\]\.grade: must be 1, 2, 3 or 4/],
    ['a row of the wrong length', (l) => l.map((x) => (x[0] === 'items' ? [x[0], (x[1] as unknown[]).slice(1), ...x.slice(2)] : x)), /items\[0\]: must be a row of 13 values, not 12/],
    ['an item left out of its first answer', (l) => l.map((x) => (x[0] === 'reviews' ? x.map((r, i) => (i === 1 ? (r as unknown[]).map((v, j) => (j === 8 ? null : v)) : r)) : x)), /reviews\[0\]\.before: is left out, but no earlier answer/],
    ['a newer version', (l) => [{ ...(l[0] as object), version: 4 }, ...l.slice(1)], /newer Briefdeck \(backup version 4\)/],
    ['an unknown list', (l) => [l[0], ['cards', []], ...l.slice(1)], /unknown list "cards"/],
    ['a review whose item id names no deck and card', (l) => l.map((x) => (x[0] === 'reviews' ? x.map((r, i) => (i === 1 ? (r as unknown[]).map((v, j) => (j === 1 ? ' ' : v)) : r)) : x)), /reviews\[0\]\.itemId: " " is not a review item id \(deckId\/cardId\)/],
  ];

  it.each(refusals)('refuse %s with a reason and change nothing', async (_name, corrupt, reason) => {
    await seed();
    const good = await linesOf(await exportBackup(T0));
    await updateSettings({ newPerDay: 9 });
    const before = await backupText(await exportBackup(T0));
    const result = await importBackup(await rewrite(corrupt(good)), T0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(reason);
      expect(result.error).toMatch(/[Nn]othing was changed/);
    }
    expect(await backupText(await exportBackup(T0))).toBe(before);
  });

  it('refuse a damaged compressed file', async () => {
    await seed();
    const bytes = new Uint8Array(await (await exportBackup(T0)).arrayBuffer());
    const cut = new Blob([bytes.slice(0, bytes.length - 30)]);
    const result = await importBackup(cut, T0);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/could not be decompressed|end is missing/);
  });
});
