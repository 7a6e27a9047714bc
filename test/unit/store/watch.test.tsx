/** A full disk: a database the browser emptied is noticed, and low space is warned about early. */
import { IDBFactory } from 'fake-indexeddb';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { closeStore, recordReview, syncDeckItems } from '../../../src/store';
import { resetProgress } from '../../../src/store/replace';
import { saveDraft } from '../../../src/store/drafts';
import { setSpaceLow } from '../../../src/store/space';
import { emptiedSince, lastCounts, lowSpace } from '../../../src/store/watch';
import { StorageWatch } from '../../../src/ui/StorageWatch';
import { deckOf, T0 } from './fixtures';
import { v1Of } from './backup-files';

afterEach(async () => {
  cleanup();
  await closeStore();
  setSpaceLow(false);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function seed() {
  await syncDeckItems(deckOf('d', 3), T0);
  await recordReview({ itemId: 'd/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1000 });
}

/** The browser deleting the database while Briefdeck was closed. */
async function browserWipes() {
  await closeStore();
  globalThis.indexedDB = new IDBFactory();
}

const estimate = (usage: number, quota: number) => vi.stubGlobal('navigator', { ...navigator, storage: { estimate: async () => ({ usage, quota }) } });

describe('an emptied database', () => {
  test('is noticed on the next start, with the counts that were there; the memory is kept until the learner chooses', async () => {
    await seed();
    expect(await emptiedSince()).toBeNull();
    expect(lastCounts()).toEqual({ items: 3, reviews: 1 });
    await browserWipes();
    expect(await emptiedSince()).toEqual({ items: 3, reviews: 1 });
    expect(await emptiedSince()).toEqual({ items: 3, reviews: 1 });
  });

  test('a reset is the learner’s choice, not a loss', async () => {
    await seed();
    await emptiedSince();
    await resetProgress();
    expect(await emptiedSince()).toBeNull();
  });

  test('the warning names what was lost and points to a backup restore; Start fresh ends it', async () => {
    await seed();
    await emptiedSince();
    await browserWipes();
    estimate(1e6, 1e10);
    render(<StorageWatch />);
    const alert = await screen.findByText(/Briefdeck’s saved progress is gone: this device held 1 answer and 3 review items/);
    expect(alert.querySelector('a')?.getAttribute('href')).toBe('/settings');
    fireEvent.click(screen.getByRole('button', { name: 'Start fresh instead' }));
    await vi.waitFor(() => expect(screen.queryByText(/progress is gone/)).toBeNull());
    expect(lastCounts()).toEqual({ items: 0, reviews: 0 });
  });
});

describe('low space', () => {
  test('is warned about early with a one-tap backup export, and drafts stop while study answers go on', async () => {
    await seed();
    estimate(990 * 1024 * 1024, 1000 * 1024 * 1024);
    expect(await lowSpace()).toBe(10 * 1024 * 1024);
    await expect(saveDraft('author:unsaved', [])).rejects.toThrow(/Draft not saved: this device is nearly out of space/);
    await recordReview({ itemId: 'd/card-2', grade: 3, mode: 'study', at: T0 + 1000, durationMs: 1000 });

    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (created.push(b as Blob), 'blob:backup'));
    render(<StorageWatch />);
    await screen.findByText(/This device is almost out of space: 10 MB left for Briefdeck/);
    fireEvent.click(screen.getByRole('button', { name: 'Export backup' }));
    await screen.findByText(/Backup exported/);
    expect(await v1Of(created[0]!, T0 + 2000)).toMatchObject({ format: 'briefdeck-backup', reviews: [{}, {}] });
  });

  test('plenty of room: no warning, drafts are kept', async () => {
    estimate(1e6, 1e10);
    expect(await lowSpace()).toBeNull();
    await saveDraft('author:unsaved', []);
  });
});
