/**
 * The joined classes follow the learner's sync: after each pass that reached the server, the
 * classes' newest decks are fetched and stored (progress on unchanged cards kept), so a deck the
 * teacher publishes arrives "on the next sync". Loaded by the app only for a signed-in learner
 * who joined a class.
 */
import { SYNCED_EVENT } from '../sync/status';
import { refreshJoinedClasses } from './joined';

let running: Promise<unknown> | null = null;

addEventListener(SYNCED_EVENT, () => {
  // One refresh at a time: passes every minute must not pile up fetches on a slow network.
  running ??= refreshJoinedClasses()
    .catch(() => undefined)
    .finally(() => (running = null));
});
