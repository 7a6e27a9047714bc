import { closeStore, getItem, getSettings, listStoredDecks, recordReview, reviewCount, saveDeck, syncDeckItems, updateSettings } from '../../../src/store';
import { exportBackup, importBackup, resetProgress } from '../../../src/store/replace';
import { itemHistory } from '../../../src/store/log';
import { getDraft, saveDraft } from '../../../src/store/drafts';
import { listQuizzes, saveQuiz } from '../../../src/store/quizzes';
import { deckOf, MIN, T0 } from './fixtures';
import { backupText, v1Of } from './backup-files';

beforeEach(async () => {
  await closeStore();
});

async function seed() {
  const deck = deckOf('mine', 3);
  await saveDeck(deck, 'authored', T0);
  await syncDeckItems(deck, T0);
  await recordReview({ itemId: 'mine/card-1', grade: 3, mode: 'study', at: T0, durationMs: 3000 });
  await recordReview({ itemId: 'mine/card-1', grade: 4, mode: 'study', at: T0 + 10 * MIN, durationMs: 2000 });
  await recordReview({ itemId: 'mine/card-2', grade: 1, mode: 'quiz', at: T0 + 11 * MIN, durationMs: 1000, correct: false });
  await saveQuiz({ deckId: 'mine', at: T0 + 12 * MIN, durationMs: 60_000, score: 2, total: 3, missed: ['mine/card-2'], byKeyPoint: {} });
  await updateSettings({ newPerDay: 7, dayStartHour: 3 });
  await saveDraft('author:deck:mine', { deck: { ...deck, title: 'half a deck' }, at: T0 }, T0);
  return deck;
}

