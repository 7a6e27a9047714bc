/**
 * "Reload to update" when a new version waits, shown in the page's flow above the screen (it
 * covers no control) and held back while a study session or quiz runs (`busy`), so a review is
 * never cut short. That the app works offline is said once, by the home screen's note, never in a
 * notice of its own. Part of the main bundle: only the live region; the notice itself
 * (UpdateToast) loads when an update waits.
 */
import { useEffect, useState } from 'preact/hooks';
import { busy } from './activity';
import { needRefresh } from './state';
import type { UpdateToast as Toast } from './UpdateToast';

export function PwaNotices() {
  const showUpdate = !busy.value && needRefresh.value;
  const [UpdateToast, setToast] = useState<typeof Toast | null>(null);
  useEffect(() => {
    if (showUpdate && !UpdateToast) void import('./UpdateToast').then((m) => setToast(() => m.UpdateToast));
  }, [showUpdate]);
  return (
    <div class="pwa-notices" role="status">
      {showUpdate && UpdateToast && <UpdateToast />}
    </div>
  );
}
