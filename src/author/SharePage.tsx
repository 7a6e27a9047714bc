/**
 * `/share#d=…`: a deck received as a link. Decodes and validates it, shows title, size and a
 * preview, and imports only when the learner says so. Lazy authoring chunk.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Deck } from '../deck/schema';
import { formatError, type DeckError } from '../deck/validate';
import { DeckConfirm } from './import/DeckConfirm';
import { checkOffThread, isCancelled } from './import/check-client';
import { CheckProgress } from './import/CheckProgress';
import './author.css';

export function SharePage() {
  const [deck, setDeck] = useState<Deck | null>(null);
  const [errors, setErrors] = useState<DeckError[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<{ stage: string; fraction?: number | undefined } | null>({ stage: 'Reading the link' });
  const [cancelled, setCancelled] = useState(false);
  const running = useRef(new AbortController());
  useEffect(() => {
    // Decompressed and validated in a Worker: a large link must not freeze the page.
    const controller = running.current;
    checkOffThread({ kind: 'share', hash: location.hash }, { signal: controller.signal, onProgress: (stage, fraction) => setBusy({ stage, fraction }) }).then(
      (r) => {
        setBusy(null);
        if (r.kind === 'deck') (r.result.ok ? setDeck(r.result.deck) : setErrors(r.result.errors));
      },
      (e: unknown) => {
        setBusy(null);
        if (isCancelled(e)) setCancelled(true);
        else setErrors([{ path: 'link', message: `could not be read: ${(e as Error).message}` }]);
      },
    );
    return () => controller.abort();
  }, []);
  return (
    <section class="page author">
      <h1>Deck shared with you</h1>
      {busy && <CheckProgress stage={busy.stage} fraction={busy.fraction} onCancel={() => running.current.abort()} />}
      {cancelled && (
        <p role="status">
          Reading the link was cancelled; nothing was imported. <a href="/">See your decks</a>.
        </p>
      )}
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
