/**
 * `/import` ("Add a deck" on home): a deck file (.json), a bundle (.briefdeck: the deck with its
 * media), a table (.csv, .tsv, .txt from Anki or
 * Quizlet) or an Anki package (.apkg, .colpkg: read in a Worker, see AnkiImport) by file
 * picker, drag and drop, or paste; or a shared link (`…/share#d=…`) pasted. JSON
 * and links are checked completely first (in a Worker, with progress and Cancel) and every error
 * listed with its path; nothing is stored until the confirm step. Lazy authoring chunk.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS, type Deck } from '../../deck/schema';
import { formatError, type DeckError } from '../../deck/validate';
import { checkOffThread, isCancelled } from './check-client';
import { CheckProgress } from './CheckProgress';
import { DeckConfirm } from './DeckConfirm';
import { TableImport } from './TableImport';
import { AnkiImport, isAnkiPackage } from './AnkiImport';
import '../author.css';

type Input = { kind: 'json' | 'table'; text: string; name: string };

/** JSON when the name says so or the text starts like an object; a table otherwise. */
export function sniff(name: string, text: string): Input['kind'] {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.(csv|tsv|txt)$/i.test(name)) return 'table';
  return /^\uFEFF?\s*[{[]/.test(text) ? 'json' : 'table';
}

export function ImportScreen() {
  const [input, setInput] = useState<Input | null>(null);
  const [deck, setDeck] = useState<Deck | null>(null);
  const [files, setFiles] = useState<Map<string, Uint8Array> | undefined>(undefined);
  const [errors, setErrors] = useState<DeckError[]>([]);
  const [paste, setPaste] = useState('');
  const [dragging, setDragging] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<{ stage: string; fraction?: number | undefined } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [anki, setAnki] = useState<File | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const accept = (text: string, name: string) => {
    running.current?.abort();
    setAnki(null);
    setDone(null);
    setDeck(null);
    setNote(null);
    setFiles(undefined);
    // A link a teacher shared holds its deck in the fragment: read it here as the link would.
    const link = /^https?:\/\/\S+\/share#\S+$/.test(text.trim()) ? new URL(text.trim()) : null;
    const job = link ? ({ kind: 'share', hash: link.hash } as const) : null;
    const kind = link ? 'json' : sniff(name, text);
    if (link) name = 'the shared link';
    setInput({ kind, text, name });
    setErrors([]);
    if (kind !== 'json') return;
    const controller = (running.current = new AbortController());
    setBusy({ stage: 'Checking the deck' });
    checkOffThread(job ?? { kind: 'json', text }, { signal: controller.signal, onProgress: (stage, fraction) => setBusy({ stage, fraction }) }).then(
      (r) => {
        setBusy(null);
        if (r.kind !== 'deck') return;
        if (r.result.ok) setDeck(r.result.deck);
        else setErrors(r.result.errors);
      },
      (e: unknown) => {
        if (running.current === controller) setBusy(null);
        if (!isCancelled(e)) setErrors([{ path: name, message: `could not be checked: ${(e as Error).message}` }]);
        else if (running.current === controller) {
          setNote(`Checking ${name} was cancelled; nothing was stored.`);
          setInput(null);
        }
      },
    );
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (/\.briefdeck$/i.test(file.name)) {
      // A bundle: the deck and its pictures and sounds, checked together before the confirm step.
      running.current?.abort();
      setAnki(null);
      setNote(null);
      setDone(null);
      setDeck(null);
      setInput({ kind: 'json', text: '', name: file.name });
      // The zip reader loads only for bundles; unpacked sizes are checked before anything is inflated.
      const { importBundleBytes } = await import('../bundle-io');
      const r = await importBundleBytes(new Uint8Array(await file.arrayBuffer()));
      if (r.ok) {
        setErrors([]);
        setFiles(r.files);
        setDeck(r.deck);
      } else setErrors(r.errors);
      return;
    }
    // An Anki package is a zip of any size up to its own limit; it goes to the Worker unread.
    if (isAnkiPackage(file.name, new Uint8Array(await file.slice(0, 4).arrayBuffer()))) {
      running.current?.abort();
      setDone(null);
      setDeck(null);
      setErrors([]);
      setNote(null);
      setInput(null);
      setAnki(file);
      return;
    }
    if (file.size > LIMITS.fileBytes) {
      setInput({ kind: 'json', text: '', name: file.name });
      setErrors([{ path: file.name, message: `is ${(file.size / 1048576).toFixed(1)} MB; an import may be at most ${LIMITS.fileBytes / 1048576} MB` }]);
      return;
    }
    accept(await file.text(), file.name);
  };

  if (done) {
    return (
      <section class="page author">
        <h1>Imported</h1>
        <p role="status">
          The deck is in your library. <a href={`/study/${done}`}>Study it</a>, <a href={`/author/${done}`}>edit it</a> or{' '}
          <button type="button" class="link" onClick={() => (setDone(null), setInput(null), setDeck(null), setPaste(''))}>
            import another
          </button>
          .
        </p>
      </section>
    );
  }

  return (
    <section class="page author">
      <h1>Add a deck</h1>
      <p>
        A deck file from a teacher or a friend (.json, or .briefdeck with its pictures and sounds), a link they shared, an Anki deck package (.apkg or .colpkg, with its review history), or cards from a spreadsheet (CSV or TSV), an Anki “Notes in Plain
        Text” export or a Quizlet export.
      </p>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void readFile(e.dataTransfer?.files[0]);
        }}
      >
        <input
          id="import-file"
          class="file-input"
          type="file"
          accept=".briefdeck,.json,.csv,.tsv,.txt,.apkg,.colpkg,application/json,text/csv,text/tab-separated-values,text/plain"
          onChange={(e) => void readFile(e.currentTarget.files?.[0])}
        />
        <label for="import-file" class="button file-label">
          Choose a file
        </label>
        <p class="hint">…or drop it here.</p>
      </div>
      <div class="field">
        <label for="import-paste">Or paste a shared link, deck JSON or table text</label>
        <textarea id="import-paste" rows={6} value={paste} onInput={(e) => setPaste(e.currentTarget.value)} />
        <button type="button" class="button" disabled={!paste.trim()} onClick={() => accept(paste, 'pasted text')}>
          Check pasted text
        </button>
      </div>
      {busy && <CheckProgress stage={busy.stage} fraction={busy.fraction} onCancel={() => running.current?.abort()} />}
      {note && <p role="status">{note}</p>}
      {errors.length > 0 && (
        <div role="alert" class="error-summary">
          <p>
            {input?.name ?? 'The file'} cannot be imported; nothing was stored. {errors.length} {errors.length === 1 ? 'problem' : 'problems'}:
          </p>
          <ul>
            {errors.map((e) => (
              <li key={formatError(e)}>{formatError(e)}</li>
            ))}
          </ul>
        </div>
      )}
      {anki && <AnkiImport key={`${anki.name}:${anki.size}:${anki.lastModified}`} file={anki} onReset={() => setAnki(null)} />}
      {input?.kind === 'table' && !deck && <TableImport key={input.text} text={input.text} fileName={input.name === 'pasted text' ? 'Imported deck' : input.name} onDeck={setDeck} />}
      {deck && <DeckConfirm key={deck.id} deck={deck} files={files} onDone={setDone} onCancel={() => setDeck(null)} />}
    </section>
  );
}

export default ImportScreen;
