/**
 * The words and buttons of "A new version is ready": its own chunk, loaded by PwaNotices only
 * when an update waits between sessions, so none of it weighs on start-up.
 */
import { useState } from 'preact/hooks';
import { needRefresh, updating } from './state';
import './update-toast.css';

/** The update notice with "Reload to update" and "Later". */
export function UpdateToast() {
  const [failed, setFailed] = useState<string | null>(null);
  const reload = async () => {
    setFailed(null);
    try {
      // The update flow's code is loaded only now: nothing of it weighs on start-up.
      await (await import('./update')).applyUpdate();
    } catch (err) {
      updating.value = false;
      setFailed((err as Error).message);
    }
  };
  return (
    <div class="pwa-toast">
      <p>A new version of Briefdeck is ready. Your progress is saved.</p>
      {failed && <p class="pwa-error">{failed}</p>}
      <div class="pwa-actions">
        <button type="button" class="pwa-button" disabled={updating.value} onClick={() => void reload()}>
          {updating.value ? 'Updating…' : 'Reload to update'}
        </button>
        <button type="button" class="pwa-quiet" onClick={() => (needRefresh.value = false)}>
          Later
        </button>
      </div>
    </div>
  );
}
