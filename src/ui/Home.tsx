/** Home screen: every deck, loaded from the bundled index. */
import { useEffect, useState } from 'preact/hooks';
import { loadDeckIndex } from '../deck/catalog';
import type { DeckSummary } from '../deck/catalog-types';
import { DeckList } from './DeckList';

export function Home() {
  const [decks, setDecks] = useState<DeckSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadDeckIndex().then((i) => setDecks(i.decks), (e: Error) => setError(e.message));
  }, []);
  return (
    <section class="page">
      <h1>Your decks</h1>
      {error && <p role="alert">{error}</p>}
      {!decks && !error && <p aria-busy="true">Loading decks…</p>}
      {decks && <DeckList decks={decks} />}
    </section>
  );
}
