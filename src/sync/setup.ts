/**
 * Preparing a CouchDB server for Briefdeck through its HTTP API only, so the same steps run
 * against the local development server and a real CouchDB 3: CORS, the accounts database, each
 * learner's private database and each class's database with their security and validation.
 * Every step is idempotent. Pure `fetch` (through `couch.ts`), shared by the scripts and the app.
 */
import { CouchError, couchRequest, type CouchServer } from './couch';
import { classDbName, userDbName } from './names';
import {
  DESIGN_DOC_ID,
  classDbSecurity,
  classDesignDoc,
  userDbSecurity,
  userDesignDoc,
  type BriefdeckDesignDoc,
  type SecurityObject,
  type SecuritySection,
} from './security';

/** Request headers a browser sends to the server; CouchDB must allow them for CORS. */
export const CORS_HEADERS = 'accept, authorization, content-type, origin, referer';

/** The nodes of the server (one for a single node, several for a cluster). */
export async function serverNodes(server: CouchServer): Promise<string[]> {
  const { body } = await couchRequest<{ all_nodes?: string[] }>(server, 'GET', '/_membership');
  const nodes = body.all_nodes ?? [];
  if (nodes.length === 0) throw new Error(`${server.url}/_membership lists no nodes.`);
  return nodes;
}

/** Sets one configuration value on every node (`PUT /_node/NODE/_config/SECTION/KEY`). */
export async function setConfig(server: CouchServer, section: string, key: string, value: string): Promise<void> {
  for (const node of await serverNodes(server)) {
    // `@` stays as it is: pouchdb-server only recognises its node's name written plainly.
    const path = node.split('@').map(encodeURIComponent).join('@');
    await couchRequest(server, 'PUT', `/_node/${path}/_config/${section}/${key}`, value);
  }
}

/**
 * Lets the app at these origins call the server with the session cookie. CouchDB 3 reads
 * `[chttpd] enable_cors`, CouchDB 2 and pouchdb-server `[httpd] enable_cors`: both are set.
 */
export async function configureCors(server: CouchServer, origins: string[]): Promise<void> {
  if (origins.length === 0) throw new Error('CORS needs at least one origin (the address the app is served from).');
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s,]+$/.test(origin)) {
      throw new Error(`CORS origin "${origin}" must be a scheme and host such as https://study.example.org, with no path.`);
    }
  }
  await setConfig(server, 'chttpd', 'enable_cors', 'true');
  await setConfig(server, 'httpd', 'enable_cors', 'true');
  await setConfig(server, 'cors', 'origins', origins.join(', '));
  await setConfig(server, 'cors', 'credentials', 'true');
  await setConfig(server, 'cors', 'methods', 'GET, PUT, POST, HEAD, DELETE');
  await setConfig(server, 'cors', 'headers', CORS_HEADERS);
}

/** Creates a database unless it exists (412 from CouchDB means it does). */
export async function ensureDb(server: CouchServer, db: string): Promise<void> {
  try {
    await couchRequest(server, 'PUT', `/${encodeURIComponent(db)}`);
  } catch (e) {
    if (!(e instanceof CouchError && e.status === 412)) throw e;
  }
}

/** Creates the accounts database and the replicator's, which a fresh single-node CouchDB 3 lacks. */
export async function ensureSystemDbs(server: CouchServer): Promise<void> {
  await ensureDb(server, '_users');
  await ensureDb(server, '_replicator');
}

/** A database's `_security`, with both sections filled in. */
export async function getSecurity(server: CouchServer, db: string): Promise<SecurityObject> {
  const { body } = await couchRequest<Partial<Record<'admins' | 'members', Partial<SecuritySection>>>>(
    server,
    'GET',
    `/${encodeURIComponent(db)}/_security`,
  );
  const section = (s: Partial<SecuritySection> | undefined): SecuritySection => ({
    names: [...(s?.names ?? [])],
    roles: [...(s?.roles ?? [])],
  });
  return { admins: section(body?.admins), members: section(body?.members) };
}

