/**
 * What a teacher does on the server, through CouchDB's HTTP API as themselves: open or create a
 * class (creating a database needs a server admin, so a teacher who is not one gets the command
 * for their administrator), make its invite, publish decks, and read who joined and their
 * progress. The server's security and validation decide; nothing here is trusted by it.
 */
import type { Deck } from '../deck/schema';
import { CouchError, couchRequest, createAccount, type CouchServer } from '../sync/couch';
import { classDbName, userDbName } from '../sync/names';
import { checkIncoming } from '../sync/quarantine';
import { classDesignDoc } from '../sync/security';
import { ensureClassDb, ensureDesignDoc, mergeSecurity, type ClassInfo } from '../sync/setup';
import type { CouchDoc } from '../sync/docs';
import { asJoinDoc, type ClassDeckDoc, type InviteDoc, type JoinDoc } from './class-docs';
import { inviteAccount, newInviteKey, type Invite } from './invite';

/** A class the teacher cannot create: the server needs its administrator to. */
export class NeedsAdminError extends Error {
  constructor(
    readonly classId: string,
    readonly teacher: string,
    readonly title: string,
  ) {
    super(
      `Only the server's administrator can create a class database. Ask them to run: ` + setupCommand(classId, teacher, title),
    );
    this.name = 'NeedsAdminError';
  }
}

/** The command that prepares a class on the server (run by its administrator). */
export function setupCommand(classId: string, teacher: string, title: string): string {
  const quote = (s: string) => `"${s.replace(/["\\$`]/g, '\\$&')}"`;
  return `npm run sync:setup -- --class ${classId} --teacher ${quote(teacher)} --title ${quote(title)}`;
}

const path = (classId: string, rest = '') => `/${classDbName(classId)}${rest}`;

/** The class's own document, or null when the class does not exist or is not this teacher's to read. */
export async function readClass(server: CouchServer, classId: string): Promise<ClassInfo | null> {
  try {
    return (await couchRequest<ClassInfo>(server, 'GET', path(classId, '/class'))).body;
  } catch (e) {
    if (e instanceof CouchError && (e.status === 404 || e.status === 401 || e.status === 403)) return null;
    throw e;
  }
}

/**
 * Opens a class the teacher administers, creating it when they may (a server admin), and makes
 * sure it has an invite. A teacher who is not a server admin and has no such class gets a
 * `NeedsAdminError` with the command for the administrator.
 */
export async function openOrCreateClass(
  server: CouchServer,
  me: { name: string; admin: boolean },
  classId: string,
  title: string,
): Promise<{ info: ClassInfo; invite: Invite }> {
  let info = await readClass(server, classId);
  if (!info) {
    if (!me.admin) throw new NeedsAdminError(classId, me.name, title);
    await ensureClassDb(server, classId, me.name, { title });
    info = await readClass(server, classId);
    if (!info) throw new Error(`The class ${classId} was created but cannot be read back.`);
  }
  if (info.teacher !== me.name && !me.admin) {
    throw new Error(`The class ${classId} belongs to ${info.teacher}, not to ${me.name}.`);
  }
  return { info, invite: await ensureInvite(server, classId, info.teacher) };
}

/** A fetch that never sends the browser's session cookie: the request speaks only as its basic credentials. */
export const withoutCookie: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'omit' });

