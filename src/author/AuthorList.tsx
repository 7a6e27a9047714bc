/**
 * `/author`: the decks a teacher can edit (authored, imported, and new ones not yet saved),
 * with New deck, Import, Draft from an article and the way to Classes. Lazy authoring chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { createDeck, duplicateDeck, listAuthorDecks, type AuthorDeckRow } from './data';
import './author.css';

const ORIGIN: Record<AuthorDeckRow['origin'], string> = {
  authored: 'authored',
  imported: 'imported',
  unsaved: 'not saved yet',
  bundled: 'comes with Briefdeck; edits are saved as your own version',
};

export function AuthorList() {
  const { route } = useLocation();
  const [rows, setRows] = useState<AuthorDeckRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => listAuthorDecks().then(setRows, (e: Error) => setError(e.message));
  useEffect(() => {
    void load();
  }, []);
  const create = async () => {
    try {
      route(`/author/${await createDeck()}`);
    } catch (e) {
      setError(`A new deck could not be created: ${(e as Error).message}`);
    }
  };
  const duplicate = async (id: string) => {
    const copy = await duplicateDeck(id);
    if (copy) route(`/author/${copy}`);
  };
  return (
    <section class="page author">
      <h1>Author decks</h1>
      <div class="row-actions">
        <button type="button" class="button primary" onClick={create}>
          New deck
        </button>
        <a class="button" href="/import">
          Import a deck
        </a>
        <a class="button" href="/author/draft">
          Draft from an article
        </a>
        <a class="button" href="/classes">
          Classes
        </a>
      </div>
      {error && <p role="alert">{error}</p>}
      {!rows && !error && <p aria-busy="true">Loading…</p>}
      {rows && rows.length === 0 && <p>No decks of your own yet. Start a new one, import one, or draft one from an article.</p>}
      {rows && rows.length > 0 && (
        <ul class="deck-list" aria-label="Your decks">
          {rows.map((r) => (
            <li key={r.id} class="deck-tile">
              <h2>
                <a href={`/author/${r.id}`}>{r.title}</a>
              </h2>
              <p class="meta">
                {r.cards} {r.cards === 1 ? 'card' : 'cards'} · {ORIGIN[r.origin]}
                {r.hasDraft && r.origin !== 'unsaved' ? ' · unsaved changes' : ''}
              </p>
              <button type="button" class="button" onClick={() => duplicate(r.id)} aria-label={`Duplicate ${r.title}`}>
                Duplicate
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default AuthorList;
