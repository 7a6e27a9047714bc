import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { bundledDecks } from './scripts/vite-plugin-decks.ts';
import { prerender } from './scripts/vite-plugin-prerender.ts';
import { openEarly } from './scripts/vite-plugin-open-early.ts';
import { readFileSync } from 'node:fs';
import { ON_FIRST_USE, OFFLINE_TOOLS_FILE, offlineToolFiles } from './src/pwa/on-first-use.ts';
import { headersFilePlugin, SECURITY_HEADERS } from './security-headers.ts';
import { basePath } from './scripts/base-path.ts';

/** Names this build (`<meta name="briefdeck-build">` in index.html); CI or tests may set BRIEFDECK_BUILD_ID. */
const buildId =
  process.env.BRIEFDECK_BUILD_ID ||
  (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

// `/` unless BASE_PATH names a sub-path such as /briefdeck/ (see the README).
const base = basePath();

export default defineConfig({
  base,
  plugins: [
    preact(),
    bundledDecks(),
    prerender(),
    openEarly(),
    headersFilePlugin(),
    {
      // Which files each tool left out of the first install is built from (src/pwa/on-first-use.ts),
      // so the page can have them cached in the background and Settings can say which work offline.
      name: 'briefdeck-offline-tools',
      apply: 'build',
      generateBundle(_options, bundle) {
        const tools = offlineToolFiles(Object.keys(bundle), base);
        for (const t of tools) if (!t.files.length) this.error(`${OFFLINE_TOOLS_FILE}: no built file for ${t.name}`);
        this.emitFile({ type: 'asset', fileName: OFFLINE_TOOLS_FILE, source: JSON.stringify(tools) });
      },
    },
    VitePWA({
      // Our own worker (src/pwa/sw.ts): it adds the cross-origin isolation headers to what it serves.
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      registerType: 'prompt',
      // src/pwa/register.ts registers the worker lazily, after the first render.
      injectRegister: false,
      // Icons reach the precache through globPatterns below; listing them again would add duplicates.
      includeManifestIcons: false,
      manifest: {
        id: base,
        name: 'Briefdeck',
        short_name: 'Briefdeck',
        description:
          'Study the key points of what you read: spaced-repetition flashcards, quick quizzes and one-page briefs, offline.',
        lang: 'en',
        dir: 'ltr',
        start_url: base,
        scope: base,
        display: 'standalone',
        // The light --bg; index.html switches theme-color per colour scheme.
        theme_color: '#f7f6f2',
        background_color: '#f7f6f2',
        categories: ['education'],
        icons: [
          { src: `${base}icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: `${base}icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: `${base}icon-maskable-512.png`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        shortcuts: [
          {
            name: 'Study all due',
            short_name: 'Study',
            description: 'Review every card that is due, across all decks',
            url: `${base}study/all`,
            icons: [{ src: `${base}icon-96.png`, sizes: '96x96', type: 'image/png' }],
          },
          {
            name: 'Quick quiz',
            short_name: 'Quiz',
            description: 'A short timed quiz across all decks',
            url: `${base}quiz/all`,
            icons: [{ src: `${base}icon-96.png`, sizes: '96x96', type: 'image/png' }],
          },
        ],
        screenshots: [
          {
            src: `${base}screenshots/study-narrow.png`,
            sizes: '540x1170',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'Studying a card on a phone',
          },
          {
            src: `${base}screenshots/home-wide.png`,
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'Your decks on a laptop',
          },
        ],
      },
      injectManifest: {
        // One classic script (the worker imports nothing at run time): the 'es' build goes through
        // an option rolldown has deprecated, and warns about it on every build.
        rollupFormat: 'iife',
        // The app shell, icons and every published deck file and media file (named by hash); the
        // manifest is added by the plugin.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,json}', 'decks/media/*'],
        // Install-sheet screenshots are only fetched by the browser's install UI, never offline.
        // The chunks of src/pwa/on-first-use.ts are cached by the service worker when first used,
        // never in the first install.
        globIgnores: ['screenshots/**', ...ON_FIRST_USE.map((name) => `assets/${name}[-_]*`)],
      },
    }),
  ],
  resolve: {
    // workbox-window's package entry is its ES5 build (regenerator, class helpers); Briefdeck
    // targets ES2022, so use the library's modern build of the same version: about 1 KB less gzip.
    alias: [{ find: /^workbox-window$/, replacement: 'workbox-window/build/workbox-window.prod.mjs' }],
  },
  define: { 'import.meta.env.BRIEFDECK_BUILD': JSON.stringify(buildId) },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every browser Briefdeck supports preloads modules natively; without the hint an old one
    // only fetches a lazy screen's imports a little later.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // A slow machine would get a notice about plugin timings on every build: it is for plugin
      // authors, not for someone building Briefdeck.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          // Everything the entry imports statically is needed before the first screen anyway:
          // one chunk compresses better and costs fewer requests than the shared pieces rolldown
          // would otherwise split out of it because lazy screens use them too.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
  // The same headers a production host must send (see security-headers.ts and the README).
  preview: { port: 4173, strictPort: true, headers: { ...SECURITY_HEADERS } },
  server: { port: 5173, headers: { ...SECURITY_HEADERS } },
});
