// @vitest-environment node
/**
 * `npm run sync:setup` against a real local server, and what the databases it prepares enforce
 * on the server itself: learners' databases are private, a class's decks are the teacher's.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../../scripts/sync/server';
import { CouchError, couchRequest, type CouchServer } from '../../../src/sync/couch';
import { classDbName, userDbName } from '../../../src/sync/names';
import { DESIGN_DOC_ID } from '../../../src/sync/security';
import { getSecurity, grantReader } from '../../../src/sync/setup';
import { signedUp, status } from './server-helpers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let server: SyncServer;
const as: Record<string, CouchServer> = {};

/** Runs `npm run sync:setup` (its script, without npm's banner) against the test server. */
function runSetup(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((ok) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/sync/setup.ts', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          SYNC_URL: server.url,
          SYNC_ADMIN: server.admin.name,
          SYNC_ADMIN_PASSWORD: server.admin.password,
          SYNC_ORIGINS: 'http://localhost:4196',
          ...env,
        },
      },
      (err, stdout, stderr) => ok({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

/** A new learner signed up and in on the test's server. */
const learner = (name: string) => signedUp(server.url, name);

beforeAll(async () => {
  // The server starts with the development origins; the setup replaces them with SYNC_ORIGINS.
  server = await startSyncServer();
  for (const name of ['tina', 'sam', 'sue']) as[name] = await learner(name);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('npm run sync:setup', () => {
  it('creates a class database with its security, validation and class document, and the private databases', async () => {
    // A private database lost (or never made, on a CouchDB without couch_peruser) comes back.
    await couchRequest(server.asAdmin, 'DELETE', `/${userDbName('sue')}`);
    const { code, out } = await runSetup(['--class', 'bio-7a', '--teacher', 'tina', '--title', 'Biology 7A', '--students', 'sam,sue']);
    expect(out).toContain('class bio-7a');
    expect(out).toContain('private databases: 3 account(s) ready');
    expect(code).toBe(0);
    const db = classDbName('bio-7a');
    const security = await getSecurity(server.asAdmin, db);
    expect(security.admins.names).toEqual(['tina']);
    expect(security.members.names.sort()).toEqual(['sam', 'sue', 'tina']);
    const ddoc = await couchRequest<{ validate_doc_update: string }>(server.asAdmin, 'GET', `/${db}/${DESIGN_DOC_ID}`);
    expect(ddoc.body.validate_doc_update).toContain('Only the teacher');
    const info = await couchRequest<{ title: string; teacher: string }>(as.sam!, 'GET', `/${db}/class`);
    expect(info.body).toMatchObject({ title: 'Biology 7A', teacher: 'tina' });
    expect((await getSecurity(server.asAdmin, userDbName('sue'))).admins.names).toEqual(['sue']);
    // CORS now allows the origin it was given (SYNC_ORIGINS), with credentials, and no other.
    const preflight = (origin: string) =>
      fetch(`${server.url}_session`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    const allowed = await preflight('http://localhost:4196');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:4196');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight('http://localhost:5173')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('runs again without changing anything', async () => {
    const before = await couchRequest<{ _rev: string }>(server.asAdmin, 'GET', `/${classDbName('bio-7a')}/${DESIGN_DOC_ID}`);
    const { code } = await runSetup(['--class', 'bio-7a', '--teacher', 'tina', '--students', 'sam']);
    expect(code).toBe(0);
    const after = await couchRequest<{ _rev: string }>(server.asAdmin, 'GET', `/${classDbName('bio-7a')}/${DESIGN_DOC_ID}`);
    expect(after.body._rev).toBe(before.body._rev);
    expect((await getSecurity(server.asAdmin, classDbName('bio-7a'))).members.names).toContain('sue');
  });

  it('names what is wrong: a bad class id, a missing teacher, a wrong admin password', async () => {
    const bad = await runSetup(['--class', 'Bio 7A', '--teacher', 'tina']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/--class: The class id "Bio 7A" must be/);
    const noTeacher = await runSetup(['--class', 'bio-7b']);
    expect(noTeacher.code).toBe(1);
    expect(noTeacher.out).toContain('--class needs --teacher');
    const wrong = await runSetup([], { SYNC_ADMIN_PASSWORD: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/401/);
  });
});

describe('what the server enforces', () => {
  const deck = { _id: 'deck:cells', type: 'deck', title: 'Cells', editedAt: 1 };

  it('a learner cannot read or write another learner\'s database', async () => {
    const samDb = `/${userDbName('sam')}`;
    expect([401, 403]).toContain(await status(couchRequest(as.sue!, 'GET', samDb)));
    expect([401, 403]).toContain(await status(couchRequest(as.sue!, 'GET', `${samDb}/_all_docs`)));
    expect([401, 403]).toContain(await status(couchRequest(as.sue!, 'GET', `${samDb}/_changes`)));
    expect([401, 403]).toContain(await status(couchRequest(as.sue!, 'PUT', `${samDb}/review:x`, { type: 'review' })));
    expect([401, 403]).toContain(await status(couchRequest({ url: server.url }, 'GET', `${samDb}/_all_docs`)));
    expect(await status(couchRequest(as.sam!, 'GET', `${samDb}/_all_docs`))).toBe(200);
  });

  it('a student reads the class decks but cannot write them; the teacher can', async () => {
    const db = `/${classDbName('bio-7a')}`;
    const put = await couchRequest<{ rev: string }>(as.tina!, 'PUT', `${db}/${deck._id}`, deck);
    expect(await status(couchRequest(as.sam!, 'GET', `${db}/${deck._id}`))).toBe(200);
    const err = await couchRequest(as.sam!, 'PUT', `${db}/${deck._id}`, { ...deck, _rev: put.body.rev, title: 'Mine now' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CouchError);
    expect((err as CouchError).status).toBe(403);
    expect((err as CouchError).reason).toContain('Only the teacher');
    expect(await status(couchRequest(as.sam!, 'PUT', `${db}/deck:new`, { type: 'deck' }))).toBe(403);
    expect(await status(couchRequest(as.sam!, 'DELETE', `${db}/${deck._id}?rev=${put.body.rev}`))).toBe(403);
    expect(await status(couchRequest(as.sam!, 'PUT', `${db}/_security`, { admins: { names: ['sam'] }, members: {} }))).not.toBe(200);
    // Nor can a student name themself a teacher in the design document.
    const ddoc = await couchRequest<{ _rev: string }>(as.sam!, 'GET', `${db}/${DESIGN_DOC_ID}`);
    expect([401, 403]).toContain(
      await status(couchRequest(as.sam!, 'PUT', `${db}/${DESIGN_DOC_ID}`, { ...ddoc.body, teachers: ['sam'] })),
    );
    expect([401, 403]).toContain(await status(couchRequest(as.sam!, 'PUT', `${db}/_design/mine`, { validate_doc_update: 'function(){}' })));
    expect(await status(couchRequest(as.tina!, 'PUT', `${db}/${deck._id}`, { ...deck, _rev: put.body.rev, editedAt: 2 }))).toBe(200);
  });

  it('a learner outside the class cannot read it', async () => {
    const outsider = await learner('olga');
    expect([401, 403]).toContain(await status(couchRequest(outsider, 'GET', `/${classDbName('bio-7a')}/${deck._id}`)));
  });

  it('a learner lets their teacher read their progress, not write it; reviews are never edited', async () => {
    const samDb = `/${userDbName('sam')}`;
    const review = { _id: 'review:sam-1', type: 'review', itemId: 'd/c', grade: 3, at: 1 };
    const put = await couchRequest<{ rev: string }>(as.sam!, 'PUT', `${samDb}/${review._id}`, review);
    expect([401, 403]).toContain(await status(couchRequest(as.tina!, 'GET', `${samDb}/${review._id}`)));
    await grantReader(as.sam!, 'sam', 'tina');
    expect(await status(couchRequest(as.tina!, 'GET', `${samDb}/${review._id}`))).toBe(200);
    expect(await status(couchRequest(as.tina!, 'PUT', `${samDb}/review:tina-was-here`, { type: 'review' }))).toBe(403);
    // Replication writes through _bulk_docs: the same refusal there.
    const bulk = await couchRequest<{ error?: string }[]>(as.tina!, 'POST', `${samDb}/_bulk_docs`, {
      docs: [{ _id: 'review:bulk', type: 'review' }],
    });
    expect(bulk.body[0]?.error).toBe('forbidden');
    expect(await status(couchRequest(as.sam!, 'GET', `${samDb}/review:bulk`))).toBe(404);
    const ddoc = await couchRequest<{ _rev: string }>(as.tina!, 'GET', `${samDb}/${DESIGN_DOC_ID}`);
    expect([401, 403]).toContain(
      await status(couchRequest(as.tina!, 'PUT', `${samDb}/${DESIGN_DOC_ID}`, { ...ddoc.body, owner: 'tina' })),
    );
    expect(await status(couchRequest(as.sam!, 'PUT', `${samDb}/${review._id}`, { ...review, _rev: put.body.rev, grade: 4 }))).toBe(403);
    // Undo is a deletion, which replicates as a tombstone.
    expect(await status(couchRequest(as.sam!, 'DELETE', `${samDb}/${review._id}?rev=${put.body.rev}`))).toBe(200);
  });
});
