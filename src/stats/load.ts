/**
 * Gathers what the stats need from the store and the deck library: settings, decks, their items,
 * the quiz history, and the review log streamed through the store's time-ordered cursor.
 *
 * Reading a long log out of IndexedDB costs far more than folding it, so the fold of each view
 * (all decks, or one deck) is kept for the life of the page and, next time, fed only the reviews
 * logged since. A kept fold is checked against the store first — the count of reviews before its
 * newest one, and the ids logged at that very time — and rebuilt when an undo, an import or a
 * reset changed what it had already counted.
 */
import { forEachReview, getItems, getSettings, listQuizzes, onStoreChange, reviewCount, reviewCountBetween } from '../store';
import { getDeck, listDecks } from '../deck/library';
import type { Deck } from '../deck/schema';
import { assembleStats, type Stats } from './compute';
import { ReviewFold } from './review-fold';

export type LoadedStats = { ok: true; stats: Stats; deck: Deck | null } | { ok: false; missingDeck: string };

/** Kept folds by `dayStartHour|deckId` (empty deck id: all decks); a handful at most. */
const kept = new Map<string, ReviewFold>();
const KEEP = 4;
let watching = false;

/** Forgets every kept fold (tests; the store's "anything may have changed" notice does it too). */
export function forgetKeptStats(): void {
  kept.clear();
}

async function stillMatches(fold: ReviewFold): Promise<boolean> {
  const { at, ids } = fold.last;
  if (fold.offered === 0) return false;
  return (await reviewCountBetween(-Infinity, at)) === fold.offered - ids.length;
}

/** Reviews read so far, of how many in the log; reported while a long log is read. */
export type StatsProgress = (read: number, total: number) => void;

const PROGRESS_EVERY = 5000;

/** The review log folded for this view: a kept fold brought up to date, or a new one. */
async function foldLog(dayStartHour: number, deckId: string | undefined, onProgress?: StatsProgress): Promise<ReviewFold> {
  if (!watching) {
    watching = true;
    // Settings, an import or a reset: nothing kept can be trusted.
    onStoreChange((change) => {
      if (change.deckIds.length === 0) kept.clear();
    });
  }
  const key = `${dayStartHour}|${deckId ?? ''}`;
  const previous = kept.get(key);
  // Taken out while it is fed, so a concurrent load never feeds the same fold twice.
  kept.delete(key);
  const fresh = () => new ReviewFold({ dayStartHour, deckIds: deckId !== undefined ? [deckId] : null });
  let fold: ReviewFold | null = null;
  if (previous && (await stillMatches(previous))) {
    const { at, ids } = previous.last;
    const counted = new Set(ids);
    let again = 0;
    await forEachReview({ from: at }, (r) => {
      if (r.at === at && r.id !== undefined && counted.has(r.id)) again++;
      else previous.add(r);
    });
    if (again === counted.size) fold = previous;
  }
  if (!fold) {
    fold = fresh();
    const f = fold;
    const total = onProgress ? await reviewCount() : 0;
    let read = 0;
    await forEachReview({}, (r) => {
      f.add(r);
      if (onProgress && ++read % PROGRESS_EVERY === 0) onProgress(read, total);
    });
  }
  kept.set(key, fold);
  for (const k of kept.keys()) {
    if (kept.size <= KEEP) break;
    kept.delete(k);
  }
  return fold;
}

/** Stats of every deck in the library, or of one deck when `deckId` is given. */
export async function loadStats(now: number, deckId?: string, onProgress?: StatsProgress): Promise<LoadedStats> {
  const [settings, quizzes, ids] = await Promise.all([
    getSettings(),
    listQuizzes(deckId),
    deckId !== undefined ? Promise.resolve([deckId]) : listDecks().then((entries) => entries.map((e) => e.summary.id)),
  ]);
  const decks = (await Promise.all(ids.map((id) => getDeck(id)))).filter((d): d is Deck => d !== null);
  if (deckId !== undefined && !decks.length) return { ok: false, missingDeck: deckId };
  const items = (await Promise.all(decks.map((d) => getItems(d.id)))).flat();
  const fold = await foldLog(settings.dayStartHour, deckId, onProgress);
  const stats = assembleStats(fold.result(now), {
    items,
    decks,
    quizzes,
    settings,
    now,
    ...(deckId !== undefined ? { deckIds: [deckId] } : {}),
  });
  return { ok: true, stats, deck: deckId !== undefined ? decks[0]! : null };
}
