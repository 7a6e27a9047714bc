/**
 * Briefdeck's service worker (built by vite-plugin-pwa's injectManifest). It does what the
 * generated one did — precache the app shell and decks, answer navigations with the cached
 * index.html, take over when the learner accepts an update — and adds the cross-origin isolation
 * headers to everything it serves, so an installed app is isolated even on a host that cannot
 * send headers. The optimiser's wasm and its chunks are not precached: they are cached the first
 * time the learner optimises, then served offline.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, addPlugins } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types';
import { withIsolation } from './isolation';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** The optimiser's worker, its thread helper and the wasm build of the FSRS optimiser (see vite.config.ts). */
const OPTIMIZER_FILES = /^\/assets\/(?:optimizer\.worker|workerHelpers|fsrs_browser)[^/]*\.(?:js|wasm)$/;

/** Adds COOP/COEP to every response a route hands back (the document and the workers it starts). */
const isolation: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => withIsolation(response),
};

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

addPlugins([isolation]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // Requests for files (decks, robots.txt, sw.js) must never get the app shell instead.
    denylist: [/^\/decks\//, /\/[^/]+\.[a-z0-9]+$/i],
  }),
);
// Hashed file names never change content, so the first copy fetched is good for ever.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && OPTIMIZER_FILES.test(url.pathname),
  new CacheFirst({ cacheName: 'briefdeck-optimizer', plugins: [isolation] }),
);
