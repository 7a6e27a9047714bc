/**
 * Non-blocking notices from the service worker: "Ready to work offline" once after the first
 * install, and "Reload to update" when a new version waits. Both wait while a study session or
 * quiz runs (`busy`): the update so a review is never cut short, and either notice so it never
 * covers the grade buttons in the thumb zone. Part of the main bundle.
 */
import { useState } from 'preact/hooks';
import { busy } from './activity';
import { applyUpdate, needRefresh, offlineReady, updating } from './state';

export function PwaNotices() {
  const [failed, setFailed] = useState<string | null>(null);
  const free = !busy.value;
  const showUpdate = free && needRefresh.value;
  const reload = async () => {
    setFailed(null);
    try {
      await applyUpdate();
    } catch (err) {
      updating.value = false;
      setFailed((err as Error).message);
    }
  };
  return (
    <div class="pwa-notices" role="status">
      {showUpdate && (
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
      )}
      {free && !showUpdate && offlineReady.value && (
        <div class="pwa-toast">
          <p>Ready to work offline.</p>
          <div class="pwa-actions">
            <button type="button" class="pwa-quiet" onClick={() => (offlineReady.value = false)}>
              OK
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
