/**
 * "Export for Anki": the deck (and, when asked, the learner's progress with it) as .apkg bytes.
 * Loaded only when a teacher or learner exports, with sql.js and its wasm (kept for offline by
 * the service worker's runtime cache once fetched).
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { Deck } from '../../deck/schema';
import type { ReviewRecord } from '../../srs/types';
import { getItems } from '../../store';
import { forEachReview } from '../../store/log';
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
  return writeApkg(SQL, deckToAnkiCollection(deck, progress, now), now);
}
