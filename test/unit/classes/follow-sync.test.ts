/** The joined classes' decks are refreshed after each sync pass, one refresh at a time. */
import { vi } from 'vitest';
import { SYNCED_EVENT } from '../../../src/sync/status';

const refresh = vi.hoisted(() => vi.fn());
vi.mock('../../../src/classes/joined', () => ({ refreshJoinedClasses: refresh }));

test('a pass that reached the server fetches the classes’ newest decks; passes during a refresh do not pile up', async () => {
  let finish!: () => void;
  refresh.mockImplementation(() => new Promise<void>((done) => (finish = done)));
  await import('../../../src/classes/follow-sync');
  expect(refresh).not.toHaveBeenCalled();
  dispatchEvent(new Event(SYNCED_EVENT));
  dispatchEvent(new Event(SYNCED_EVENT));
  expect(refresh).toHaveBeenCalledTimes(1);
  finish();
  await vi.waitFor(async () => {
    dispatchEvent(new Event(SYNCED_EVENT));
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
