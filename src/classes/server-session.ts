/**
 * The sync server the Classes screens talk to and who is signed in there, asked of the server
 * itself (`couch.ts`), so the screens work before (and without) the learner's sync settings.
 * The address is kept in localStorage under `briefdeck-class-server`; the browser keeps the
 * session cookie.
 */
import { currentAccount } from '../sync/account';
import { CouchError, currentUser, signIn, signOut, type CouchServer } from '../sync/couch';

const KEY = 'briefdeck-class-server';

/** The server address last used here, else the one the learner syncs with (Settings → Sync), or ''. */
export function savedServerUrl(): string {
  try {
    return localStorage.getItem(KEY) ?? currentAccount()?.server ?? '';
  } catch {
    return '';
  }
}

/** Remembers the server address for the next visit. */
export function saveServerUrl(url: string): void {
  try {
    localStorage.setItem(KEY, url.trim());
  } catch {
    // Private browsing without storage: the address is asked again next time.
  }
}

/** The server as the signed-in person (the browser sends the session cookie). */
export function sessionServer(url: string): CouchServer {
  return { url: url.trim() };
}

/** The signed-in name on that server, or null; a server that cannot be reached throws in words. */
export async function signedInName(url: string): Promise<{ name: string | null; admin: boolean }> {
  const ctx = await currentUser(sessionServer(url));
  return { name: ctx.name, admin: ctx.roles.includes('_admin') };
}

/** Signs in and remembers the server. */
export async function signInTo(url: string, name: string, password: string): Promise<string> {
  const session = await signIn(sessionServer(url), name, password);
  saveServerUrl(url);
  return session.name ?? name;
}

/** Signs out; a server already gone still counts as signed out. */
export async function signOutOf(url: string): Promise<void> {
  try {
    await signOut(sessionServer(url));
  } catch (e) {
    if (!(e instanceof CouchError && e.status === 0)) throw e;
  }
}
