/**
 * Home screen: every deck (bundled, imported, authored) with its due / new / learning counts,
 * a "Study all due" entry, a two-sentence welcome on first run, and the offline-ready note.
 * It starts from the bundled decks the page already holds (the prerendered list), so its first
 * render matches the HTML; counts come from the store's indexes and refresh when any tab writes.
 */
import { useEffect, useState } from 'preact/hooks';
import { bundledEntriesNow, listDecks } from '../library/library';
import { deckCounts, onStoreChange, reviewCount } from '../store';
import { offlineReadySlot } from './home-status';
import { HomeView, homeTotals, type HomeData } from './HomeView';
import type Next from './NextReview';
import './home.css';

async function loadHome(): Promise<HomeData> {
  const now = Date.now();
  const [decks, reviews] = await Promise.all([listDecks(), reviewCount()]);
  const counts = await deckCounts(
    decks.map((d) => d.summary.id),
    now,
  );
  return { decks, counts, firstRun: reviews === 0, now };
}

/** What the prerendered page shows: the bundled decks, no counts, the welcome (its place is below the list). */
function fromPage(): HomeData | null {
  const decks = bundledEntriesNow();
  return decks && { decks, counts: null, firstRun: true, now: Date.now() };
}

export function Home() {
  const [data, setData] = useState<HomeData | null>(fromPage);
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
  const totals = homeTotals(data);
  const idle = !!totals && totals.due + totals.new === 0 && !totals.unstarted;
  // When to come back is read only when nothing is due, by a chunk of its own.
  const [NextReview, setNextReview] = useState<typeof Next | null>(null);
  useEffect(() => {
    if (idle && !NextReview) void import('./NextReview').then((m) => setNextReview(() => m.default));
  }, [idle]);
  return <HomeView data={data} error={error} NextReview={NextReview} offlineReady={offlineReadySlot.value} />;
}
