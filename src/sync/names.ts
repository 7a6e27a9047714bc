/**
 * Database names on the sync server: one private database per learner, named as CouchDB's
 * `couch_peruser` names it, and one database per class. Pure; shared by the app and the scripts.
 */

/** Lower-case hex of the UTF-8 bytes of a string. */
export function hexOf(text: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A learner's private database, `userdb-<hex of username>`, as `couch_peruser` creates it. */
export function userDbName(username: string): string {
  return `userdb-${hexOf(username)}`;
}

/** The username a `userdb-<hex>` database belongs to, or null if the name is not one. */
export function usernameOfDb(db: string): string | null {
  const m = /^userdb-((?:[0-9a-f]{2})+)$/.exec(db);
  if (!m) return null;
  const bytes = new Uint8Array(m[1]!.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(m[1]!.slice(i * 2, i * 2 + 2), 16);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const CLASS_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;

/** Why a class id cannot be used, or null: lower-case letters, digits and `-`, up to 48. */
export function classIdProblem(id: string): string | null {
  return CLASS_ID.test(id)
    ? null
    : `The class id "${id}" must be 1 to 48 lower-case letters, digits or "-", starting with a letter or digit.`;
}

/** A class's database, `class-<id>`. */
export function classDbName(classId: string): string {
  const problem = classIdProblem(classId);
  if (problem) throw new Error(problem);
  return `class-${classId}`;
}
