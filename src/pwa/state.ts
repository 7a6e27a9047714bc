/**
 * What the app knows about itself as an installed web app: connectivity, whether the browser
 * offers installation, whether we already run installed, and the service worker's news
 * (offline-ready, update waiting). Part of the main bundle: signals and listeners only — the
 * worker registration itself lives in the lazily loaded `register.ts`.
 */
import { signal } from '@preact/signals';

/** Chromium's install prompt event (not in lib.dom). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

/** False while the browser reports no network. */
export const online = signal(true);
/** The deferred install prompt, when the browser offers one. */
export const installPrompt = signal<BeforeInstallPromptEvent | null>(null);
/** True when running from the home screen / as an installed app, or once installed. */
export const installed = signal(false);
/** The service worker finished its first install: the app now works offline. */
export const offlineReady = signal(false);
/** A new version is installed and waiting for the app to reload. */
export const needRefresh = signal(false);

let updater: ((reloadPage?: boolean) => Promise<void>) | null = null;

/** Called by `register.ts` with the plugin's update function. */
export function setUpdater(fn: (reloadPage?: boolean) => Promise<void>): void {
  updater = fn;
}

/** The plugin's update function, once a worker is registered (read by `update.ts`). */
export const getUpdater = () => updater;

/** True from the learner accepting an update until the new version runs. */
export const updating = signal(false);

/** Where an accepted update is remembered across its reloads (sessionStorage). */
export const UPDATE_KEY = 'briefdeck:update-requested';

/** The build this page runs (`<meta name="briefdeck-build">`); null outside a page. */
export function pageBuild(): string | null {
  return typeof document === 'undefined' ? null : (document.querySelector('meta[name="briefdeck-build"]')?.getAttribute('content') ?? null);
}

/** Installed PWAs run in standalone mode; iOS Safari flags it on `navigator.standalone`. */
export function isStandalone(win: Window): boolean {
  const nav = win.navigator as Navigator & { standalone?: boolean };
  return nav.standalone === true || (win.matchMedia?.('(display-mode: standalone)').matches ?? false);
}

/**
 * iOS and iPadOS never fire `beforeinstallprompt`; installing goes through Safari's Share menu.
 * iPadOS reports itself as a Mac, so touch support tells them apart.
 */
export function isIos(nav: Pick<Navigator, 'userAgent' | 'platform' | 'maxTouchPoints'>): boolean {
  return /iPhone|iPad|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
}

/** Follows the browser's events into the signals above; returns a function that stops listening. */
export function watchBrowser(win: Window): () => void {
  online.value = win.navigator.onLine;
  installed.value = isStandalone(win);
  const onOnline = () => (online.value = true);
  const onOffline = () => (online.value = false);
  const onPrompt = (e: Event) => {
    // Keep the event so our own button can show the prompt when the learner asks for it.
    e.preventDefault();
    installPrompt.value = e as BeforeInstallPromptEvent;
  };
  const onInstalled = () => {
    installed.value = true;
    installPrompt.value = null;
  };
  win.addEventListener('online', onOnline);
  win.addEventListener('offline', onOffline);
  win.addEventListener('beforeinstallprompt', onPrompt);
  win.addEventListener('appinstalled', onInstalled);
  return () => {
    win.removeEventListener('online', onOnline);
    win.removeEventListener('offline', onOffline);
    win.removeEventListener('beforeinstallprompt', onPrompt);
    win.removeEventListener('appinstalled', onInstalled);
  };
}

// Listen from the moment the app loads: `beforeinstallprompt` may fire before any component mounts.
if (typeof window !== 'undefined') watchBrowser(window);
