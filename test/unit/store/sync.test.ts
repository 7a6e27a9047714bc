import { closeStore, getItems, recordReview, syncDeckItems } from '../../../src/store';
import { exportBackup, importBackup, resetProgress } from '../../../src/store/replace';
import { deckOf, MIN, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

describe('deck sync marks', () => {
  test('an unchanged deck is not re-read; a changed one is brought in line', async () => {
    const deck = deckOf('m', 3);
    await syncDeckItems(deck, T0);
    expect((await getItems('m')).map((i) => i.id).sort()).toEqual(['m/card-1', 'm/card-2', 'm/card-3']);
    // Same cards, edited text: the mark matches and nothing changes.
    await syncDeckItems({ ...deck, cards: deck.cards.map((c) => ({ ...c, back: 'edited' })) }, T0 + MIN);
    expect(await getItems('m')).toHaveLength(3);
    // One card swapped for another: the old one is orphaned, the new one arrives.
    const swapped = { ...deck, cards: [...deck.cards.slice(0, 2), { id: 'card-9', type: 'basic' as const, front: 'Q9', back: 'A9' }] };
    await syncDeckItems(swapped, T0 + 2 * MIN);
    const items = await getItems('m');
    expect(items.find((i) => i.id === 'm/card-3')?.orphaned).toBe(true);
    expect(items.find((i) => i.id === 'm/card-9')?.state).toBe(0);
  });

  test('after a reset the next sync creates the items again', async () => {
    const deck = deckOf('r', 2);
    await syncDeckItems(deck, T0);
    await resetProgress();
    expect(await getItems('r')).toHaveLength(0);
    await syncDeckItems(deck, T0 + MIN);
    expect(await getItems('r')).toHaveLength(2);
  });

  test('after a backup import the next sync checks the imported items', async () => {
    const empty = await exportBackup(T0);
    const deck = deckOf('b', 2);
    await syncDeckItems(deck, T0);
    await recordReview({ itemId: 'b/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1000 });
    expect(await importBackup(empty, T0)).toMatchObject({ ok: true });
    expect(await getItems('b')).toHaveLength(0);
    await syncDeckItems(deck, T0 + MIN);
    expect(await getItems('b')).toHaveLength(2);
  });
});
