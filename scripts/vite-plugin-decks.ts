/**
 * Vite plugin that publishes the bundled decks: validates `decks/*.json` with the app's
 * validator (an invalid deck fails the build), then serves (dev) or emits (build)
 * `decks/index.json`, one minified `decks/<id>.json` per deck (`.json` files, with media beside them in
 * `decks/media/<name>`, or `.briefdeck` bundles), each media file as `decks/media/<sha256>`, and
 * `decks/deck.schema.json`.
 * Adding a deck file is therefore all a teacher does.
 */
import type { Plugin } from 'vite';
import { buildBundledDecks, DECKS_DIR } from './deck-files.ts';
import { deckJsonSchema } from './deck-schema-json.ts';

function publishedFiles(): Map<string, string | Uint8Array> {
  const { index, decks, media } = buildBundledDecks();
  const files = new Map<string, string | Uint8Array>();
  // Media by content hash: a deck's copy in IndexedDB and the published file share one name.
  for (const [hash, bytes] of media) files.set(`decks/media/${hash}`, bytes);
  files.set('decks/index.json', JSON.stringify(index));
  files.set('decks/deck.schema.json', deckJsonSchema());
  for (const deck of decks) files.set(`decks/${deck.id}.json`, JSON.stringify(deck));
  return files;
}

export function bundledDecks(): Plugin {
  return {
    name: 'briefdeck-decks',
    configureServer(server) {
      server.watcher.add(DECKS_DIR);
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const prefix = `${server.config.base}decks/`;
        if (!url.startsWith(prefix)) return next();
        let body: string | Uint8Array | undefined;
        try {
          body = publishedFiles().get(url.slice(server.config.base.length));
        } catch (err) {
          res.statusCode = 500;
          res.end((err as Error).message);
          return;
        }
        if (body === undefined) return next();
        res.setHeader('Content-Type', typeof body === 'string' ? 'application/json' : 'application/octet-stream');
        res.end(body);
      });
    },
    buildStart() {
      this.addWatchFile(DECKS_DIR);
    },
    generateBundle() {
      for (const [fileName, source] of publishedFiles()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
