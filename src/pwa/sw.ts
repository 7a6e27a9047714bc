/**
 * Briefdeck's service worker (built by vite-plugin-pwa's injectManifest). It does what the
 * generated one did — precache the app shell and decks, answer navigations with the cached
 * pages (index.html, prerendered with the home screen, for `/`; app.html, the frame alone, for
 * every other route), take over when the learner accepts an update — and adds the cross-origin isolation
 * headers to everything it serves, so an installed app is isolated even on a host that cannot
 * send headers. The chunks of on-first-use.ts (the optimiser, Anki import, authoring…) are not
 * precached: each is cached the first time it is fetched, or when the page asks for them in the
 * background (workbox's CACHE_URLS message, which workbox-routing's router answers through the
 * routes below), then served offline.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, addPlugins } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import type { WorkboxPlugin } from 'workbox-core/types';
import { withIsolation } from './isolation';
import { RUNTIME_ASSET } from './on-first-use';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

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
// Where the app is served (`/`, or a sub-path such as `/briefdeck/`): the worker's own folder.
const base = new URL('./', self.location.href).pathname;
const basePattern = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// `/` is the precache's own (index.html); every other route starts from the frame without a screen.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL(`${base}app.html`), {
    // Requests for files (decks, robots.txt, sw.js) must never get the app shell instead.
    denylist: [new RegExp(`^${basePattern}decks/`), /\/[^/]+\.[a-z0-9]+$/i],
  }),
);
// Assets the precache does not hold (it answers first for those it does). Hashed file names never
// change content, so the first copy fetched is good for ever; old builds' copies age out. The
// host may answer `Vary: Origin`, and a module import sends an Origin that the page's background
// download (CACHE_URLS) does not: a hashed file is the same for both, so Vary is ignored.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith(base) && RUNTIME_ASSET.test(url.pathname.slice(base.length - 1)),
  new CacheFirst({
    cacheName: 'briefdeck-on-first-use',
    plugins: [isolation, new ExpirationPlugin({ maxEntries: 40, purgeOnQuotaError: true })],
    matchOptions: { ignoreVary: true },
  }),
);
