/**
 * Non-blocking notices from the service worker: "Ready to work offline" once after the first
 * install, and "Reload to update" when a new version waits. The update is offered only while no
 * study session or quiz runs (`busy`), so a review is never cut short. Part of the main bundle.
 */
import { useState } from 'preact/hooks';
import { busy } from './activity';
import { applyUpdate, needRefresh, offlineReady } from './state';

export function PwaNotices() {
  const [updating, setUpdating] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const showUpdate = needRefresh.value && !busy.value;
  const reload = async () => {
    setUpdating(true);
    setFailed(null);
    try {
      await applyUpdate();
    } catch (err) {
      setUpdating(false);
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
            <button type="button" class="pwa-button" disabled={updating} onClick={() => void reload()}>
              {updating ? 'Updating…' : 'Reload to update'}
            </button>
            <button type="button" class="pwa-quiet" onClick={() => (needRefresh.value = false)}>
              Later
            </button>
          </div>
        </div>
      )}
      {!showUpdate && offlineReady.value && (
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
