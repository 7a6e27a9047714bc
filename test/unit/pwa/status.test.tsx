/** Header controls: offline indicator, "Install app" from `beforeinstallprompt`, iOS how-to. */
import { render, screen, fireEvent, cleanup } from '@testing-library/preact';

beforeEach(() => vi.resetModules());
afterEach(cleanup);

async function load() {
  const { PwaStatus } = await import('../../../src/pwa/PwaStatus');
  const state = await import('../../../src/pwa/state');
  return { PwaStatus, state };
}

function promptEvent(outcome: 'accepted' | 'dismissed') {
  const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
    prompt: ReturnType<typeof vi.fn>;
    userChoice: Promise<{ outcome: string; platform: string }>;
  };
  e.prompt = vi.fn(async () => {});
  e.userChoice = Promise.resolve({ outcome, platform: 'web' });
  return e;
}

test('says "Offline" quietly while the network is gone, and clears it when it returns', async () => {
  const { PwaStatus, state } = await load();
  const stop = state.watchBrowser(window);
  render(<PwaStatus />);
  const status = screen.getByRole('status');
  expect(status.textContent).toBe('');
  window.dispatchEvent(new Event('offline'));
  await vi.waitFor(() => expect(status.textContent).toBe('Offline'));
  window.dispatchEvent(new Event('online'));
  await vi.waitFor(() => expect(status.textContent).toBe(''));
  stop();
});

test('offers "Install app" when the browser allows it, shows its prompt, and hides once installed', async () => {
  const { PwaStatus, state } = await load();
  const stop = state.watchBrowser(window);
  render(<PwaStatus />);
  expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull();
  const e = promptEvent('accepted');
  window.dispatchEvent(e);
  expect(e.defaultPrevented).toBe(true);
  fireEvent.click(await screen.findByRole('button', { name: 'Install app' }));
  await vi.waitFor(() => expect(e.prompt).toHaveBeenCalledTimes(1));
  // A prompt can be used once: the button goes until the browser offers again.
  await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull());
  window.dispatchEvent(promptEvent('dismissed'));
  await screen.findByRole('button', { name: 'Install app' });
  window.dispatchEvent(new Event('appinstalled'));
  await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull());
  expect(state.installed.value).toBe(true);
  stop();
});

test('recognises iPhone, iPad (which reports itself as a Mac) and not Android or desktop', async () => {
  const { state } = await load();
  const iphone = { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1', platform: 'iPhone', maxTouchPoints: 5 };
  const ipad = { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15', platform: 'MacIntel', maxTouchPoints: 5 };
  const mac = { ...ipad, maxTouchPoints: 0 };
  const android = { userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36', platform: 'Linux armv8l', maxTouchPoints: 5 };
  expect(state.isIos(iphone)).toBe(true);
  expect(state.isIos(ipad)).toBe(true);
  expect(state.isIos(mac)).toBe(false);
  expect(state.isIos(android)).toBe(false);
});

test('on iOS Safari, not yet installed, explains Share → Add to Home Screen', async () => {
  const ua = Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent');
  Object.defineProperty(navigator, 'userAgent', {
    value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1',
    configurable: true,
  });
  try {
    const { PwaStatus } = await load();
    render(<PwaStatus />);
    const summary = screen.getByText('Install app');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.parentElement!.textContent).toMatch(/tap Share, then Add to Home Screen/);
  } finally {
    delete (navigator as unknown as Record<string, unknown>).userAgent;
    if (ua && !Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent')) {
      Object.defineProperty(Navigator.prototype, 'userAgent', ua);
    }
  }
});

test('an installed app (standalone display) shows no install control', async () => {
  const { state } = await load();
  const win = { navigator: { standalone: true }, matchMedia: () => ({ matches: false }) } as unknown as Window;
  expect(state.isStandalone(win)).toBe(true);
  const pwaWin = { navigator: {}, matchMedia: (q: string) => ({ matches: q === '(display-mode: standalone)' }) } as unknown as Window;
  expect(state.isStandalone(pwaWin)).toBe(true);
  const tab = { navigator: {}, matchMedia: () => ({ matches: false }) } as unknown as Window;
  expect(state.isStandalone(tab)).toBe(false);
});
