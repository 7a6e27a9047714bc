/**
 * `.briefdeck` bundles: one zip (fflate) holding `deck.json` and each file the deck lists under
 * `media/<name>`. Writing is deterministic (fixed order and times), so a deck exported, imported
 * and exported again gives the same bytes. Reading checks the zip before it is unpacked (sizes,
 * names, nothing but the deck and its media), then the deck, then that each file is the type and
 * content the deck says. Used by the app's import and export, `decks:check` and the build.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { isImageType, MAX_MEDIA_BYTES, mediaNameProblem, sha256Hex } from './media.ts';
import type { Deck } from './schema';
import { parseDeckJson, type DeckError } from './validate.ts';

export const BUNDLE_EXTENSION = '.briefdeck';
export const BUNDLE_TYPE = 'application/vnd.briefdeck+zip';
const DECK_ENTRY = 'deck.json';
const MEDIA_DIR = 'media/';
/** The most a bundle may unpack to: the deck file and every file at their limits would be far more. */
export const MAX_BUNDLE_BYTES = 100 * 1024 * 1024;
// Zip times have two-second steps from 1980: a fixed one keeps exports byte for byte the same.
const MTIME = new Date(Date.UTC(1980, 0, 1, 12));

export type BundleResult = { ok: true; deck: Deck; files: Map<string, Uint8Array> } | { ok: false; errors: DeckError[] };

/** The bundle's bytes: `deckJson` (the exported deck text) and the files the deck lists, in its order. */
export function writeBundle(deckJson: string, deck: Deck, files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = { [DECK_ENTRY]: [new TextEncoder().encode(deckJson), { level: 6, mtime: MTIME }] };
  for (const m of deck.media ?? []) {
    const bytes = files.get(m.name);
    if (!bytes) throw new Error(`The media file "${m.name}" is missing`);
    // Pictures and sounds are already compressed: stored as they are.
    entries[MEDIA_DIR + m.name] = [bytes, { level: 0, mtime: MTIME }];
  }
  return zipSync(entries);
}

/** What the first bytes of a file say it is, for the types Briefdeck takes (null: none of them). */
export function sniffType(bytes: Uint8Array): string | null {
  const at = (offset: number, ...sig: number[]) => sig.every((b, i) => bytes[offset + i] === b);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(0, 'ID3') || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (ascii(4, 'ftyp')) return 'audio/mp4';
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3)) return 'audio/webm';
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<') && /<svg[\s>]/.test(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)))) return 'image/svg+xml';
  return null;
}

/** Reads and checks a bundle; every problem at once, each naming the entry or deck path it is about. */
export function readBundle(bytes: Uint8Array): BundleResult {
  const errors: DeckError[] = [];
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(bytes, {
      // Sizes are checked from the zip's directory before anything is inflated, so a small file
      // that would unpack to gigabytes is refused without unpacking it.
      filter: (file) => {
        total += file.originalSize;
        const limit = file.name === DECK_ENTRY ? 5 * 1024 * 1024 : MAX_MEDIA_BYTES;
        if (file.originalSize > limit) {
          errors.push({ path: file.name, message: `unpacks to ${(file.originalSize / 1048576).toFixed(1)} MB; at most ${limit / 1048576} MB` });
          return false;
        }
        if (file.name !== DECK_ENTRY && !(file.name.startsWith(MEDIA_DIR) && !file.name.endsWith('/'))) {
          errors.push({ path: file.name, message: `is not ${DECK_ENTRY} or a file in ${MEDIA_DIR}; a bundle holds only the deck and its media` });
          return false;
        }
        return total <= MAX_BUNDLE_BYTES;
      },
    });
  } catch (err) {
    return { ok: false, errors: [{ path: 'deck', message: `is not a .briefdeck bundle (a zip file): ${(err as Error).message}` }] };
  }
  if (total > MAX_BUNDLE_BYTES) errors.push({ path: 'deck', message: `unpacks to more than ${MAX_BUNDLE_BYTES / 1048576} MB` });
  const deckBytes = entries[DECK_ENTRY];
  if (!deckBytes) return { ok: false, errors: [...errors, { path: DECK_ENTRY, message: 'is missing: a bundle holds its deck as deck.json' }] };
  const files = new Map<string, Uint8Array>();
  for (const [entry, data] of Object.entries(entries)) {
    if (entry === DECK_ENTRY) continue;
    const name = entry.slice(MEDIA_DIR.length);
    const problem = mediaNameProblem(name);
    if (problem) errors.push({ path: entry, message: `"${name}" ${problem}` });
    else files.set(name, data);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(deckBytes);
  } catch {
    return { ok: false, errors: [...errors, { path: DECK_ENTRY, message: 'is not UTF-8 text' }] };
  }
  const parsed = parseDeckJson(text);
  if (!parsed.ok) return { ok: false, errors: [...errors, ...parsed.errors] };
  const deck = parsed.deck;
  const listed = new Set<string>();
  (deck.media ?? []).forEach((m, i) => {
    listed.add(m.name);
    const data = files.get(m.name);
    if (!data) return errors.push({ path: `media[${i}]`, message: `lists "${m.name}", but the bundle holds no ${MEDIA_DIR}${m.name}` });
    const sniffed = sniffType(data);
    if (sniffed !== m.type) {
      errors.push({
        path: `media[${i}].type`,
        message: `is ${m.type}, but ${MEDIA_DIR}${m.name} ${sniffed ? `is ${sniffed}` : 'is none of the types Briefdeck takes'}`,
      });
    }
    if (m.bytes !== undefined && m.bytes !== data.byteLength) {
      errors.push({ path: `media[${i}].bytes`, message: `is ${m.bytes}, but ${MEDIA_DIR}${m.name} holds ${data.byteLength} bytes` });
    }
    if (isImageType(m.type) && data.byteLength > MAX_MEDIA_BYTES) {
      errors.push({ path: `media[${i}]`, message: `"${m.name}" is over ${MAX_MEDIA_BYTES / 1048576} MB` });
    }
  });
  for (const name of files.keys()) {
    if (!listed.has(name)) errors.push({ path: MEDIA_DIR + name, message: "is not listed in the deck's media" });
  }
  return errors.length ? { ok: false, errors } : { ok: true, deck, files };
}

/** True when a file name or its first bytes say it is a bundle (a zip) rather than deck JSON. */
export function isBundle(name: string, bytes?: Uint8Array): boolean {
  return name.toLowerCase().endsWith(BUNDLE_EXTENSION) || (!!bytes && bytes[0] === 0x50 && bytes[1] === 0x4b);
}

/** Errors for files whose bytes do not hash to the `sha256` the deck states. */
export async function hashErrors(deck: Deck, files: ReadonlyMap<string, Uint8Array>): Promise<DeckError[]> {
  const errors: DeckError[] = [];
  for (const [i, m] of (deck.media ?? []).entries()) {
    const data = files.get(m.name);
    if (m.sha256 && data && (await sha256Hex(data)) !== m.sha256) {
      errors.push({ path: `media[${i}].sha256`, message: `does not match ${MEDIA_DIR}${m.name}: the file was changed or damaged` });
    }
  }
  return errors;
}
