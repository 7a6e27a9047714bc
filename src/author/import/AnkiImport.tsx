/**
 * Importing an Anki package (.apkg / .colpkg): a Worker reads it with a progress bar and Cancel,
 * then a preview gives the counts, what was skipped and why, how deck levels map (decks or tags),
 * and — when decks with the same ids exist — the replace-or-copy choice. Nothing is stored before
 * the learner confirms. Lazy authoring chunk; the Worker brings sql.js, fflate and fzstd.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getSettings } from '../../store';
import type { ImportMode } from '../data';
import { AnkiImportJob } from './anki/client';
import type { Hierarchy } from './anki/convert';
import { AnkiImportError } from './anki/errors';
import { ANKI_LIMITS } from './anki/limits';
import type { AnkiPreview as Result } from './anki/protocol';
import type { AnkiProgress } from './anki/read';
import { summarizeReport } from './anki/report';
import { conflictingDecks, copyIds } from './anki/save';

const STEP_LABEL: Record<AnkiProgress['step'], string> = { unpacking: 'Unpacking', reading: 'Reading the collection', converting: 'Making cards' };

type Phase =
  | { kind: 'working'; progress: AnkiProgress | null }
  | { kind: 'preview'; result: Result; conflicts: string[] }
  | { kind: 'saving'; result: Result }
  | { kind: 'done'; deckIds: string[]; titles: string[]; reviews: number }
  | { kind: 'failed'; message: string };

/** Whether a file is an Anki package, by name or by its zip signature. */
export function isAnkiPackage(name: string, head: Uint8Array): boolean {
  if (/\.(apkg|colpkg)$/i.test(name)) return true;
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

export function AnkiImport({ file, onReset }: { file: File; onReset: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'working', progress: null });
  const [hierarchy, setHierarchy] = useState<Hierarchy>('decks');
  const job = useRef<AnkiImportJob | null>(null);

  const build = async (h: Hierarchy) => {
    setPhase({ kind: 'working', progress: null });
    const result = await job.current!.build(h, await getSettings());
    setPhase({ kind: 'preview', result, conflicts: await conflictingDecks(result.decks.map((d) => d.id)) });
  };
  const fail = (e: unknown) => {
    if (e instanceof AnkiImportError && e.kind === 'cancelled') return;
    setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  };

  useEffect(() => {
    if (file.size > ANKI_LIMITS.fileBytes) {
      setPhase({ kind: 'failed', message: `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; an Anki package may be at most ${ANKI_LIMITS.fileBytes / 1048576} MB` });
      return;
    }
    const j = new AnkiImportJob((progress) => setPhase((p) => (p.kind === 'working' ? { kind: 'working', progress } : p)));
    job.current = j;
    j.open(file, file.name).then(() => build(hierarchy)).catch(fail);
    return () => j.cancel();
  }, [file]);

  const cancel = () => {
    job.current?.cancel();
    setPhase({ kind: 'failed', message: 'The import was cancelled; nothing was stored.' });
  };
  const save = async (mode: ImportMode) => {
    if (phase.kind !== 'preview') return;
    const { result } = phase;
    setPhase({ kind: 'saving', result });
    try {
      const saved = await job.current!.save(await copyIds(result.decks.map((d) => d.id), mode));
      job.current?.cancel();
      setPhase({ kind: 'done', deckIds: saved.deckIds, titles: result.decks.map((d) => d.title), reviews: saved.reviews });
    } catch (e) {
      setPhase({ kind: 'failed', message: `The decks could not be stored; nothing was changed: ${(e as Error).message}` });
    }
  };

  if (phase.kind === 'working') {
    const p = phase.progress;
    const label = p ? STEP_LABEL[p.step] : 'Starting';
    return (
      <section class="deck-confirm" aria-labelledby="anki-heading">
        <h2 id="anki-heading">Importing {file.name}</h2>
        <label for="anki-progress">{label}…</label>
        <progress id="anki-progress" max={p?.total || 1} value={p && p.total > 1 ? p.done : undefined} />
        <div class="row-actions">
          <button type="button" class="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </section>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <div role="alert" class="error-summary">
        <p>{phase.message}</p>
        <button type="button" class="link" onClick={onReset}>
          Choose another file
        </button>
      </div>
    );
  }
  if (phase.kind === 'done') {
    return (
      <section class="deck-confirm" aria-labelledby="anki-heading">
        <h2 id="anki-heading">Imported</h2>
        <p role="status">
          {phase.deckIds.length} {phase.deckIds.length === 1 ? 'deck is' : 'decks are'} in your library, with {phase.reviews} {phase.reviews === 1 ? 'answer' : 'answers'} of
          history.
        </p>
        <ul>
          {phase.deckIds.map((id, i) => (
            <li key={id}>
              <a href={`/study/${id}`}>Study {phase.titles[i]}</a>
            </li>
          ))}
        </ul>
        <button type="button" class="link" onClick={onReset}>
          Import another file
        </button>
      </section>
    );
  }
  const { result } = phase;
  const r = result.report;
  const busy = phase.kind === 'saving';
  const conflicts = phase.kind === 'preview' ? phase.conflicts : [];
  return (
    <section class="deck-confirm" aria-labelledby="anki-heading">
      <h2 id="anki-heading">{file.name}</h2>
      <p>{summarizeReport(r)}.</p>
      {r.namedAlt.length > 0 && (
        <p class="hint">
          {r.namedAlt.length} {r.namedAlt.length === 1 ? 'picture has' : 'pictures have'} no description in Anki, so {r.namedAlt.length === 1 ? 'its' : 'each'} file name
          describes it for screen readers ({r.namedAlt.slice(0, 5).join(', ')}
          {r.namedAlt.length > 5 ? ', …' : ''}). Edit the cards to say what {r.namedAlt.length === 1 ? 'it shows' : 'they show'}.
        </p>
      )}
      {r.skippedMedia.length > 0 && (
        <details>
          <summary>
            {r.skippedMedia.length} media {r.skippedMedia.length === 1 ? 'file' : 'files'} not imported
          </summary>
          <ul class="skipped">
            {r.skippedMedia.slice(0, 200).map((m) => (
              <li key={m.name}>
                {m.name}: {m.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.missingMedia.length > 0 && (
        <p class="hint">
          Named on cards but missing from the package: {r.missingMedia.slice(0, 20).join(', ')}
          {r.missingMedia.length > 20 ? ', …' : ''}.
        </p>
      )}
      {r.withoutHistory > 0 && <p class="hint">{r.withoutHistory} reviewed cards had no history in the file; they keep the interval Anki gave them.</p>}
      <fieldset>
        <legend>Anki's deck levels (A::B::C)</legend>
        {(['decks', 'tags'] as const).map((h) => (
          <label class="inline" key={h}>
            <input
              type="radio"
              name="anki-hierarchy"
              value={h}
              checked={hierarchy === h}
              disabled={busy}
              onChange={() => {
                setHierarchy(h);
                build(h).catch(fail);
              }}
            />
            {h === 'decks' ? 'Each becomes a deck' : 'Top levels become decks, lower levels tags'}
          </label>
        ))}
      </fieldset>
      <h3>Decks</h3>
      <ul>
        {result.decks.map((d) => (
          <li key={d.id}>
            {d.title} <span class="muted">({d.cards} cards)</span>
          </li>
        ))}
      </ul>
      {r.skipped.length > 0 && (
        <details>
          <summary>
            {r.skipped.length} {r.skipped.length === 1 ? 'note' : 'notes'} skipped
          </summary>
          <ul class="skipped">
            {r.skipped.slice(0, 200).map((s, i) => (
              <li key={i}>
                “{s.label}”: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.notices.length > 0 && (
        <details>
          <summary>How some note types were brought over</summary>
          <ul>
            {r.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      {conflicts.length > 0 ? (
        <div role="group" aria-labelledby="anki-conflict" class="conflict">
          <p id="anki-conflict">
            You already have {conflicts.length === 1 ? 'a deck' : 'decks'} with the same id ({conflicts.join(', ')}). Replace and keep the progress of every card with the same id, or
            import separate copies?
          </p>
          <div class="row-actions">
            <button type="button" class="button primary" disabled={busy} onClick={() => save('replace')}>
              Replace and keep progress
            </button>
            <button type="button" class="button" disabled={busy} onClick={() => save('copy')}>
              Import as a copy
            </button>
            <button type="button" class="button" onClick={onReset}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div class="row-actions">
          <button type="button" class="button primary" disabled={busy || result.decks.length === 0} onClick={() => save('replace')}>
            Import {result.decks.length} {result.decks.length === 1 ? 'deck' : 'decks'}
          </button>
          <button type="button" class="button" onClick={onReset}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
