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
export const DESIGN_VERSION = 2;

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
 * Only the learner named in the design document (its `owner`) or a server admin writes; a
 * review, once written, is never edited (undo deletes it). Readers such as a teacher get 403.
 * The owner is read from the design document (`this`), not from `secObj`, because
 * pouchdb-server passes no security object to validation on `_bulk_docs`, which replication
 * uses; CouchDB runs the function the same way.
 */
export const USER_DB_VALIDATE = `function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (!this.owner || userCtx.name !== this.owner) {
    throw({ forbidden: 'Only the learner who owns this database can change it.' });
  }
  if (oldDoc && !oldDoc._deleted && oldDoc.type === 'review' && !newDoc._deleted) {
    throw({ forbidden: 'A review is never edited: undo deletes it.' });
  }
}`;

/**
 * Only the class's teachers (named in the design document, or holding an admin role of the
 * database) or a server admin write: a student who can read the class's decks gets 403. The
 * class's invite account (named in `invites`, its password the invite key every student holds)
 * may only add a join request in its own name slot, `join:<username>`, never change one.
 */
export const CLASS_DB_VALIDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  var teachers = this.teachers || [];
  if (teachers.indexOf(userCtx.name) !== -1) return;
  var invites = this.invites || [];
  if (invites.indexOf(userCtx.name) !== -1) {
    if (oldDoc || newDoc._deleted) throw({ forbidden: 'A join request is never changed once made.' });
    if (newDoc.type !== 'join' || typeof newDoc.username !== 'string' || newDoc._id !== 'join:' + newDoc.username) {
      throw({ forbidden: 'An invite may only add a join request, join:<username>.' });
    }
    if (typeof newDoc.displayName !== 'string' || newDoc.displayName.length > 80 || newDoc.username.length > 64) {
      throw({ forbidden: 'A join request needs a display name of at most 80 characters.' });
    }
    return;
  }
  var roles = (secObj && secObj.admins && secObj.admins.roles) || [];
  for (var i = 0; i < roles.length; i++) {
    if (userCtx.roles.indexOf(roles[i]) !== -1) return;
  }
  throw({ forbidden: 'Only the teacher of this class can change its decks.' });
}`;

/** Briefdeck's design document in a database. */
export interface BriefdeckDesignDoc {
  _id: typeof DESIGN_DOC_ID;
  _rev?: string;
  version: number;
  validate_doc_update: string;
  /** In a learner's database: the learner. */
  owner?: string;
  /** In a class's database: its teachers. */
  teachers?: string[];
  /** In a class's database: its invite accounts, which may only add join requests. */
  invites?: string[];
}

/** The design document of a learner's database. */
export function userDesignDoc(owner: string): BriefdeckDesignDoc {
  return { _id: DESIGN_DOC_ID, version: DESIGN_VERSION, validate_doc_update: USER_DB_VALIDATE, owner };
}

/** The design document of a class's database. */
export function classDesignDoc(teachers: string[], invites: string[] = []): BriefdeckDesignDoc {
  return { _id: DESIGN_DOC_ID, version: DESIGN_VERSION, validate_doc_update: CLASS_DB_VALIDATE, teachers, invites };
}
