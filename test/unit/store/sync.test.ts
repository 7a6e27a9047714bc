import { closeStore, getItems, recordReview, saveDeck, syncDeckItems } from '../../../src/store';
import { inTransaction } from '../../../src/store/db';
import { syncKey } from '../../../src/store/keys';
import { expandDeck, itemsSignature } from '../../../src/deck/items';
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

  test('a new deck whose fingerprint collides with the old one still gets its items (storing a deck clears its mark)', async () => {
    const old = deckOf('c', 2);
    await saveDeck(old, 'imported', T0);
    await syncDeckItems(old, T0);
    const replacement = { ...old, cards: [{ id: 'other-1', type: 'basic' as const, front: 'Q', back: 'A' }, { id: 'other-2', type: 'basic' as const, front: 'Q2', back: 'A2' }] };
    // As if the two decks' 32-bit fingerprints collided: the mark already names the new cards.
    const collided = itemsSignature(expandDeck(replacement).map((r) => r.id));
    await inTransaction(['meta'], 'readwrite', (tx) => tx.objectStore('meta').put(collided, syncKey('c')));
    await saveDeck(replacement, 'imported', T0 + MIN);
    await syncDeckItems(replacement, T0 + MIN);
    const items = await getItems('c');
    expect(items.filter((i) => !i.orphaned).map((i) => i.id).sort()).toEqual(['c/other-1', 'c/other-2']);
    expect(items.filter((i) => i.orphaned).map((i) => i.id).sort()).toEqual(['c/card-1', 'c/card-2']);
  });

  test('a forced sync reads the items even when the mark says they are in line', async () => {
    const deck = deckOf('f', 2);
    await syncDeckItems(deck, T0);
    const more = { ...deck, cards: [...deck.cards, { id: 'card-3', type: 'basic' as const, front: 'Q3', back: 'A3' }] };
    await inTransaction(['meta'], 'readwrite', (tx) => tx.objectStore('meta').put(itemsSignature(expandDeck(more).map((r) => r.id)), syncKey('f')));
    await syncDeckItems(more, T0 + MIN);
    expect(await getItems('f')).toHaveLength(2);
    await syncDeckItems(more, T0 + MIN, true);
    expect(await getItems('f')).toHaveLength(3);
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
