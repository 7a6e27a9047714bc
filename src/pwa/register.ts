/**
 * Registers the service worker through vite-plugin-pwa's register module (workbox-window
 * underneath) and turns its news into the signals in `state.ts`. Loaded lazily after the first
 * render, so neither this code nor workbox-window weighs on start-up.
 */
import { registerSW } from 'virtual:pwa-register';
import { needRefresh, offlineReady, setUpdater, UPDATE_KEY } from './state';

let started = false;

/** Starts the worker once per page; later calls do nothing. */
export function startServiceWorker(doc: Document = document): void {
  if (started) return;
  started = true;
  const update = registerSW({
    onNeedRefresh() {
      needRefresh.value = true;
    },
    onOfflineReady() {
      offlineReady.value = true;
    },
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // An installed app may stay open for days: look for a new version whenever the learner
      // comes back to it, which is also a natural break between sessions.
      doc.addEventListener('visibilitychange', () => {
        if (doc.visibilityState === 'visible' && navigator.onLine) registration.update().catch(() => {});
      });
    },
    onRegisterError(error: unknown) {
      console.warn('Briefdeck could not set up offline use:', error);
    },
  });
  setUpdater(update);
  // The tools the first install left out are fetched later, in the background (not on Save-Data).
  void import('./background-cache').then((m) => m.scheduleToolCaching());
  // An update accepted before the last reload may still be on its way in (only then is its code loaded).
  let pending = false;
  try {
    pending = sessionStorage.getItem(UPDATE_KEY) !== null;
  } catch {
    /* storage refused: no update can have been remembered */
  }
  if (pending) void import('./update').then((m) => m.resumeUpdate());
}

