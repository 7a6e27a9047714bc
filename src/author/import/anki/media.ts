/**
 * Anki's media files → the media of Briefdeck decks. Anki names files freely (spaces, brackets,
 * any ending), so each file gets a plain Briefdeck name, its type from its bytes (never from its
 * name), and for pictures the pixel size the deck format asks for. Files are taken in the order
 * the cards first use them, within the per-file, per-import size and count limits; what is left
 * out is listed by its Anki name with the reason. Pure; one planner per build.
 */
import { imageSize } from 'image-size';
import { sniffType } from '../../../deck/bundle';
import { isImageType, isMediaType, MAX_MEDIA_BYTES, MEDIA_TYPES, mediaNameProblem, type MediaType } from '../../../deck/media';
import type { MediaFile } from '../../../deck/schema';
import { ANKI_LIMITS } from './limits';

/** A media file left out of the import, by its name in Anki. */
export interface SkippedMedia {
  name: string;
  reason: string;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const NAME_MAX = 100;
const DIMENSION_MAX = 20000;

/**
 * A Briefdeck media name for an Anki file name: NFC, runs of anything but letters, digits, `.`,
 * `_` and `-` turned into one `-`, the ending the type is written with, at most 100 characters,
 * and not one of `taken` (then `-2`, `-3`… is added). A name that is already valid stays as it is.
 */
export function briefdeckMediaName(ankiName: string, type: MediaType, taken: { has(name: string): boolean }): string {
  const exts: readonly string[] = MEDIA_TYPES[type];
  const nfc = ankiName.normalize('NFC');
  const ending = /\.([A-Za-z0-9]{1,5})$/.exec(nfc);
  // The file's own ending when it fits its type (any case), else the type's usual one.
  const ext = ending && exts.includes(ending[1]!.toLowerCase()) ? ending[1]! : exts[0]!;
  const stem =
    (ending ? nfc.slice(0, ending.index) : nfc)
      .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[^\p{L}\p{N}]+/u, '')
      .replace(/[-.]+$/, '') || 'media';
  const fit = (suffix: string) => `${stem.slice(0, NAME_MAX - ext.length - 1 - suffix.length).replace(/[-.]+$/, '') || 'media'}${suffix}.${ext}`;
  let name = fit('');
  for (let n = 2; taken.has(name) || mediaNameProblem(name); n++) {
    if (n > 100_000) throw new Error(`no free media name for “${ankiName}”`);
    name = fit(`-${n}`);
  }
  return name;
}

/** The pixel size of a picture as a browser shows it (EXIF turns swap width and height), or null. */
export function pictureSize(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    const size = imageSize(bytes);
    let { width, height } = size;
    if (!width || !height) return null;
    if (size.orientation && size.orientation >= 5) [width, height] = [height, width];
    return { width: Math.round(width), height: Math.round(height) };
  } catch {
    return null;
  }
}

/** Turns Anki media names into deck media, deciding once per file whether it comes along. */
export class MediaPlanner {
  /** Briefdeck name → the file's bytes, for every file that comes along. */
  readonly files = new Map<string, Uint8Array>();
  /** Briefdeck name → its deck media entry. */
  readonly entries = new Map<string, MediaFile>();
  readonly skipped: SkippedMedia[] = [];
  /** Anki names the cards use that the package does not hold. */
  readonly missing = new Set<string>();
  private readonly decided = new Map<string, string | null>();
  private bytes = 0;

  constructor(
    private readonly available: ReadonlyMap<string, Uint8Array>,
    private readonly limits: { mediaFiles: number; mediaBytes: number } = ANKI_LIMITS,
  ) {}

  /** The Briefdeck name the cards should use for `ankiName` as `kind`, or null when it does not come along. */
  resolve(ankiName: string, kind: 'image' | 'audio'): string | null {
    let name = this.decided.get(ankiName);
    if (name === undefined) {
      name = this.decide(ankiName);
      this.decided.set(ankiName, name);
    }
    if (name === null) return null;
    const type = this.entries.get(name)!.type;
    // A picture named in [sound:…] or a sound in <img>: shown as text, like Anki would fail to show it.
    return (kind === 'image') === isImageType(type) ? name : null;
  }

  private skip(name: string, reason: string): null {
    this.skipped.push({ name, reason });
    return null;
  }

  private decide(ankiName: string): string | null {
    const data = this.available.get(ankiName);
    if (!data) {
      this.missing.add(ankiName);
      return null;
    }
    if (data.byteLength > MAX_MEDIA_BYTES) return this.skip(ankiName, `it is ${mb(data.byteLength)}; a picture or sound may be at most ${MAX_MEDIA_BYTES / 1048576} MB`);
    const type = sniffType(data);
    if (!type || !isMediaType(type)) {
      return this.skip(ankiName, 'it is not a picture or sound Briefdeck takes (PNG, JPEG, WebP, GIF, SVG; MP3, Ogg, WAV, M4A, WebM)');
    }
    if (this.entries.size >= this.limits.mediaFiles) return this.skip(ankiName, `the import already brings ${this.limits.mediaFiles.toLocaleString('en')} media files, the most one import may`);
    if (this.bytes + data.byteLength > this.limits.mediaBytes) return this.skip(ankiName, `the import's media would pass ${mb(this.limits.mediaBytes)}, the most one import may bring`);
    const entry: MediaFile = { name: briefdeckMediaName(ankiName, type, this.files), type };
    if (isImageType(type)) {
      const size = pictureSize(data);
      if (!size) return this.skip(ankiName, 'its picture size cannot be read (the file may be damaged)');
      if (size.width > DIMENSION_MAX || size.height > DIMENSION_MAX) return this.skip(ankiName, `it is ${size.width} × ${size.height} pixels; a picture may be at most ${DIMENSION_MAX} on a side`);
      Object.assign(entry, size);
    }
    this.bytes += data.byteLength;
    this.files.set(entry.name, data);
    this.entries.set(entry.name, entry);
    return entry.name;
  }
}
