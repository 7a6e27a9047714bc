/**
 * Class marks: a joined class's deck is stored like an imported one, with a mark in `meta`
 * (`class:<deck id>` → class id) naming its class, so the learner's own sync leaves it to the
 * class (`synced.ts` reads them). Loaded with the classes' screens only, so the study path
 * carries none of it.
 */
import { inTransaction } from './db';

/** The `meta` prefix of class marks (read by `classDeckIds` in `synced.ts`). */
export const CLASS_MARK = 'class:';

/** Marks these decks as class `classId`'s. */
export async function markClassDecks(deckIds: readonly string[], classId: string): Promise<void> {
  await inTransaction(['meta'], 'readwrite', (tx) => Promise.all(deckIds.map((id) => tx.objectStore('meta').put(classId, `${CLASS_MARK}${id}`))));
}
