/**
 * Route component for `/stats` and `/stats/:deckId` (a lazy chunk with its own CSS): loads the
 * stats, shows them, and recomputes when the store announces a change (another tab studying).
 */
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { onStoreChange } from '../store';
import { loadStats, type LoadedStats } from './load';
import { StatsView } from './StatsView';
import './stats.css';

/** `clock` gives "now" (tests pin it); the real clock otherwise. */
export function StatsPage({ clock = Date.now }: { clock?: () => number }) {
  const { params } = useRoute();
  const deckId = params.deckId;
  const [state, setState] = useState<LoadedStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);

  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    // Coalesce bursts of changes (a study session writes often) into one recomputation at a time.
    const refresh = () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      // A long log takes a while to read the first time: say how far along it is.
      loadStats(
        clock(),
        deckId,
        (read, total) => live && setProgress({ read, total }),
        // The review-log figures first, while the cards' items are read (first load of a big collection).
        (partial) => live && setState((shown) => (shown?.ok && !shown.partial ? shown : partial)),
      )
        .then(
          (s) => {
            if (!live) return;
            setState(s);
            setError(null);
            setProgress(null);
          },
          (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => {
          running = false;
          if (again && live) {
            again = false;
            refresh();
          }
        });
    };
    setState(null);
    refresh();
    const stop = onStoreChange((change) => {
      if (!deckId || change.deckIds.length === 0 || change.deckIds.includes(deckId)) refresh();
    });
    return () => {
      live = false;
      stop();
    };
    // The clock is fixed per mount; only the route decides what to load.
  }, [deckId]);

  if (error) {
    return (
      <section class="page stats">
        <h1>Stats</h1>
        <p role="alert">Stats could not be computed: {error}</p>
      </section>
    );
  }
  if (!state) {
    return (
      <section class="page stats">
        <h1>Stats</h1>
        <p aria-busy="true">Counting your reviews…</p>
        {progress && progress.total > 0 && (
          <p>
            <label for="stats-progress">
              {progress.read.toLocaleString()} of {progress.total.toLocaleString()} reviews read
            </label>{' '}
            <progress id="stats-progress" max={progress.total} value={progress.read} />
          </p>
        )}
      </section>
    );
  }
  if (!state.ok) {
    return (
      <section class="page stats">
        <h1>Stats</h1>
        <p role="alert">
          There is no deck “{state.missingDeck}”. <a href="/stats">See the stats of all decks</a>.
        </p>
      </section>
    );
  }
  return (
    <StatsView
      stats={state.stats}
      deck={state.deck ? { id: state.deck.id, title: state.deck.title } : undefined}
      partial={state.partial === true}
    />
  );
}
