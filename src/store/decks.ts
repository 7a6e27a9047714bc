/**
 * Stored decks (imported or authored) and their summaries, written together, and which decks'
 * items must be brought in line with their cards.
 */
import type { Deck } from '../deck/schema';
import { announce, batch, inTransaction } from './db';
import { isSummary, summaryOf, type StoredDeckSummary } from './deck-summaries';
import { soundStoredDeck } from './integrity';
import { summaryDeckId, summaryKey, summaryKeys, syncKey, syncMarks } from './keys';
import type { StoredDeck } from './schema';

/** Keeps an imported or authored deck (replacing an older copy with the same id). */
export async function saveDeck(deck: Deck, origin: 'imported' | 'authored', now: number = Date.now()): Promise<void> {
  const stored: StoredDeck = { deck, origin, updated: now };
  // The deck's sync mark goes with its old cards: the next sync reads its items, whatever the
  // new cards' fingerprint (a short hash two different decks can share).
  await inTransaction(['decks', 'meta'], 'readwrite', (tx) =>
    Promise.all([
      tx.objectStore('decks').put(stored),
      tx.objectStore('meta').put(summaryOf(stored), summaryKey(deck.id)),
      tx.objectStore('meta').delete(syncKey(deck.id)),
    ]),
  );
  announce([deck.id]);
}

/** One stored deck, or undefined when there is none (or it is damaged). */
export async function getStoredDeck(id: string): Promise<StoredDeck | undefined> {
  const stored = await inTransaction(['decks'], 'readonly', (tx) => tx.objectStore('decks').get(id));
  return stored && soundStoredDeck(stored) ? stored : undefined;
}

/** Every stored deck that can be read, in id order. */
export async function listStoredDecks(): Promise<StoredDeck[]> {
  const all = await inTransaction(['decks'], 'readonly', (tx) => tx.objectStore('decks').getAll());
  return all.filter(soundStoredDeck);
}

/**
 * Every stored deck's summary, in id order, without reading the decks. A deck with no summary
 * yet (stored by an older version of Briefdeck) is read once and its summary written; a damaged
 * deck is reported and left out.
 */
export async function listStoredDeckSummaries(): Promise<StoredDeckSummary[]> {
  const { ids, known } = await inTransaction(['decks', 'meta'], 'readonly', async (tx) => {
    const meta = tx.objectStore('meta');
    const [ids, keys, values] = await Promise.all([
      tx.objectStore('decks').getAllKeys(),
      meta.getAllKeys(summaryKeys()),
      meta.getAll(summaryKeys()),
    ]);
    const known = new Map<string, StoredDeckSummary>();
    keys.forEach((key, i) => known.set(summaryDeckId(key), values[i] as StoredDeckSummary));
    return { ids: ids.map(String), known };
  });
  const missing = ids.filter((id) => !isSummary(known.get(id)));
  if (missing.length) {
    await inTransaction(['decks', 'meta'], 'readwrite', async (tx) => {
      const decks = await Promise.all(missing.map((id) => tx.objectStore('decks').get(id)));
      const writes = batch();
      for (const stored of decks) {
        if (!stored || !soundStoredDeck(stored)) continue;
        const summary = summaryOf(stored);
        known.set(stored.deck.id, summary);
        writes.add(tx.objectStore('meta').put(summary, summaryKey(stored.deck.id)));
      }
      await writes.done();
    });
  }
  return ids.flatMap((id) => {
    const summary = known.get(id);
    return isSummary(summary) ? [summary] : [];
  });
}

type Wanted = ReadonlyArray<{ id: string; items?: string | undefined }>;

/**
 * Of the decks given with the item fingerprint their cards call for, those whose items were not
 * last synced to exactly that (or with no fingerprint given): the decks a session must load and sync.
 * The marks are read at once, so a caller still listing its decks can pass the list as a promise.
 */
export async function decksToSync(wanted: Wanted | Promise<Wanted>): Promise<string[]> {
  const [marks, decks] = await Promise.all([
    inTransaction(['meta'], 'readonly', async (tx) => {
      const meta = tx.objectStore('meta');
      const [keys, values] = await Promise.all([meta.getAllKeys(syncMarks()), meta.getAll(syncMarks())]);
      return new Map(keys.map((key, i) => [String(key), values[i]]));
    }),
    wanted,
  ]);
  return decks.filter((w) => !w.items || marks.get(syncKey(w.id)) !== w.items).map((w) => w.id);
}

/** Removes a stored deck; its items and history stay, so re-importing it brings progress back. */
export async function deleteStoredDeck(id: string): Promise<void> {
  await inTransaction(['decks', 'meta'], 'readwrite', (tx) =>
    Promise.all([tx.objectStore('decks').delete(id), tx.objectStore('meta').delete(summaryKey(id))]),
  );
  announce([id]);
}
