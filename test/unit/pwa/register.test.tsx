/**
 * The update flow from the service worker's news to the learner's click: the plugin's register
 * module is replaced by a spy (no worker in happy-dom), the activity tracker is the real one.
 */
import { render, screen, fireEvent, cleanup } from '@testing-library/preact';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

const registered: RegisterSWOptions[] = [];
const updateSW = vi.fn(async (_reload?: boolean) => {});
vi.mock('virtual:pwa-register', () => ({
  registerSW: (options: RegisterSWOptions) => {
    registered.push(options);
    return updateSW;
  },
}));

// Fresh module state (signals, the once-only guard) for every test.
beforeEach(() => {
  vi.resetModules();
  registered.length = 0;
  updateSW.mockClear();
});
afterEach(cleanup);

async function load() {
  const { startServiceWorker } = await import('../../../src/pwa/register');
  const { PwaNotices } = await import('../../../src/pwa/PwaNotices');
  const { markBusy } = await import('../../../src/pwa/activity');
  const state = await import('../../../src/pwa/state');
  return { startServiceWorker, PwaNotices, markBusy, state };
}

test('registers the worker once, however often it is started', async () => {
  const { startServiceWorker } = await load();
  startServiceWorker();
  startServiceWorker();
  expect(registered).toHaveLength(1);
});

test('"Ready to work offline" shows after the first install and can be dismissed', async () => {
  const { startServiceWorker, PwaNotices } = await load();
  render(<PwaNotices />);
  expect(screen.queryByText(/ready to work offline/i)).toBeNull();
  startServiceWorker();
  registered[0]!.onOfflineReady!();
  await screen.findByText(/ready to work offline/i);
  fireEvent.click(screen.getByRole('button', { name: 'OK' }));
  await vi.waitFor(() => expect(screen.queryByText(/ready to work offline/i)).toBeNull());
});

test('a waiting update is offered only between sessions, and accepting it reloads into the new version', async () => {
  const { startServiceWorker, PwaNotices, markBusy, state } = await load();
  // Renders whenever the update flag changes, so we know the page has caught up.
  const Witness = () => <p>{state.needRefresh.value ? 'update waiting' : 'up to date'}</p>;
  render(
    <>
      <PwaNotices />
      <Witness />
    </>,
  );
  const done = markBusy('study');
  startServiceWorker();
  registered[0]!.onNeedRefresh!();
  // Mid-session: the page has re-rendered, but the update is held back.
  await screen.findByText('update waiting');
  expect(screen.queryByRole('button', { name: 'Reload to update' })).toBeNull();
  done();
  const reload = await screen.findByRole('button', { name: 'Reload to update' });
  expect(screen.getByRole('status').textContent).toMatch(/new version of Briefdeck is ready/i);
  fireEvent.click(reload);
  await vi.waitFor(() => expect(updateSW).toHaveBeenCalledWith(true));
  expect(screen.getByRole('button', { name: 'Updating…' })).toHaveProperty('disabled', true);
});

test('"Ready to work offline" waits for the end of a session too, so it never covers the grade buttons', async () => {
  const { startServiceWorker, PwaNotices, markBusy, state } = await load();
  const Witness = () => <p>{state.offlineReady.value ? 'offline ready' : 'installing'}</p>;
  render(
    <>
      <PwaNotices />
      <Witness />
    </>,
  );
  const done = markBusy('quiz');
  startServiceWorker();
  registered[0]!.onOfflineReady!();
  await screen.findByText('offline ready');
  expect(screen.queryByText(/ready to work offline/i)).toBeNull();
  done();
  await screen.findByText(/ready to work offline/i);
});

test('a session that starts while the notice shows hides it until the session ends', async () => {
  const { startServiceWorker, PwaNotices, markBusy } = await load();
  render(<PwaNotices />);
  startServiceWorker();
  registered[0]!.onNeedRefresh!();
  await screen.findByRole('button', { name: 'Reload to update' });
  const done = markBusy('quiz');
  await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Reload to update' })).toBeNull());
  done();
  await screen.findByRole('button', { name: 'Reload to update' });
});

test('"Later" puts the update off without applying it', async () => {
  const { startServiceWorker, PwaNotices } = await load();
  render(<PwaNotices />);
  startServiceWorker();
  registered[0]!.onNeedRefresh!();
  fireEvent.click(await screen.findByRole('button', { name: 'Later' }));
  await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Reload to update' })).toBeNull());
  expect(updateSW).not.toHaveBeenCalled();
});

test('applying an update before any worker registered says why instead of failing silently', async () => {
  const { PwaNotices, state } = await load();
  render(<PwaNotices />);
  state.needRefresh.value = true;
  fireEvent.click(await screen.findByRole('button', { name: 'Reload to update' }));
  await screen.findByText(/no service worker is registered/i);
});

test('checks for a new version when the learner comes back to the app', async () => {
  const { startServiceWorker } = await load();
  const update = vi.fn(async () => {});
  startServiceWorker();
  registered[0]!.onRegisteredSW!('/sw.js', { update } as unknown as ServiceWorkerRegistration);
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
  expect(update).toHaveBeenCalledTimes(1);
});
