/**
 * "Reload to update" when a new version waits, shown in the page's flow above the screen (it
 * covers no control) and held back while a study session or quiz runs (`busy`), so a review is
 * never cut short. That the app works offline is said once, by the home screen's note, never in a
 * notice of its own. Part of the main bundle.
 */
import { useState } from 'preact/hooks';
import { busy } from './activity';
import { needRefresh, updating } from './state';

export function PwaNotices() {
  const [failed, setFailed] = useState<string | null>(null);
  const showUpdate = !busy.value && needRefresh.value;
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
    </div>
  );
}
