/**
 * Who is signed in to which sync server: the one module that knows. The account (server URL and
 * username, never the password) is kept in localStorage, apart from the progress in IndexedDB, so
 * a reset or a restored backup does not sign the learner out and signing out touches no progress.
 * The server keeps the session in its cookie (`_session`, sent with credentials 'include').
 * Every failure comes out as a `CouchError` whose message names the cause in words.
 */
import { CouchError, couchRequest, createAccount, currentUser, signIn, signOut, type CouchServer } from './couch';

/** The signed-in account: the server's base URL (with a trailing slash) and the username. */
export interface Account {
  server: string;
  name: string;
}

const KEY = 'briefdeck-sync-account';
const listeners = new Set<(account: Account | null) => void>();

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage refused (a privacy mode): no account is kept.
    return null;
  }
}

/** The signed-in account, or null. */
export function currentAccount(): Account | null {
  const text = storage()?.getItem(KEY);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<Account>;
    return typeof parsed.server === 'string' && typeof parsed.name === 'string' ? { server: parsed.server, name: parsed.name } : null;
  } catch {
    return null;
  }
}

function keep(account: Account | null): void {
  const s = storage();
  if (account) s?.setItem(KEY, JSON.stringify(account));
  else s?.removeItem(KEY);
  for (const fn of listeners) fn(account);
}

/** Calls `fn` when this tab signs in or out; returns the unsubscribe function. */
export function onAccountChange(fn: (account: Account | null) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The server URL as typed, checked and normalised (http or https, a trailing slash); throws a message naming what is wrong. */
export function serverUrl(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new CouchError('The Server field is empty: enter the address of the sync server, e.g. https://sync.example.org/.', 400, 'bad_request', 'empty');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new CouchError(`The Server "${trimmed}" is not a web address.`, 400, 'bad_request', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CouchError(`The Server "${trimmed}" must start with https:// (or http:// on this computer).`, 400, 'bad_request', 'protocol');
  }
  if (url.username || url.password) {
    throw new CouchError('Put the username and password in their own fields, not in the Server address.', 400, 'bad_request', 'credentials in URL');
  }
  url.search = '';
  url.hash = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Says why a request that never reached the server failed. The browser hides the cause of a
 * failed fetch, so a second, opaque request (no CORS) tells "it answers, but not to this site"
 * (CORS) from "nothing answers" (down, wrong address or, for https, a refused certificate).
 */
export async function explainUnreachable(server: string, fetcher: typeof fetch = fetch): Promise<CouchError> {
  const page = globalThis.location?.protocol;
  if (page === 'https:' && server.startsWith('http:')) {
    return new CouchError(
      `This page is served over https, so the browser refuses the plain http server ${server}: use its https address.`,
      0,
      'network',
      'mixed content',
    );
  }
  try {
    await fetcher(server, { mode: 'no-cors', credentials: 'omit' });
    return new CouchError(
      `The sync server ${server} answers, but does not allow this site (CORS with credentials is not set for ${globalThis.location?.origin ?? 'this origin'}): ask its administrator.`,
      0,
      'network',
      'cors',
    );
  } catch {
    return new CouchError(
      server.startsWith('https:')
        ? `Cannot reach the sync server ${server}: it is down, the address is wrong, or its certificate was refused.`
        : `Cannot reach the sync server ${server}: it is down or the address is wrong.`,
      0,
      'network',
      'unreachable',
    );
  }
}

async function worded<T>(server: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof CouchError && e.status === 0) throw await explainUnreachable(server);
    if (e instanceof CouchError) throw e;
    throw new CouchError(`The sync server ${server} gave an answer Briefdeck does not understand.`, 0, 'bad_reply', String(e));
  }
}

function serverFor(url: string): CouchServer {
  return { url };
}

/** Signs in with the username and password; the server keeps the session in its cookie. */
export async function signInTo(serverText: string, name: string, password: string): Promise<Account> {
  const url = serverUrl(serverText);
  if (!name.trim()) throw new CouchError('The Username field is empty.', 400, 'bad_request', 'empty username');
  if (!password) throw new CouchError('The Password field is empty.', 400, 'bad_request', 'empty password');
  const session = await worded(url, () => signIn(serverFor(url), name.trim(), password));
  const account = { server: url, name: session.name ?? name.trim() };
  keep(account);
  return account;
}

/** Creates the account on the server (if it allows learners to), then signs in. */
export async function createAccountOn(serverText: string, name: string, password: string): Promise<Account> {
  const url = serverUrl(serverText);
  await worded(url, () => createAccount(serverFor(url), name.trim(), password));
  return signInTo(url, name, password);
}

/** Signs out: ends the server's session when it can be reached; local data stays. */
export async function signOutOf(): Promise<void> {
  const account = currentAccount();
  keep(null);
  if (!account) return;
  // Offline, the cookie simply expires on the server; the device is signed out either way.
  await signOut(serverFor(account.server)).catch(() => undefined);
}

/** Whether the server still knows this device's session (false: sign in again). */
export async function sessionAlive(account: Account): Promise<boolean> {
  const user = await worded(account.server, () => currentUser(serverFor(account.server)));
  return user.name === account.name;
}

/** The server's reply to `GET /` (its version), in words on failure: checks an address before sign-in. */
export async function serverWelcome(serverText: string): Promise<string> {
  const url = serverUrl(serverText);
  const { body } = await worded(url, () => couchRequest<{ couchdb?: string; version?: string }>(serverFor(url), 'GET', '/'));
  if (!body || typeof body !== 'object' || !('couchdb' in body)) {
    throw new CouchError(`${url} is not a CouchDB sync server.`, 0, 'bad_reply', 'no couchdb field');
  }
  return String(body.version ?? '');
}