describe('backup', () => {
  it('round-trips everything the learner owns', async () => {
    await seed();
    const text = await exportBackup(T0 + DAYMS);
    expect(JSON.parse((await backupText(text)).split('\n')[0]!)).toMatchObject({ format: 'briefdeck-backup', version: 3, exportedAt: T0 + DAYMS });
    const item = await getItem('mine/card-1');
    const history = await itemHistory('mine/card-1');

    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    const result = await importBackup(text, T0 + DAYMS);
    expect(result).toEqual({ ok: true, counts: { items: 3, cards: 3, reviews: 3, decks: 1, quizzes: 1, drafts: 1 } });
    expect(await getItem('mine/card-1')).toEqual(item);
    expect(await itemHistory('mine/card-1')).toEqual(history);
    expect((await getSettings()).newPerDay).toBe(7);
    expect((await listStoredDecks()).map((d) => d.deck.id)).toEqual(['mine']);
    expect(await listQuizzes('mine')).toHaveLength(1);
    expect(await getDraft('author:deck:mine')).toMatchObject({ deck: { id: 'mine', title: 'half a deck' }, at: T0 });
    // The log continues after the imported entries.
    const next = await recordReview({ itemId: 'mine/card-3', grade: 3, mode: 'study', at: T0 + DAYMS, durationMs: 1 });
    expect(next.review.id).toBe(4);
    expect(await backupText(await exportBackup(T0 + DAYMS))).not.toBe(await backupText(text));
  });

  it('counts a restored card once however many parts it has', async () => {
    await syncDeckItems(deckOf('gaps', 1, [{ id: 'three', type: 'cloze', text: '{{c1::a}} {{c2::b}} {{c3::c}}' }]), T0);
    const text = await exportBackup(T0);
    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    expect(await importBackup(text, T0)).toMatchObject({ ok: true, counts: { items: 4, cards: 2 } });
  });

  it('exports collections larger than one page of records', async () => {
    await syncDeckItems(deckOf('big', 4500), T0);
    const backup = await v1Of(await exportBackup(T0), T0);
    expect(backup.items).toHaveLength(4500);
    expect(new Set(backup.items.map((i: { id: string }) => i.id)).size).toBe(4500);
  });

  it('replaces what was there', async () => {
    await seed();
    const text = await exportBackup(T0);
    await saveDeck(deckOf('other', 1), 'imported', T0);
    await syncDeckItems(deckOf('other', 1), T0);
    expect(await importBackup(text, T0)).toMatchObject({ ok: true });
    expect(await getItem('other/card-1')).toBeUndefined();
    expect((await listStoredDecks()).map((d) => d.deck.id)).toEqual(['mine']);
  });

  const refusals: [string, (b: any) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": "briefdeck-backup", "items": [', /not valid JSON/],
    ['a foreign file', () => JSON.stringify({ hello: 'world' }), /not a Briefdeck backup/],
    ['a deck file', (b) => JSON.stringify(b.decks[0].deck), /not a Briefdeck backup/],
    ['a newer backup', (b) => JSON.stringify({ ...b, version: 4 }), /newer Briefdeck/],
    ['a backup version no Briefdeck wrote', (b) => JSON.stringify({ ...b, version: 0.5 }), /unknown version \(0\.5\)/],
    ['a backup without a version', (b) => JSON.stringify({ ...b, version: undefined }), /unknown version \(none\): Briefdeck numbers its backups 1, 2, 3/],
    ['a bad item', (b) => JSON.stringify({ ...b, items: b.items.map((i: any, n: number) => (n === 2 ? { ...i, fsrs: { ...i.fsrs, due: 'soon' } } : i)) }), /items\[2\]\.fsrs\.due: must be a time/],
    ['a review time no date can hold', (b) => JSON.stringify({ ...b, reviews: [{ ...b.reviews[0], at: 1e300 }, ...b.reviews.slice(1)] }), /reviews\[0\]\.at: must be a time a date can hold/],
    ['a bad grade', (b) => JSON.stringify({ ...b, reviews: [{ ...b.reviews[0], grade: 7 }, ...b.reviews.slice(1)] }), /reviews\[0\]\.grade: must be 1, 2, 3 or 4/],
    ['a review whose item id names no deck and card', (b) => JSON.stringify({ ...b, reviews: [{ ...b.reviews[0], itemId: ' ' }, ...b.reviews.slice(1)] }), /reviews\[0\]\.itemId: " " is not a review item id \(deckId\/cardId\)/],
    ['an item and its review whose id names no deck and card', (b) => JSON.stringify({ ...b, items: [{ ...b.items[0], id: ' ' }, ...b.items.slice(1)], reviews: [{ ...b.reviews[0], itemId: ' ' }, ...b.reviews.slice(1)] }), /reviews\[0\]\.itemId: " " is not a review item id/],
    ['a review of a missing item', (b) => JSON.stringify({ ...b, items: b.items.slice(1) }), /reviews\[0\]\.itemId: refers to "mine\/card-1"/],
    ['an invalid stored deck', (b) => JSON.stringify({ ...b, decks: [{ ...b.decks[0], deck: { ...b.decks[0].deck, cards: [{ id: 'x', type: 'mcq', question: 'Q', choices: ['one'], answer: 0 }] } }] }), /decks\[0\]\.deck\.cards\[0\]\.choices: needs at least 2 choices/],
    ['bad settings', (b) => JSON.stringify({ ...b, settings: { ...b.settings, desiredRetention: 2 } }), /settings\.desiredRetention: must be a number from 0\.7 to 0\.97/],
    ['damaged FSRS parameters', (b) => JSON.stringify({ ...b, settings: { ...b.settings, parameters: { mine: [0.2, 1.2] } } }), /settings\.parameters\.mine: must be a list of 21 numbers/],
    ['a mismatched item id', (b) => JSON.stringify({ ...b, items: [{ ...b.items[0], cardId: 'card-9' }, ...b.items.slice(1)] }), /items\[0\]\.id: "mine\/card-1" does not match/],
    ['a stability of 1e308', (b) => JSON.stringify({ ...b, items: [{ ...b.items[0], fsrs: { ...b.items[0].fsrs, stability: 1e308 } }, ...b.items.slice(1)] }), /items\[0\]\.fsrs\.stability: must be at most 36500/],
    ['a difficulty past 10', (b) => JSON.stringify({ ...b, reviews: [{ ...b.reviews[0], after: { ...b.reviews[0].after, difficulty: 11 } }, ...b.reviews.slice(1)] }), /reviews\[0\]\.after\.difficulty: must be at most 10/],
    ['an interval past 36,500 days', (b) => JSON.stringify({ ...b, items: [{ ...b.items[0], fsrs: { ...b.items[0].fsrs, scheduled_days: 1e9 } }, ...b.items.slice(1)] }), /items\[0\]\.fsrs\.scheduled_days: must be at most 36500/],
    ['a negative answer time', (b) => JSON.stringify({ ...b, reviews: [{ ...b.reviews[0], durationMs: -5 }, ...b.reviews.slice(1)] }), /reviews\[0\]\.durationMs: must be 0 or more/],
    ['backup version 0', (b) => JSON.stringify({ ...b, version: 0 }), /unknown version \(0\): Briefdeck numbers its backups 1, 2, 3/],
    ['backup version -1', (b) => JSON.stringify({ ...b, version: -1 }), /unknown version \(-1\): Briefdeck numbers its backups 1, 2, 3/],
    ['backup version 0.5', (b) => JSON.stringify({ ...b, version: 0.5 }), /unknown version \(0\.5\): Briefdeck numbers its backups 1, 2, 3/],
    ['backup version "1" (text, not a number)', (b) => JSON.stringify({ ...b, version: '1' }), /unknown version \("1"\): Briefdeck numbers its backups 1, 2, 3/],
    ['a review that contradicts its item', (b) => JSON.stringify({ ...b, reviews: [{ ...b.reviews[0], deckId: 'other' }, ...b.reviews.slice(1)] }), /reviews\[0\]\.deckId: "other" is not the deck of its item "mine\/card-1"/],
    ['a review whose before is another item', (b) => JSON.stringify({ ...b, reviews: [{ ...b.reviews[0], before: b.items[1] }, ...b.reviews.slice(1)] }), /reviews\[0\]\.before\.id: "mine\/card-2" is not the review's item "mine\/card-1"/],
    ['a draft the editor cannot open', (b) => JSON.stringify({ ...b, drafts: [{ key: 'author:deck:mine', value: { deck: { id: 'mine', title: 'T', cards: 'many' }, at: T0 }, updated: T0 }] }), /drafts\[0\]\.value\.deck\.cards: must be a list of at most 5000 cards/],
    ['a draft card of no known type', (b) => JSON.stringify({ ...b, drafts: [{ key: 'author:deck:mine', value: { deck: { id: 'mine', title: 'T', cards: [{ id: 'a', type: 'constructor' }] }, at: T0 }, updated: T0 }] }), /drafts\[0\]\.value\.deck\.cards\[0\]: must be a card with an id and a type/],
    ['a draft for another deck', (b) => JSON.stringify({ ...b, drafts: [{ key: 'author:deck:mine', value: { deck: { id: 'yours', title: 'T', cards: [] }, at: T0 }, updated: T0 }] }), /drafts\[0\]\.value\.deck\.id: must be "mine"/],
    ['a draft Briefdeck does not keep', (b) => JSON.stringify({ ...b, drafts: [{ key: 'elsewhere', value: 1, updated: T0 }] }), /drafts\[0\]\.key: is not a draft Briefdeck keeps/],
    ['nesting no backup has', (b) => JSON.stringify({ ...b, quizzes: [] }).replace('"quizzes":[]', `"quizzes":[${'['.repeat(5000)}${']'.repeat(5000)}]`), /nests lists and objects more than 32 levels deep/],
  ];

  it.each(refusals)('refuses %s with a reason and changes nothing', async (_name, corrupt, reason) => {
    await seed();
    const good = await v1Of(await exportBackup(T0), T0);
    await updateSettings({ newPerDay: 9 });
    const before = await backupText(await exportBackup(T0));
    const result = await importBackup(String(corrupt(good)), T0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(reason);
      expect(result.error).toMatch(/[Nn]othing was changed/);
    }
    expect(await backupText(await exportBackup(T0))).toBe(before);
  });

  /**
   * Imports a good backup while `refuse` makes one `put` throw as a full disk would: the import is
   * refused with the reason, nothing changes, and no write already issued surfaces unheard.
   */
  async function importRefusedAt(refuse: (store: IDBObjectStore, args: unknown[], n: number) => boolean): Promise<number> {
    await seed();
    const text = await exportBackup(T0);
    await updateSettings({ newPerDay: 9 });
    const before = await backupText(await exportBackup(T0));
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (refuse(this, args, ++puts)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const unheard: unknown[] = [];
    const listen = (reason: unknown) => unheard.push(reason);
    process.on('unhandledRejection', listen);
    try {
      const result = await importBackup(text, T0);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/nothing was changed: This device has no room left/);
      spy.mockRestore();
      expect(await backupText(await exportBackup(T0))).toBe(before);
      // The aborted writes' rejections have had their turn to surface.
      await new Promise((r) => setTimeout(r, 20));
      expect(unheard).toEqual([]);
      return puts;
    } finally {
      spy.mockRestore();
      process.off('unhandledRejection', listen);
    }
  }

  it('a write failing half-way through an import changes nothing', async () => {
    expect(await importRefusedAt((_store, _args, n) => n === 4)).toBeGreaterThanOrEqual(4);
  });

  it('replaces in one transaction of relaxed durability, answers never so', async () => {
    await seed();
    const text = await exportBackup(T0);
    const realTransaction = IDBDatabase.prototype.transaction;
    const opened: { stores: string[]; options?: IDBTransactionOptions }[] = [];
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, stores, mode, options) {
      if (mode === 'readwrite') opened.push({ stores: typeof stores === 'string' ? [stores] : [...stores], options });
      return realTransaction.call(this, stores, mode, options);
    });
    try {
      expect(await importBackup(text, T0)).toMatchObject({ ok: true });
      await recordReview({ itemId: 'mine/card-3', grade: 3, mode: 'study', at: T0 + DAYMS, durationMs: 1 });
    } finally {
      spy.mockRestore();
    }
    const replacing = opened.filter((t) => t.stores.includes('reviews') && t.stores.includes('settings') && t.stores.includes('drafts'));
    expect(replacing).toEqual([expect.objectContaining({ options: { durability: 'relaxed' } })]);
    const answer = opened.at(-1)!;
    expect(answer.stores).toContain('reviews');
    expect(answer.options?.durability).toBeUndefined();
  });

  it('a write refused while the day counts are rebuilt changes nothing and leaves no write unheard', async () => {
    // The first count written after the day records: those before it are already on their way.
    await importRefusedAt((store, args) => store.name === 'meta' && args[1] === 'aggregates:unsound');
  });

  it('reset forgets progress but keeps decks, drafts and settings', async () => {
    const deck = await seed();
    await resetProgress();
    expect(await reviewCount()).toBe(0);
    expect(await getItem('mine/card-1')).toBeUndefined();
    expect(await listQuizzes()).toEqual([]);
    expect((await getSettings()).newPerDay).toBe(7);
    expect(await listStoredDecks()).toHaveLength(1);
    await syncDeckItems(deck, T0);
    expect((await getItem('mine/card-1'))!.state).toBe(0);
  });
});

const DAYMS = 24 * 60 * MIN;
