/**
 * The last step of every import (file, paste, table, share link): shows the deck's title, size
 * and first cards, and — when a deck with the same id exists — asks whether to replace it
 * (same deck and card ids, so progress is kept) or import a copy. Lazy authoring chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Deck } from '../../deck/schema';
import { existingDeck, importDeck, type ImportMode } from '../data';
import { CardPreview } from '../editor/CardPreview';

export function DeckConfirm({
  deck,
  files,
  onDone,
  onCancel,
}: {
  deck: Deck;
  /** A bundle's media files, stored with the deck. */
  files?: ReadonlyMap<string, Uint8Array> | undefined;
  onDone: (id: string) => void;
  onCancel?: () => void;
}) {
  const [existing, setExisting] = useState<Deck | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    existingDeck(deck.id).then(setExisting, () => setExisting(null));
  }, [deck.id]);
  const go = async (mode: ImportMode) => {
    setBusy(true);
    try {
      onDone(await importDeck(deck, mode, Date.now(), files));
    } catch (e) {
      setError(`The deck could not be stored: ${(e as Error).message}`);
      setBusy(false);
    }
  };
  const kp = deck.keyPoints?.length ?? 0;
  return (
    <section class="deck-confirm" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">{deck.title}</h2>
      <p class="meta">
        {deck.cards.length} {deck.cards.length === 1 ? 'card' : 'cards'} · {kp} key {kp === 1 ? 'point' : 'points'} · id {deck.id}
      </p>
      {deck.description && <p>{deck.description}</p>}
      <h3>First cards</h3>
      <ol class="confirm-preview">
        {deck.cards.slice(0, 3).map((c) => (
          <li key={c.id}>
            <CardPreview card={c} />
          </li>
        ))}
      </ol>
      {error && <p role="alert">{error}</p>}
      {existing === undefined ? (
        <p aria-busy="true">Checking your decks…</p>
      ) : existing ? (
        <div role="group" aria-labelledby="conflict-text" class="conflict">
          <p id="conflict-text">
            You already have a deck with the id “{deck.id}” (“{existing.title}”, {existing.cards.length} cards). Replace it and keep the progress of
            every card with the same id, or import this one as a separate copy?
          </p>
          <div class="row-actions">
            <button type="button" class="button primary" disabled={busy} onClick={() => go('replace')}>
              Replace and keep progress
            </button>
            <button type="button" class="button" disabled={busy} onClick={() => go('copy')}>
              Import as a copy
            </button>
            {onCancel && (
              <button type="button" class="button" onClick={onCancel}>
                Cancel
              </button>
            )}
          </div>
        </div>
      ) : (
        <div class="row-actions">
          <button type="button" class="button primary" disabled={busy} onClick={() => go('replace')}>
            Import this deck
          </button>
          {onCancel && (
            <button type="button" class="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
    </section>
  );
}
