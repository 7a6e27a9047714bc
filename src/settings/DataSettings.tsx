/**
 * The data part of the settings screen: export a backup file, import one (after confirming that
 * it replaces what is here), storage status with advice, and reset progress with confirmation.
 */
import { useEffect, useState } from 'preact/hooks';
import { exportBackup, importBackup, requestPersistence, resetProgress } from '../store';
import { storageStatus } from '../store/storage';
import { formatBytes } from './settings-form';
import { forgetShownCards } from '../study/resume';
import { download } from '../ui/download';

type Status = Awaited<ReturnType<typeof storageStatus>>;

export function DataSettings() {
  const [status, setStatus] = useState<Status | null>(null);
  const [msg, setMsg] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState<{ name: string; text: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const refresh = () => storageStatus().then(setStatus, () => setStatus(null));
  useEffect(() => void refresh(), []);

  const doExport = async () => {
    try {
      const now = Date.now();
      download(`briefdeck-backup-${new Date(now).toISOString().slice(0, 10)}.json`, await exportBackup(now));
      setMsg({ error: false, text: 'Backup exported.' });
    } catch (e) {
      setMsg({ error: true, text: `Backup failed: ${(e as Error).message}` });
    }
  };
  const doImport = async () => {
    if (!pending) return;
    const result = await importBackup(pending.text).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setPending(null);
    if (result.ok) {
      // The cards saved for a quick start came from the data just replaced.
      forgetShownCards();
      const c = result.counts;
      setMsg({ error: false, text: `Backup restored: ${c.items} cards, ${c.reviews} reviews, ${c.decks} decks.` });
    } else setMsg({ error: true, text: `${pending.name} was not imported: ${result.error}` });
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
          <label for="backup-file">Import a backup file</label>
          <input
            id="backup-file"
            type="file"
            accept="application/json,.json"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) setPending({ name: file.name, text: await file.text() });
            }}
          />
        </div>
        {pending && (
          <div class="confirm" role="group" aria-label="Confirm import">
            <p>Replace all progress, decks and settings on this device with {pending.name}?</p>
            <button type="button" class="danger" onClick={() => void doImport()}>
              Replace with backup
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel import
            </button>
          </div>
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
      </fieldset>
      <fieldset>
        <legend>Reset</legend>
        {!confirmReset ? (
          <button type="button" class="danger" onClick={() => setConfirmReset(true)}>
            Reset progress…
          </button>
        ) : (
          <div class="confirm" role="group" aria-label="Confirm reset">
            <p>Erase every review and quiz result? Decks and settings stay. This cannot be undone.</p>
            <button
              type="button"
              class="danger"
              onClick={() =>
                void resetProgress().then(
                  () => (forgetShownCards(), setConfirmReset(false), setMsg({ error: false, text: 'Progress erased.' })),
                  (e: Error) => setMsg({ error: true, text: e.message }),
                )
              }
            >
              Erase all progress
            </button>
            <button type="button" onClick={() => setConfirmReset(false)}>
              Cancel reset
            </button>
          </div>
        )}
      </fieldset>
    </>
  );
}