/** The class as its invite account: what every student holding the code may do. */
export function asInvite(url: string, invite: Invite): CouchServer {
  const bytes = new TextEncoder().encode(`${inviteAccount(invite.classId)}:${invite.key}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { url, headers: { Authorization: `Basic ${btoa(binary)}` }, fetch: withoutCookie };
}

/** Whether the invite's account signs in with its key (`GET /_session` with basic auth). */
async function inviteWorks(url: string, invite: Invite): Promise<boolean> {
  try {
    const { body } = await couchRequest<{ userCtx: { name: string | null } }>(asInvite(url, invite), 'GET', '/_session');
    return body.userCtx.name === inviteAccount(invite.classId);
  } catch (e) {
    if (e instanceof CouchError && e.status === 401) return false;
    throw e;
  }
}

/**
 * The class's invite, made on first use and mended on every open: the `invite` document keeps
 * the key (written first, so a step cut short is finished next time with the same key); an
 * account whose password is the key; that account a member of the class (so it reads the decks)
 * and named in the validation as able to add join requests only.
 */
export async function ensureInvite(server: CouchServer, classId: string, teacher: string): Promise<Invite> {
  const invitePath = path(classId, '/invite');
  let key: string | null = null;
  try {
    key = (await couchRequest<InviteDoc>(server, 'GET', invitePath)).body.key;
  } catch (e) {
    if (!(e instanceof CouchError && e.status === 404)) throw e;
  }
  const account = inviteAccount(classId);
  if (key === null) {
    const doc: InviteDoc = { _id: 'invite', type: 'invite', account, key: newInviteKey(), createdAt: Date.now() };
    try {
      await couchRequest(server, 'PUT', invitePath, doc);
      key = doc.key;
    } catch (e) {
      // 409: another device of the teacher made it a moment ago; use theirs.
      if (!(e instanceof CouchError && e.status === 409)) throw e;
      key = (await couchRequest<InviteDoc>(server, 'GET', invitePath)).body.key;
    }
  }
  const invite = { classId, key };
  if (!(await inviteWorks(server.url, invite))) {
    try {
      await createAccount({ url: server.url, fetch: withoutCookie }, account, key);
    } catch (e) {
      if (e instanceof CouchError && /already taken/.test(e.message)) {
        throw new Error(`The account ${account} already exists on this server with another password: ask the administrator to remove it, or choose another class id.`);
      }
      throw e;
    }
  }
  const db = classDbName(classId);
  await mergeSecurity(server, db, { admins: { names: [], roles: [] }, members: { names: [account], roles: [] } });
  await ensureDesignDoc(server, db, classDesignDoc([teacher], [account]));
  return invite;
}

/** The decks published to a class, checked as any document from the server is. */
export async function listClassDecks(server: CouchServer, classId: string): Promise<{ decks: ClassDeckDoc[]; quarantined: { id: string; reason: string }[] }> {
  const q = `?include_docs=true&startkey=${encodeURIComponent('"deck:"')}&endkey=${encodeURIComponent('"deck:\uffff"')}`;
  const { body } = await couchRequest<{ rows: { doc?: unknown }[] }>(server, 'GET', path(classId, `/_all_docs${q}`));
  const decks: ClassDeckDoc[] = [];
  const quarantined: { id: string; reason: string }[] = [];
  for (const row of body.rows) {
    const result = checkIncoming(row.doc);
    if (result.status === 'ok') decks.push(result.doc as unknown as ClassDeckDoc);
    else if (result.status === 'quarantined') quarantined.push({ id: result.id, reason: result.reason });
  }
  return { decks, quarantined };
}

/**
 * Publishes decks to a class: each becomes (or replaces) `deck:<id>`. Students get the new
 * version on their next sync; their progress on unchanged cards is kept by card id.
 */
export async function publishDecks(server: CouchServer, classId: string, decks: readonly Deck[], now = Date.now()): Promise<void> {
  const current = await listClassDecks(server, classId);
  const revs = new Map(current.decks.map((d) => [d._id, d._rev]));
  const docs: ClassDeckDoc[] = decks.map((deck) => {
    const _id = `deck:${deck.id}`;
    const rev = revs.get(_id);
    return { _id, ...(rev ? { _rev: rev } : {}), type: 'deck', deck, editedAt: now, device: 'class' };
  });
  const { body } = await couchRequest<{ id: string; error?: string; reason?: string }[]>(server, 'POST', path(classId, '/_bulk_docs'), { docs });
  const failed = body.filter((r) => r.error);
  if (failed.length) throw new Error(`Not published: ${failed.map((f) => `${f.id} (${f.reason ?? f.error})`).join(', ')}.`);
}

/** Removes a deck from a class (students keep their copy and progress). */
export async function unpublishDeck(server: CouchServer, classId: string, deckId: string): Promise<void> {
  const docPath = path(classId, `/${encodeURIComponent(`deck:${deckId}`)}`);
  const { body } = await couchRequest<{ _rev: string }>(server, 'GET', docPath);
  await couchRequest(server, 'DELETE', `${docPath}?rev=${encodeURIComponent(body._rev)}`);
}

/** The students who asked to join, by username. */
export async function listJoins(server: CouchServer, classId: string): Promise<JoinDoc[]> {
  const q = `?include_docs=true&startkey=${encodeURIComponent('"join:"')}&endkey=${encodeURIComponent('"join:\uffff"')}`;
  const { body } = await couchRequest<{ rows: { doc?: unknown }[] }>(server, 'GET', path(classId, `/_all_docs${q}`));
  return body.rows.map((r) => asJoinDoc(r.doc)).filter((d): d is JoinDoc => d !== null);
}

/** A student's documents as the teacher reads them, or why they cannot be read. */
export type StudentProgress =
  | { username: string; displayName: string; ok: true; docs: CouchDoc[] }
  | { username: string; displayName: string; ok: false; reason: string };

/**
 * Reads one student's progress from their private database, as a member they added when they
 * joined. A join request whose student never shared (a forged one, say) cannot be read: the
 * server refuses, and the student is shown as not shared rather than counted.
 */
export async function readStudent(server: CouchServer, join: JoinDoc): Promise<StudentProgress> {
  const base = { username: join.username, displayName: join.displayName.trim() };
  try {
    const { body } = await couchRequest<{ rows: { doc?: CouchDoc }[] }>(
      server,
      'GET',
      `/${userDbName(join.username)}/_all_docs?include_docs=true`,
    );
    const docs: CouchDoc[] = [];
    for (const row of body.rows) {
      const result = checkIncoming(row.doc);
      if (result.status === 'ok') docs.push(result.doc as unknown as CouchDoc);
    }
    return { ...base, ok: true, docs };
  } catch (e) {
    if (e instanceof CouchError && (e.status === 401 || e.status === 403 || e.status === 404)) {
      return { ...base, ok: false, reason: 'has not shared their progress with you' };
    }
    throw e;
  }
}

/** Every joined student's progress (read one after another, to spare the server). */
export async function readClassProgress(server: CouchServer, classId: string): Promise<StudentProgress[]> {
  const out: StudentProgress[] = [];
  for (const join of await listJoins(server, classId)) out.push(await readStudent(server, join));
  return out;
}
