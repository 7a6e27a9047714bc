/**
 * "Export for Anki": the deck, its pictures and sounds (and, when asked, the learner's progress
 * with it) as .apkg bytes.
 * Loaded only when a teacher or learner exports, with sql.js and its wasm (kept for offline by
 * the service worker's runtime cache once fetched).
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { Deck } from '../../deck/schema';
import type { ReviewRecord } from '../../srs/types';
import { getItems } from '../../store';
import { forEachReview } from '../../store/log';
import { getMediaBytes } from '../../store/media';
import { writeApkg } from './apkg';
import { deckToAnkiCollection, type ExportProgress } from './from-deck';

/** `my-deck.apkg` */
export const ankiFileName = (deck: Deck) => `${deck.id}.apkg`;

/** The package's bytes; `withHistory` adds the items' states and the deck's study answers. */
export async function ankiPackage(deck: Deck, withHistory: boolean, now = Date.now()): Promise<Uint8Array> {
  const SQL = await initSqlJs({ locateFile: () => wasmUrl });
  let progress: ExportProgress | null = null;
  if (withHistory) {
    const reviews: ReviewRecord[] = [];
    await forEachReview({}, (r) => {
      if (r.deckId === deck.id) reviews.push(r);
    });
    progress = { items: await getItems(deck.id), reviews };
  }
  const media = new Map<string, Uint8Array>();
  for (const m of deck.media ?? []) {
    const bytes = m.sha256 ? await getMediaBytes(m.sha256) : undefined;
    if (!bytes) throw new Error(`The picture or sound "${m.name}" is not stored on this device, so the package cannot be made.`);
    media.set(m.name, bytes);
  }
  return writeApkg(SQL, deckToAnkiCollection(deck, progress, now), now, media);
}
