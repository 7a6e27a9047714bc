/** Sync's state as the screens show it, the event after each pass, and failures in words. Shared by the engine and the screens. */
import { CouchError } from './couch';

/** The window event after a pass that reached the server and applied what arrived. */
export const SYNCED_EVENT = 'briefdeck-synced';

/** What the learner is told about sync. */
export interface SyncStatus {
  phase: 'syncing' | 'synced' | 'offline' | 'error';
  /** When the last pass completed (epoch ms), or null. */
  lastSynced: number | null;
  /** Changes made here that the server does not have yet. */
  waiting: number;
  /** The error in words (phase 'error' or 'offline'). */
  error: string | null;
  /** The server's session ended: the learner must sign in again (changes are kept). */
  signInAgain: boolean;
  /** Documents from the server refused by the quarantine, with why. */
  quarantined: { id: string; reason: string }[];
}

/** Says a sync failure in words, for the status line. */
export function failureText(e: unknown): string {
  if (e instanceof CouchError || e instanceof Error) return e.message;
  // PouchDB rejects with plain objects carrying a status, a name and a message or reason.
  const o = (e ?? {}) as { message?: unknown; reason?: unknown; name?: unknown; status?: unknown };
  const text = [o.status, o.name, o.message ?? o.reason].filter((x) => x !== undefined && x !== '').join(' ');
  return text || String(e);
}
