import { afterEach, describe, expect, test, vi } from 'vitest';
import { getDeck, getDeckEntry, listDecks } from '../../../src/library/library';
import { closeStore, saveDeck } from '../../../src/store';
import { mixedDeck, publishDecks, smallDeck } from '../study/fixtures';

afterEach(async () => {
  await closeStore();
  vi.unstubAllGlobals();
});

describe('library', () => {
  test('lists bundled decks in index order, marked bundled', async () => {
    publishDecks([mixedDeck, smallDeck]);
    const entries = await listDecks();
    expect(entries.map((e) => [e.summary.id, e.origin])).toEqual([
      ['chips', 'bundled'],
      ['small', 'bundled'],
    ]);
    expect(entries[0]!.summary).toMatchObject({ title: 'Chip access', cardCount: 5, keyPointCount: 2 });
  });

  test('a stored deck with a bundled id replaces it in place; others follow by title', async () => {
    publishDecks([mixedDeck, smallDeck]);
    await saveDeck({ ...smallDeck, title: 'Small deck, edited', version: 2 }, 'authored');
    await saveDeck({ ...smallDeck, id: 'zeta', title: 'Zeta' }, 'imported');
    await saveDeck({ ...smallDeck, id: 'alpha', title: 'Alpha' }, 'imported');
    const entries = await listDecks();
    expect(entries.map((e) => [e.summary.id, e.origin, e.summary.title])).toEqual([
      ['chips', 'bundled', 'Chip access'],
      ['small', 'authored', 'Small deck, edited'],
      ['alpha', 'imported', 'Alpha'],
      ['zeta', 'imported', 'Zeta'],
    ]);
  });

  test('getDeck prefers the stored copy, falls back to the bundled file, and is null for unknown ids', async () => {
    const fetchMock = publishDecks([mixedDeck, smallDeck]);
    await saveDeck({ ...smallDeck, title: 'Mine' }, 'authored');
    expect((await getDeck('small'))?.title).toBe('Mine');
    expect((await getDeckEntry('chips'))?.origin).toBe('bundled');
    expect((await getDeck('chips'))?.cards).toHaveLength(5);
    expect(await getDeck('nope')).toBeNull();
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toContain('/decks/chips.json');
  });

  test('a failing index is reported, not hidden', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 503 })));
    const { forgetBundledIndex } = await import('../../../src/library/library');
    forgetBundledIndex();
    await expect(listDecks()).rejects.toThrow(/deck list/);
  });
});
