/** Tests against a real local sync server: a learner signed up and in, and a request's HTTP status. */
import { CouchError, createAccount, signIn, type CouchServer } from '../../../src/sync/couch';
import { waitForUserDb } from '../../../src/sync/setup';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSyncServer, type SyncServer } from '../../../scripts/sync/server';
import { closeStore } from '../../../src/store';

/** Signs a new learner up and in on `url`; their requests then carry the session cookie. */
export async function signedUp(url: string, name: string): Promise<CouchServer> {
  await createAccount({ url }, name, `pw-${name}`);
  const session = await signIn({ url }, name, `pw-${name}`);
  const client = { url, headers: { Cookie: session.cookie! } };
  await waitForUserDb(client, name);
  return client;
}

/** The HTTP status a request ended with: 200 when it succeeded, the server's refusal otherwise. */
export async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof CouchError) return e.status;
    throw e;
  }
}

/** Starts a local sync server before the file's tests and stops it after; the store is closed before each test. Returns the server once started. */
export function useSyncServer(): () => SyncServer {
  let server: SyncServer | undefined;
  beforeAll(async () => {
    server = await startSyncServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await closeStore();
  });
  return () => server!;
}

/** A fetch that sends a signed-in client's session cookie (Node keeps no cookies). */
export function cookieFetch(client: CouchServer): (url: string, init: RequestInit) => Promise<Response> {
  const cookie = (client.headers as Record<string, string>).Cookie!;
  return (url, init) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', cookie);
    return fetch(url, { ...init, headers });
  };
}
