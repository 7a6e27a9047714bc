import { closeStore, getSettings, reviewCount } from '../../../src/store';
import { forEachReview } from '../../../src/store/log';
import { reviewBuckets } from '../../../src/store/buckets';
import { BucketBuilder, type ReviewBucket } from '../../../src/srs/day-counts';
import type { ReviewRecord } from '../../../src/srs/types';
import { seedCollection } from '../../../bench/seed-store';
import { syntheticCards, syntheticCollection, syntheticReviews } from '../../../bench/synthetic';

const sorted = (buckets: ReviewBucket[]) => [...buckets].sort((a, b) => a.deckId.localeCompare(b.deckId) || a.day - b.day);
const NOW = new Date(2026, 5, 1, 12).getTime();
const SIZE = { cards: 300, reviews: 3_000, decks: 3 };

beforeEach(async () => {
  await closeStore();
});

describe('the benchmark collection, made and stored in slices', () => {
  it('is the very collection made at once', () => {
    const whole = syntheticCollection(SIZE, NOW);
    const { items, random } = syntheticCards(SIZE, NOW);
    const slices = [...syntheticReviews(items, SIZE.reviews, NOW, random, 700)];
    expect(slices.map((s) => s.length)).toEqual([700, 700, 700, 700, 200]);
    expect(slices.flat()).toEqual(whole.reviews);
    expect(items).toEqual(whole.items);
  });

  it('stores every answer with day records that add up to the log, so the stats read them without a rebuild', async () => {
    const seeded = await seedCollection(SIZE, NOW);
    expect(seeded).toMatchObject({ items: SIZE.cards, reviews: SIZE.reviews });
    expect(await reviewCount()).toBe(SIZE.reviews);
    const { dayStartHour } = await getSettings();
    const log: ReviewRecord[] = [];
    await forEachReview({}, (r) => log.push(r));
    const builder = new BucketBuilder(dayStartHour);
    for (const r of log) builder.add(r);
    // A rebuild writes: the stats' read stays read-only when the day records add up.
    const opened = vi.spyOn(IDBDatabase.prototype, 'transaction');
    expect(sorted(await reviewBuckets(dayStartHour))).toEqual(sorted(builder.result()));
    expect(opened.mock.calls.map((call) => call[1])).toEqual(['readonly']);
  });
});
