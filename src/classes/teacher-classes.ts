/**
 * The classes a teacher opened on this device (localStorage `briefdeck-teacher-classes`), so
 * the Classes screen can list them: CouchDB 3 lets only server admins list databases.
 */

/** A class as the list shows it. */
export interface TeacherClass {
  server: string;
  classId: string;
  title: string;
}

const KEY = 'briefdeck-teacher-classes';

function isClass(x: unknown): x is TeacherClass {
  if (!x || typeof x !== 'object') return false;
  const c = x as Record<string, unknown>;
  return typeof c.server === 'string' && typeof c.classId === 'string' && typeof c.title === 'string';
}

/** The classes opened on this device for one server. */
export function teacherClasses(server: string): TeacherClass[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isClass).filter((c) => c.server === server) : [];
  } catch {
    return [];
  }
}

/** Adds (or renames) a class in the list. */
export function rememberTeacherClass(entry: TeacherClass): void {
  let all: TeacherClass[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    all = Array.isArray(parsed) ? parsed.filter(isClass) : [];
  } catch {
    // A damaged list is replaced.
  }
  const rest = all.filter((c) => !(c.server === entry.server && c.classId === entry.classId));
  localStorage.setItem(KEY, JSON.stringify([...rest, entry]));
}
