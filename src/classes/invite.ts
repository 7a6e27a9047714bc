/**
 * Class invites: a short code (`<class id>-<key>`) and a link carrying it with the server's
 * address. The key is the password of the class's invite account, which may read the class's
 * decks and add a join request, nothing else (the class database's validation). Pure.
 */
import { classIdProblem } from '../sync/names';

/** Letters and digits that cannot be misread for one another (no 0/o, 1/l/i). */
const KEY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 12 symbols of 31: about 59 bits, out of reach of guessing against a server. */
export const KEY_LENGTH = 12;

/** A new random invite key. */
export function newInviteKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(KEY_LENGTH * 2));
  let out = '';
  // Rejection sampling keeps every symbol equally likely (256 is not a multiple of 31).
  for (const b of bytes) {
    if (b >= 248) continue;
    out += KEY_ALPHABET[b % KEY_ALPHABET.length];
    if (out.length === KEY_LENGTH) return out;
  }
  return out + newInviteKey().slice(0, KEY_LENGTH - out.length);
}

/** The account a class's invite key signs in as. */
export function inviteAccount(classId: string): string {
  return `class-${classId}-invite`;
}

/** A class and the key that opens it. */
export interface Invite {
  classId: string;
  key: string;
}

/** The short code a teacher reads out or writes on the board. */
export function inviteCode(invite: Invite): string {
  return `${invite.classId}-${invite.key}`;
}

/** The class and key of a code as typed (spaces and case forgiven), or an error naming what is wrong. */
export function parseInviteCode(text: string): { ok: true; invite: Invite } | { ok: false; error: string } {
  const code = text.trim().toLowerCase().replace(/\s+/g, '');
  const m = new RegExp(`^(.+)-([${KEY_ALPHABET}]{${KEY_LENGTH}})$`).exec(code);
  if (!m) {
    return { ok: false, error: `The class code "${text.trim()}" is not complete: it is the class id, a dash and ${KEY_LENGTH} letters or digits.` };
  }
  const problem = classIdProblem(m[1]!);
  if (problem) return { ok: false, error: `The class code is not valid: ${problem}` };
  return { ok: true, invite: { classId: m[1]!, key: m[2]! } };
}

/** The invite link: the app's join page with the code and the server's address. */
export function inviteLink(appOrigin: string, server: string, invite: Invite): string {
  return `${appOrigin.replace(/\/+$/, '')}/join/${inviteCode(invite)}?server=${encodeURIComponent(server)}`;
}

/** Why a server address cannot be used, or null. */
export function serverUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return `The server address "${url.trim()}" is not a web address such as https://sync.example.org.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `The server address must start with https:// (or http:// for a local server).`;
  return null;
}
