import {
  closeStore,
  deckCounts,
  getItem,
  getItems,
  nextStudyItem,
  recordReview,
  syncDeckItems,
  updateSettings,
} from '../../../src/store';
import { buryCard, setSuspended } from '../../../src/store/hold';
import { itemHistory } from '../../../src/store/log';
import type { Grade } from '../../../src/srs/types';
import { QUEUE } from '../../../src/srs/queue';
import { at, DAY, deckOf, MIN, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

/** Studies the scope until nothing is left, answering with `grade`; returns the ids shown. */
async function studyAll(scope: { deckIds: string[]; itemIds?: string[] }, now: number, grade: Grade = 3, max = 500): Promise<string[]> {
  const shown: string[] = [];
  for (let i = 0; i < max; i++) {
    const next = await nextStudyItem(scope, now);
    if (!next.item) return shown;
    shown.push(next.item.id);
    await recordReview({ itemId: next.item.id, grade, mode: 'study', at: now, durationMs: 4000 });
  }
  throw new Error('study never ended');
}

describe('counts and daily limits', () => {
  it('counts new items within the new-card limit', async () => {
    await syncDeckItems(deckOf('a', 30), T0);
    const counts = await deckCounts(['a', 'missing'], T0);
    expect(counts.a).toEqual({ due: 0, new: 20, learning: 0, started: true, lastStudied: null });
    expect(counts.missing).toEqual({ due: 0, new: 0, learning: 0, started: false, lastStudied: null });
  });

  it('calls a deck started once it has items of its own that are not orphaned', async () => {
    // Decks whose ids begin like "a" have items; "a" has none.
    await Promise.all([syncDeckItems(deckOf('a-b', 1), T0), syncDeckItems(deckOf('a0', 1), T0), syncDeckItems(deckOf('ab', 2), T0)]);
    // Every card of "ab" is gone: its items are orphaned, kept for their history.
    await syncDeckItems({ ...deckOf('ab', 2), cards: [] }, T0 + MIN);
    expect((await getItems('ab')).map((i) => i.queue)).toEqual([QUEUE.orphaned, QUEUE.orphaned]);
    const counts = await deckCounts(['a', 'a-b', 'a0', 'ab'], T0 + MIN);
    expect(Object.values(counts).map((c) => c.started)).toEqual([false, true, true, false]);
    await syncDeckItems(deckOf('ab', 1), T0 + 2 * MIN);
    expect((await deckCounts(['ab'], T0 + 2 * MIN)).ab!.started).toBe(true);
  });

  it('introduces at most newPerDay new cards, in deck order, and a new day brings more', async () => {
    await updateSettings({ newPerDay: 5 });
    await syncDeckItems(deckOf('a', 8), T0);
    const shown = await studyAll({ deckIds: ['a'] }, T0, 4);
    expect(shown).toEqual(['a/card-1', 'a/card-2', 'a/card-3', 'a/card-4', 'a/card-5']);
    expect((await deckCounts(['a'], T0)).a).toMatchObject({ new: 0, started: true, lastStudied: T0 });
    const done = await nextStudyItem({ deckIds: ['a'] }, T0);
    expect(done).toEqual({ item: null, nextDue: at(11, 4) });
    // 3:59 the next morning is still the same study day; 4:00 is a new one.
    expect((await deckCounts(['a'], at(11, 3, 59))).a!.new).toBe(0);
    expect((await deckCounts(['a'], at(11, 4))).a!.new).toBe(3);
  });

  it('counts reviews due today within the review limit, from the review log', async () => {
    await updateSettings({ reviewsPerDay: 2 });
    await syncDeckItems(deckOf('a', 4), T0);
    await studyAll({ deckIds: ['a'] }, T0, 4); // all four graduate with Easy
    const items = await getItems('a');
    const later = Math.max(...items.map((i) => i.due)) + 1;
    expect(items.map((i) => i.queue)).toEqual([QUEUE.review, QUEUE.review, QUEUE.review, QUEUE.review]);
    const counts = (await deckCounts(['a'], later)).a!;
    expect(counts.due).toBe(2);
    const reviewed = await studyAll({ deckIds: ['a'] }, later, 3);
    expect(reviewed).toHaveLength(2);
    expect((await deckCounts(['a'], later)).a!.due).toBe(0);
  });

  it('counts a review due later today as due (the day, not the minute, is what counts)', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await recordReview({ itemId: 'a/card-1', grade: 4, mode: 'study', at: T0, durationMs: 1 });
    const item = (await getItem('a/card-1'))!;
    const morning = studyDayStartOf(item.due);
    expect((await deckCounts(['a'], morning)).a!.due).toBe(item.due >= morning ? 1 : 0);
    expect((await deckCounts(['a'], morning - 1)).a!.due).toBe(0);
  });
});

