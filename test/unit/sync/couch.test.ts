/**
 * The account calls and database names, without a server: each failure the server can answer
 * comes out as a message in words, and names round-trip as CouchDB's `couch_peruser` makes them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CouchError, basicAuth, createAccount, signIn, usernameProblem, type CouchServer } from '../../../src/sync/couch';
import { classDbName, classIdProblem, userDbName, usernameOfDb } from '../../../src/sync/names';

/** A server that answers every request with this status and body. */
function answering(status: number, body: unknown, seen: Request[] = []): CouchServer {
  return {
    url: 'http://couch.test/',
    fetch: async (input, init) => {
      seen.push(new Request(input, init));
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    },
  };
}

async function failure(p: Promise<unknown>): Promise<CouchError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CouchError);
  return e as CouchError;
}

describe('account calls', () => {
  it('creates an account with the CouchDB user document', async () => {
    const seen: Request[] = [];
    await createAccount(answering(201, { ok: true }, seen), 'zoë', 'secret');
    expect(seen[0]!.method).toBe('PUT');
    expect(decodeURIComponent(new URL(seen[0]!.url).pathname)).toBe('/_users/org.couchdb.user:zoë');
    expect(await seen[0]!.json()).toEqual({ _id: 'org.couchdb.user:zoë', name: 'zoë', password: 'secret', roles: [], type: 'user' });
  });

  it('says in words why an account cannot be created', async () => {
    expect((await failure(createAccount(answering(409, { error: 'conflict', reason: 'Document update conflict.' }), 'ana', 'pw'))).message).toBe(
      'The username "ana" is already taken.',
    );
    const notYours = await failure(
      createAccount(answering(403, { error: 'forbidden', reason: 'You may only update your own user document.' }), 'ana', 'pw'),
    );
    expect(notYours.message).toBe('The username "ana" is already taken.');
    const refused = await failure(createAccount(answering(403, { error: 'forbidden', reason: 'no' }), 'ana', 'pw'));
    expect(refused.message).toMatch(/does not let learners create accounts: ask your teacher or administrator/);
    expect((await failure(createAccount(answering(201, {}), '_admin', 'pw'))).message).toMatch(/underscore/);
    expect((await failure(createAccount(answering(201, {}), 'ana', ''))).message).toBe('The password is empty.');
  });

  it('says a wrong password is one, and an unreachable server what may be wrong', async () => {
    const wrong = await failure(signIn(answering(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }), 'ana', 'x'));
    expect(wrong.message).toBe('Wrong username or password.');
    expect(wrong.status).toBe(401);
    const down: CouchServer = { url: 'http://couch.test', fetch: () => Promise.reject(new TypeError('fetch failed')) };
    const unreachable = await failure(signIn(down, 'ana', 'x'));
    expect(unreachable.status).toBe(0);
    expect(unreachable.message).toMatch(/Cannot reach the sync server at http:\/\/couch\.test: .*down.*CORS.*certificate/);
  });

  it('encodes basic authentication as UTF-8', () => {
    expect(basicAuth('zoë', 'pä')).toEqual({ Authorization: `Basic ${Buffer.from('zoë:pä', 'utf8').toString('base64')}` });
  });

  it('accepts CouchDB usernames and names what is wrong with the others', () => {
    expect(usernameProblem('ana.silva-2')).toBeNull();
    expect(usernameProblem('')).toMatch(/empty/);
    expect(usernameProblem(' ana')).toMatch(/space/);
    expect(usernameProblem('a:b')).toMatch(/colon/);
    expect(usernameProblem('a'.repeat(65))).toMatch(/64/);
  });
});

describe('database names', () => {
  it('names a learner database as couch_peruser does', () => {
    expect(userDbName('ana')).toBe('userdb-616e61');
    expect(userDbName('zoë')).toBe('userdb-7a6fc3ab');
  });

  it('gets the username back from any learner database name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (name) => {
        expect(usernameOfDb(userDbName(name))).toBe(name);
        expect(userDbName(name)).toMatch(/^[a-z][a-z0-9_$()+/-]*$/);
      }),
    );
    expect(usernameOfDb('class-bio')).toBeNull();
    expect(usernameOfDb('userdb-ff')).toBeNull();
  });

  it('names class databases and refuses ids CouchDB would not take', () => {
    expect(classDbName('bio-7a')).toBe('class-bio-7a');
    expect(classIdProblem('Bio 7A')).toMatch(/lower-case/);
    expect(() => classDbName('../x')).toThrow(/class id/);
  });
});
