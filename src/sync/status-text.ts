/**
 * The sync status in words, for the settings' status line and the home screen's quiet note:
 * "Synced 2 minutes ago", "Offline: 12 changes waiting", or the error. Pure.
 */
import type { SyncStatus } from './status';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** How long ago `then` was, in words ("just now", "2 minutes ago", "3 hours ago", "5 days ago"). */
export function ago(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${plural(m, 'minute')} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${plural(h, 'hour')} ago`;
  return `${plural(Math.round(h / 24), 'day')} ago`;
}

/** The full status line. */
export function statusLine(s: SyncStatus, now: number): string {
  const waiting = plural(s.waiting, 'change');
  switch (s.phase) {
    case 'syncing':
      return s.waiting ? `Syncing ${waiting}…` : 'Syncing…';
    case 'synced':
      return s.lastSynced === null ? 'Synced' : `Synced ${ago(s.lastSynced, now)}`;
    case 'offline':
      return s.waiting ? `Offline: ${waiting} waiting` : 'Offline: nothing waiting';
    case 'error':
      return s.error ?? 'Sync failed.';
  }
}

/** One or two words for the home screen: synced, waiting or error. */
export function quietState(s: SyncStatus): 'synced' | 'waiting' | 'error' {
  if (s.phase === 'error') return 'error';
  if (s.phase === 'offline' || s.waiting > 0 || s.lastSynced === null) return 'waiting';
  return 'synced';
}
