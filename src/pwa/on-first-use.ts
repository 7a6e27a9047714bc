/**
 * The chunks (by the name before their hash) that the first install leaves out: each is large and
 * used by few learners, or only now and then. The service worker caches any of them the first
 * time it is fetched (see sw.ts) and serves it offline from then on.
 */
export const ON_FIRST_USE = [
  // The on-device optimiser: its worker, thread helper and the wasm FSRS optimiser (~440 KB gzip).
  'optimizer.worker',
  'workerHelpers',
  'fsrs_browser',
  // Anki import: its Worker bundles sql.js, fflate and fzstd; sql.js's wasm is never precached.
  'anki-worker',
  // Writing decks: the deck list, editor and its fields, the card preview, the drafter and its
  // language library (compromise, ~120 KB gzip). Adding a deck from a file or a shared link is
  // not here: a student does that, offline too.
  'AuthorList',
  'Editor',
  'Field',
  'CardPreview',
  'DraftScreen',
  'three',
  // Sync: the engine and PouchDB (~45 KB gzip), fetched only by a learner who signs in.
  'live-sync',
] as const;

/** Whether a built file under `assets/` (a name such as `anki-worker-B1x2.js`) is left out of the first install. */
export function isOnFirstUse(file: string): boolean {
  return ON_FIRST_USE.some((name) => file.startsWith(`${name}-`) || file.startsWith(`${name}_`));
}

/** Files the service worker caches when first fetched: hashed assets the precache does not hold. */
export const RUNTIME_ASSET = /^\/assets\/[^/]+\.(?:js|css|wasm)$/;
