/**
 * What CouchDB's `couch_peruser` does, for the local server (pouchdb-server has no such option):
 * gives every account its private database, through the HTTP API as a server admin. On a real
 * CouchDB 3, turn `couch_peruser` on instead (or run `npm run sync:setup`, which does the same
 * for the accounts that exist).
 */
import { couchRequest, type CouchReply, type CouchServer } from '../../src/sync/couch';
import { userDbName } from '../../src/sync/names';
import { ensureUserDb, listUsernames } from '../../src/sync/setup';

/** How long one wait on the accounts' change feed lasts before the accounts are checked anyway. */
const POLL_MS = 5000;

/** Creates the private database of every account that has none yet. */
async function reconcile(server: CouchServer): Promise<void> {
  const [names, dbs] = await Promise.all([
    listUsernames(server),
    couchRequest<string[]>(server, 'GET', '/_all_dbs').then((r) => new Set(r.body)),
  ]);
  for (const name of names) if (!dbs.has(userDbName(name))) await ensureUserDb(server, name);
}

/**
 * Keeps every account's private database in place until `signal` aborts. The change feed of
 * `_users` only wakes it up: pouchdb-server's long poll can miss a change and does not always
 * honour its timeout, so each wait is also cut short here, and after every wake-up the accounts
 * themselves are compared with the databases.
 */
export async function followAccounts(
  admin: CouchServer,
  signal: AbortSignal,
  onError: (e: unknown) => void = () => {},
): Promise<void> {
  let since: string | null = null;
  while (!signal.aborted) {
    const wait = AbortSignal.any([signal, AbortSignal.timeout(POLL_MS + 1000)]);
    const server: CouchServer = { ...admin, fetch: (input, init) => fetch(input, { ...init, signal: wait }) };
    try {
      await reconcile(server);
      if (since === null) {
        const info = await couchRequest<{ update_seq: string | number }>(server, 'GET', '/_users');
        since = String(info.body.update_seq);
      }
      const changes: CouchReply<{ last_seq: string | number }> = await couchRequest(
        server,
        'GET',
        `/_users/_changes?feed=longpoll&timeout=${POLL_MS}&since=${encodeURIComponent(since)}`,
      );
      since = String(changes.body.last_seq);
    } catch (e) {
      if (signal.aborted) return;
      // A wait cut short is the normal case; anything else is reported, then tried again.
      if (!wait.aborted) {
        onError(e);
        await new Promise((ok) => setTimeout(ok, 1000));
      }
    }
  }
}
