/**
 * Media in deck format 2: which files a deck may carry, how they are named, and how text fields
 * refer to them. `![alt text](name.png)` shows an image, `[sound:name.mp3]` a play button.
 * Pure: shared by the validator, the bundle reader, the store and the card renderer.
 */

/** Largest media file accepted as is; bigger images are offered a downscale, anything else is refused. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

/** The media types a deck may carry, with the file name endings each is written with. */
export const MEDIA_TYPES = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  // Only ever shown through <img>, where an SVG cannot run script or load anything.
  'image/svg+xml': ['svg'],
  'audio/mpeg': ['mp3'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/wav': ['wav'],
  'audio/mp4': ['m4a'],
  'audio/webm': ['weba'],
} as const satisfies Record<string, readonly string[]>;

export type MediaType = keyof typeof MEDIA_TYPES;

export const isMediaType = (type: string): type is MediaType => Object.hasOwn(MEDIA_TYPES, type);
export const isImageType = (type: string) => type.startsWith('image/');

/** The media type a file name's ending stands for, or null when Briefdeck does not take it. */
export function typeOfName(name: string): MediaType | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [type, exts] of Object.entries(MEDIA_TYPES)) if ((exts as readonly string[]).includes(ext)) return type as MediaType;
  return null;
}

/** Letters and digits of any script, then letters, digits, `.`, `_` or `-` (no spaces: Markdown ends a link at one). */
const NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]*$/u;

/**
 * Why a media name is refused, or null when it is a plain file name. Names are never paths: no
 * folders, no `..`, nothing a file system or URL would read as anything but one file, and no
 * invisible, direction-changing or look-alike-composed characters (names must already be NFC).
 */
export function mediaNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > 100) return 'is longer than 100 characters';
  if (/[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return 'is a path; a media name is a plain file name without folders';
  if (name.includes('..')) return 'contains "..", which is not allowed in a media name';
  if (name.normalize('NFC') !== name) return 'is not in Unicode normal form (NFC); retype the name';
  if (!NAME.test(name)) {
    return 'may only hold letters, digits, ".", "_" and "-" (no spaces), and must start with a letter or digit';
  }
  if (!typeOfName(name)) return `ends in a type Briefdeck does not take (${Object.values(MEDIA_TYPES).flat().join(', ')})`;
  return null;
}

/** One media reference found in a text field. */
export interface MediaRef {
  kind: 'image' | 'audio';
  name: string;
  /** The image's alt text (empty when missing); always '' for audio. */
  alt: string;
  /** Where the reference starts in the text. */
  offset: number;
  length: number;
}

// `![alt](name)` and `[sound:name]`. Names hold no parentheses or brackets, so these stay simple.
const REF = /!\[([^\]]*)\]\(([^()\s][^()]*?)\)|\[sound:([^\]]+)\]/g;

/** Every media reference in a text, in order. */
export function mediaRefs(text: string): MediaRef[] {
  const refs: MediaRef[] = [];
  for (const m of text.matchAll(REF)) {
    if (m[3] !== undefined) refs.push({ kind: 'audio', name: m[3], alt: '', offset: m.index, length: m[0].length });
    else refs.push({ kind: 'image', name: m[2]!, alt: m[1]!.trim(), offset: m.index, length: m[0].length });
  }
  return refs;
}

/** True when a text refers to any media (a quick test before the media chunk is loaded). */
export function hasMediaRef(text: string): boolean {
  return text.includes('](') || text.includes('[sound:');
}

/** Lowercase hex SHA-256 of some bytes: the key a media file is stored and checked under. */
export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
