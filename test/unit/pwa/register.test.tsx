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
  const update = await import('../../../src/pwa/update');
  return { startServiceWorker, PwaNotices, markBusy, state, update };
}

test('registers the worker once, however often it is started', async () => {
  const { startServiceWorker } = await load();
  startServiceWorker();
  startServiceWorker();
  expect(registered).toHaveLength(1);
});

test('the first install raises no notice of its own: the home screen\'s note says it once, in the page', async () => {
  const { startServiceWorker, PwaNotices, state } = await load();
  render(<PwaNotices />);
  startServiceWorker();
  registered[0]!.onOfflineReady!();
  await vi.waitFor(() => expect(state.offlineReady.value).toBe(true));
  expect(screen.getByRole('status').textContent).toBe('');
  expect(screen.queryByRole('button')).toBeNull();
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

/**
 * A browser for the update flow: a service worker container (with or without a waiting worker),
 * tab storage that survives "reloads", and a timer the test fires by hand.
 */
function fakeHost({ withWaiting = true, build = 'b1', shell = 'b1', now = 1_000_000 } = {}) {
  const container = new EventTarget() as EventTarget & { getRegistration(): Promise<unknown> };
  const postMessage = vi.fn();
  container.getRegistration = async () => ({ waiting: withWaiting ? { postMessage } : null });
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const stored = new Map<string, string>();
  const host = {
    container: container as unknown as ServiceWorkerContainer,
    memory: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
      removeItem: (k: string) => void stored.delete(k),
    },
    build,
    shellBuild: async () => shell,
    reload: vi.fn(),
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
    now: () => now,
  };
  return { container, postMessage, timers, host, stored };
}

test('accepting asks the waiting worker to take over and reloads once it controls the page', async () => {
  const { startServiceWorker, state, update } = await load();
  startServiceWorker();
  const { container, postMessage, timers, host } = fakeHost();
  await update.applyUpdate(host);
  expect(postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
  expect(state.updating.value).toBe(true);
  expect(host.reload).not.toHaveBeenCalled();
  container.dispatchEvent(new Event('controllerchange'));
  expect(host.reload).toHaveBeenCalledTimes(1);
  // The grace timer firing afterwards does not reload a second time.
  timers.forEach((t) => t.fn());
  expect(host.reload).toHaveBeenCalledTimes(1);
});

test('when the old worker holds on past the grace period, the page reloads anyway', async () => {
  const { startServiceWorker, update } = await load();
  startServiceWorker();
  const { timers, host } = fakeHost();
  await update.applyUpdate(host);
  expect(timers.map((t) => t.ms)).toEqual([update.TAKEOVER_GRACE_MS]);
  expect(host.reload).not.toHaveBeenCalled();
  timers[0]!.fn();
  expect(host.reload).toHaveBeenCalledTimes(1);
});

test('with no worker waiting any more, the register module is asked and the page still reloads', async () => {
  const { startServiceWorker, update } = await load();
  startServiceWorker();
  const { postMessage, timers, host } = fakeHost({ withWaiting: false });
  await update.applyUpdate(host);
  expect(postMessage).not.toHaveBeenCalled();
  expect(updateSW).toHaveBeenCalledWith(true);
  timers[0]!.fn();
  expect(host.reload).toHaveBeenCalledTimes(1);
});

test('a reload that a study session would cut short waits for the session to end', async () => {
  const { startServiceWorker, markBusy, update } = await load();
  startServiceWorker();
  const { container, host } = fakeHost();
  await update.applyUpdate(host);
  const done = markBusy('study');
  container.dispatchEvent(new Event('controllerchange'));
  expect(host.reload).not.toHaveBeenCalled();
  done();
  expect(host.reload).toHaveBeenCalledTimes(1);
});

describe('after the reload, an accepted update is carried through', () => {
  test('nothing happens when no update was accepted', async () => {
    const { state, update } = await load();
    const { postMessage, timers, host } = fakeHost();
    await update.resumeUpdate(host);
    expect(postMessage).not.toHaveBeenCalled();
    expect(timers).toHaveLength(0);
    expect(host.reload).not.toHaveBeenCalled();
    expect(state.updating.value).toBe(false);
  });

  test('a worker still waiting (the reload was served by the old one) is asked again', async () => {
    const { startServiceWorker, state, update } = await load();
    startServiceWorker();
    const { postMessage, timers, host, stored } = fakeHost();
    await update.applyUpdate(host);
    postMessage.mockClear();
    timers.length = 0;
    await update.resumeUpdate(host);
    expect(postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
    expect(state.updating.value).toBe(true);
    expect(JSON.parse([...stored.values()][0]!).attempts).toBe(2);
    timers[0]!.fn();
    expect(host.reload).toHaveBeenCalledTimes(1);
  });

  test('a page left on the old build after the switch reloads into the new one, once', async () => {
    const { startServiceWorker, update } = await load();
    startServiceWorker();
    const first = fakeHost();
    await update.applyUpdate(first.host);
    const { host } = fakeHost({ withWaiting: false, build: 'old', shell: 'new' });
    host.memory = first.host.memory;
    await update.resumeUpdate(host);
    expect(host.reload).toHaveBeenCalledTimes(1);
    // On the new build the request is finished and forgotten.
    const landed = fakeHost({ withWaiting: false, build: 'new', shell: 'new' });
    landed.host.memory = first.host.memory;
    await update.resumeUpdate(landed.host);
    expect(landed.host.reload).not.toHaveBeenCalled();
    expect(first.stored.size).toBe(0);
  });

  test('after the last try it gives up and the notice is offered again', async () => {
    const { startServiceWorker, state, update } = await load();
    startServiceWorker();
    const { postMessage, host, stored } = fakeHost();
    await update.applyUpdate(host);
    for (let i = 1; i < update.MAX_UPDATE_ATTEMPTS; i++) await update.resumeUpdate(host);
    expect(postMessage).toHaveBeenCalledTimes(update.MAX_UPDATE_ATTEMPTS);
    state.updating.value = false; // a fresh page
    await update.resumeUpdate(host);
    expect(postMessage).toHaveBeenCalledTimes(update.MAX_UPDATE_ATTEMPTS);
    expect(stored.size).toBe(0);
    expect(state.updating.value).toBe(false);
  });

  test('a request from long ago (the tab was closed mid-way) is forgotten', async () => {
    const { startServiceWorker, update } = await load();
    startServiceWorker();
    const first = fakeHost({ now: 0 });
    await update.applyUpdate(first.host);
    const later = fakeHost({ now: 10 * 60_000 });
    later.host.memory = first.host.memory;
    await update.resumeUpdate(later.host);
    expect(later.postMessage).not.toHaveBeenCalled();
    expect(later.host.reload).not.toHaveBeenCalled();
    expect(first.stored.size).toBe(0);
  });
});
