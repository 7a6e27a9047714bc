/**
 * The CouchDB HTTP API as Briefdeck speaks it: one request helper and the account calls (create
 * an account, sign in, session, sign out). Pure `fetch`, no Node APIs, so the app, the setup
 * script and the tests share it; it must not import PouchDB or anything on the study path.
 */

/** Where the server is and how to prove who we are. */
export interface CouchServer {
  /** Base URL, e.g. `http://127.0.0.1:5984` (a trailing slash is allowed). */
  url: string;
  /** Extra headers on every request: `basicAuth(...)` or, outside a browser, a `Cookie`. */
  headers?: Record<string, string>;
  /** The fetch to use (tests, or a wrapper that counts bytes); the global one by default. */
  fetch?: typeof fetch;
}

/** A request the server refused, or that never reached it, with a message in words. */
export class CouchError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** CouchDB's `error` field (`unauthorized`, `forbidden`, `conflict`…) or `network`. */
    readonly error: string,
    /** CouchDB's `reason` field, as the server wrote it. */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'CouchError';
  }
}

/** `Authorization` header for HTTP basic authentication (UTF-8 safe). */
export function basicAuth(name: string, password: string): Record<string, string> {
  const bytes = new TextEncoder().encode(`${name}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { Authorization: `Basic ${btoa(binary)}` };
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** The server's reply to a request, parsed, with the raw response for headers. */
export interface CouchReply<T> {
  body: T;
  response: Response;
}

/**
 * One request to the server. JSON in and out; a non-2xx status throws a `CouchError` carrying
 * CouchDB's `error` and `reason`, and a network failure throws one with status 0.
 */
export async function couchRequest<T = unknown>(
  server: CouchServer,
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<CouchReply<T>> {
  const url = joinUrl(server.url, path);
  const headers: Record<string, string> = { Accept: 'application/json', ...server.headers, ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const doFetch = server.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // In a browser the session cookie rides along; elsewhere this is ignored.
      credentials: 'include',
    });
  } catch (cause) {
    throw new CouchError(
      `Cannot reach the sync server at ${server.url}: it may be down, the address may be wrong, ` +
        `it may not allow this site (CORS), or its certificate was refused.`,
      0,
      'network',
      cause instanceof Error ? cause.message : String(cause),
    );
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const fields = (parsed && typeof parsed === 'object' ? parsed : {}) as { error?: unknown; reason?: unknown };
    const error = typeof fields.error === 'string' ? fields.error : `http_${response.status}`;
    const reason = typeof fields.reason === 'string' ? fields.reason : typeof parsed === 'string' ? parsed : '';
    throw new CouchError(
      `${method} ${path} failed with ${response.status} ${error}${reason ? `: ${reason}` : ''}`,
      response.status,
      error,
      reason,
    );
  }
  return { body: parsed as T, response };
}

/** A user as the server sees the current request (`userCtx`). */
export interface UserContext {
  name: string | null;
  roles: string[];
}

/** Why a username cannot be used, or null when it can (CouchDB forbids a leading `_` and `:`). */
export function usernameProblem(name: string): string | null {
  if (name.length === 0) return 'The username is empty.';
  if (name.length > 64) return 'The username is longer than 64 characters.';
  if (name !== name.trim()) return 'The username starts or ends with a space.';
  if (name.startsWith('_')) return 'The username cannot start with an underscore.';
  if (name.includes(':')) return 'The username cannot contain a colon.';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'The username contains a control character.';
  return null;
}

/** The `_users` document id of a username. */
export function userDocId(name: string): string {
  return `org.couchdb.user:${name}`;
}

/**
 * Creates a learner's account (`PUT /_users/org.couchdb.user:NAME`), as CouchDB lets anyone do
 * unless the server forbids it. Throws a `CouchError` whose message says what to do.
 */
export async function createAccount(server: CouchServer, name: string, password: string): Promise<void> {
  const problem = usernameProblem(name);
  if (problem) throw new CouchError(problem, 400, 'bad_request', problem);
  if (password.length === 0) throw new CouchError('The password is empty.', 400, 'bad_request', 'empty password');
  const id = userDocId(name);
  try {
    await couchRequest(server, 'PUT', `/_users/${encodeURIComponent(id)}`, {
      _id: id,
      name,
      password,
      roles: [],
      type: 'user',
    });
  } catch (e) {
    if (!(e instanceof CouchError)) throw e;
    // CouchDB answers 409 for a taken name; its `_users` validation (and pouchdb-server) 403
    // "You may only update your own user document".
    if (e.status === 409 || (e.status === 403 && /own user document/i.test(e.reason))) {
      throw new CouchError(`The username "${name}" is already taken.`, e.status, e.error, e.reason);
    }
    if (e.status === 401 || e.status === 403) {
      throw new CouchError(
        'This server does not let learners create accounts: ask your teacher or administrator for one.',
        e.status,
        e.error,
        e.reason,
      );
    }
    throw e;
  }
}

/** A signed-in session: who, and (outside a browser) the cookie to send back. */
export interface Session extends UserContext {
  /** `AuthSession=…` for a `Cookie` header; null in a browser, which keeps the cookie itself. */
  cookie: string | null;
}

/** Signs in (`POST /_session`): the server sets the session cookie. Wrong credentials say so. */
export async function signIn(server: CouchServer, name: string, password: string): Promise<Session> {
  try {
    const { body, response } = await couchRequest<{ name: string | null; roles: string[] }>(
      server,
      'POST',
      '/_session',
      { name, password },
    );
    const setCookie = response.headers.get('set-cookie');
    const cookie = setCookie ? (/AuthSession=[^;]*/.exec(setCookie)?.[0] ?? null) : null;
    return { name: body.name ?? name, roles: body.roles ?? [], cookie };
  } catch (e) {
    if (e instanceof CouchError && e.status === 401) {
      throw new CouchError('Wrong username or password.', e.status, e.error, e.reason);
    }
    throw e;
  }
}

/** Who the server thinks we are (`GET /_session`); `name` is null when not signed in. */
export async function currentUser(server: CouchServer): Promise<UserContext> {
  const { body } = await couchRequest<{ userCtx: UserContext }>(server, 'GET', '/_session');
  return body.userCtx;
}

/** Ends the session (`DELETE /_session`); local data is not touched. */
export async function signOut(server: CouchServer): Promise<void> {
  await couchRequest(server, 'DELETE', '/_session');
}
