/**
 * What CouchDB's `couch_peruser` does, for the local server (pouchdb-server has no such option):
 * follows the accounts database and gives every new account its private database, through the
 * HTTP API as a server admin. On a real CouchDB 3, turn `couch_peruser` on instead (or run
 * `npm run sync:setup`, which does the same for the accounts that exist).
 */
import { CouchError, couchRequest, type CouchServer } from '../../src/sync/couch';
import { ensureUserDb } from '../../src/sync/setup';

interface Change {
  id: string;
  deleted?: boolean;
}

/** Follows `_users` until `signal` aborts; `onError` hears about failures, which are retried. */
export async function followAccounts(
  admin: CouchServer,
  signal: AbortSignal,
  onError: (e: unknown) => void = () => {},
): Promise<void> {
  let since = '0';
  const server: CouchServer = { ...admin, fetch: (input, init) => fetch(input, { ...init, signal }) };
  while (!signal.aborted) {
    try {
      const { body } = await couchRequest<{ results: Change[]; last_seq: string | number }>(
        server,
        'GET',
        `/_users/_changes?feed=longpoll&timeout=25000&since=${encodeURIComponent(since)}`,
      );
      for (const change of body.results) {
        if (change.deleted || !change.id.startsWith('org.couchdb.user:')) continue;
        await ensureUserDb(server, change.id.slice('org.couchdb.user:'.length));
      }
      since = String(body.last_seq);
    } catch (e) {
      if (signal.aborted) return;
      onError(e);
      // A refused request will be refused again at once: wait before the next try.
      await new Promise((ok) => setTimeout(ok, e instanceof CouchError && e.status > 0 ? 2000 : 250));
    }
  }
}
