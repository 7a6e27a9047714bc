// @vitest-environment node
/**
 * Classes against a real local sync server, through CouchDB's HTTP API: a teacher opens a class
 * (its database made by the server's admin), makes the invite and publishes decks; students join
 * with the code; and what the server itself refuses, whatever the app does: no student reads
 * another's progress or writes the class's decks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../../scripts/sync/server';
import { CouchError, couchRequest, type CouchServer } from '../../../src/sync/couch';
import { classDbName, userDbName } from '../../../src/sync/names';
import { ensureClassDb } from '../../../src/sync/setup';
import { reviewDoc } from '../../../src/sync/docs';
import type { Deck } from '../../../src/deck/schema';
import { NeedsAdminError, asInvite, listClassDecks, openOrCreateClass, publishDecks, readClassProgress, readStudent, unpublishDeck } from '../../../src/classes/teacher';
import { fetchClassDecks, joinClass } from '../../../src/classes/student';
import { computeDashboard } from '../../../src/classes/dashboard';
import type { Invite } from '../../../src/classes/invite';
import { signedUp, status } from '../sync/server-helpers';

let server: SyncServer;
const as: Record<string, CouchServer> = {};
let invite: Invite;

/** A new learner signed up and in on the test's server. */
const account = (name: string) => signedUp(server.url, name);

const deck = (version: number, front: string): Deck => ({
  id: 'cells',
  version,
  title: 'Cells',
  keyPoints: [{ id: 'membrane', text: 'The membrane controls what enters.' }],
  cards: [
    { id: 'c1', type: 'basic', keyPoint: 'membrane', front, back: 'The membrane' },
    { id: 'c2', type: 'basic', keyPoint: 'membrane', front: 'What lets water through?', back: 'Channels' },
  ],
});

