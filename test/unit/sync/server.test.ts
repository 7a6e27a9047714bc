// @vitest-environment node
/**
 * The local sync server as `npm run sync-server` starts it: a real pouchdb-server stack in its
 * own process group on a free port, with its admin, CORS for the app, accounts open to
 * learners, a private database per account, and a clean stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../../scripts/sync/server';
import { CouchError, basicAuth, couchRequest, createAccount, signIn } from '../../../src/sync/couch';
import { userDbName } from '../../../src/sync/names';
import { waitForUserDb } from '../../../src/sync/setup';

const ORIGIN = 'http://localhost:4196';
let server: SyncServer;

beforeAll(async () => {
  server = await startSyncServer({ origins: [ORIGIN] });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('sync server', () => {
  it('answers as a CouchDB and knows its admin', async () => {
    const root = await fetch(server.url).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(root['express-pouchdb']).toBe('Welcome!');
    const { body } = await couchRequest<{ userCtx: { name: string; roles: string[] } }>(server.asAdmin, 'GET', '/_session');
    expect(body.userCtx.name).toBe('admin');
    expect(body.userCtx.roles).toContain('_admin');
  });

  it('refuses a wrong admin password', async () => {
    await expect(
      couchRequest({ url: server.url, headers: basicAuth('admin', 'wrong') }, 'GET', '/_all_dbs'),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('allows the app origin with credentials (CORS preflight)', async () => {
    const res = await fetch(`${server.url}_session`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await fetch(`${server.url}_session`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses database creation to anyone but an admin, and keeps running', async () => {
    const anonymous = { url: server.url };
    const err = await couchRequest(anonymous, 'PUT', '/not-yours').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CouchError);
    expect((err as CouchError).status).toBe(401);
    await createAccount(anonymous, 'mallory', 'pw-mallory');
    const asMallory = { url: server.url, headers: basicAuth('mallory', 'pw-mallory') };
    await expect(couchRequest(asMallory, 'PUT', '/not-yours')).rejects.toMatchObject({ status: 401 });
    await expect(couchRequest(asMallory, 'DELETE', '/_users')).rejects.toMatchObject({ status: 401 });
    await expect(couchRequest(anonymous, 'DELETE', '/_users')).rejects.toMatchObject({ status: 401 });
    await expect(couchRequest(anonymous, 'DELETE', '/_replicator/')).rejects.toMatchObject({ status: 401 });
    await expect(
      couchRequest(asMallory, 'POST', '/_replicate', { source: '_users', target: 'copy', create_target: true }),
    ).rejects.toMatchObject({ status: 401 });
    await expect(couchRequest(asMallory, 'POST', '/_replicator', { source: '_users', target: 'copy' })).rejects.toMatchObject({
      status: 401,
    });
    await expect(couchRequest(asMallory, 'POST', '/_users/_compact')).rejects.toBeInstanceOf(CouchError);
    // Still up: the refusal did not bring the server down.
    const { body } = await couchRequest<string[]>(server.asAdmin, 'GET', '/_all_dbs');
    expect(body).not.toContain('not-yours');
    expect(body).not.toContain('copy');
  });

  it('lets a learner create an account, sign in, and gives them a private database', async () => {
    const anonymous = { url: server.url };
    await createAccount(anonymous, 'ana', 'pw-ana');
    const session = await signIn(anonymous, 'ana', 'pw-ana');
    expect(session.name).toBe('ana');
    expect(session.cookie).toMatch(/^AuthSession=/);
    const asAna = { url: server.url, headers: { Cookie: session.cookie! } };
    await waitForUserDb(asAna, 'ana');
    const { body } = await couchRequest<{ admins: { names: string[] }; members: { names: string[] } }>(
      asAna,
      'GET',
      `/${userDbName('ana')}/_security`,
    );
    expect(body.admins.names).toEqual(['ana']);
    expect(body.members.names).toEqual(['ana']);
    // The real server's refusals come out in words too.
    await expect(signIn(anonymous, 'ana', 'not-it')).rejects.toThrow('Wrong username or password.');
    await expect(createAccount(anonymous, 'ana', 'again')).rejects.toThrow('The username "ana" is already taken.');
  });

  it('stops its whole process group', async () => {
    const other = await startSyncServer();
    const url = other.url;
    await other.stop();
    await expect(fetch(url)).rejects.toThrow();
  }, 90_000);
});
