/**
 * `/import`: a deck file (.json), a bundle (.briefdeck: the deck with its media) or a table (.csv, .tsv, .txt from Anki or Quizlet) by file
 * picker, drag and drop, or paste. JSON is validated completely first and every error listed
 * with its path; nothing is stored until the confirm step. Lazy authoring chunk.
 */
import { useState } from 'preact/hooks';
import { LIMITS, type Deck } from '../../deck/schema';
import { formatError, parseDeckJson, type DeckError } from '../../deck/validate';
import { DeckConfirm } from './DeckConfirm';
import { TableImport } from './TableImport';
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

  const accept = (text: string, name: string) => {
    setDone(null);
    setDeck(null);
    setFiles(undefined);
    const kind = sniff(name, text);
    setInput({ kind, text, name });
    if (kind === 'json') {
      const r = parseDeckJson(text);
      if (r.ok) {
        setErrors([]);
        setDeck(r.deck);
      } else setErrors(r.errors);
    } else setErrors([]);
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (/\.briefdeck$/i.test(file.name)) {
      // A bundle: the deck and its pictures and sounds, checked together before the confirm step.
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
      <h1>Import a deck</h1>
      <p>A Briefdeck deck file (.json) or bundle with pictures and sounds (.briefdeck), or cards from a spreadsheet (CSV or TSV), an Anki “Notes in Plain Text” export or a Quizlet export.</p>
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
        <label for="import-file">Choose a file</label>
        <input id="import-file" type="file" accept=".briefdeck,.json,.csv,.tsv,.txt,application/json,text/csv,text/tab-separated-values,text/plain" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
        <p class="hint">…or drop it here.</p>
      </div>
      <div class="field">
        <label for="import-paste">Or paste deck JSON or table text</label>
        <textarea id="import-paste" rows={6} value={paste} onInput={(e) => setPaste(e.currentTarget.value)} />
        <button type="button" class="button" disabled={!paste.trim()} onClick={() => accept(paste, 'pasted text')}>
          Check pasted text
        </button>
      </div>
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
      {input?.kind === 'table' && !deck && <TableImport key={input.text} text={input.text} fileName={input.name === 'pasted text' ? 'Imported deck' : input.name} onDeck={setDeck} />}
      {deck && <DeckConfirm key={deck.id} deck={deck} files={files} onDone={setDone} onCancel={() => setDeck(null)} />}
    </section>
  );
}

export default ImportScreen;
