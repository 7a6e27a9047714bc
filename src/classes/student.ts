/**
 * What a student does to join a class, as themselves on the server: let the teacher read their
 * progress (they administer their own database), ask to join with the class's invite key, and
 * take the class's decks into the library, available offline. The server's validation allows
 * the invite key nothing more than reading the decks and adding a join request.
 */
import { CouchError, couchRequest, type CouchServer } from '../sync/couch';
import { classDbName } from '../sync/names';
import { grantReader, waitForUserDb, type ClassInfo } from '../sync/setup';
import { displayNameProblem, joinId, type ClassDeckDoc, type JoinDoc } from './class-docs';
import type { Invite } from './invite';
import { asInvite, listClassDecks } from './teacher';

/** A class this device's student joined, remembered so its decks can be fetched again. */
export interface JoinedClass {
  server: string;
  classId: string;
  key: string;
  title: string;
  teacher: string;
  username: string;
}

/** The class as the invite key sees it; an unknown class or a wrong key says so in words. */
export async function readInvitedClass(url: string, invite: Invite): Promise<ClassInfo> {
  try {
    return (await couchRequest<ClassInfo>(asInvite(url, invite), 'GET', `/${classDbName(invite.classId)}/class`)).body;
  } catch (e) {
    if (e instanceof CouchError && (e.status === 401 || e.status === 403 || e.status === 404)) {
      throw new CouchError(
        `The class code ${invite.classId} is not known on ${url}, or its key is wrong: check the code with your teacher.`,
        e.status,
        e.error,
        e.reason,
      );
    }
    throw e;
  }
}

/**
 * Joins a class as the signed-in student (`student` carries their session): their private
 * database lets the teacher read it, and a join request with their display name goes to the
 * class. Joining again is harmless. Returns the class, for the device to remember.
 */
export async function joinClass(
  student: CouchServer,
  username: string,
  invite: Invite,
  displayName: string,
  now = Date.now(),
): Promise<JoinedClass> {
  const problem = displayNameProblem(displayName);
  if (problem) throw new Error(problem);
  const info = await readInvitedClass(student.url, invite);
  await waitForUserDb(student, username);
  await grantReader(student, username, info.teacher);
  const join: JoinDoc = { _id: joinId(username), type: 'join', username, displayName: displayName.trim(), at: now };
  const joinPath = `/${classDbName(invite.classId)}/${encodeURIComponent(join._id)}`;
  const asKey = asInvite(student.url, invite);
  // A student who joined before keeps their first request (the validation refuses to change it).
  const exists = await couchRequest(asKey, 'GET', joinPath).then(
    () => true,
    (e: unknown) => {
      if (e instanceof CouchError && e.status === 404) return false;
      throw e;
    },
  );
  if (!exists) {
    try {
      await couchRequest(asKey, 'PUT', joinPath, join);
    } catch (e) {
      // 409: another device of this student joined a moment ago.
      if (!(e instanceof CouchError && e.status === 409)) throw e;
    }
  }
  return { server: student.url, classId: invite.classId, key: invite.key, title: info.title, teacher: info.teacher, username };
}

/** The class's current decks, checked as every document from the server is. */
export async function fetchClassDecks(joined: Pick<JoinedClass, 'server' | 'classId' | 'key'>): Promise<{ decks: ClassDeckDoc[]; quarantined: { id: string; reason: string }[] }> {
  return listClassDecks(asInvite(joined.server, { classId: joined.classId, key: joined.key }), joined.classId);
}
