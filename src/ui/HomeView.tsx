/**
 * What the home screen shows, from data alone: the build renders it into index.html with the
 * bundled decks and no counts yet (scripts/vite-plugin-prerender.ts), and Home renders the same
 * first, so the page paints before any script or IndexedDB. Everything that arrives later fills
 * room kept for it (the counts, the Study links, "Study all due") or comes below the list (the
 * welcome, the offline note): nothing painted moves. No styles or store here: the build imports it.
 */
import type { ComponentType } from 'preact';
import type { LibraryEntry } from '../library/library';
import type { DeckCounts } from '../store';
import { DeckList } from './DeckList';

export interface HomeData {
  decks: LibraryEntry[];
  /** Null until the store has counted (the prerendered page, and the first render after it). */
  counts: Record<string, DeckCounts> | null;
  firstRun: boolean;
  now: number;
}

export interface HomeViewProps {
  data: HomeData | null;
  error: string | null;
  /** The "when to come back" note once its chunk is loaded (only when nothing is due). */
  NextReview: ComponentType<{ deckIds: string[]; now: number }> | null;
  offlineReady: boolean;
}

/** Due and new cards over every deck, or null before the counts. */
export function homeTotals(data: HomeData | null): { due: number; new: number; unstarted: boolean } | null {
  if (!data?.counts) return null;
  const counts = data.counts;
  const t = Object.values(counts).reduce((t, c) => ({ due: t.due + c.due + c.learning, new: t.new + c.new }), { due: 0, new: 0 });
  // A deck never opened has no items yet; studying it creates them, so it counts as work to do.
  const unstarted = data.decks.some((d) => d.summary.cardCount > 0 && !counts[d.summary.id]?.started);
  return { ...t, unstarted };
}

export function HomeView({ data, error, NextReview, offlineReady }: HomeViewProps) {
  const totals = homeTotals(data);
  return (
    <section class="page home">
      <h1>Your decks</h1>
      {error && <p role="alert">{error}</p>}
      {!data && !error && <p aria-busy="true">Loading decks…</p>}
      {data && (
        <p class="study-all">
          {/* Its own row, kept while the counts load, so the link's arrival moves nothing. */}
          <span class="study-all-main">
            {totals &&
              (totals.due + totals.new > 0 || totals.unstarted ? (
                <a class="button primary" href="/study/all">
                  Study all due{totals.due + totals.new > 0 ? ` (${totals.due} due, ${totals.new} new)` : ''}
                </a>
              ) : (
                <span class="meta">
                  Nothing due right now. {NextReview && <NextReview deckIds={data.decks.map((d) => d.summary.id)} now={data.now} />}
                </span>
              ))}
          </span>
          <a class="button" href="/quiz/all">
            Quick quiz
          </a>
          <a class="button" href="/import">
            Add a deck
          </a>
        </p>
      )}
      {data && <DeckList decks={data.decks} counts={data.counts} now={data.now} />}
      {/* Below the list: neither may push the decks down when it comes or goes. */}
      {data?.firstRun && (
        <p class="welcome">
          Welcome to Briefdeck: pick a deck above to read its key points, then study its cards for a few minutes a day.
          Briefdeck brings each card back just before you would forget it, and everything works offline.
        </p>
      )}
      {offlineReady && <p class="meta offline-note">Ready to use offline.</p>}
    </section>
  );
}
