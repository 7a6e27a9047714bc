/**
 * Gathers what `computeStats` needs from the store and the deck library: settings, decks, their
 * items, the quiz history, and the review log streamed through the store's time-ordered cursor.
 */
import { forEachReview, getItems, getSettings, listQuizzes } from '../store';
import { getDeck, listDecks } from '../deck/library';
import type { Deck } from '../deck/schema';
import { computeStats, type Stats } from './compute';

export type LoadedStats = { ok: true; stats: Stats; deck: Deck | null } | { ok: false; missingDeck: string };

/** Stats of every deck in the library, or of one deck when `deckId` is given. */
export async function loadStats(now: number, deckId?: string): Promise<LoadedStats> {
  const [settings, quizzes, ids] = await Promise.all([
    getSettings(),
    listQuizzes(deckId),
    deckId !== undefined ? Promise.resolve([deckId]) : listDecks().then((entries) => entries.map((e) => e.summary.id)),
  ]);
  const decks = (await Promise.all(ids.map((id) => getDeck(id)))).filter((d): d is Deck => d !== null);
  if (deckId !== undefined && !decks.length) return { ok: false, missingDeck: deckId };
  const items = (await Promise.all(decks.map((d) => getItems(d.id)))).flat();
  const stats = await computeStats({
    reviews: (visit) => forEachReview({}, visit),
    items,
    decks,
    quizzes,
    settings,
    now,
    ...(deckId !== undefined ? { deckIds: [deckId] } : {}),
  });
  return { ok: true, stats, deck: deckId !== undefined ? decks[0]! : null };
}
