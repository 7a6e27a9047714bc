import { closeStore, deckCounts, deleteStoredDeck, getItem, getStoredDeck, listStoredDecks, nextStudyItem, recordReview, saveDeck, StoreError, syncDeckItems } from '../../../src/store';
import { setSuspended } from '../../../src/store/hold';
import { deleteDraft, getDraft, saveDraft } from '../../../src/store/drafts';
import { listQuizzes, saveQuiz } from '../../../src/store/quizzes';
import { deckOf, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

describe('stored decks, drafts and quizzes', () => {
  it('keeps decks by id and keeps progress when a deck is deleted', async () => {
    const deck = deckOf('mine', 2);
    await saveDeck(deck, 'imported', T0);
    await saveDeck({ ...deck, version: 2 }, 'imported', T0 + 1);
    expect(await getStoredDeck('mine')).toEqual({ deck: { ...deck, version: 2 }, origin: 'imported', updated: T0 + 1 });
    await syncDeckItems(deck, T0);
    await recordReview({ itemId: 'mine/card-1', grade: 4, mode: 'study', at: T0, durationMs: 1 });
    await deleteStoredDeck('mine');
    expect(await listStoredDecks()).toEqual([]);
    expect((await getItem('mine/card-1'))!.state).toBe(2);
  });

  it('saves, reads and deletes drafts', async () => {
    expect(await getDraft('x')).toBeUndefined();
    await saveDraft('x', { cards: [1, 2] });
    expect(await getDraft('x')).toEqual({ cards: [1, 2] });
    await deleteDraft('x');
    expect(await getDraft('x')).toBeUndefined();
  });

  it('lists quizzes oldest first, per deck or all', async () => {
    const quiz = (deckId: string, at: number) => ({ deckId, at, durationMs: 1, score: 1, total: 2, missed: [], byKeyPoint: {} });
    const a2 = await saveQuiz(quiz('a', T0 + 2));
    const a1 = await saveQuiz(quiz('a', T0 + 1));
    const b = await saveQuiz({ ...quiz('b', T0), id: 99 });
    expect((await listQuizzes('a')).map((q) => q.id)).toEqual([a1, a2]);
    expect((await listQuizzes()).map((q) => q.id)).toEqual([b, a1, a2]);
    expect(b).not.toBe(99);
  });
});

describe('several decks in one session', () => {
  it('takes new cards deck by deck, applies each deck its own limit, and counts both', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await syncDeckItems(deckOf('b', 2), T0);
    const first = await nextStudyItem({ deckIds: ['b', 'a'] }, T0);
    expect(first.item?.id).toBe('b/card-1');
    if (first.item) expect(first.remaining).toEqual({ new: 3, learning: 0, review: 0 });
    expect(await deckCounts(['a', 'b'], T0)).toMatchObject({ a: { new: 1 }, b: { new: 2 } });
  });
});

describe('suspending', () => {
  it('refuses an unknown item and changes nothing', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    const failure = await setSuspended(['a/card-1', 'a/ghost'], true, T0).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toMatch(/"a\/ghost"/);
    expect((await getItem('a/card-1'))!.suspended).toBe(false);
  });
});
