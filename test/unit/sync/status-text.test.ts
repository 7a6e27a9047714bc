/** The sync status in words: how long ago, changes waiting, errors as written, the quiet state. */
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/sync/status';
import { ago, quietState, statusLine } from '../../../src/sync/status-text';

const NOW = Date.UTC(2026, 4, 4, 12);
const base: SyncStatus = { phase: 'synced', lastSynced: NOW - 2 * 60_000, waiting: 0, error: null, signInAgain: false, quarantined: [] };

describe('sync status text', () => {
  it('says how long ago in words', () => {
    expect(ago(NOW - 10_000, NOW)).toBe('just now');
    expect(ago(NOW - 60_000, NOW)).toBe('1 minute ago');
    expect(ago(NOW - 2 * 60_000, NOW)).toBe('2 minutes ago');
    expect(ago(NOW - 3 * 3600_000, NOW)).toBe('3 hours ago');
    expect(ago(NOW - 5 * 86_400_000, NOW)).toBe('5 days ago');
  });

  it('says synced, offline with what waits, or the error', () => {
    expect(statusLine(base, NOW)).toBe('Synced 2 minutes ago');
    expect(statusLine({ ...base, phase: 'offline', waiting: 12 }, NOW)).toBe('Offline: 12 changes waiting');
    expect(statusLine({ ...base, phase: 'offline', waiting: 1 }, NOW)).toBe('Offline: 1 change waiting');
    expect(statusLine({ ...base, phase: 'error', error: 'Sign in again.' }, NOW)).toBe('Sign in again.');
    expect(statusLine({ ...base, phase: 'syncing', waiting: 3 }, NOW)).toBe('Syncing 3 changes…');
  });

  it('is quiet on home: synced, waiting or error', () => {
    expect(quietState(base)).toBe('synced');
    expect(quietState({ ...base, phase: 'offline' })).toBe('waiting');
    expect(quietState({ ...base, phase: 'syncing', waiting: 2 })).toBe('waiting');
    expect(quietState({ ...base, phase: 'error' })).toBe('error');
  });
});
