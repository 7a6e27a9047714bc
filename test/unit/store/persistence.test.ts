/** Persistent storage: its status, and the one request once there is progress worth keeping. */
import { closeStore, requestPersistence, recordReview, syncDeckItems } from '../../../src/store';
import { storageStatus } from '../../../src/store/storage';
import { deckOf, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('persistent storage', () => {
  it('reports status and asks once there is progress', async () => {
    const persist = vi.fn(async () => true);
    let granted = false;
    vi.stubGlobal('navigator', {
      storage: {
        persist: async () => {
          granted = await persist();
          return granted;
        },
        persisted: async () => granted,
        estimate: async () => ({ usage: 1234, quota: 99999 }),
      },
    });
    expect(await storageStatus()).toEqual({ persisted: false, usage: 1234, quota: 99999, media: { files: 0, bytes: 0 } });
    await syncDeckItems(deckOf('a', 1), T0);
    expect(persist).not.toHaveBeenCalled();
    await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 });
    await vi.waitFor(() => expect(persist).toHaveBeenCalledTimes(1));
    expect(await storageStatus()).toMatchObject({ persisted: true });
    expect(await requestPersistence()).toBe(true);
  });

  it('copes without the storage API', async () => {
    vi.stubGlobal('navigator', {});
    expect(await storageStatus()).toEqual({ persisted: false, usage: null, quota: null, media: { files: 0, bytes: 0 } });
    expect(await requestPersistence()).toBe(false);
  });
});
