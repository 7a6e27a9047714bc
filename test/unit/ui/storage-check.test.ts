/** The storage watch's first look: the warnings' code loads only when there is something to say. */
import { IDBFactory } from 'fake-indexeddb';
import { closeStore, recordReview, syncDeckItems } from '../../../src/store';
import { reportDamage, forgetDamage } from '../../../src/store/integrity';
import { setSpaceLow } from '../../../src/store/space';
import { emptiedSince } from '../../../src/store/watch';
import { watchStorage } from '../../../src/ui/storage-check';
import { deckOf, T0 } from '../store/fixtures';

afterEach(async () => {
  await closeStore();
  forgetDamage();
  setSpaceLow(false);
  vi.unstubAllGlobals();
  localStorage.clear();
});

const estimate = (usage: number, quota: number) => vi.stubGlobal('navigator', { ...navigator, storage: { estimate: async () => ({ usage, quota }) } });

/** Lets every pending store read and estimate settle. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

test('plenty of room and a collection as it was: nothing is shown, the counts are remembered', async () => {
  estimate(1e6, 1e10);
  await syncDeckItems(deckOf('d', 3), T0);
  const show = vi.fn();
  const stop = watchStorage(show, 1e9);
  await settle();
  stop();
  expect(show).not.toHaveBeenCalled();
  expect(JSON.parse(localStorage.getItem('briefdeck:last-counts')!)).toEqual({ items: 3, reviews: 0 });
});

test('little room left: the warnings are shown once', async () => {
  estimate(990 * 1024 * 1024, 1000 * 1024 * 1024);
  const show = vi.fn();
  watchStorage(show, 1e9);
  await vi.waitFor(() => expect(show).toHaveBeenCalledTimes(1));
  await settle();
  expect(show).toHaveBeenCalledTimes(1);
});

test('a database the browser emptied since the last start is shown', async () => {
  estimate(1e6, 1e10);
  await syncDeckItems(deckOf('d', 3), T0);
  await recordReview({ itemId: 'd/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1000 });
  await emptiedSince();
  await closeStore();
  globalThis.indexedDB = new IDBFactory();
  const show = vi.fn();
  watchStorage(show, 1e9);
  await vi.waitFor(() => expect(show).toHaveBeenCalledTimes(1));
});

test('a damaged record met before or after the watch starts is shown', async () => {
  estimate(1e6, 1e10);
  const later = vi.fn();
  const stop = watchStorage(later, 1e9);
  reportDamage({ store: 'items', key: 'x', problem: 'is not a review item' });
  expect(later).toHaveBeenCalledTimes(1);
  stop();
  const before = vi.fn();
  watchStorage(before, 1e9);
  expect(before).toHaveBeenCalledTimes(1);
});
