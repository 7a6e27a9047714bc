/**
 * "Edited on two devices" where the learner meets it (in the sync chunk, loaded only once sync is
 * on): on a deck's page, its conflict and its earlier versions; in Settings → Sync, every deck and
 * the settings edited on two devices. Each says when and on which device the versions were made,
 * with "Keep this version", "Use the other version" and, for a kept version, "Restore". A choice is
 * written to this device's copy, then a sync pass applies it here and sends it to the others.
 * Reached through `live-sync.ts` (one chunk with the engine); its styles are the deck page's and
 * Settings' own.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncEngine } from './engine';
import type { SyncStatus } from './status';
import { chooseVersion, editConflicts, keptVersions, restoreVersion, type EditConflict, type KeptVersion, type Version } from './versions';
import { deckDocId } from './edited-docs';

/** The running sync, as `live-sync.ts` hands it on (passed in, so this module does not import it back). */
export interface SyncRuntime {
  runningSync(): SyncEngine | null;
  onSyncStatus(fn: (s: SyncStatus | null) => void): () => void;
}

/** Where and when a version was made, in words. */
function madeWhere(v: Pick<Version, 'device' | 'editedAt' | 'mine'>): string {
  const where = v.mine ? 'this device' : `another device (${v.device})`;
  return `edited on ${where}, ${new Date(v.editedAt).toLocaleString()}`;
}

/** Reads `read` from the running engine now and after every pass, until unmounted. */
function useFromEngine<T>(sync: SyncRuntime, read: (engine: SyncEngine) => Promise<T>, empty: T, key: string): T {
  const [value, setValue] = useState<T>(empty);
  useEffect(() => {
    let live = true;
    let asked = 0;
    const refresh = () => {
      const engine = sync.runningSync();
      const ask = ++asked;
      if (!engine) return setValue(empty);
      read(engine).then(
        (v) => live && ask === asked && setValue(v),
        () => undefined,
      );
    };
    const off = sync.onSyncStatus(refresh);
    return () => {
      live = false;
      off();
    };
  }, [key]);
  return value;
}

/** Runs a choice, then a sync pass; says what failed. */
function useChoice(sync: SyncRuntime): { busy: boolean; error: string | null; run: (write: (engine: SyncEngine) => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (write: (engine: SyncEngine) => Promise<void>) => {
    const engine = sync.runningSync();
    if (!engine) return setError('Sync is not running: sign in again in Settings → Sync.');
    setBusy(true);
    setError(null);
    try {
      await write(engine);
      await engine.syncNow();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** One deck or the settings edited on two devices: the shown version, the others, the choice. */
function Conflict({ conflict, sync }: { conflict: EditConflict; sync: SyncRuntime }) {
  const { busy, error, run } = useChoice(sync);
  const choose = (rev: string) => run((engine) => chooseVersion(engine.local, engine.edited.device(), conflict.id, rev));
  const single = conflict.others.length === 1;
  return (
    <>
      <p>Shown: the version {madeWhere(conflict.shown)}.</p>
      <ul class="edited-versions">
        {conflict.others.map((other) => (
          <li key={other.rev}>
            {single ? 'The other version' : 'Another version'}: {madeWhere(other)}.{' '}
            <button type="button" class="button" disabled={busy} onClick={() => void choose(other.rev)}>
              {single ? 'Use the other version' : `Use the version of ${new Date(other.editedAt).toLocaleString()}`}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="button" disabled={busy} onClick={() => void choose(conflict.shown.rev)}>
        Keep this version
      </button>
      <p class={error ? 'edited-message error' : 'edited-message'} role={error ? 'alert' : 'status'}>
        {busy ? 'Saving your choice…' : error}
      </p>
    </>
  );
}

/** The versions of a deck kept when another was chosen, each restorable. */
function EarlierVersions({ versions, sync }: { versions: KeptVersion[]; sync: SyncRuntime }) {
  const { busy, error, run } = useChoice(sync);
  return (
    <details class="edited-earlier">
      <summary>Earlier versions ({versions.length})</summary>
      <ul class="edited-versions">
        {versions.map((v) => (
          <li key={v.id}>
            <span id={`kept-${v.id}`}>
              “{v.title}”, {madeWhere(v)}
            </span>{' '}
            <button type="button" class="button" disabled={busy} aria-describedby={`kept-${v.id}`} onClick={() => void run((engine) => restoreVersion(engine.local, engine.edited.device(), v.id))}>
              Restore this version
            </button>
          </li>
        ))}
      </ul>
      <p class={error ? 'edited-message error' : 'edited-message'} role={error ? 'alert' : 'status'}>
        {busy ? 'Restoring…' : error}
      </p>
    </details>
  );
}

/** On a deck's page: the deck's "Edited on two devices" notice and its earlier versions (nothing when it has neither). */
export function DeckVersions({ deckId, sync }: { deckId: string; sync: SyncRuntime }) {
  const id = deckDocId(deckId);
  const conflicts = useFromEngine(sync, (e) => editConflicts(e.local, e.edited.device(), id), [], id);
  const kept = useFromEngine(sync, (e) => keptVersions(e.local, e.edited.device(), id), [], id);
  const conflict = conflicts[0];
  return (
    <>
      {conflict && (
        <section class="edited-on-two" aria-labelledby="edited-on-two-title">
          <h2 id="edited-on-two-title">Edited on two devices</h2>
          <Conflict conflict={conflict} sync={sync} />
        </section>
      )}
      {kept.length > 0 && <EarlierVersions versions={kept} sync={sync} />}
    </>
  );
}

/** In Settings → Sync: every deck and the settings edited on two devices (nothing when there are none). */
export function SyncConflicts({ sync }: { sync: SyncRuntime }) {
  const conflicts = useFromEngine(sync, (e) => editConflicts(e.local, e.edited.device()), [], 'all');
  if (!conflicts.length) return null;
  return (
    <section class="edited-on-two" aria-labelledby="sync-conflicts-title">
      <h3 id="sync-conflicts-title">Edited on two devices</h3>
      <ul class="edited-list">
        {conflicts.map((c) => (
          <li key={c.id}>
            <h4>{c.id.startsWith('deck:') ? <a href={`/deck/${c.id.slice(5)}`}>{c.title}</a> : c.title}</h4>
            <Conflict conflict={c} sync={sync} />
          </li>
        ))}
      </ul>
    </section>
  );
}
