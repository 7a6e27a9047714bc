/** The list of decks on the home screen: title, description and card count, each a link. */
import type { DeckSummary } from '../deck/catalog-types';

export function DeckList({ decks }: { decks: DeckSummary[] }) {
  if (!decks.length) return <p>No decks yet.</p>;
  return (
    <ul class="deck-list" aria-label="Decks">
      {decks.map((d) => (
        <li key={d.id} class="deck-tile">
          <h2>
            <a href={`/deck/${d.id}`}>{d.title}</a>
          </h2>
          {d.description && <p>{d.description}</p>}
          <p class="meta">
            {d.cardCount} {d.cardCount === 1 ? 'card' : 'cards'} · {d.keyPointCount} key points
          </p>
        </li>
      ))}
    </ul>
  );
}
