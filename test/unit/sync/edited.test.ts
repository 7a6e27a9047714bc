// @vitest-environment node
/**
 * Decks and settings through the sync engine against a real local server, with the store on fake
 * IndexedDB: a learner's own decks and synced settings reach their database (a class's decks and
 * device-only settings do not), another device's edits reach the store with progress kept by card
 * id, a deletion is a tombstone both ways, and a deck edited on two devices shows the latest edit,
 * lists the conflict, settles on the version chosen and keeps the other, restorable.
 */
import type { Doc } from 'pouchdb-browser';
import { describe, expect, it } from 'vitest';
import { deleteStoredDeck, getItem, getSettings, getStoredDeck, recordReview, saveDeck, syncDeckItems, updateSettings } from '../../../src/store';
import { installClassDecks } from '../../../src/classes/joined';
import type { Deck } from '../../../src/deck/schema';
import { chooseVersion, editConflicts, keptVersions, restoreVersion } from '../../../src/sync/versions';
import { deckOf, MIN, T0 } from '../store/fixtures';
import { engineTests } from './engine-helpers';

const { learner, engineFor, otherDevice } = engineTests('editor');
const titled = (deck: Deck, title: string): Deck => ({ ...deck, title });

describe('decks and settings as edited documents', () => {
  it("sends the learner's own decks and synced settings, not a class's decks, device-only settings or untouched defaults", async () => {
    const who = await learner();
    await saveDeck(deckOf('mine', 2), 'authored', T0);
    await installClassDecks('bio-7', [{ _id: 'deck:cells', type: 'deck', deck: deckOf('cells', 1), editedAt: T0, device: 'class' }], T0);
    const engine = engineFor(who);
    await engine.syncNow();
    const remote = otherDevice(who);
    const rows = (await remote.allDocs({ include_docs: true })).rows.filter((r) => !r.id.startsWith('_'));
    expect(rows.map((r) => r.id)).toEqual(['deck:mine']);
    expect(rows[0]!.doc).toMatchObject({ type: 'deck', origin: 'authored', editedAt: T0, deck: { id: 'mine', title: 'Deck mine' } });

    await updateSettings({ newPerDay: 7, theme: 'dark' });
    await engine.syncNow();
    const settings = await remote.get('settings');
    expect(settings).toMatchObject({ type: 'settings', settings: { newPerDay: 7 } });
    expect(settings.settings).not.toHaveProperty('theme');
    expect(engine.current.waiting).toBe(0);
    // Nothing changed since: no new revision.
    await engine.syncNow();
    expect((await remote.get('settings'))._rev).toBe(settings._rev);
    expect((await remote.get('deck:mine'))._rev).toBe(rows[0]!.value.rev);
  });

  it("applies another device's deck edit through the deck update path, keeping progress by card id, and its settings", async () => {
    const who = await learner();
    await saveDeck(deckOf('mine', 2), 'authored', T0);
    await syncDeckItems(deckOf('mine', 2), T0);
    await recordReview({ itemId: 'mine/card-1', grade: 3, mode: 'study', at: T0 + MIN, durationMs: 3000 });
    const engine = engineFor(who);
    await engine.syncNow();
    const remote = otherDevice(who);
    const held = await remote.get('deck:mine');
    const edited = titled(deckOf('mine', 3), 'Edited elsewhere');
    await remote.put({ ...held, deck: edited, editedAt: T0 + 5 * MIN, device: 'elsewhere' });
    await remote.put({ _id: 'settings', type: 'settings', settings: { newPerDay: 3, dayStartHour: 6 }, editedAt: T0 + 5 * MIN, device: 'elsewhere' });
    await engine.syncNow();

    const stored = await getStoredDeck('mine');
    expect(stored).toMatchObject({ origin: 'authored', updated: T0 + 5 * MIN, deck: { title: 'Edited elsewhere' } });
    expect((await getItem('mine/card-1'))!.fsrs.reps).toBe(1);
    expect(await getItem('mine/card-3')).toBeDefined();
    expect(await getSettings()).toMatchObject({ newPerDay: 3, dayStartHour: 6 });
    // Applying is not an edit of this device: nothing goes back up.
    const revs = [(await remote.get('deck:mine'))._rev, (await remote.get('settings'))._rev];
    await engine.syncNow();
    expect([(await remote.get('deck:mine'))._rev, (await remote.get('settings'))._rev]).toEqual(revs);
    expect(((await remote.get('deck:mine')) as Doc).device).toBe('elsewhere');
    expect(((await remote.get('settings')) as Doc).device).toBe('elsewhere');
  });

  it('sends a deletion as a tombstone, and takes one from another device (the history stays)', async () => {
    const who = await learner();
    await saveDeck(deckOf('gone', 1), 'imported', T0);
    await saveDeck(deckOf('later', 1), 'imported', T0);
    await syncDeckItems(deckOf('later', 1), T0);
    await recordReview({ itemId: 'later/card-1', grade: 3, mode: 'study', at: T0 + MIN, durationMs: 3000 });
    const engine = engineFor(who);
    await engine.syncNow();
    await deleteStoredDeck('gone');
    await engine.syncNow();
    const remote = otherDevice(who);
    await expect(remote.get('deck:gone')).rejects.toMatchObject({ status: 404 });

    const held = await remote.get('deck:later');
    await remote.bulkDocs([{ _id: held._id, _rev: held._rev, _deleted: true }]);
    await engine.syncNow();
    expect(await getStoredDeck('later')).toBeUndefined();
    expect((await getItem('later/card-1'))!.fsrs.reps).toBe(1);
  });

  it("does not send a deck damaged on this device over other devices' copies, and says so", async () => {
    const who = await learner();
    await saveDeck({ ...deckOf('broken', 1), cards: [] }, 'imported', T0);
    const engine = engineFor(who);
    await engine.syncNow();
    await expect(otherDevice(who).get('deck:broken')).rejects.toMatchObject({ status: 404 });
    expect(engine.current.quarantined).toEqual([{ id: 'deck:broken', reason: expect.stringMatching(/^is damaged on this device and was not sent \(cards/) }]);
  });

  it('quarantines a deck with script in it and applies nothing of it', async () => {
    const who = await learner();
    const remote = otherDevice(who);
    await remote.put({ _id: 'deck:bad', type: 'deck', deck: titled(deckOf('bad', 1), '<script>alert(1)</script>'), editedAt: T0, device: 'x' });
    const engine = engineFor(who);
    await engine.syncNow();
    expect(await getStoredDeck('bad')).toBeUndefined();
    expect(engine.current.quarantined.map((q) => q.reason).join()).toMatch(/script in its text at deck\.title/);
  });

  it('a deck edited on two devices: the latest edit shown, the conflict listed, the chosen one kept everywhere and the other retrievable', async () => {
    const who = await learner();
    await saveDeck(deckOf('shared', 2), 'authored', T0);
    const engine = engineFor(who);
    await engine.syncNow();
    const remote = otherDevice(who);
    // The other device edits it on the first revision, and so does this one, before they meet.
    const base = await remote.get('deck:shared');
    await remote.put({ ...base, deck: titled(deckOf('shared', 2), 'Laptop title'), editedAt: T0 + 10 * MIN, device: 'laptop00' });
    await saveDeck(titled(deckOf('shared', 2), 'Phone title'), 'authored', T0 + 5 * MIN);
    await engine.syncNow();

    expect((await getStoredDeck('shared'))!.deck.title).toBe('Laptop title');
    const device = engine.edited.device();
    const [conflict, ...none] = await editConflicts(engine.local, device);
    expect(none).toEqual([]);
    expect(conflict).toMatchObject({ id: 'deck:shared', title: 'Laptop title', shown: { device: 'laptop00', mine: false, editedAt: T0 + 10 * MIN } });
    expect(conflict!.others).toEqual([expect.objectContaining({ device, mine: true, editedAt: T0 + 5 * MIN })]);
    expect((await remote.get('deck:shared', { conflicts: true }))._conflicts).toHaveLength(1);

    await chooseVersion(engine.local, device, 'deck:shared', conflict!.others[0]!.rev);
    await engine.syncNow();
    expect((await getStoredDeck('shared'))!.deck.title).toBe('Phone title');
    const settled = await remote.get('deck:shared', { conflicts: true });
    expect(settled._conflicts ?? []).toEqual([]);
    expect((settled.deck as Deck).title).toBe('Phone title');
    expect(await editConflicts(engine.local, device)).toEqual([]);
    // The laptop's version is a document of its own, on the server too.
    const kept = await keptVersions(engine.local, device, 'deck:shared');
    expect(kept).toEqual([expect.objectContaining({ title: 'Laptop title', device: 'laptop00', mine: false })]);
    expect(((await remote.get(kept[0]!.id)) as Doc).deck).toMatchObject({ title: 'Laptop title' });

    // Restored: the laptop's version is current again, and the phone's is kept in its turn.
    await restoreVersion(engine.local, device, kept[0]!.id);
    await engine.syncNow();
    expect((await getStoredDeck('shared'))!.deck.title).toBe('Laptop title');
    expect(((await remote.get('deck:shared')) as Doc).deck).toMatchObject({ title: 'Laptop title' });
    expect((await keptVersions(engine.local, device, 'deck:shared')).map((k) => k.title).sort()).toEqual(['Laptop title', 'Phone title']);
  });

  it('two devices that made the same edit are not asked to choose', async () => {
    const who = await learner();
    const remote = otherDevice(who);
    await remote.put({ _id: 'deck:same', type: 'deck', deck: deckOf('same', 1), origin: 'imported', editedAt: T0, device: 'laptop00' });
    await saveDeck(deckOf('same', 1), 'imported', T0 + MIN);
    const engine = engineFor(who);
    await engine.syncNow();
    expect(await editConflicts(engine.local, engine.edited.device())).toEqual([]);
    await engine.syncNow();
    expect((await remote.get('deck:same', { conflicts: true }))._conflicts ?? []).toEqual([]);
  });
});
