/**
 * The data part of the settings screen: export a backup file, import one (after confirming that
 * it replaces what is here), storage status with advice and which tools work offline, and reset
 * progress with confirmation.
 */
import { useEffect, useState } from 'preact/hooks';
import { requestPersistence } from '../store';
import { backupFileName, exportBackup, resetProgress, restoreBackupFile } from '../store/replace';
import { storageStatus } from '../store/storage';
import { formatBytes } from '../ui/format-bytes';
import { forgetShownCards } from '../study/resume';
import { TypedConfirm } from '../ui/TypedConfirm';
import { DamagedRecords } from './DamagedRecords';
import { OfflineTools } from './OfflineTools';
import { download } from '../ui/download';

type Status = Awaited<ReturnType<typeof storageStatus>>;

export function DataSettings() {
  const [status, setStatus] = useState<Status | null>(null);
  const [msg, setMsg] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState<{ name: string; file: Blob } | null>(null);
  const [restoring, setRestoring] = useState<{ stage: string; controller: AbortController } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const refresh = () => storageStatus().then(setStatus, () => setStatus(null));
  useEffect(() => void refresh(), []);

  const doExport = async () => {
    try {
      const now = Date.now();
      download(backupFileName(now), await exportBackup(now));
      setMsg({ error: false, text: 'Backup exported.' });
    } catch (e) {
      setMsg({ error: true, text: `Backup failed: ${(e as Error).message}` });
    }
  };
  const doImport = async () => {
    if (!pending) return;
    const { name, file } = pending;
    setPending(null);
    // Read, checked and written in a Worker: a large backup never holds up the page; Cancel ends it whole.
    const controller = new AbortController();
    setRestoring({ stage: 'Reading the backup', controller });
    const result = await restoreBackupFile(file, { signal: controller.signal, onProgress: (stage) => setRestoring({ stage, controller }) }).catch(
      (e: Error) => ({ ok: false as const, error: e.message }),
    );
    setRestoring(null);
    if (result.ok) {
      // The cards saved for a quick start came from the data just replaced.
      forgetShownCards();
      const c = result.counts;
      setMsg({ error: false, text: `Backup restored: ${c.decks} decks, progress on ${c.cards} cards, ${c.reviews} reviews.` });
    } else setMsg({ error: true, text: `${name} was not imported: ${result.error}` });
  };

  return (
    <>
      <fieldset>
        <legend>Backup</legend>
        <p class={msg?.error ? 'settings-message error' : 'settings-message'} role={msg?.error ? 'alert' : 'status'}>
          {msg?.text}
        </p>
        <button type="button" onClick={() => void doExport()}>
          Export backup
        </button>
        <div class="field">
          <input
            id="backup-file"
            class="file-input"
            type="file"
            accept="application/gzip,.gz,application/json,.json"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) setPending({ name: file.name, file });
            }}
          />
          <label for="backup-file" class="button file-label">
            Import a backup file
          </label>
        </div>
        {restoring && (
          <div class="check-progress" role="status" aria-busy="true">
            <p>{restoring.stage}…</p>
            <progress aria-label={restoring.stage} />{' '}
            <button type="button" onClick={() => restoring.controller.abort()}>
              Cancel restore
            </button>
          </div>
        )}
        {pending && (
          <TypedConfirm name="Confirm import" word="replace" action="Replace with backup" cancel="Cancel import" onConfirm={() => void doImport()} onCancel={() => setPending(null)}>
            Replace all progress, decks and settings on this device with {pending.name}?
          </TypedConfirm>
        )}
      </fieldset>
      <fieldset>
        <legend>Storage</legend>
        {status ? (
          <>
            <p>
              {status.persisted
                ? 'Your progress is stored persistently: the browser will not clear it to free space.'
                : 'Your progress is not stored persistently: the browser may clear it when space runs low. Export a backup now and then.'}
            </p>
            {status.usage !== null && (
              <p class="meta">
                Using {formatBytes(status.usage)}
                {status.quota ? ` of ${formatBytes(status.quota)} available` : ''}.
              </p>
            )}
            {status.media && status.media.files > 0 && (
              <p class="meta">
                Pictures and sounds: {status.media.files} file{status.media.files === 1 ? '' : 's'}, {formatBytes(status.media.bytes)}.
              </p>
            )}
            {!status.persisted && (
              <button type="button" onClick={() => void requestPersistence().then(refresh)}>
                Ask to keep data
              </button>
            )}
          </>
        ) : (
          <p class="meta">Storage status is not available in this browser.</p>
        )}
        <OfflineTools />
      </fieldset>
      <DamagedRecords />
      <fieldset>
        <legend>Reset</legend>
        {!confirmReset ? (
          <button type="button" class="danger" onClick={() => setConfirmReset(true)}>
            Reset progress…
          </button>
        ) : (
          <TypedConfirm
            name="Confirm reset"
            word="erase"
            action="Erase all progress"
            cancel="Cancel reset"
            onConfirm={() =>
              void resetProgress().then(
                () => (forgetShownCards(), setConfirmReset(false), setMsg({ error: false, text: 'Progress erased.' })),
                (e: Error) => setMsg({ error: true, text: e.message }),
              )
            }
            onCancel={() => setConfirmReset(false)}
          >
            Erase every review and quiz result? Decks and settings stay. This cannot be undone.
          </TypedConfirm>
        )}
      </fieldset>
    </>
  );
}
