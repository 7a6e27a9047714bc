/**
 * An Anki package (.apkg / .colpkg) → its newest collection's SQLite bytes and its media files
 * by name. Checks sizes, entry count and compression ratio from the zip's directory before
 * unpacking anything, reads the `meta` entry (package version) and both media maps: legacy JSON
 * and the modern zstd protobuf. Pure: bytes in, bytes out.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { decodeMessage, stringField } from '../../anki/protobuf';
import { AnkiImportError } from './errors';
import { ANKI_LIMITS } from './limits';
import { isZstd, unzstd } from './zstd';

/** Newest first: a modern package also carries an old-format placeholder `collection.anki2`. */
const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;

/** The package version the `meta` entry names that this importer knows (3: anki21b, zstd media). */
export const NEWEST_PACKAGE_VERSION = 3;

export interface AnkiPackage {
  /** Which collection file was read. */
  collectionName: (typeof COLLECTIONS)[number];
  /** The SQLite database (decompressed). */
  collection: Uint8Array;
  /** Media files by their name in the notes (`cat.png`). */
  media: Map<string, Uint8Array>;
  /** Media the map names but the package lacks. */
  missingMedia: string[];
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** Checks the zip directory against the limits before anything is unpacked. */
function checkDirectory(data: Uint8Array, name: string): void {
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(data, {
      filter: (f) => {
        infos.push(f);
        return false;
      },
    });
  } catch {
    throw new AnkiImportError('not-zip', `${name} is not an Anki package: it is not a zip file (an .apkg or .colpkg is one)`);
  }
  if (infos.length === 0) throw new AnkiImportError('no-collection', `${name} is an empty zip file, not an Anki package`);
  if (infos.length > ANKI_LIMITS.entries) {
    throw new AnkiImportError('zip-bomb', `${name} holds ${infos.length} files; an Anki package may hold at most ${ANKI_LIMITS.entries}`);
  }
  let total = 0;
  for (const f of infos) {
    total += f.originalSize;
    if (f.originalSize > ANKI_LIMITS.entryBytes) {
      throw new AnkiImportError('zip-bomb', `${name}: “${f.name}” would unpack to ${mb(f.originalSize)}; one file may be at most ${mb(ANKI_LIMITS.entryBytes)}`);
    }
    if (f.originalSize > ANKI_LIMITS.ratioFloor && f.originalSize > f.size * ANKI_LIMITS.ratio) {
      throw new AnkiImportError('zip-bomb', `${name}: “${f.name}” is compressed ${Math.round(f.originalSize / Math.max(1, f.size))} to 1, like a zip bomb; it was not unpacked`);
    }
  }
  if (total > ANKI_LIMITS.totalBytes) {
    throw new AnkiImportError('zip-bomb', `${name} would unpack to ${mb(total)}; an import may unpack to at most ${mb(ANKI_LIMITS.totalBytes)}`);
  }
}

/** The media map: entry number → file name. Legacy packages write JSON, modern ones zstd protobuf. */
function mediaMap(raw: Uint8Array | undefined, name: string): string[] {
  if (!raw || raw.length === 0) return [];
  if (isZstd(raw)) {
    const entries = decodeMessage(unzstd(raw, `${name}: the media list`, 64 * 1024 * 1024));
    return entries.filter((f) => f.field === 1 && f.bytes).map((f) => stringField(decodeMessage(f.bytes!), 1));
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AnkiImportError('corrupt', `${name}: the media list is neither JSON nor zstd data`);
  }
  if (!json || typeof json !== 'object') throw new AnkiImportError('corrupt', `${name}: the media list is not a JSON object`);
  const out: string[] = [];
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) if (/^\d+$/.test(k) && typeof v === 'string') out[Number(k)] = v;
  return out;
}

/** The package's version from its `meta` entry (1 when there is none: an older package). */
function packageVersion(raw: Uint8Array | undefined): number {
  if (!raw) return 1;
  try {
    const msg = decodeMessage(raw);
    const v = msg.find((f) => f.field === 1 && f.varint !== undefined);
    return v?.varint ?? 0;
  } catch {
    return 0;
  }
}

/** Opens a package; `name` is the file name used in messages. */
export function openPackage(data: Uint8Array, name: string): AnkiPackage {
  if (data.length > ANKI_LIMITS.fileBytes) {
    throw new AnkiImportError('too-big', `${name} is ${mb(data.length)}; an Anki package may be at most ${mb(ANKI_LIMITS.fileBytes)}`);
  }
  checkDirectory(data, name);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data);
  } catch (e) {
    throw new AnkiImportError('corrupt', `${name} is a damaged zip file: ${(e as Error).message}`);
  }
  const version = packageVersion(files.meta);
  if (version > NEWEST_PACKAGE_VERSION) {
    throw new AnkiImportError('future', `${name} was made by a newer Anki (package version ${version}) than Briefdeck can read; export it again with “Support older Anki versions” ticked`);
  }
  const collectionName = COLLECTIONS.find((c) => files[c]);
  if (!collectionName) {
    throw new AnkiImportError('no-collection', `${name} has no collection inside (no collection.anki21b, collection.anki21 or collection.anki2): it is not an Anki deck package`);
  }
  let collection = files[collectionName]!;
  if (collectionName === 'collection.anki21b') collection = unzstd(collection, `${name}: ${collectionName}`, ANKI_LIMITS.entryBytes);
  const names = mediaMap(files.media, name);
  const media = new Map<string, Uint8Array>();
  const missingMedia: string[] = [];
  let budget = ANKI_LIMITS.totalBytes;
  names.forEach((fileName, i) => {
    if (!fileName) return;
    let bytes = files[String(i)];
    if (!bytes) {
      missingMedia.push(fileName);
      return;
    }
    if (version >= 3 && isZstd(bytes)) bytes = unzstd(bytes, `${name}: media “${fileName}”`, Math.min(budget, ANKI_LIMITS.entryBytes));
    budget -= bytes.length;
    if (budget < 0) throw new AnkiImportError('zip-bomb', `${name}: its media unpack to more than an import may use`);
    media.set(fileName, bytes);
  });
  return { collectionName, collection, media, missingMedia };
}
