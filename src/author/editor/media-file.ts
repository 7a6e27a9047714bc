/**
 * A file a teacher picks in the editor, made ready for a deck: its type checked by name, its name
 * made a safe media name unique in the deck, a picture's pixel size read, a picture over 5 MB
 * offered a downscale (anything else that big refused with the reason), then stored by hash.
 * SVG is only ever measured through an <img>, never put into the page as markup.
 */
import { isImageType, isMediaType, MAX_MEDIA_BYTES, MEDIA_TYPES, mediaNameProblem, typeOfName, type MediaType } from '../../deck/media';
import type { MediaFile } from '../../deck/schema';
import { storeMediaFile } from '../../store/media';

/** What became of a picked file: ready (stored), a picture too big (a downscale may be offered), or refused. */
export type Picked =
  | { kind: 'ready'; entry: MediaFile }
  | { kind: 'too-big'; file: File; type: MediaType; message: string }
  | { kind: 'refused'; message: string };

const mb = (bytes: number) => `${(Math.ceil((bytes / 1048576) * 10) / 10).toFixed(1)} MB`;

/** Pictures and sounds Briefdeck takes, for a file input's `accept`. */
export function acceptFor(kind: 'image' | 'any'): string {
  return Object.keys(MEDIA_TYPES).filter((t) => kind === 'any' || isImageType(t)).join(',');
}

/** The type of a picked file: the browser's when Briefdeck takes it, else the one its name's ending stands for. */
function typeOf(file: File): MediaType | null {
  if (isMediaType(file.type)) return file.type;
  // Browsers report some sounds differently (audio/x-wav, audio/mp3): the ending decides then.
  return file.type && !file.type.startsWith('audio/') ? null : typeOfName(file.name);
}

/** A plain, safe media name from a picked file's name, with its type's ending, not already in `taken`. */
export function mediaNameFor(fileName: string, type: MediaType, taken: ReadonlySet<string>): string {
  const ext = MEDIA_TYPES[type][0];
  const stem =
    fileName
      .normalize('NFC')
      .replace(/\.[^.]*$/, '')
      .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '-')
      .replace(/^[^\p{L}\p{N}]+|-+$/gu, '')
      .slice(0, 80) || 'file';
  let name = `${stem}.${ext}`;
  for (let n = 2; taken.has(name) || mediaNameProblem(name); n++) {
    name = mediaNameProblem(name) ? `file-${n}.${ext}` : `${stem}-${n}.${ext}`;
  }
  return name;
}

/** A picture's pixel size, read by the browser's image decoder through an <img> (never as markup). */
async function pictureSize(blob: Blob): Promise<{ width: number; height: number } | null> {
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img.naturalWidth && img.naturalHeight ? { width: img.naturalWidth, height: img.naturalHeight } : null;
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Stores bytes of a checked type and describes them as the deck's media entry. */
async function ready(name: string, type: MediaType, blob: Blob): Promise<Picked> {
  let size: { width: number; height: number } | null = null;
  if (isImageType(type)) {
    size = await pictureSize(blob);
    if (!size) return { kind: 'refused', message: `"${name}" could not be read as a picture${type === 'image/svg+xml' ? ' (an SVG needs a width and height of its own)' : ''}.` };
  }
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const sha256 = await storeMediaFile(name, type, bytes);
  return { kind: 'ready', entry: { name, type, ...(size ?? {}), bytes: bytes.byteLength, sha256 } };
}

/**
 * Checks a picked file and stores it. `taken` holds the deck's media names. Refused by name: a
 * type Briefdeck does not take, a sound over 5 MB; a picture over 5 MB comes back `too-big`.
 */
export async function pickFile(file: File, taken: ReadonlySet<string>): Promise<Picked> {
  const type = typeOf(file);
  if (!type) {
    return {
      kind: 'refused',
      message: `"${file.name}" is ${file.type ? `of type ${file.type}` : 'a file of unknown type'}, which Briefdeck does not take: pictures may be PNG, JPEG, WebP, GIF or SVG, sounds MP3, Ogg, WAV, M4A or WebM.`,
    };
  }
  if (file.size > MAX_MEDIA_BYTES) {
    const message = `"${file.name}" is ${mb(file.size)}; a file may be at most ${MAX_MEDIA_BYTES / 1048576} MB.`;
    // SVG and GIF lose what they are (drawing, animation) when redrawn: only photos are offered a downscale.
    if (type === 'image/png' || type === 'image/jpeg' || type === 'image/webp') return { kind: 'too-big', file, type, message };
    return { kind: 'refused', message };
  }
  return ready(mediaNameFor(file.name, type, taken), type, file);
}

/** Longest side of a downscaled picture, in pixels: sharp on any phone, well under 5 MB as JPEG or WebP. */
export const DOWNSCALE_SIDE = 2048;

/** A canvas of a size: OffscreenCanvas where there is one, else a <canvas> element. */
function canvasOf(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encode(canvas: OffscreenCanvas | HTMLCanvasElement, type: string): Promise<Blob | null> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality: 0.85 }).catch(() => null);
  return new Promise((resolve) => canvas.toBlob(resolve, type, 0.85));
}

/** Redraws a too-big picture at most `DOWNSCALE_SIDE` pixels on its longest side, then stores it; refused with the reason when it cannot be. */
export async function downscale(file: File, taken: ReadonlySet<string>): Promise<Picked> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { kind: 'refused', message: `"${file.name}" could not be read as a picture, so it could not be made smaller.` };
  }
  const scale = Math.min(1, DOWNSCALE_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = canvasOf(width, height);
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) return { kind: 'refused', message: `This browser cannot redraw pictures, so "${file.name}" could not be made smaller.` };
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  // JPEG stays JPEG; PNG and WebP become WebP, which keeps transparency.
  const type: MediaType = file.type === 'image/jpeg' ? 'image/jpeg' : 'image/webp';
  const blob = await encode(canvas, type);
  if (!blob || blob.type !== type) return { kind: 'refused', message: `This browser could not save "${file.name}" smaller as ${type}.` };
  if (blob.size > MAX_MEDIA_BYTES) return { kind: 'refused', message: `"${file.name}" is still ${mb(blob.size)} made smaller; a file may be at most 5 MB.` };
  return ready(mediaNameFor(file.name, type, taken), type, blob);
}
