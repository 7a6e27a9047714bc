/**
 * Stored decks' summaries: kept beside each deck so listing the library and starting a session
 * read a few small records, not every deck's cards; and the sync marks that tell a session which
 * decks it must load at all.
 */
import { afterEach, describe, expect, test } from 'vitest';
import {
  closeStore,
  decksToSync,
  deleteStoredDeck,
  listStoredDeckSummaries,
  saveDeck,
  syncDeckItems,
} from '../../../src/store';
import { exportBackup, importBackup } from '../../../src/store/replace';
import { database } from '../../../src/store/db';
import { deckItemsSignature } from '../../../src/deck/items';
import { deckOf, T0 } from './fixtures';

afterEach(async () => {
  await closeStore();
});

/** Writes straight into a store, as an older version of Briefdeck or a damaged disk would leave it. */
async function plant(store: 'decks' | 'meta', value: unknown, key?: string) {
  const db = await database();
  const tx = db.transaction(store, 'readwrite');
  await (tx.objectStore(store) as unknown as IDBObjectStore & { put(v: unknown, k?: string): Promise<unknown> }).put(value, key);
  await tx.done;
}

async function metaKeys(): Promise<string[]> {
  const db = await database();
  return (await db.getAllKeys('meta')).map(String);
}

describe('stored deck summaries', () => {
  test('are written and removed with their decks', async () => {
    await saveDeck(deckOf('b', 3), 'imported', T0);
    await saveDeck({ ...deckOf('a', 2), title: 'Alpha' }, 'authored', T0 + 1);
    const summaries = await listStoredDeckSummaries();
    expect(summaries.map((s) => [s.summary.id, s.summary.title, s.summary.cardCount, s.origin, s.updated])).toEqual([
      ['a', 'Alpha', 2, 'authored', T0 + 1],
      ['b', 'Deck b', 3, 'imported', T0],
    ]);
    expect(summaries[1]!.summary.items).toBe(deckItemsSignature(deckOf('b', 3)));
    await saveDeck({ ...deckOf('b', 4), title: 'Bravo' }, 'imported', T0 + 2);
    expect((await listStoredDeckSummaries()).find((s) => s.summary.id === 'b')?.summary).toMatchObject({ title: 'Bravo', cardCount: 4 });
    await deleteStoredDeck('b');
    expect((await listStoredDeckSummaries()).map((s) => s.summary.id)).toEqual(['a']);
    expect(await metaKeys()).not.toContain('deck:b');
  });

  test('a deck stored before summaries existed gets one on the first listing', async () => {
    await plant('decks', { deck: deckOf('old', 2), origin: 'imported', updated: T0 });
    expect(await metaKeys()).not.toContain('deck:old');
    expect((await listStoredDeckSummaries()).map((s) => s.summary.id)).toEqual(['old']);
    expect(await metaKeys()).toContain('deck:old');
  });

  test('a damaged deck with no summary is left out, and the others are listed', async () => {
    await saveDeck(deckOf('fine', 1), 'imported', T0);
    await plant('decks', { deck: { id: 'broken', title: 7 }, origin: 'imported', updated: T0 });
    expect((await listStoredDeckSummaries()).map((s) => s.summary.id)).toEqual(['fine']);
  });

  test('a backup import brings its decks\' summaries and drops the old ones', async () => {
    await saveDeck(deckOf('kept', 2), 'imported', T0);
    const backup = await exportBackup(T0);
    await saveDeck(deckOf('later', 1), 'imported', T0 + 1);
    expect(await importBackup(backup, T0 + 2)).toMatchObject({ ok: true });
    expect((await listStoredDeckSummaries()).map((s) => s.summary.id)).toEqual(['kept']);
    expect(await metaKeys()).not.toContain('deck:later');
  });
});

describe('which decks a session must sync', () => {
  test('a deck is left alone only when its items were last synced to exactly the fingerprint its cards need', async () => {
    const a = deckOf('a', 2);
    const b = deckOf('b', 2);
    await syncDeckItems(a, T0);
    await syncDeckItems(b, T0);
    const grown = deckOf('b', 3);
    expect(
      await decksToSync([
        { id: 'a', items: deckItemsSignature(a) },
        { id: 'b', items: deckItemsSignature(grown) },
        { id: 'never-synced', items: deckItemsSignature(deckOf('never-synced', 1)) },
        { id: 'unknown-fingerprint' },
      ]),
    ).toEqual(['b', 'never-synced', 'unknown-fingerprint']);
    await syncDeckItems(grown, T0);
    expect(await decksToSync([{ id: 'b', items: deckItemsSignature(grown) }])).toEqual([]);
    // A study start passes its deck list while it is still being read: the marks are read meanwhile.
    let list!: (w: { id: string; items?: string }[]) => void;
    const asked = decksToSync(new Promise((resolve) => (list = resolve)));
    list([{ id: 'a', items: deckItemsSignature(a) }, { id: 'b', items: deckItemsSignature(deckOf('b', 4)) }]);
    expect(await asked).toEqual(['b']);
  });

  test('after a backup import, a stored deck whose items are in line needs no sync; one out of line does', async () => {
    const inLine = deckOf('in', 2);
    await saveDeck(inLine, 'imported', T0);
    await syncDeckItems(inLine, T0);
    // Stored with three cards, but its items were synced to two: out of line.
    await saveDeck(deckOf('out', 3), 'imported', T0);
    await syncDeckItems(deckOf('out', 2), T0);
    const backup = await exportBackup(T0);
    expect(await importBackup(backup, T0 + 1)).toMatchObject({ ok: true });
    expect(
      await decksToSync([
        { id: 'in', items: deckItemsSignature(inLine) },
        { id: 'out', items: deckItemsSignature(deckOf('out', 3)) },
      ]),
    ).toEqual(['out']);
  });
});
