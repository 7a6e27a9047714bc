/**
 * The signed-in account: kept apart from progress, signing in and creating an account through
 * the server's HTTP API, and every failure in words naming its cause.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAccountOn, currentAccount, explainUnreachable, serverUrl, signInTo, signOutOf } from '../../../src/sync/account';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Replaces fetch with `handler`, recording what was asked. */
function serve(handler: Handler): { url: string; method: string; credentials?: RequestCredentials }[] {
  const seen: { url: string; method: string; credentials?: RequestCredentials }[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    seen.push({ url: String(input), method: init.method ?? 'GET', credentials: init.credentials });
    return handler(String(input), init);
  });
  return seen;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function message(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'no error',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('account', () => {
  it('normalises the server address and names what is wrong with it', async () => {
    expect(serverUrl(' http://127.0.0.1:5984 ')).toBe('http://127.0.0.1:5984/');
    expect(serverUrl('sync.example.org')).toBe('https://sync.example.org/');
    expect(() => serverUrl('')).toThrow(/Server field is empty/);
    expect(() => serverUrl('ftp://x.org')).toThrow(/must start with https:\/\//);
    expect(() => serverUrl('http://ana:pw@x.org')).toThrow(/their own fields/);
  });

  it('signs in with a cookie session and keeps the account, not the password', async () => {
    const seen = serve((url, init) => {
      expect(url).toBe('http://couch.test/_session');
      expect(JSON.parse(String(init.body))).toEqual({ name: 'ana', password: 'pw' });
      return json(200, { ok: true, name: 'ana', roles: [] });
    });
    expect(currentAccount()).toBeNull();
    expect(await signInTo('http://couch.test', 'ana', 'pw')).toEqual({ server: 'http://couch.test/', name: 'ana' });
    expect(seen[0]).toMatchObject({ method: 'POST', credentials: 'include' });
    expect(currentAccount()).toEqual({ server: 'http://couch.test/', name: 'ana' });
    expect(localStorage.getItem('briefdeck-sync-account')).not.toContain('pw');
  });

  it('says the password is wrong and stays signed out', async () => {
    serve(() => json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }));
    expect(await message(signInTo('http://couch.test', 'ana', 'nope'))).toBe('Wrong username or password.');
    expect(currentAccount()).toBeNull();
  });

  it('names empty fields before asking the server', async () => {
    const seen = serve(() => json(200, {}));
    expect(await message(signInTo('http://couch.test', '', 'pw'))).toMatch(/Username field is empty/);
    expect(await message(signInTo('http://couch.test', 'ana', ''))).toMatch(/Password field is empty/);
    expect(seen).toHaveLength(0);
  });

  it('creates an account then signs in', async () => {
    const seen = serve((url) => (url.includes('/_users/') ? json(201, { ok: true }) : json(200, { ok: true, name: 'bo', roles: [] })));
    expect(await createAccountOn('http://couch.test/', 'bo', 'pw')).toEqual({ server: 'http://couch.test/', name: 'bo' });
    expect(seen.map((s) => s.method)).toEqual(['PUT', 'POST']);
  });

  it('tells the learner to ask a teacher when the server forbids creating accounts', async () => {
    serve(() => json(403, { error: 'forbidden', reason: 'Only admins may create users.' }));
    expect(await message(createAccountOn('http://couch.test/', 'bo', 'pw'))).toMatch(/ask your teacher or administrator/);
    expect(currentAccount()).toBeNull();
  });

  it('tells a server that is down from one that does not allow this site', async () => {
    // Every CORS request fails; the opaque probe reaches it: the server is up but refuses this site.
    serve((_url, init) => {
      if (init.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    expect(await message(signInTo('http://couch.test', 'ana', 'pw'))).toMatch(/answers, but does not allow this site \(CORS/);
    // Nothing answers at all.
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await message(signInTo('http://couch.test', 'ana', 'pw'))).toMatch(/it is down or the address is wrong/);
    expect(await message(signInTo('https://couch.test', 'ana', 'pw'))).toMatch(/certificate was refused/);
    expect(currentAccount()).toBeNull();
  });

  it('refuses a plain http server from an https page', async () => {
    vi.stubGlobal('location', { protocol: 'https:', origin: 'https://app.test' });
    const e = await explainUnreachable('http://couch.test/', async () => new Response(null));
    expect(e.message).toMatch(/served over https/);
  });

  it('signs out locally even when the server cannot be reached', async () => {
    serve(() => json(200, { ok: true, name: 'ana', roles: [] }));
    await signInTo('http://couch.test', 'ana', 'pw');
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    await signOutOf();
    expect(currentAccount()).toBeNull();
  });
});
