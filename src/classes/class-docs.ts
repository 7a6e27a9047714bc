/**
 * The documents of a class's database besides its `class` document (`src/sync/setup.ts`): the
 * published decks (`deck:<id>`, the same shape as a learner's synced deck), the invite
 * (`invite`, the key and the account it opens, readable by the class's members) and one join
 * request per student (`join:<username>`, added with the invite key). Pure types and checks.
 */
import type { Deck } from '../deck/schema';
import type { CouchDoc } from '../sync/docs';

/** A deck as published to a class: only the teacher writes it. */
export interface ClassDeckDoc extends CouchDoc {
  type: 'deck';
  deck: Deck;
  editedAt: number;
  device: string;
}

/** The class's invite: the account students sign in as to read the decks, and its password. */
export interface InviteDoc extends CouchDoc {
  _id: 'invite';
  type: 'invite';
  account: string;
  key: string;
  createdAt: number;
}

/** A student asking to be counted in the class; the teacher checks it by reading their progress. */
export interface JoinDoc extends CouchDoc {
  type: 'join';
  username: string;
  displayName: string;
  at: number;
}

/** The id of a student's join request. */
export function joinId(username: string): string {
  return `join:${username}`;
}

/** Longest display name a student may give (the class's validation enforces it too). */
export const MAX_DISPLAY_NAME = 80;

/** Why a display name cannot be used, or null. */
export function displayNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'The display name is empty.';
  if (trimmed.length > MAX_DISPLAY_NAME) return `The display name is longer than ${MAX_DISPLAY_NAME} characters.`;
  if (/[\u0000-\u001f\u007f<>]/.test(trimmed)) return 'The display name contains a control character or < >.';
  return null;
}

/** A join request as read back from the server, or null when its shape is wrong. */
export function asJoinDoc(doc: unknown): JoinDoc | null {
  if (!doc || typeof doc !== 'object') return null;
  const d = doc as Partial<JoinDoc>;
  if (d.type !== 'join' || typeof d.username !== 'string' || d._id !== joinId(d.username)) return null;
  if (typeof d.displayName !== 'string' || displayNameProblem(d.displayName) !== null) return null;
  if (typeof d.at !== 'number' || !Number.isFinite(d.at)) return null;
  return d as JoinDoc;
}
