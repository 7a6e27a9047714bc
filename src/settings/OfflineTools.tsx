/**
 * Settings → Storage: which tools work offline. The first install leaves the larger tools out
 * (src/pwa/on-first-use.ts); each is cached when first used, or in the background after the
 * first session (src/pwa/background-cache.ts), and from then on works without a network.
 */
import { useEffect, useState } from 'preact/hooks';
import { cacheTools, offlineStatus } from '../pwa/background-cache';

type Status = { name: string; offline: boolean }[];

export function OfflineTools() {
  const [tools, setTools] = useState<Status | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [fetching, setFetching] = useState(false);
  const refresh = () =>
    offlineStatus().then(
      (t) => (setTools(t), setFailed(null)),
      (e: Error) => setFailed(e.message),
    );
  useEffect(() => void refresh(), []);
  const fetchNow = async () => {
    setFetching(true);
    try {
      await cacheTools();
      await refresh();
    } catch (e) {
      setFailed(`The tools could not be downloaded: ${(e as Error).message}`);
    } finally {
      setFetching(false);
    }
  };
  if (failed) return <p class="meta">{failed}</p>;
  if (!tools) return null;
  const missing = tools.some((t) => !t.offline);
  return (
    <>
      <p class="offline-tools-title">Tools offline:</p>
      <ul class="offline-tools" aria-label="Tools offline">
        {tools.map((t) => (
          <li key={t.name}>
            {t.name}: {t.offline ? 'available offline' : 'downloads when first used'}
          </li>
        ))}
      </ul>
      {missing && typeof navigator !== 'undefined' && navigator.serviceWorker?.controller && (
        <button type="button" disabled={fetching} onClick={() => void fetchNow()}>
          {fetching ? 'Downloading…' : 'Download them now'}
        </button>
      )}
    </>
  );
}
