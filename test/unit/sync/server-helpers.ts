/** Tests against a real local sync server: a learner signed up and in, and a request's HTTP status. */
import { CouchError, createAccount, signIn, type CouchServer } from '../../../src/sync/couch';
import { waitForUserDb } from '../../../src/sync/setup';

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
