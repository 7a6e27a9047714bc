/**
 * Stores an Anki import with the same replace-or-copy choice as a JSON import (the ids are chosen
 * on the page, the writing happens in the import Worker): `replace` keeps the
 * deck ids (a deck already there is replaced; importing the same file again adds no answer twice),
 * `copy` gives every deck whose id is taken a new one, and moves its items and answers with it.
 * Pictures and sounds are stored with the decks, in the same transaction (a copy shares the files).
 */
import { itemId, parseItemId } from '../../../deck/items';
import type { ItemRecord, ReviewRecord } from '../../../srs/types';
import { storeImportedProgress } from '../../../store/imported-progress';
import { takenDeckIds, type ImportMode } from '../../data';
import { uniqueId } from '../../ids';
import type { AnkiImport } from './read';

/** Deck ids the import would replace (already in the library). */
export async function conflictingDecks(deckIds: readonly string[]): Promise<string[]> {
  const taken = await takenDeckIds();
  return deckIds.filter((id) => taken.has(id));
}

/** For `copy`: a new id for every deck whose id is taken (old → new); empty for `replace`. */
export async function copyIds(deckIds: readonly string[], mode: ImportMode): Promise<Map<string, string>> {
  const rename = new Map<string, string>();
  if (mode !== 'copy') return rename;
  const taken = await takenDeckIds();
  for (const id of deckIds) if (taken.has(id)) rename.set(id, uniqueId(`${id}-copy`, taken));
  return rename;
}

/** Stores the import with decks renamed by `rename`; returns the stored decks' ids and how many answers were added. */
export async function storeAnkiImport(
  imp: Pick<AnkiImport, 'decks' | 'items' | 'reviews'> & Partial<Pick<AnkiImport, 'media'>>,
  rename: Map<string, string>,
  now: number = Date.now(),
): Promise<{ deckIds: string[]; reviews: number }> {
  const moved = renameDecks(imp, rename);
  const { reviews } = await storeImportedProgress({ ...moved, media: imp.media }, now);
  return { deckIds: moved.decks.map((d) => d.id), reviews };
}

/** The import with deck ids changed by `rename` (old id → new id), items and answers following. */
export function renameDecks(imp: Pick<AnkiImport, 'decks' | 'items' | 'reviews'>, rename: Map<string, string>): Pick<AnkiImport, 'decks' | 'items' | 'reviews'> {
  if (!rename.size) return imp;
  const moveId = (id: string) => {
    const ref = parseItemId(id);
    const to = rename.get(ref.deckId);
    return to ? itemId(to, ref.cardId, ref.sub) : id;
  };
  const moveItem = (i: ItemRecord): ItemRecord => (rename.has(i.deckId) ? { ...i, id: moveId(i.id), deckId: rename.get(i.deckId)! } : i);
  return {
    decks: imp.decks.map((d) => (rename.has(d.id) ? { ...d, id: rename.get(d.id)!, title: `${d.title} (copy)`.slice(0, 120) } : d)),
    items: imp.items.map(moveItem),
    reviews: imp.reviews.map((r): ReviewRecord => (rename.has(r.deckId) ? { ...r, itemId: moveId(r.itemId), deckId: rename.get(r.deckId)!, before: moveItem(r.before) } : r)),
  };
}

/** Stores the import with the replace-or-copy choice (both steps above, in one thread). */
export async function saveAnkiImport(imp: AnkiImport, mode: ImportMode, now: number = Date.now()): Promise<{ deckIds: string[]; reviews: number }> {
  return storeAnkiImport(imp, await copyIds(imp.decks.map((d) => d.id), mode), now);
}
