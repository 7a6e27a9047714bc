/**
 * The app's storage warnings, in a region of their own above the app: what the store could not
 * fix alone (StoreNotices), a database the browser emptied since the last visit, and a device
 * running out of room, with a one-tap backup export. Loaded by storage-check.ts once there is
 * something to say; checked again every minute after. Never on the study path.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CHECK_EVERY_MS, emptiedSince, lowSpace, collectionCounts, rememberCounts, type Counts } from '../store/watch';
import { formatBytes } from './format-bytes';
import { download } from './download';
import { StoreNotices } from './StoreNotices';
import './notices.css';

export function StorageWatch({ every = CHECK_EVERY_MS }: { every?: number }) {
  const [emptied, setEmptied] = useState<Counts | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const check = () => {
      emptiedSince().then((c) => live && setEmptied(c), () => undefined);
      lowSpace().then((l) => live && setLeft(l), () => undefined);
    };
    check();
    const timer = setInterval(check, every);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [every]);

  const exportNow = async () => {
    try {
      const { backupFileName, exportBackup } = await import('../store/replace');
      const now = Date.now();
      download(backupFileName(now), await exportBackup(now));
      setMsg('Backup exported. Keep the file somewhere other than this device.');
    } catch (e) {
      setMsg(`Backup failed: ${(e as Error).message}`);
    }
  };
  const startFresh = async () => {
    rememberCounts(await collectionCounts());
    setEmptied(null);
  };

  return (
    <>
      <StoreNotices />
      {(emptied || left !== null || msg) && (
        <div class="store-notices">
          {emptied && (
            <div role="alert" class="notice-card">
              <p>
                Briefdeck’s saved progress is gone: this device held {emptied.reviews} {emptied.reviews === 1 ? 'answer' : 'answers'} and {emptied.items} review{' '}
                {emptied.items === 1 ? 'item' : 'items'} when Briefdeck last looked, and now holds none. The browser may have cleared its storage (it does when the
                disk is full). Restore your latest backup file in <a href="/settings">Settings</a>.
              </p>
              <button type="button" onClick={() => void startFresh()}>
                Start fresh instead
              </button>
            </div>
          )}
          {left !== null && (
            <div role="alert" class="notice-card">
              <p>
                This device is almost out of space: {formatBytes(Math.max(0, left))} left for Briefdeck. When a disk fills up, the browser may delete Briefdeck’s data:
                export a backup now. Drafts are not saved until space is freed; your study answers still are.
              </p>
              <button type="button" onClick={() => void exportNow()}>
                Export backup
              </button>
            </div>
          )}
          {msg && <p role="status">{msg}</p>}
        </div>
      )}
    </>
  );
}

/** Mounts the warnings above the app. */
export function mountStorageWatch(app: HTMLElement): void {
  const region = document.createElement('div');
  app.before(region);
  render(<StorageWatch />, region);
}
