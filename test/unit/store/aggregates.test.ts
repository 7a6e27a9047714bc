import {
  closeStore,
  reviewCount,
  getSettings,
  recordReview,
  resetProgress,
  undoLastReview,
  updateSettings,
  type ReviewBucket,
} from '../../../src/store';
import { forEachReview } from '../../../src/store/log';
import { reviewBuckets } from '../../../src/store/buckets';
import { BucketBuilder } from '../../../src/srs/day-counts';
import { replaceWithBackup } from '../../../src/store/backup';
import { DEFAULT_SETTINGS, type Grade, type ReviewRecord } from '../../../src/srs/types';
import { item, reviewItem } from '../stats/fixtures';
import { DAY, MIN, T0 } from './fixtures';

const sorted = (buckets: ReviewBucket[]) => [...buckets].sort((a, b) => a.deckId.localeCompare(b.deckId) || a.day - b.day);

/** The day records the store keeps, cut with the current day start. */
async function days(onProgress?: (read: number, total: number) => void): Promise<ReviewBucket[]> {
  return reviewBuckets((await getSettings()).dayStartHour, onProgress);
}

/** The day records the whole log gives when built from scratch. */
async function fromLog(): Promise<ReviewBucket[]> {
  const builder = new BucketBuilder((await getSettings()).dayStartHour);
  const log: ReviewRecord[] = [];
  await forEachReview({}, (r) => log.push(r));
  for (const r of log) builder.add(r);
  return sorted(builder.result());
}

beforeEach(async () => {
  await closeStore();
  // Two mature items and a new one in deck d, one mature item in deck e.
  const mature = [reviewItem('d/m1', 30), reviewItem('d/m2', 40), reviewItem('e/m1', 25)].map((i) => ({
    ...i,
    fsrs: { ...i.fsrs, difficulty: 5, reps: 5, due: T0 - DAY, last_review: T0 - 30 * DAY },
    due: T0 - DAY,
  }));
  const items = [...mature, item('d/n1', { due: T0 - DAY })];
  await replaceWithBackup({ settings: { ...DEFAULT_SETTINGS }, decks: [], items, reviews: [], quizzes: [], drafts: [] });
});

async function grade(itemId: string, g: Grade, t: number, mode: 'study' | 'quiz' = 'study') {
  return recordReview({ itemId, grade: g, mode, at: t, durationMs: 3000 });
}

