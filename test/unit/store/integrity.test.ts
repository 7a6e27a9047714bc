import { afterEach, describe, expect, test } from 'vitest';
import {
  closeStore,
  damagedRecords,
  getItems,
  getSettings,
  getStoredDeck,
  listStoredDecks,
  nextStudyItem,
  recordReview,
  saveDeck,
  syncDeckItems,
  onDamage,
} from '../../../src/store';
import { forEachReview } from '../../../src/store/log';
import { database } from '../../../src/store/db';
import { DEFAULT_SETTINGS, type ReviewRecord } from '../../../src/srs/types';
import { deckOf, MIN, T0 } from './fixtures';

afterEach(async () => {
  await closeStore();
});

/** Writes a record straight into a store, as a damaged disk or a hand edit would leave it. */
async function plant(store: 'items' | 'reviews' | 'decks' | 'settings', value: unknown, key?: string) {
  const db = await database();
  const tx = db.transaction(store, 'readwrite');
  // The typed schema forbids damaged shapes; that is the point here.
  await (tx.objectStore(store) as unknown as IDBObjectStore & { put(v: unknown, k?: string): Promise<unknown> }).put(value, key);
  await tx.done;
}

describe('damaged records never stop the app and are reported', () => {
  test('a damaged item is skipped by the study queue and lists, and reported once', async () => {
    const deck = deckOf('d', 3);
    await syncDeckItems(deck, T0);
    const [first] = await getItems('d');
    const seen: number[] = [];
    const stop = onDamage((all) => seen.push(all.length));
    // Same keys (so it sits first in the queue's index range), but the scheduling state is gone.
    await plant('items', { ...first, fsrs: null });

    const next = await nextStudyItem({ deckIds: ['d'] }, T0 + MIN);
    expect(next.item?.id).toBeDefined();
    expect(next.item?.id).not.toBe(first!.id);
    expect((await getItems('d')).map((i) => i.id)).not.toContain(first!.id);
    await getItems('d');
    expect(damagedRecords()).toEqual([{ store: 'items', key: first!.id, problem: 'has no scheduling state' }]);
    expect(seen).toEqual([1]);
    stop();
  });

  test('a damaged review-log entry is skipped by stats walks, the rest still counted', async () => {
    const deck = deckOf('r', 2);
    await syncDeckItems(deck, T0);
    const next = await nextStudyItem({ deckIds: ['r'] }, T0);
    await recordReview({ itemId: next.item!.id, grade: 3, mode: 'study', at: T0, durationMs: 1000 });
    await plant('reviews', { id: 99, itemId: 'r/card-2', deckId: 'r', cardId: 'card-2', at: T0 + 1, grade: 7, mode: 'study' });
    const walked: ReviewRecord[] = [];
    await forEachReview({}, (r) => walked.push(r));
    expect(walked).toHaveLength(1);
    expect(damagedRecords().some((d) => d.store === 'reviews' && d.key === '99')).toBe(true);
  });

  test('damaged settings fall back to the defaults and are reported', async () => {
    await plant('settings', { ...DEFAULT_SETTINGS, desiredRetention: 'high' }, 'settings');
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(damagedRecords().find((d) => d.store === 'settings')?.problem).toMatch(/desiredRetention/);
  });

  test('a damaged stored deck is left out of the library, good ones stay', async () => {
    await saveDeck(deckOf('good', 1), 'imported', T0);
    await plant('decks', { deck: { id: 'bad', cards: 'nope' }, origin: 'imported', updated: T0 });
    expect((await listStoredDecks()).map((s) => s.deck.id)).toEqual(['good']);
    expect(await getStoredDeck('bad')).toBeUndefined();
    expect(damagedRecords().some((d) => d.store === 'decks' && d.key === 'bad')).toBe(true);
  });
});

test('syncing a deck leaves a damaged item alone instead of failing on it', async () => {
  const deck = deckOf('s', 2);
  await syncDeckItems(deck, T0);
  const [first] = await getItems('s');
  await plant('items', { ...first, fsrs: null });
  await expect(syncDeckItems(deck, T0 + MIN)).resolves.toBeUndefined();
  const next = await nextStudyItem({ deckIds: ['s'] }, T0 + MIN);
  expect(next.item?.id).toBe('s/card-2');
});