/** Replaces a database's `_security`. */
export async function putSecurity(server: CouchServer, db: string, security: SecurityObject): Promise<void> {
  await couchRequest(server, 'PUT', `/${encodeURIComponent(db)}/_security`, security);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Adds names and roles to a database's `_security` (keeping who is there) if any is missing. */
export async function mergeSecurity(server: CouchServer, db: string, wanted: SecurityObject): Promise<SecurityObject> {
  const current = await getSecurity(server, db);
  const merged: SecurityObject = {
    admins: { names: union(current.admins.names, wanted.admins.names), roles: union(current.admins.roles, wanted.admins.roles) },
    members: { names: union(current.members.names, wanted.members.names), roles: union(current.members.roles, wanted.members.roles) },
  };
  if (JSON.stringify(merged) !== JSON.stringify(current)) await putSecurity(server, db, merged);
  return merged;
}

/**
 * Writes Briefdeck's design document (validation and who may write) into a database unless it
 * is there as wanted. A class keeps the teachers it already had.
 */
export async function ensureDesignDoc(server: CouchServer, db: string, wanted: BriefdeckDesignDoc): Promise<void> {
  const path = `/${encodeURIComponent(db)}/${DESIGN_DOC_ID}`;
  let current: BriefdeckDesignDoc | null = null;
  try {
    current = (await couchRequest<BriefdeckDesignDoc>(server, 'GET', path)).body;
  } catch (e) {
    if (!(e instanceof CouchError && e.status === 404)) throw e;
  }
  const next: BriefdeckDesignDoc = { ...wanted };
  if (wanted.teachers && current?.teachers) next.teachers = union(current.teachers, wanted.teachers);
  if (wanted.invites && current?.invites) next.invites = union(current.invites, wanted.invites);
  if (current) {
    const same =
      current.version === next.version &&
      current.validate_doc_update === next.validate_doc_update &&
      current.owner === next.owner &&
      JSON.stringify(current.teachers) === JSON.stringify(next.teachers) &&
      JSON.stringify(current.invites ?? []) === JSON.stringify(next.invites ?? []);
    if (same) return;
    next._rev = current._rev;
  }
  await couchRequest(server, 'PUT', path, next);
}

/**
 * A learner's private database, ready: created (unless `couch_peruser` did it), the learner its
 * admin and member, readers (their teachers) as members, and the validation in place.
 */
export async function ensureUserDb(server: CouchServer, username: string, readers: string[] = []): Promise<string> {
  const db = userDbName(username);
  await ensureDb(server, db);
  await mergeSecurity(server, db, userDbSecurity(username, readers));
  await ensureDesignDoc(server, db, userDesignDoc(username));
  return db;
}

/** Every username with an account (`_users`, readable by a server admin). */
export async function listUsernames(server: CouchServer): Promise<string[]> {
  const { body } = await couchRequest<{ rows: { id: string }[] }>(
    server,
    'GET',
    `/_users/_all_docs?startkey=${encodeURIComponent('"org.couchdb.user:"')}&endkey=${encodeURIComponent('"org.couchdb.user;"')}`,
  );
  return body.rows.map((r) => r.id.slice('org.couchdb.user:'.length));
}

/** The document every class database holds about itself. */
export interface ClassInfo {
  _id: 'class';
  _rev?: string;
  type: 'class';
  classId: string;
  title: string;
  teacher: string;
}

/**
 * A class's database, ready: created, the teacher its admin, the students members, the
 * validation that keeps students from writing, and its `class` document.
 */
export async function ensureClassDb(
  server: CouchServer,
  classId: string,
  teacher: string,
  options: { title?: string; students?: string[] } = {},
): Promise<string> {
  const db = classDbName(classId);
  await ensureDb(server, db);
  await mergeSecurity(server, db, classDbSecurity(teacher, options.students ?? []));
  await ensureDesignDoc(server, db, classDesignDoc([teacher]));
  const path = `/${db}/class`;
  try {
    await couchRequest(server, 'GET', path);
  } catch (e) {
    if (!(e instanceof CouchError && e.status === 404)) throw e;
    const info: ClassInfo = { _id: 'class', type: 'class', classId, title: options.title ?? classId, teacher };
    await couchRequest(server, 'PUT', path, info);
  }
  return db;
}

/** Adds students to a class (its teacher, as the database's admin, may do this). */
export async function addStudents(server: CouchServer, classId: string, students: string[]): Promise<void> {
  await mergeSecurity(server, classDbName(classId), { admins: { names: [], roles: [] }, members: { names: students, roles: [] } });
}

/** Lets a teacher read a learner's progress (the learner, as their database's admin, may do this). */
export async function grantReader(server: CouchServer, username: string, reader: string): Promise<void> {
  await mergeSecurity(server, userDbName(username), { admins: { names: [], roles: [] }, members: { names: [reader], roles: [] } });
}

/**
 * Waits until a learner's private database is ready for them: it exists and names them its
 * admin (`couch_peruser` sets its security a moment after creating it, and a database with no
 * security yet is not private). Polls with a growing pause; gives up after `timeoutMs`.
 */
export async function waitForUserDb(server: CouchServer, username: string, timeoutMs = 20_000): Promise<string> {
  const db = userDbName(username);
  const deadline = Date.now() + timeoutMs;
  let pause = 25;
  for (;;) {
    let last: unknown = null;
    try {
      const security = await getSecurity(server, db);
      if (security.admins.names.includes(username) && security.members.names.includes(username)) return db;
    } catch (e) {
      // Not there yet (404), or not yet open to this learner (401/403): ask again.
      const waiting = e instanceof CouchError && (e.status === 404 || e.status === 401 || e.status === 403);
      if (!waiting) throw e;
      last = e;
    }
    if (Date.now() + pause > deadline) {
      throw new CouchError(
        `The private database of "${username}" is not ready after ${Math.round(timeoutMs / 1000)} s: ` +
          'the server may not create one per account (couch_peruser off and the setup script not run).',
        last instanceof CouchError ? last.status : 404,
        'not_ready',
        db,
      );
    }
    await new Promise((ok) => setTimeout(ok, pause));
    pause = Math.min(pause * 2, 500);
  }
}
