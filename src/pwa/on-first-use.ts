/**
 * The tools the first install leaves out, each by the chunks (the name before their hash) it is
 * built into: each is large and used by few learners, or only now and then. The service worker
 * caches any of their files the first time it is fetched (see sw.ts) and serves it offline from
 * then on; after the first study session the page also has them fetched in the background
 * (background-cache.ts), from the list the build writes (`offline-tools.json`, vite.config.ts).
 * Imported by the build and the service worker: plain data, nothing of the app's.
 */
export interface OfflineTool {
  /** As Settings names it. */
  name: string;
  /** Chunk names (the part before the hash) of its scripts, styles and wasm. */
  chunks: readonly string[];
}

export const OFFLINE_TOOLS: readonly OfflineTool[] = [
  // Writing decks: the deck list, editor and its fields, the card preview, and Anki export
  // (sql.js). Adding a deck from a file or a shared link is not here: a student does that, offline too.
  { name: 'Authoring', chunks: ['AuthorList', 'Editor', 'Field', 'CardPreview', 'export-file', 'sql-wasm-browser'] },
  // The drafter and its language library (compromise, ~120 KB gzip).
  { name: 'Draft from article', chunks: ['DraftScreen', 'three'] },
  // Its Worker bundles sql.js, fflate and fzstd, beside sql.js's wasm.
  { name: 'Anki import', chunks: ['anki-worker', 'sql-wasm-browser'] },
  // The on-device optimiser: its worker, thread helper and the wasm FSRS optimiser (~440 KB gzip).
  { name: 'Personal scheduling', chunks: ['optimizer.worker', 'workerHelpers', 'fsrs_browser'] },
  // TeX on cards (Temml, ~60 KB gzip): only decks that use math need it.
  { name: 'Math on cards', chunks: ['math'] },
  // Sync: the engine and PouchDB (~45 KB gzip).
  { name: 'Sync', chunks: ['live-sync'] },
];

/** Every chunk name left out of the first install. */
export const ON_FIRST_USE: readonly string[] = [...new Set(OFFLINE_TOOLS.flatMap((t) => t.chunks))];

/** Whether a built file under `assets/` (a name such as `anki-worker-B1x2.js`) belongs to these chunks. */
export function isOf(chunks: readonly string[], file: string): boolean {
  return chunks.some((name) => file.startsWith(`${name}-`) || file.startsWith(`${name}_`));
}

/** Whether a built file under `assets/` (a name such as `anki-worker-B1x2.js`) is left out of the first install. */
export function isOnFirstUse(file: string): boolean {
  return isOf(ON_FIRST_USE, file);
}

/** Files the service worker caches when first fetched: hashed assets the precache does not hold. */
export const RUNTIME_ASSET = /^\/assets\/[^/]+\.(?:js|css|wasm)$/;

/** Where the build lists each tool's files (`OfflineToolFiles[]`), precached with the app. */
export const OFFLINE_TOOLS_FILE = 'offline-tools.json';

/** One tool and the URLs of its built files, as `offline-tools.json` lists them. */
export interface OfflineToolFiles {
  name: string;
  files: string[];
}

/** The list for `offline-tools.json` from the build's file names (paths under the output folder), as URLs under `base`. */
export function offlineToolFiles(fileNames: readonly string[], base = '/'): OfflineToolFiles[] {
  const assets = fileNames.filter((f) => f.startsWith('assets/'));
  return OFFLINE_TOOLS.map((t) => ({
    name: t.name,
    files: assets.filter((f) => isOf(t.chunks, f.slice('assets/'.length))).map((f) => `${base}${f}`).sort(),
  }));
}
