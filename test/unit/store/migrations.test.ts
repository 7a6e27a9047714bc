/** The numbered migrations: each seeds the shape before it and opens it with today's code. */
import { closeStore, getItems, getSettings, recordReview, syncDeckItems, updateSettings } from '../../../src/store';
import { reviewCount, type ReviewBucket } from '../../../src/store';
import { reviewBuckets } from '../../../src/store/buckets';
import { BucketBuilder } from '../../../src/srs/day-counts';
import { DB_VERSION, MIGRATIONS } from '../../../src/store/migrations';
import type { BriefdeckDB } from '../../../src/store/schema';
import { openDB } from 'idb';
import { matureReview, review } from '../stats/fixtures';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';
import { newItem } from '../../../src/srs/scheduler';
import { T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function rawOpen(version?: number, upgrade?: (db: IDBDatabase, tx: IDBTransaction, old: number) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open('briefdeck') : indexedDB.open('briefdeck', version);
    req.onupgradeneeded = (e) => upgrade?.(req.result, req.transaction!, e.oldVersion);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('migrations', () => {
  it('numbers the schema by its migrations', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
  });

  it('1: an empty origin (no database yet) gets every store and index', async () => {
    await getSettings();
    await closeStore();
    const db = await rawOpen();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['days', 'decks', 'drafts', 'items', 'media', 'meta', 'quizzes', 'reviews', 'settings']);
    const tx = db.transaction(['items', 'reviews', 'quizzes'], 'readonly');
    expect([...tx.objectStore('items').indexNames].sort()).toEqual(['by-card', 'by-deck-queue-due']);
    expect([...tx.objectStore('reviews').indexNames].sort()).toEqual(['by-deck-time', 'by-item', 'by-limit', 'by-time']);
    expect(tx.objectStore('reviews').autoIncrement).toBe(true);
    expect([...tx.objectStore('quizzes').indexNames].sort()).toEqual(['by-deck', 'by-time']);
    db.close();
  });
});

describe('migration 2: review aggregates', () => {
  it('a version 1 database gets its aggregates built from the log it already has', async () => {
    // The version 1 shape, exactly as version 1 wrote it, with a log of mature and new answers.
    const v1 = await openDB<BriefdeckDB>('briefdeck', 1, { upgrade: (db, _old, _new, tx) => void MIGRATIONS[0]!(db, tx, 0) });
    const t = T0;
    const log = [
      matureReview('d/m1', t, 3),
      matureReview('d/m1', t + 60_000, 1), // the same item again that day: not a first answer
      matureReview('d/m2', t + 20 * 60_000, 1),
      review('d/n1', t + 21 * 60_000, { mode: 'quiz' }),
      matureReview('e/m1', t + 26 * 3_600_000, 4),
    ];
    await v1.put('settings', { ...DEFAULT_SETTINGS, dayStartHour: 6 }, 'settings');
    for (const r of log) await v1.add('reviews', r);
    v1.close();

    const buckets = await reviewBuckets(6);
    const db = await rawOpen();
    expect(db.version).toBe(DB_VERSION);
    db.close();
    const expected = new BucketBuilder(6);
    for (const r of log) expected.add(r);
    const key = (b: ReviewBucket) => `${b.deckId} ${b.day}`;
    expect(buckets.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.result().sort((a, b) => key(a).localeCompare(key(b))));
    expect(buckets.reduce((n, b) => n + b.reviewed, 0)).toBe(5);
    expect(buckets.reduce((n, b) => n + b.retentionTotal, 0)).toBe(3);
    expect(buckets.reduce((n, b) => n + b.retained, 0)).toBe(2);
    // The log itself is left as it was.
    expect(await reviewCount()).toBe(5);
  });
});

describe('migration 2 on a database being created', () => {
  it('looks up no time zone; the first answer gives the empty aggregates their basis and is counted', async () => {
    // The first use of Intl's time zone is costly: a first visit opens the store without it.
    const zone = vi.spyOn(Intl, 'DateTimeFormat');
    await getSettings();
    expect(zone).not.toHaveBeenCalled();
    zone.mockRestore();
    await syncDeckItems({ id: 'd', version: 1, title: 'D', cards: [{ id: 'n1', type: 'basic', front: 'F', back: 'B' }] } as never, T0);
    await recordReview({ itemId: 'd/n1', grade: 3, mode: 'study', at: T0, durationMs: 3000 });
    const db = await rawOpen();
    const tx = db.transaction(['meta', 'days']);
    const read = (req: IDBRequest) => new Promise((r) => (req.onsuccess = () => r(req.result)));
    const [basis, logged, days] = await Promise.all([
      read(tx.objectStore('meta').get('aggregates:basis')),
      read(tx.objectStore('meta').get('aggregates:logged')),
      read(tx.objectStore('days').count()),
    ]);
    db.close();
    expect(basis).toBe(`${DEFAULT_SETTINGS.dayStartHour}@${Intl.DateTimeFormat().resolvedOptions().timeZone}`);
    expect(logged).toBe(1);
    // Counted by the answer's own transaction, before any stats read could rebuild it.
    expect(days).toBe(1);
    const buckets = await reviewBuckets(DEFAULT_SETTINGS.dayStartHour);
    expect(buckets.map((b) => [b.deckId, b.reviewed, b.newLearned])).toEqual([['d', 1, 1]]);
  });
});

describe('migration 3: write stamps', () => {
  it('a version 2 database opens with its data untouched; its first write is stamped', async () => {
    const v2 = await openDB<BriefdeckDB>('briefdeck', 2, {
      upgrade: (db, _old, _new, tx) => {
        void MIGRATIONS[0]!(db, tx, 0);
        void MIGRATIONS[1]!(db, tx, 0);
      },
    });
    await v2.add('reviews', review('d/n1', T0));
    await v2.put('settings', { ...DEFAULT_SETTINGS, newPerDay: 7 }, 'settings');
    const item = { ...newItem({ id: 'd/n1', deckId: 'd', cardId: 'n1', sub: '' }, T0), queue: 1 };
    await v2.put('items', item);
    v2.close();
    expect((await getSettings()).newPerDay).toBe(7);
    expect(await reviewCount()).toBe(1);
    // The two item indexes it drops are gone; a deck's items are still found.
    expect(await getItems('d')).toEqual([item]);
    const before = await rawOpen();
    expect(before.version).toBe(DB_VERSION);
    expect([...before.transaction('items').objectStore('items').indexNames].sort()).toEqual(['by-card', 'by-deck-queue-due']);
    const marks = (db: IDBDatabase) =>
      new Promise((ok) => (db.transaction('meta').objectStore('meta').getAllKeys(IDBKeyRange.bound(-Infinity, Infinity)).onsuccess = (e) => ok((e.target as IDBRequest).result)));
    expect(await marks(before)).toEqual([]);
    before.close();
    await updateSettings({ newPerDay: 8 });
    const after = await rawOpen();
    expect(await marks(after)).toEqual([1]);
    after.close();
  });
});