describe('review aggregates kept by the store', () => {
  test('each answer is counted in the same transaction, and agrees with a rebuild from the log', async () => {
    await grade('d/m1', 3, T0);
    await grade('d/m1', 1, T0 + 5 * MIN); // same item again the same day: not a first answer
    await grade('d/m2', 1, T0 + 20 * MIN);
    await grade('d/n1', 3, T0 + 21 * MIN);
    await grade('e/m1', 4, T0 + 22 * MIN, 'quiz');
    const buckets = sorted(await days());
    expect(buckets).toEqual(await fromLog());
    const total = (k: keyof ReviewBucket) => buckets.reduce((n, b) => n + (b[k] as number), 0);
    expect(total('reviewed')).toBe(5);
    expect(total('quiz')).toBe(1);
    expect(total('again')).toBe(2);
    expect(total('newLearned')).toBe(1);
    expect(total('timeMs')).toBe(15_000);
    // d/m1's first answer (passed) and d/m2's (failed); the repeat and the quiz answer do not count.
    expect(total('retentionTotal')).toBe(2);
    expect(total('retained')).toBe(1);
  });

  test('a quiz answer earlier in the day does not stop the first study answer from counting', async () => {
    await recordReview({ itemId: 'd/m1', grade: 3, mode: 'quiz', at: T0, durationMs: 1000, reschedule: false });
    await grade('d/m1', 3, T0 + MIN);
    const buckets = await days();
    expect(buckets.reduce((n, b) => n + b.retentionTotal, 0)).toBe(1);
    expect(sorted(buckets)).toEqual(await fromLog());
  });

  test('undo takes an answer back out, bucket and first-answer time included', async () => {
    await grade('d/m1', 3, T0 + 2 * MIN);
    const kept = sorted(await days());
    await grade('d/m2', 3, T0 + 3 * MIN);
    await grade('e/m1', 1, T0 + DAY);
    await undoLastReview();
    await undoLastReview();
    expect(sorted(await days())).toEqual(kept);
    await undoLastReview();
    expect(await days()).toEqual([]);
  });

  test('the first-of-day decision follows the day start hour at the time of the answer', async () => {
    await updateSettings({ dayStartHour: 4 });
    const night = new Date(2026, 0, 10, 2).getTime(); // 2 am: still the 9th's study day
    await grade('d/m1', 3, night - 3 * 60 * MIN); // 11 pm on the 9th
    await grade('d/m2', 3, night);
    expect((await days()).reduce((n, b) => n + b.retentionTotal, 0)).toBe(2);
    expect(sorted(await days())).toEqual(await fromLog());
  });

  test('a changed day start makes them stale; the next read rebuilds them cut the new way', async () => {
    const late = new Date(2026, 0, 10, 5).getTime(); // 5 am: the 10th's study day with day start 4, the 9th's with 6
    await grade('d/m1', 3, late);
    await updateSettings({ dayStartHour: 6 });
    await grade('d/m2', 3, late + MIN); // written under another basis: not counted, marks them stale
    const rebuilt = sorted(await days());
    expect(rebuilt).toEqual(await fromLog());
    expect(rebuilt.map((b) => b.reviewed)).toEqual([2]);
    expect(rebuilt[0]!.day).toBe(Math.round(Date.UTC(2026, 0, 9) / DAY));
    // Kept again from then on.
    await grade('e/m1', 3, late + 2 * MIN);
    expect(sorted(await days())).toEqual(await fromLog());
  });

  test('a reset clears them; buckets that no longer add up to the log are rebuilt from it', async () => {
    await grade('d/m1', 3, T0);
    await grade('d/m2', 3, T0 + MIN);
    // Behind the store's back: one bucket lost.
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
    const seen: [number, number][] = [];
    // Progress is reported every 5000 entries read: none for a log this short.
    const rebuilt = sorted(await days((read, total) => seen.push([read, total])));
    expect(rebuilt.reduce((n, b) => n + b.reviewed, 0)).toBe(2);
    expect(rebuilt).toEqual(await fromLog());
    expect(seen).toEqual([]);
    await resetProgress();
    expect(await days()).toEqual([]);
  });

  describe("the log's kept length, which the check reads instead of counting the log", () => {
    /** Runs `fn` on the raw meta store, behind the store's back. */
    async function rawMeta<T>(fn: (meta: IDBObjectStore) => IDBRequest<T>): Promise<T> {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('briefdeck');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        return await new Promise<T>((resolve, reject) => {
          const tx = db.transaction('meta', 'readwrite');
          const req = fn(tx.objectStore('meta'));
          tx.oncomplete = () => resolve(req.result);
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    }
    const kept = () => rawMeta((m) => m.get('aggregates:logged') as IDBRequest<unknown>);

    test('follows every answer, undo, restore and rebuild', async () => {
      expect(await kept()).toBe(0);
      await grade('d/m1', 3, T0);
      await grade('d/m2', 1, T0 + MIN);
      await grade('e/m1', 4, T0 + 2 * MIN, 'quiz');
      expect(await kept()).toBe(3);
      await undoLastReview();
      expect(await kept()).toBe(2);
      await updateSettings({ dayStartHour: 7 });
      expect(sorted(await days())).toEqual(await fromLog());
      expect(await kept()).toBe(await reviewCount());
      await grade('d/m1', 3, T0 + DAY);
      expect(await kept()).toBe(3);
      expect(await reviewCount()).toBe(3);
    });

    test('a database from before it was kept counts its log once, keeping the records it checked', async () => {
      await grade('d/m1', 3, T0);
      await grade('d/m2', 3, T0 + MIN);
      await rawMeta((m) => m.delete('aggregates:logged'));
      // A rebuild would write this key again: its staying absent shows the records were kept.
      await rawMeta((m) => m.delete('aggregates:unsound'));
      expect(sorted(await days())).toEqual(await fromLog());
      expect(await kept()).toBe(2);
      expect(await rawMeta((m) => m.get('aggregates:unsound') as IDBRequest<unknown>)).toBeUndefined();
      await grade('d/m1', 3, T0 + DAY);
      expect(await kept()).toBe(3);
    });

    test('records that no longer match it (an answer counted by an older version) are rebuilt, and it is set right', async () => {
      await grade('d/m1', 3, T0);
      await grade('d/m2', 3, T0 + MIN);
      await rawMeta((m) => m.put(1, 'aggregates:logged'));
      await rawMeta((m) => m.delete('aggregates:unsound'));
      expect(sorted(await days())).toEqual(await fromLog());
      expect(await kept()).toBe(2);
      expect(await rawMeta((m) => m.get('aggregates:unsound') as IDBRequest<unknown>)).toBe(0);
    });
  });
});
