/**
 * Media files in a backup: written as `"media": [{ "hash", "type", "data" (base64) }]` after the
 * other records, checked when read, and checked against
 * their hashes before anything is replaced (backup version 2; a version 1 file is given an empty
 * list). Part of the lazily loaded backup code.
 */
import type { Deck } from '../deck/schema';
import type { BackupMedia } from './backup-checks';
import { sha256Hex } from './media';
import type { MediaRecord } from './schema';

/** Base64 of bytes, a slice at a time so a large file never spreads into one call's arguments. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One stored media record as backup JSON. */
export function mediaToJson(record: MediaRecord): string {
  return JSON.stringify({ hash: record.hash, type: record.type, data: toBase64(new Uint8Array(record.data)) });
}

/**
 * The backup's media records (each already checked against its description, `MEDIA_SHAPE`) as
 * stored records, or the problems found (as `path: problem`), including any file a deck lists
 * that the backup does not hold.
 */
export function readBackupMedia(list: readonly BackupMedia[], decks: readonly { deck: Deck }[]): { media: MediaRecord[]; problems: string[] } {
  const problems: string[] = [];
  const media: MediaRecord[] = [];
  list.forEach((r, i) => {
    const bytes = fromBase64(r.data);
    if (!bytes) return problems.push(`media[${i}].data: must be the file's bytes in base64`);
    media.push({ hash: r.hash, type: r.type, bytes: bytes.byteLength, data: bytes.buffer as ArrayBuffer });
  });
  const held = new Set(media.map((m) => m.hash));
  decks.forEach((d, i) =>
    (d.deck.media ?? []).forEach((m, j) => {
      if (!m.sha256 || !held.has(m.sha256)) problems.push(`decks[${i}].deck.media[${j}]: the backup holds no file for "${m.name}"`);
    }),
  );
  return { media, problems };
}

/** Throws when a media record's bytes do not hash to its key (a damaged backup). */
export async function verifyMedia(media: readonly MediaRecord[]): Promise<void> {
  for (const m of media) {
    if ((await sha256Hex(m.data)) !== m.hash) throw new Error(`the media file ${m.hash.slice(0, 12)}… is damaged (its bytes do not match its hash)`);
  }
}
