import { afterEach, expect, test } from 'vitest';
import { closeStore, deckCounts, recordReview, syncDeckItems, updateSettings } from '../../../src/store';
import { nextReview } from '../../../src/store/next-review';
import { nextReviewText } from '../../../src/ui/NextReview';
import { at, DAY, deckOf, T0 } from './fixtures';

afterEach(async () => {
  await closeStore();
});

test('with nothing due, says when to come back, how many cards that day brings, and what the new-card limit holds back', async () => {
  await updateSettings({ newPerDay: 2, dayStartHour: 4 });
  await syncDeckItems(deckOf('a', 3, [{ id: 'gaps', type: 'cloze', text: '{{c1::x}} and {{c2::y}}' }]), T0);
  await recordReview({ itemId: 'a/card-1', grade: 4, mode: 'study', at: T0, durationMs: 1 });
  await recordReview({ itemId: 'a/gaps#c1', grade: 4, mode: 'study', at: T0 + 1, durationMs: 1 });
  // Today's two new cards are met: nothing is due now.
  expect((await deckCounts(['a'], T0 + 2))['a']).toMatchObject({ due: 0, new: 0, learning: 0 });
  const next = await nextReview(['a'], T0 + 2);
  // Tomorrow at 04:00: two new cards within the limit (of card-2, card-3 and the buried gap, one card).
  expect(next).toEqual({ at: at(11, 4), cards: 2, newHeldBack: 2, newPerDay: 2 });
  expect(nextReviewText(next, T0 + 2)).toEqual([
    'Next review: tomorrow, 2 cards.',
    '2 new cards wait: you met today’s 2 (the daily limit, in Settings).',
  ]);
  // A learning step falling due later today comes first, and counts with that day's cards.
  await recordReview({ itemId: 'a/card-1', grade: 1, mode: 'study', at: T0 + DAY * 30, durationMs: 1 });
  const soon = await nextReview(['a'], T0 + DAY * 30 + 1);
  expect(soon!.at).toBeGreaterThan(T0 + DAY * 30);
  expect(soon!.at).toBeLessThan(T0 + DAY * 30 + 60 * 60_000);
  expect(nextReviewText(soon, T0 + DAY * 30 + 1)[0]).toMatch(/^Next review: today at .+, \d+ cards?\.$/);
});

test('nothing scheduled at all says so', async () => {
  expect(await nextReview([], T0)).toBeNull();
  expect(nextReviewText(null, T0)).toEqual(['Nothing is scheduled: every card is suspended or there are none.']);
});