function studyDayStartOf(t: number): number {
  const d = new Date(t);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate(), 4).getTime();
  return start <= t ? start : new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, 4).getTime();
}

describe('session queue', () => {
  it('passes over every item of an excluded card, however many it has, without opening a cursor', async () => {
    // Six cloze deletions of the card on screen come first in the deck; the next card is after them.
    await syncDeckItems(
      deckOf('a', 0, [
        { id: 'gaps', type: 'cloze', text: '{{c1::a}} {{c2::b}} {{c3::c}} {{c4::d}} {{c5::e}} {{c6::f}}' },
        { id: 'next', type: 'basic', front: 'F', back: 'B' },
      ]),
      T0,
    );
    // A cursor stays open until it is garbage collected: the session's queries never open one.
    const cursors = [vi.spyOn(IDBIndex.prototype, 'openCursor'), vi.spyOn(IDBObjectStore.prototype, 'openCursor')];
    const next = await nextStudyItem({ deckIds: ['a'] }, T0, { excludeCards: ['a/gaps'] });
    expect(next.item?.id).toBe('a/next');
    expect(cursors.map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
    expect((await nextStudyItem({ deckIds: ['a'] }, T0)).item?.id).toBe('a/gaps#c1');
  });

  it('shows learning cards when due, before new ones, and learns ahead only at the end', async () => {
    await syncDeckItems(deckOf('a', 2), T0);
    let next = await nextStudyItem({ deckIds: ['a'] }, T0);
    expect(next.item?.id).toBe('a/card-1');
    await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 }); // due in 10 min
    next = await nextStudyItem({ deckIds: ['a'] }, T0 + MIN);
    expect(next.item?.id).toBe('a/card-2');
    if (next.item) expect(next.remaining).toEqual({ new: 1, learning: 0, review: 0 });
    // At +11 min card-1 is due again and comes first.
    expect((await nextStudyItem({ deckIds: ['a'] }, T0 + 11 * MIN)).item?.id).toBe('a/card-1');
    await recordReview({ itemId: 'a/card-2', grade: 3, mode: 'study', at: T0 + MIN, durationMs: 1 }); // due at +11
    // Nothing new left: learning cards due within 20 minutes are shown early (learn-ahead), and
    // the card on screen counts as one left.
    const ahead = await nextStudyItem({ deckIds: ['a'] }, T0 + 2 * MIN);
    expect(ahead.item?.id).toBe('a/card-1');
    if (ahead.item) expect(ahead.remaining).toEqual({ new: 0, learning: 1, review: 0 });
    const focused = await nextStudyItem({ deckIds: ['a'], itemIds: ['a/card-1'] }, T0 + 2 * MIN);
    expect(focused.item?.id).toBe('a/card-1');
    if (focused.item) expect(focused.remaining).toEqual({ new: 0, learning: 1, review: 0 });
  });

  it('says when the next card is due once nothing is left, even past the learn-ahead window', async () => {
    await updateSettings({ learningSteps: ['1h'] });
    await syncDeckItems(deckOf('a', 1), T0);
    await recordReview({ itemId: 'a/card-1', grade: 1, mode: 'study', at: T0, durationMs: 1 });
    const item = (await getItem('a/card-1'))!;
    expect(item.due).toBe(T0 + 60 * MIN);
    expect(await nextStudyItem({ deckIds: ['a'] }, T0)).toEqual({ item: null, nextDue: T0 + 60 * MIN });
    expect((await nextStudyItem({ deckIds: ['a'] }, T0 + 41 * MIN)).item?.id).toBe('a/card-1');
  });

  it('interleaves reviews and new cards', async () => {
    await syncDeckItems(deckOf('a', 4), T0);
    await studyAll({ deckIds: ['a'] }, T0, 4); // 4 reviews for later
    await syncDeckItems(deckOf('a', 8), T0); // 4 more new cards
    const items = await getItems('a');
    const later = Math.max(...items.filter((i) => i.state === 2).map((i) => i.due)) + 1;
    const shown = await studyAll({ deckIds: ['a'] }, later, 4);
    const kinds = shown.map((id) => (Number(id.split('-')[1]) > 4 ? 'N' : 'R')).join('');
    expect(kinds).toBe('RNRNRNRN');
  });

  it('buries siblings for the day and skips suspended items', async () => {
    await syncDeckItems(
      deckOf('a', 0, [
        { id: 'rev', type: 'basic', front: 'F', back: 'B', reverse: true },
        { id: 'gap', type: 'cloze', text: '{{c1::one}} and {{c2::two}}' },
        { id: 'other', type: 'truefalse', statement: 'S', answer: true },
      ]),
      T0,
    );
    await setSuspended(['a/other'], true, T0);
    const shown = await studyAll({ deckIds: ['a'] }, T0, 4);
    expect(shown).toEqual(['a/rev', 'a/gap#c1']);
    const counts = (await deckCounts(['a'], T0)).a!;
    expect(counts).toMatchObject({ new: 0, started: true });
    const items = await getItems('a');
    expect(items).toHaveLength(5);
    expect(items.filter((i) => i.queue === QUEUE.suspended).map((i) => i.id)).toEqual(['a/other']);
    expect((await getItem('a/rev#reverse'))!.buriedUntil).toBe(at(11, 4));
    // Next study day the buried siblings come back.
    const tomorrow = await studyAll({ deckIds: ['a'] }, at(11, 4, 1), 4);
    expect(tomorrow).toEqual(['a/rev#reverse', 'a/gap#c2']);
    await setSuspended(['a/other'], false, T0);
    expect((await deckCounts(['a'], at(11, 4, 1))).a!.new).toBe(1);
  });

  it('buries a whole card on request', async () => {
    await syncDeckItems(deckOf('a', 2), T0);
    await buryCard('a', 'card-1', T0);
    expect((await nextStudyItem({ deckIds: ['a'] }, T0)).item?.id).toBe('a/card-2');
    expect((await deckCounts(['a'], T0)).a!.new).toBe(1);
    expect((await deckCounts(['a'], at(11, 4))).a!.new).toBe(2);
  });

  it('a day start moved earlier brings buried cards back at the new hour, though the pile was checked today', async () => {
    await syncDeckItems(deckOf('a', 2), T0);
    // This tab checks the buried pile now, and would not look again before tomorrow 4 am…
    expect((await nextStudyItem({ deckIds: ['a'] }, T0)).item?.id).toBe('a/card-1');
    await updateSettings({ dayStartHour: 2 });
    await buryCard('a', 'card-1', T0);
    expect((await getItem('a/card-1'))!.buriedUntil).toBe(at(11, 2));
    // …but the day now starts at 2 am: by 3 am the card is back.
    expect((await nextStudyItem({ deckIds: ['a'] }, at(11, 3))).item?.id).toBe('a/card-1');
  });

  it('a buried item answered anyway follows its new schedule', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await buryCard('a', 'card-1', T0);
    const { item } = await recordReview({ itemId: 'a/card-1', grade: 1, mode: 'study', at: T0, durationMs: 1 });
    expect(item.buriedUntil).toBe(0);
    expect((await nextStudyItem({ deckIds: ['a'] }, T0 + MIN)).item?.id).toBe('a/card-1');
  });

  it('tags and suspends a leech at 8 lapses and reports it once', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    let now = T0;
    await recordReview({ itemId: 'a/card-1', grade: 4, mode: 'study', at: now, durationMs: 1 });
    const leech: boolean[] = [];
    for (let lapse = 0; lapse < 8; lapse++) {
      now = (await getItem('a/card-1'))!.due;
      leech.push((await recordReview({ itemId: 'a/card-1', grade: 1, mode: 'study', at: now, durationMs: 1 })).becameLeech);
      if (lapse < 7) {
        now = (await getItem('a/card-1'))!.due;
        await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: now, durationMs: 1 });
      }
    }
    expect(leech).toEqual([false, false, false, false, false, false, false, true]);
    const item = (await getItem('a/card-1'))!;
    expect(item).toMatchObject({ leech: true, suspended: true });
    expect(await nextStudyItem({ deckIds: ['a'] }, now + DAY)).toEqual({ item: null, nextDue: null });
    expect(item.queue).toBe(QUEUE.suspended);
  });

  it('studies only the given items, without limits, each once a day', async () => {
    await updateSettings({ newPerDay: 1 });
    await syncDeckItems(deckOf('a', 5), T0);
    const scope = { deckIds: ['a'], itemIds: ['a/card-4', 'a/card-2', 'a/nope'] };
    const first = await nextStudyItem(scope, T0);
    expect(first.item?.id).toBe('a/card-4');
    if (first.item) expect(first.remaining).toEqual({ new: 2, learning: 0, review: 0 });
    const shown = await studyAll(scope, T0, 4);
    expect(shown).toEqual(['a/card-4', 'a/card-2']);
    // A missed card (Again) stays in the list while its learning step is near.
    await setSuspended(['a/card-2'], true, T0);
    const missed = { deckIds: ['a'], itemIds: ['a/card-5', 'a/card-2'] };
    for (const grade of [1, 1, 3] as Grade[]) {
      const next = await nextStudyItem(missed, T0);
      expect(next.item?.id).toBe('a/card-5');
      await recordReview({ itemId: 'a/card-5', grade, mode: 'study', at: T0, durationMs: 1 });
    }
    // Good moved it to its 10 minute step: still within learn-ahead, then Good graduates it.
    expect((await nextStudyItem(missed, T0)).item?.id).toBe('a/card-5');
    await recordReview({ itemId: 'a/card-5', grade: 3, mode: 'study', at: T0 + 10 * MIN, durationMs: 1 });
    expect(await nextStudyItem(missed, T0 + 10 * MIN)).toEqual({ item: null, nextDue: null });
  });
});

