/**
 * Class decks on a student's device: stored in the library through the deck update path, so a
 * new version keeps the progress of every unchanged card; the joined classes are remembered.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeStore, getItems, getStoredDeck, recordReview } from '../../../src/store';
import { classDeckIds } from '../../../src/store/synced';
import { installClassDecks, joinedClasses, rememberJoined } from '../../../src/classes/joined';
import type { ClassDeckDoc } from '../../../src/classes/class-docs';
import type { Deck } from '../../../src/deck/schema';

const v1: Deck = {
  id: 'cells',
  version: 1,
  title: 'Cells',
  cards: [
    { id: 'c1', type: 'basic', front: 'Q1', back: 'A1' },
    { id: 'c2', type: 'basic', front: 'Q2', back: 'A2' },
  ],
};
const v2: Deck = { ...v1, version: 2, cards: [v1.cards[0]!, { id: 'c3', type: 'basic', front: 'Q3', back: 'A3' }] };
const doc = (deck: Deck): ClassDeckDoc => ({ _id: `deck:${deck.id}`, type: 'deck', deck, editedAt: 1, device: 'class' });

beforeEach(async () => {
  await closeStore();
  indexedDB.deleteDatabase('briefdeck');
  localStorage.clear();
});
afterEach(async () => {
  await closeStore();
});

describe('class decks on the device', () => {
  it('stores a class deck, and a new version keeps progress on unchanged cards', async () => {
    const t0 = Date.UTC(2026, 5, 1, 9);
    expect(await installClassDecks('bio-7', [doc(v1)], t0)).toEqual(['Cells']);
    expect((await getStoredDeck('cells'))?.origin).toBe('imported');
    // Marked as the class's: the learner's own sync leaves it to the class.
    expect(await classDeckIds()).toEqual(new Set(['cells']));
    await recordReview({ itemId: 'cells/c1', grade: 3, mode: 'study', at: t0 + 1000, durationMs: 3000 });
    const before = (await getItems('cells')).find((i) => i.id === 'cells/c1')!;
    expect(before.fsrs.reps).toBe(1);

    await installClassDecks('bio-7', [doc(v2)], t0 + 60_000);
    expect((await getStoredDeck('cells'))?.deck.version).toBe(2);
    const after = await getItems('cells');
    const c1 = after.find((i) => i.id === 'cells/c1')!;
    expect(c1.fsrs).toEqual(before.fsrs);
    expect(after.find((i) => i.id === 'cells/c3')?.fsrs.reps).toBe(0);
    // The card the teacher removed keeps its history, set aside.
    expect(after.find((i) => i.id === 'cells/c2')?.orphaned).toBe(true);
  });

  it('remembers joined classes, one entry per class and server, ignoring damaged entries', () => {
    const j = { server: 'http://s/', classId: 'bio', key: 'k', title: 'Bio', teacher: 't', username: 'ann' };
    rememberJoined(j);
    rememberJoined({ ...j, title: 'Biology' });
    rememberJoined({ ...j, server: 'http://other/' });
    expect(joinedClasses().map((c) => [c.server, c.title])).toEqual([
      ['http://s/', 'Biology'],
      ['http://other/', 'Bio'],
    ]);
    localStorage.setItem('briefdeck-joined-classes', '[{"classId":1}, "x"]');
    expect(joinedClasses()).toEqual([]);
    localStorage.setItem('briefdeck-joined-classes', '{not json');
    expect(joinedClasses()).toEqual([]);
  });
});
