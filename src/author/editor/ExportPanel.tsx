/**
 * Export a valid deck: a `.json` download (passes `npm run decks:check`), an Anki package (.apkg,
 * optionally with the review history), the Web Share API with
 * the file where the browser can share files, and a share link carrying the deck in its fragment.
 * Lazy authoring chunk.
 */
import { useState } from 'preact/hooks';
import type { Deck } from '../../deck/schema';
import { deckFileName, deckToJson } from '../export';
import { encodeShareLink } from '../share';
import { download } from '../../ui/download';


let shareSupport: boolean | null = null;

/** Whether the browser can share a .json file; asked once with an empty file, not per keystroke. */
function canShareJsonFiles(): boolean {
  if (shareSupport === null) {
    try {
      shareSupport = typeof navigator.canShare === 'function' && navigator.canShare({ files: [new File(['{}'], 'deck.json', { type: 'application/json' })] });
    } catch {
      shareSupport = false;
    }
  }
  return shareSupport;
}

export function ExportPanel({ deck }: { deck: Deck | null }) {
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [withHistory, setWithHistory] = useState(false);
  const [ankiBusy, setAnkiBusy] = useState(false);
  if (!deck) {
    return (
      <section class="editor-section" aria-labelledby="export-heading">
        <h2 id="export-heading">Export and share</h2>
        <p class="hint">Fix the problems listed above to export this deck.</p>
      </section>
    );
  }
  const file = () => new File([deckToJson(deck)], deckFileName(deck), { type: 'application/json' });
  const canShareFile = canShareJsonFiles();
  const makeLink = async () => {
    setCopied(false);
    // The app may be served under a sub-path; the link must open this same app.
    const result = await encodeShareLink(deck, new URL(import.meta.env.BASE_URL, location.origin).href);
    if (result.ok) {
      setLink(result.url);
      setMessage(null);
    } else {
      setLink(null);
      setMessage(result.message);
    }
  };
  const exportAnki = async () => {
    setAnkiBusy(true);
    setMessage(null);
    try {
      const { ankiPackage, ankiFileName } = await import('../anki/export-file');
      download(ankiFileName(deck), (await ankiPackage(deck, withHistory)) as Uint8Array<ArrayBuffer>, 'application/octet-stream');
    } catch (e) {
      setMessage(`The Anki package could not be made: ${(e as Error).message}`);
    } finally {
      setAnkiBusy(false);
    }
  };
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setMessage('Copying was not allowed; select the link and copy it yourself.');
    }
  };
  return (
    <section class="editor-section" aria-labelledby="export-heading">
      <h2 id="export-heading">Export and share</h2>
      <div class="row-actions">
        {deck.media?.length ? (
          <button
            type="button"
            class="button"
            onClick={() =>
              void import('../bundle-io')
                .then(async (b) => b.downloadBundle(b.bundleFileName(deck), await b.exportBundle(deck)))
                .catch((e: Error) => setMessage(e.message))
            }
          >
            Download .briefdeck
          </button>
        ) : (
          <button type="button" class="button" onClick={() => download(deckFileName(deck), deckToJson(deck))}>
            Download .json
          </button>
        )}
        {canShareFile && (
          <button
            type="button"
            class="button"
            onClick={() => navigator.share({ files: [file()], title: deck.title }).catch((e: Error) => e.name !== 'AbortError' && setMessage(`Sharing failed: ${e.message}`))}
          >
            Share file…
          </button>
        )}
        <button type="button" class="button" onClick={makeLink}>
          Make share link
        </button>
      </div>
      <div class="row-actions">
        <button type="button" class="button" disabled={ankiBusy} onClick={exportAnki}>
          Export for Anki (.apkg)
        </button>
        <label class="inline">
          <input type="checkbox" checked={withHistory} onChange={(e) => setWithHistory(e.currentTarget.checked)} /> with my review history
        </label>
      </div>
      {message && (
        <p class="field-error" role="alert">
          {message}
        </p>
      )}
      {link && (
        <div class="field">
          <label for="share-link">Share link ({link.length.toLocaleString('en')} characters)</label>
          <input id="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="button" onClick={copy}>
            Copy link
          </button>
          <span role="status">{copied ? 'Link copied.' : ''}</span>
        </div>
      )}
    </section>
  );
}