describe('progress survives deck edits', () => {
  it('keeps edited cards, orphans removed ones with history, restores returning ones, adds new ones as new', async () => {
    const deck = deckOf('a', 3);
    await syncDeckItems(deck, T0);
    await recordReview({ itemId: 'a/card-1', grade: 4, mode: 'study', at: T0, durationMs: 1 });
    await recordReview({ itemId: 'a/card-2', grade: 4, mode: 'study', at: T0, durationMs: 1 });
    const card2 = (await getItem('a/card-2'))!;

    const edited = { ...deck, cards: [{ ...deck.cards[0]!, front: 'New wording' }, deck.cards[2]!, { id: 'card-9', type: 'basic' as const, front: 'x', back: 'y' }] };
    await syncDeckItems(edited, T0 + MIN);
    expect((await getItem('a/card-1'))!.state).toBe(2);
    expect((await getItem('a/card-2'))!.orphaned).toBe(true);
    expect(await itemHistory('a/card-2')).toHaveLength(1);
    expect((await getItem('a/card-9'))!.state).toBe(0);
    expect((await deckCounts(['a'], T0 + MIN)).a).toMatchObject({ started: true, new: 2 });
    expect((await getItems('a')).filter((i) => i.queue !== QUEUE.orphaned)).toHaveLength(3);

    await syncDeckItems(deck, T0 + 2 * MIN);
    const back = (await getItem('a/card-2'))!;
    expect(back.orphaned).toBe(false);
    expect(back.fsrs).toEqual(card2.fsrs);
    expect(back.queue).toBe(card2.queue);
    expect(await itemHistory('a/card-2')).toHaveLength(1);
    expect((await getItem('a/card-9'))!.orphaned).toBe(true);
  });
});
