/**
 * How much an Anki package may hold before the importer refuses it: enough for big shared decks
 * and whole collections, small enough that a phone's tab does not run out of memory.
 */
export const ANKI_LIMITS = {
  /** The package file itself. */
  fileBytes: 250 * 1024 * 1024,
  /** Zip entries (each media file is one). */
  entries: 50_000,
  /** All entries together once decompressed (zip and zstd). */
  totalBytes: 1024 * 1024 * 1024,
  /** One entry once decompressed. */
  entryBytes: 512 * 1024 * 1024,
  /** Decompressed / compressed size of one entry larger than `ratioFloor`: more is a zip bomb. */
  ratio: 200,
  ratioFloor: 1024 * 1024,
  /** Media files one import brings (each also within the deck format's 5 MB). */
  mediaFiles: 10_000,
  /** Their bytes together, as stored on the device. */
  mediaBytes: 500 * 1024 * 1024,
} as const;
