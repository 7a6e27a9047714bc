/**
 * The quiet sync note in the header (synced / waiting / error), loaded after the first screen
 * only when an account is signed in; it starts the sync. A link to Settings → Sync, never in the
 * way of the study buttons.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from './status';
import { onSyncStatus } from './live-sync';
import { quietState, statusLine } from './status-text';
import './sync-badge.css';

const WORDS = { synced: 'Synced', waiting: 'Sync waiting', error: 'Sync error' } as const;

export function SyncBadge() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => onSyncStatus(setStatus), []);
  if (!status) return null;
  const state = quietState(status);
  return (
    <a class="sync-badge" href="/settings" data-state={state} title={statusLine(status, Date.now())}>
      {WORDS[state]}
    </a>
  );
}
