/**
 * Suspend, unsuspend, bury and reset are kept as events for sync to send, in the transaction that
 * makes the change; a reset sets the item back to new with its history kept, without sync; a
 * reset of progress or a restore forgets the events of what they replace.
 */
import { closeStore, getItem, getSettings, recordReview, StoreError, syncDeckItems } from '../../../src/store';
import { buryCard, setSuspended } from '../../../src/store/hold';
import { itemHistory } from '../../../src/store/log';
import { exportBackup, importBackup, resetProgress } from '../../../src/store/replace';
import { resetItems } from '../../../src/store/reset-items';
import { storeImportedProgress } from '../../../src/store/imported-progress';
import { parseItemId } from '../../../src/deck/items';
import { newItem } from '../../../src/srs/scheduler';
import { dropEvents, waitingEvents } from '../../../src/store/synced';
import { nextStudyDayStart } from '../../../src/srs/day';
import { QUEUE } from '../../../src/srs/queue';
import { deckOf, DAY, MIN, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

const events = async () => (await waitingEvents(100)).map((w) => w.event);

describe('item events kept for sync', () => {
  it('keeps a suspension, an unsuspension and a burial of each item, with their times', async () => {
    const deck = deckOf('a', 2, [{ id: 'both', type: 'basic', front: 'F', back: 'B', reverse: true }]);
    await syncDeckItems(deck, T0);
    await setSuspended(['a/card-1'], true, T0 + MIN);
    await setSuspended(['a/card-1'], false, T0 + 2 * MIN);
    await buryCard('a', 'both', T0 + 3 * MIN);
    const until = nextStudyDayStart(T0 + 3 * MIN, (await getSettings()).dayStartHour);
    expect(await events()).toEqual(
      expect.arrayContaining([
        { kind: 'suspend', itemId: 'a/card-1', at: T0 + MIN },
        { kind: 'unsuspend', itemId: 'a/card-1', at: T0 + 2 * MIN },
        { kind: 'bury', itemId: 'a/both', at: T0 + 3 * MIN, until },
        { kind: 'bury', itemId: 'a/both#reverse', at: T0 + 3 * MIN, until },
      ]),
    );
    expect(await events()).toHaveLength(4);
    expect((await getItem('a/both#reverse'))!.queue).toBe(QUEUE.buried);
  });

  it('keeps nothing when the change is refused', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await expect(setSuspended(['a/card-1', 'a/ghost'], true, T0)).rejects.toBeInstanceOf(StoreError);
    await expect(resetItems(['a/card-1', 'a/ghost'], T0)).rejects.toThrow(/no review item "a\/ghost" to reset/);
    expect(await events()).toEqual([]);
  });

  it('forgets the events sync has sent, and only those', async () => {
    await syncDeckItems(deckOf('a', 2), T0);
    await setSuspended(['a/card-1'], true, T0);
    const [sent] = await waitingEvents(100);
    await setSuspended(['a/card-2'], true, T0 + MIN);
    await dropEvents([sent!.key]);
    expect(await events()).toEqual([{ kind: 'suspend', itemId: 'a/card-2', at: T0 + MIN }]);
  });
});

describe('imported progress', () => {
  it("keeps the suspensions and burials a collection brings as events, so sync sends them", async () => {
    const deck = deckOf('a', 3);
    const fresh = (n: number) => newItem(parseItemId(`a/card-${n}`), T0, n);
    const until = T0 + DAY;
    await storeImportedProgress({ decks: [deck], items: [{ ...fresh(1), suspended: true }, { ...fresh(2), buriedUntil: until }, fresh(3)], reviews: [] }, T0);
    expect(await events()).toEqual([
      { kind: 'suspend', itemId: 'a/card-1', at: T0 },
      { kind: 'bury', itemId: 'a/card-2', at: T0, until },
    ]);
  });
});

describe('resetting an item', () => {
  it('sets it back to new at once, history kept, leech tag and burial gone, suspension kept', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 });
    await recordReview({ itemId: 'a/card-1', grade: 1, mode: 'study', at: T0 + DAY, durationMs: 1 });
    await setSuspended(['a/card-1'], true, T0 + DAY + MIN);
    const before = (await getItem('a/card-1'))!;
    expect(before.fsrs.reps).toBe(2);

    await resetItems(['a/card-1'], T0 + 2 * DAY);
    const after = (await getItem('a/card-1'))!;
    expect(after).toMatchObject({ state: 0, due: T0 + 2 * DAY, suspended: true, leech: false, buriedUntil: 0, queue: QUEUE.suspended });
    expect(after.fsrs).toMatchObject({ reps: 0, lapses: 0, state: 0, stability: 0, due: T0 + 2 * DAY });
    expect((await itemHistory('a/card-1')).map((r) => r.at)).toEqual([T0, T0 + DAY]);
    expect(await events()).toContainEqual({ kind: 'reset', itemId: 'a/card-1', at: T0 + 2 * DAY });

    await setSuspended(['a/card-1'], false, T0 + 2 * DAY);
    expect((await getItem('a/card-1'))!.queue).toBe(QUEUE.new);
  });
});

describe('what replaces progress forgets the events of what it replaced', () => {
  it('a reset of all progress and a restore', async () => {
    await syncDeckItems(deckOf('a', 1), T0);
    const backup = await exportBackup(T0);
    await setSuspended(['a/card-1'], true, T0 + MIN);
    await resetProgress();
    expect(await events()).toEqual([]);

    await syncDeckItems(deckOf('a', 1), T0);
    await setSuspended(['a/card-1'], true, T0 + MIN);
    expect(await importBackup(backup, T0 + 2 * MIN)).toMatchObject({ ok: true });
    expect(await events()).toEqual([]);
    expect((await getItem('a/card-1'))!.suspended).toBe(false);
  });
});
