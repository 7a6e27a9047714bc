/**
 * The app's one running sync (in the sync chunk, with PouchDB): started for the signed-in account
 * when the app starts or the learner signs in, stopped on sign-out. Screens read its status.
 */
import { currentAccount, onAccountChange, type Account } from './account';
import { SyncEngine } from './engine';
import type { SyncStatus } from './status';

/** "Edited on two devices" for the deck page and Settings → Sync: in this chunk, so they load with the engine and add none of their own. */
export { DeckVersions, SyncConflicts } from './EditedOnTwo';

let engine: SyncEngine | null = null;
const listeners = new Set<(s: SyncStatus | null) => void>();

function startFor(account: Account | null): void {
  const old = engine;
  engine = null;
  void old?.stop();
  if (account) {
    engine = new SyncEngine(account);
    engine.subscribe((s) => {
      for (const fn of listeners) fn(s);
    });
  } else {
    for (const fn of listeners) fn(null);
  }
}

let started = false;

/** Starts syncing for the signed-in account (once), following sign-in and sign-out from then on. */
export function startSync(): void {
  if (started) return;
  started = true;
  startFor(currentAccount());
  onAccountChange((account) => {
    // A new sign-in of the same account (after the server ended the session) restarts too.
    startFor(account);
  });
}

/** The running engine, or null when signed out. */
export function runningSync(): SyncEngine | null {
  return engine;
}

/** Hears the status (null: signed out) now and on every change; returns the unsubscribe function. */
export function onSyncStatus(fn: (s: SyncStatus | null) => void): () => void {
  startSync();
  listeners.add(fn);
  fn(engine?.current ?? null);
  return () => listeners.delete(fn);
}
