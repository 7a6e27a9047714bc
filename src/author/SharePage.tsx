/**
 * `/share#d=…`: a deck received as a link. Decodes and validates it, shows title, size and a
 * preview, and imports only when the learner says so. Lazy authoring chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Deck } from '../deck/schema';
import { formatError, type DeckError } from '../deck/validate';
import { DeckConfirm } from './import/DeckConfirm';
import { decodeShareFragment } from './share';
import './author.css';

export function SharePage() {
  const [deck, setDeck] = useState<Deck | null>(null);
  const [errors, setErrors] = useState<DeckError[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    decodeShareFragment(location.hash).then((r) => (r.ok ? setDeck(r.deck) : setErrors(r.errors)));
  }, []);
  return (
    <section class="page author">
      <h1>Deck shared with you</h1>
      {!deck && !errors && <p aria-busy="true">Reading the link…</p>}
      {errors && (
        <div role="alert">
          <p>This link does not hold a deck Briefdeck can import:</p>
          <ul>
            {errors.map((e) => (
              <li key={formatError(e)}>{formatError(e)}</li>
            ))}
          </ul>
        </div>
      )}
      {deck && !done && <DeckConfirm deck={deck} onDone={setDone} />}
      {done && (
        <p role="status">
          Imported. <a href={`/study/${done}`}>Study it now</a> or <a href="/">see your decks</a>.
        </p>
      )}
    </section>
  );
}

export default SharePage;
