/**
 * The learner's settings: one record, read once per tab and kept until it changes (here or in
 * another tab). Damaged settings never stop studying: the defaults stand in, and the damage is reported.
 */
import { settingsProblems } from '../srs/settings';
import { DEFAULT_SETTINGS, type Settings } from '../srs/types';
import { announce, inTransaction, onRemoteChange } from './db';
import { StoreError } from './errors';
import { reportDamage } from './integrity';

let cache: Settings | null = null;
onRemoteChange(() => {
  cache = null;
});

/** Forgets the kept settings (the store was closed or replaced). */
export function forgetSettings(): void {
  cache = null;
}

/** The settings if this tab knows them, without waiting (a grade's writes leave within the key press). */
export function knownSettings(): Settings | null {
  return cache;
}

/** The learner's settings (defaults until changed). */
export async function getSettings(): Promise<Settings> {
  if (cache) return cache;
  const stored = await inTransaction(['settings'], 'readonly', (tx) => tx.objectStore('settings').get('settings'));
  // Settings added in later versions get their defaults.
  const merged: Settings = { ...DEFAULT_SETTINGS, ...stored };
  const problems = settingsProblems(merged);
  if (problems.length) {
    // Damaged settings must not stop studying: use the defaults and say so.
    reportDamage({ store: 'settings', key: 'settings', problem: `could not be read (${problems.join('; ')}); the defaults are used` });
    cache = { ...DEFAULT_SETTINGS };
  } else cache = merged;
  return cache;
}

/** Changes some settings; refuses invalid values with a message naming the field. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = await inTransaction(['settings'], 'readwrite', async (tx) => {
    const store = tx.objectStore('settings');
    const merged: Settings = { ...DEFAULT_SETTINGS, ...(await store.get('settings')), ...patch };
    const problems = settingsProblems(merged);
    if (problems.length) throw new TypeError(`Settings not saved: ${problems.join('; ')}`);
    await store.put(merged, 'settings');
    return merged;
  }).catch((error: unknown) => {
    if (error instanceof StoreError && error.cause instanceof TypeError) throw error.cause;
    throw error;
  });
  cache = next;
  announce([]);
  return next;
}
