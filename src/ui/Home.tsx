/**
 * Home screen: every deck (bundled, imported, authored) with its due / new / learning counts,
 * a "Study all due" entry, a two-sentence welcome on first run, and the offline-ready note.
 * Counts come from the store's indexes and refresh when any tab writes.
 */
import { useEffect, useState } from 'preact/hooks';
import { listDecks, type LibraryEntry } from '../library/library';
import { deckCounts, onStoreChange, reviewCount, type DeckCounts } from '../store';
import { DeckList } from './DeckList';
import { offlineReadySlot } from './home-status';
import type Next from './NextReview';
import './home.css';

interface HomeData {
  decks: LibraryEntry[];
  counts: Record<string, DeckCounts>;
  firstRun: boolean;
  now: number;
}

async function loadHome(): Promise<HomeData> {
  const now = Date.now();
  const [decks, reviews] = await Promise.all([listDecks(), reviewCount()]);
  const counts = await deckCounts(
    decks.map((d) => d.summary.id),
    now,
  );
  return { decks, counts, firstRun: reviews === 0, now };
}

export function Home() {
  const [data, setData] = useState<HomeData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      loadHome().then(
        (d) => live && (setData(d), setError(null)),
        (e: Error) => live && setError(e.message),
      );
    void load();
    const stop = onStoreChange(() => void load());
    return () => {
      live = false;
      stop();
    };
  }, []);
  const totals = data
    ? Object.values(data.counts).reduce((t, c) => ({ due: t.due + c.due + c.learning, new: t.new + c.new }), { due: 0, new: 0 })
    : null;
  // A deck never opened has no items yet; studying it creates them, so it counts as work to do.
  const unstarted = data?.decks.some((d) => d.summary.cardCount > 0 && !data.counts[d.summary.id]?.started) ?? false;
  const idle = !!totals && totals.due + totals.new === 0 && !unstarted;
  // When to come back is read only when nothing is due, by a chunk of its own.
  const [NextReview, setNextReview] = useState<typeof Next | null>(null);
  useEffect(() => {
    if (idle && !NextReview) void import('./NextReview').then((m) => setNextReview(() => m.default));
  }, [idle]);
  return (
    <section class="page home">
      <h1>Your decks</h1>
      {data?.firstRun && (
        <p class="welcome">
          Welcome to Briefdeck: pick a deck below to read its key points, then study its cards for a few minutes a day.
          Briefdeck brings each card back just before you would forget it, and everything works offline.
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {!data && !error && <p aria-busy="true">Loading decks…</p>}
      {totals && (
        <p class="study-all">
          {totals.due + totals.new > 0 || unstarted ? (
            <a class="button primary" href="/study/all">
              Study all due{totals.due + totals.new > 0 ? ` (${totals.due} due, ${totals.new} new)` : ''}
            </a>
          ) : (
            <span class="meta">
              Nothing due right now. {NextReview && <NextReview deckIds={data!.decks.map((d) => d.summary.id)} now={data!.now} />}
            </span>
          )}{' '}
          <a class="button" href="/quiz/all">
            Quick quiz
          </a>{' '}
          <a class="button" href="/import">
            Add a deck
          </a>
        </p>
      )}
      {data && <DeckList decks={data.decks} counts={data.counts} now={data.now} />}
      {/* Below the list: the note arrives when the service worker finishes, and must not push the decks down. */}
      {offlineReadySlot.value && <p class="meta offline-note">Ready to use offline.</p>}
    </section>
  );
}
