/**
 * Vite plugin that prerenders the first screen into index.html at build time: the app's frame
 * (src/ui/Shell.tsx) around the home screen with the bundled decks' titles and descriptions
 * (src/ui/HomeView.tsx, no counts yet), and the bundled deck list as a JSON data block the app
 * reads instead of fetching it. The page paints before any script runs; the app then hydrates the
 * same markup (src/main.tsx) and fills in the counts (see HomeView.tsx for the room kept for them).
 * The components are the app's own, loaded with tsx (they import no styles and no store).
 */
import type { Plugin } from 'vite';
import { tsImport } from 'tsx/esm/api';
import { buildBundledDecks } from './deck-files.ts';
import type { DeckIndex } from '../src/deck/catalog-types.ts';

/** The id of the data block (src/deck/catalog.ts PAGE_INDEX_ID; imported there, repeated here to keep the config free of app code). */
const PAGE_INDEX_ID = 'deck-index';

/** JSON that is safe inside a `<script>` element: no `</script>` or comment opener can end it early. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The prerendered `#app` content and the data block for this deck index. */
export async function prerenderHome(index: DeckIndex): Promise<{ app: string; data: string }> {
  const here = import.meta.url;
  const { renderToString } = await import('preact-render-to-string');
  const { h } = await import('preact');
  const { Shell, StaticStatus, StaticNotices } = (await tsImport('../src/ui/Shell.tsx', here)) as typeof import('../src/ui/Shell.tsx');
  const { HomeView } = (await tsImport('../src/ui/HomeView.tsx', here)) as typeof import('../src/ui/HomeView.tsx');
  const { NavLinks } = (await tsImport('../src/ui/AppNav.tsx', here)) as typeof import('../src/ui/AppNav.tsx');
  const data = { decks: index.decks.map((summary) => ({ summary, origin: 'bundled' as const })), counts: null, firstRun: true, now: 0 };
  const app = renderToString(
    h(Shell, { nav: h(NavLinks, { here: 'decks' }), status: h(StaticStatus, null), notices: h(StaticNotices, null) }, h(HomeView, { data, error: null, NextReview: null, offlineReady: false })),
  );
  // The CSP allows no style attribute in markup (style-src 'self'); the app sets those from script,
  // which it may. Until then a deck cover takes its default colour (home.css).
  return { app: app.replace(/ style="[^"]*"/g, ''), data: `<script type="application/json" id="${PAGE_INDEX_ID}">${scriptSafeJson(index)}</script>` };
}

/** The page every other route (`/study/…`, `/deck/…`, `/settings`…) starts from: the frame, an empty screen. */
export const APP_SHELL = 'app.html';

/** index.html with its prerendered screen taken out: the frame stays, so the screen arrives below it and moves nothing. */
export function frameOnly(indexHtml: string): string {
  const main = /(<main id="main" tabindex="-1">)[\s\S]*?(<\/main>)/;
  if (!main.test(indexHtml)) throw new Error('index.html: no prerendered <main> to empty for app.html');
  return indexHtml.replace(main, '$1$2');
}

/** Whether a request is a page load of a route other than home (no file name), which app.html answers. */
export function wantsAppShell(method: string | undefined, url: string | undefined, accept: string | undefined): boolean {
  const path = (url ?? '').split(/[?#]/)[0] ?? '';
  return (method === 'GET' || method === 'HEAD') && path !== '/' && !/\/[^/]+\.[a-z0-9]+$/i.test(path) && /text\/html/.test(accept ?? '');
}

export function prerender(): Plugin {
  return {
    name: 'briefdeck-prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        // Only the app's page: the benchmark build has a page of its own.
        if (!ctx.path.endsWith('/index.html')) return html;
        const marker = '<div id="app"></div>';
        if (!html.includes(marker)) throw new Error(`index.html: no ${marker} to prerender into`);
        const { app, data } = await prerenderHome(buildBundledDecks().index);
        return html.replace(marker, `${data}<div id="app">${app}</div>`);
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html'];
        if (index?.type !== 'asset') return;
        this.emitFile({ type: 'asset', fileName: APP_SHELL, source: frameOnly(String(index.source)) });
        // Netlify and Cloudflare Pages: a route that is no file gets app.html (a rewrite, not a redirect).
        this.emitFile({ type: 'asset', fileName: '_redirects', source: `/* /${APP_SHELL} 200\n` });
      },
    },
    // `vite preview` answers other routes with app.html, as a static host is told to (README).
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (wantsAppShell(req.method, req.url, req.headers.accept)) req.url = `/${APP_SHELL}`;
        next();
      });
    },
  };
}