beforeAll(async () => {
  server = await startSyncServer();
  for (const name of ['ms-lee', 'ann', 'bo', 'cy']) as[name] = await account(name);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('a teacher opens a class and publishes decks', () => {
  it('asks a teacher who is not a server admin to have the class made, then opens it with an invite', async () => {
    const me = { name: 'ms-lee', admin: false };
    const refused = await openOrCreateClass(as['ms-lee']!, me, 'bio-7a', 'Biology 7A').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NeedsAdminError);
    expect((refused as Error).message).toContain('npm run sync:setup -- --class bio-7a --teacher "ms-lee" --title "Biology 7A"');
    // What `npm run sync:setup -- --class` does, as the server's admin.
    await ensureClassDb(server.asAdmin, 'bio-7a', 'ms-lee', { title: 'Biology 7A' });
    const opened = await openOrCreateClass(as['ms-lee']!, me, 'bio-7a', 'Biology 7A');
    expect(opened.info).toMatchObject({ classId: 'bio-7a', title: 'Biology 7A', teacher: 'ms-lee' });
    invite = opened.invite;
    // Opening again keeps the same invite.
    expect((await openOrCreateClass(as['ms-lee']!, me, 'bio-7a', 'Biology 7A')).invite).toEqual(invite);
  });

  it('mends an invite whose account was lost, keeping its key', async () => {
    const id = encodeURIComponent('org.couchdb.user:class-bio-7a-invite');
    const { body } = await couchRequest<{ _rev: string }>(server.asAdmin, 'GET', `/_users/${id}`);
    await couchRequest(server.asAdmin, 'DELETE', `/_users/${id}?rev=${body._rev}`);
    expect(await status(couchRequest(asInvite(server.url, invite), 'GET', `/${classDbName('bio-7a')}/class`))).toBe(401);
    const again = await openOrCreateClass(as['ms-lee']!, { name: 'ms-lee', admin: false }, 'bio-7a', 'Biology 7A');
    expect(again.invite).toEqual(invite);
    expect(await status(couchRequest(asInvite(server.url, invite), 'GET', `/${classDbName('bio-7a')}/class`))).toBe(200);
  });

  it('lets a server admin create a class from the app', async () => {
    const opened = await openOrCreateClass(server.asAdmin, { name: 'ms-lee', admin: true }, 'chem-8', 'Chemistry 8');
    expect(opened.info.teacher).toBe('ms-lee');
    expect(opened.invite.classId).toBe('chem-8');
  });

  it('publishes a deck, and a new version replaces it', async () => {
    await publishDecks(as['ms-lee']!, 'bio-7a', [deck(1, 'What controls entry?')]);
    await publishDecks(as['ms-lee']!, 'bio-7a', [deck(2, 'What decides what enters a cell?')]);
    const { decks, quarantined } = await listClassDecks(as['ms-lee']!, 'bio-7a');
    expect(quarantined).toEqual([]);
    expect(decks.map((d) => [d._id, d.deck.version, d.deck.cards[0]!.type === 'basic' && d.deck.cards[0]!.front])).toEqual([
      ['deck:cells', 2, 'What decides what enters a cell?'],
    ]);
  });

  it('removes a deck from a class', async () => {
    const other = { ...deck(1, 'Q'), id: 'other', title: 'Other' };
    await publishDecks(as['ms-lee']!, 'bio-7a', [other]);
    expect((await listClassDecks(as['ms-lee']!, 'bio-7a')).decks.map((d) => d._id)).toEqual(['deck:cells', 'deck:other']);
    await unpublishDeck(as['ms-lee']!, 'bio-7a', 'other');
    expect((await listClassDecks(as['ms-lee']!, 'bio-7a')).decks.map((d) => d._id)).toEqual(['deck:cells']);
  });
});

describe('students join with the code', () => {
  it('joins: the decks come with the invite, the teacher reads the progress', async () => {
    for (const [name, shown] of [['ann', 'Ann'], ['bo', 'Bo B.']] as const) {
      const joined = await joinClass(as[name]!, name, invite, shown);
      expect(joined).toMatchObject({ classId: 'bio-7a', title: 'Biology 7A', teacher: 'ms-lee', username: name });
    }
    // Joining twice is harmless.
    await joinClass(as.ann!, 'ann', invite, 'Ann');
    const { decks } = await fetchClassDecks({ server: server.url, classId: 'bio-7a', key: invite.key });
    expect(decks.map((d) => d.deck.version)).toEqual([2]);

    const at = Date.now() - 3_600_000;
    const r = reviewDoc({ itemId: 'cells/c1', grade: 1, mode: 'study', at, durationMs: 3000, reschedule: true });
    await couchRequest(as.ann!, 'PUT', `/${userDbName('ann')}/${encodeURIComponent(r._id)}`, r);
    const progress = await readClassProgress(as['ms-lee']!, 'bio-7a');
    expect(progress.map((p) => [p.username, p.displayName, p.ok])).toEqual([
      ['ann', 'Ann', true],
      ['bo', 'Bo B.', true],
    ]);
    const ready = progress.filter((p) => p.ok);
    const d = computeDashboard(decks.map((x) => x.deck), ready.map((p) => ({ ...p, docs: p.ok ? p.docs : [] })), Date.now());
    expect(d.students.map((s) => [s.username, s.reviews7d, s.lastStudied])).toEqual([
      ['ann', 1, at],
      ['bo', 0, null],
    ]);
    expect(d.failedCards.map((c) => [c.cardId, c.failures])).toEqual([['c1', 1]]);
  });

  it('refuses a wrong key in words', async () => {
    const wrong = await joinClass(as.cy!, 'cy', { classId: 'bio-7a', key: 'aaaaaaaaaaaa' }, 'Cy').catch((e: unknown) => e);
    expect((wrong as Error).message).toContain('is not known');
  });
});

describe('what the server enforces', () => {
  it('no student reads another student’s database, with their own credentials or the invite', async () => {
    // CouchDB answers 403 to a signed-in non-member; pouchdb-server 401. Either way: refused.
    expect([401, 403]).toContain(await status(couchRequest(as.bo!, 'GET', `/${userDbName('ann')}/_all_docs`)));
    expect([401, 403]).toContain(await status(couchRequest(as.bo!, 'GET', `/${userDbName('ann')}/${encodeURIComponent('review:x')}`)));
    expect([401, 403]).toContain(await status(couchRequest(asInvite(server.url, invite), 'GET', `/${userDbName('ann')}/_all_docs`)));
    expect([401, 403]).toContain(await status(couchRequest(as.bo!, 'GET', `/${userDbName('ann')}/_changes`)));
    // Not even by making themselves a reader of it.
    const grab = couchRequest(as.bo!, 'PUT', `/${userDbName('ann')}/_security`, {
      admins: { names: ['ann', 'bo'], roles: [] },
      members: { names: ['ann', 'bo'], roles: [] },
    });
    expect([401, 403]).toContain(await status(grab));
  });

  it('no student writes a class deck: not with their own credentials, not with the invite', async () => {
    const db = classDbName('bio-7a');
    const { body } = await couchRequest<{ _rev: string }>(as['ms-lee']!, 'GET', `/${db}/deck%3Acells`);
    const forged = { _id: 'deck:cells', _rev: body._rev, type: 'deck', deck: deck(3, 'Hacked'), editedAt: Date.now(), device: 'x' };
    expect([401, 403]).toContain(await status(couchRequest(as.ann!, 'PUT', `/${db}/deck%3Acells`, forged)));
    expect(await status(couchRequest(asInvite(server.url, invite), 'PUT', `/${db}/deck%3Acells`, forged))).toBe(403);
    expect(await status(couchRequest(asInvite(server.url, invite), 'PUT', `/${db}/deck%3Anew`, { ...forged, _id: 'deck:new', _rev: undefined }))).toBe(403);
    expect(await status(couchRequest(asInvite(server.url, invite), 'DELETE', `/${db}/deck%3Acells?rev=${body._rev}`))).toBe(403);
    expect(await status(couchRequest(asInvite(server.url, invite), 'POST', `/${db}/_bulk_docs`, { docs: [forged] }).then((r) => {
      const rows = r.body as { error?: string }[];
      if (rows[0]?.error) throw new CouchError('refused', 403, rows[0].error, '');
    }))).toBe(403);
    // A join request is never changed, and none can be made in another's slot or for a deck.
    const { body: annJoin } = await couchRequest<{ _rev: string }>(as['ms-lee']!, 'GET', `/${db}/join%3Aann`);
    expect(await status(couchRequest(asInvite(server.url, invite), 'PUT', `/${db}/join%3Aann`, { _id: 'join:ann', _rev: annJoin._rev, type: 'join', username: 'ann', displayName: 'Renamed', at: 1 }))).toBe(403);
    expect(await status(couchRequest(asInvite(server.url, invite), 'PUT', `/${db}/join%3Azed`, { _id: 'join:zed', type: 'join', username: 'cy', displayName: 'x', at: 1 }))).toBe(403);
    const { body: after } = await couchRequest<{ deck: Deck }>(as['ms-lee']!, 'GET', `/${db}/deck%3Acells`);
    expect(after.deck.version).toBe(2);
  });

  it('the teacher reads only students who shared, and writes none of their progress', async () => {
    // A join request made with the invite for someone who never joined: the server refuses the read.
    await couchRequest(asInvite(server.url, invite), 'PUT', `/${classDbName('bio-7a')}/join%3Acy`, { _id: 'join:cy', type: 'join', username: 'cy', displayName: 'Cy', at: 1 });
    const cy = await readStudent(as['ms-lee']!, { _id: 'join:cy', type: 'join', username: 'cy', displayName: 'Cy', at: 1 });
    expect(cy).toMatchObject({ ok: false, reason: 'has not shared their progress with you' });
    const r = reviewDoc({ itemId: 'cells/c2', grade: 4, mode: 'study', at: Date.now(), durationMs: 1, reschedule: true });
    expect(await status(couchRequest(as['ms-lee']!, 'PUT', `/${userDbName('ann')}/${encodeURIComponent(r._id)}`, r))).toBe(403);
  });
});
