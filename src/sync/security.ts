/**
 * What the server enforces, as CouchDB documents: the `_security` objects of a learner's and a
 * class's database and their `validate_doc_update` functions. The functions are source text in
 * plain ES5, because CouchDB runs them in its own JavaScript engine, never in the app.
 */

/** A `_security` section: who by name, who by role. */
export interface SecuritySection {
  names: string[];
  roles: string[];
}

/** A database's `_security` object. */
export interface SecurityObject {
  admins: SecuritySection;
  members: SecuritySection;
}

/** The design document that carries Briefdeck's validation in every database it uses. */
export const DESIGN_DOC_ID = '_design/briefdeck';

/** Bumped when a validation function changes, so the setup replaces older copies. */
export const DESIGN_VERSION = 1;

/**
 * A learner's database: the learner is its admin and member (as `couch_peruser` sets it); the
 * teachers of the learner's classes are added as members later, so they can read, not write.
 */
export function userDbSecurity(username: string, readers: string[] = []): SecurityObject {
  return {
    admins: { names: [username], roles: [] },
    members: { names: [username, ...readers.filter((r) => r !== username)], roles: [] },
  };
}

/** A class's database: the teacher administers it, the students (and the teacher) read it. */
export function classDbSecurity(teacher: string, students: string[]): SecurityObject {
  return {
    admins: { names: [teacher], roles: [] },
    members: { names: [teacher, ...students.filter((s) => s !== teacher)], roles: [] },
  };
}

/**
 * Only the database's admins by name (its learner) or a server admin write; a review, once
 * written, is never edited (undo deletes it). Readers such as a teacher get 403.
 */
export const USER_DB_VALIDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  var owners = (secObj && secObj.admins && secObj.admins.names) || [];
  if (owners.indexOf(userCtx.name) === -1) {
    throw({ forbidden: 'Only the learner who owns this database can change it.' });
  }
  if (oldDoc && !oldDoc._deleted && oldDoc.type === 'review' && !newDoc._deleted) {
    throw({ forbidden: 'A review is never edited: undo deletes it.' });
  }
}`;

/**
 * Only the class's admins (its teacher, by name or role) or a server admin write: a student
 * who can read the class's decks gets 403 on any write.
 */
export const CLASS_DB_VALIDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  var admins = (secObj && secObj.admins) || {};
  var names = admins.names || [];
  var roles = admins.roles || [];
  if (names.indexOf(userCtx.name) !== -1) return;
  for (var i = 0; i < roles.length; i++) {
    if (userCtx.roles.indexOf(roles[i]) !== -1) return;
  }
  throw({ forbidden: 'Only the teacher of this class can change its decks.' });
}`;

/** The design document of a database, by kind. */
export function designDoc(kind: 'user' | 'class'): { _id: string; version: number; validate_doc_update: string } {
  return {
    _id: DESIGN_DOC_ID,
    version: DESIGN_VERSION,
    validate_doc_update: kind === 'user' ? USER_DB_VALIDATE : CLASS_DB_VALIDATE,
  };
}
