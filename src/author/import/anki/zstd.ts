/**
 * zstd decompression (fzstd) that refuses a frame claiming more than it may produce: the size is
 * read from the frame header before any output buffer is made. Pure.
 */
import { decompress } from 'fzstd';
import { AnkiImportError } from './errors';

/** The decompressed size a zstd frame header declares, or null when it declares none. */
export function zstdContentSize(data: Uint8Array): number | null {
  if (data.length < 5 || data[0] !== 0x28 || data[1] !== 0xb5 || data[2] !== 0x2f || data[3] !== 0xfd) return null;
  const desc = data[4]!;
  const fcsFlag = desc >> 6;
  const single = (desc >> 5) & 1;
  const dictFlag = desc & 3;
  let at = 5 + (single ? 0 : 1) + [0, 1, 2, 4][dictFlag]!;
  const size = [single ? 1 : 0, 2, 4, 8][fcsFlag]!;
  if (size === 0 || at + size > data.length) return null;
  let n = 0;
  for (let i = size - 1; i >= 0; i--) n = n * 256 + data[at + i]!;
  at += size;
  return size === 2 ? n + 256 : n;
}

/** True when the bytes start with the zstd magic number. */
export function isZstd(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x28 && data[1] === 0xb5 && data[2] === 0x2f && data[3] === 0xfd;
}

/** Decompresses `data` (named `what` in errors), refusing more than `maxBytes` of output. */
export function unzstd(data: Uint8Array, what: string, maxBytes: number): Uint8Array {
  const declared = zstdContentSize(data);
  if (declared !== null && declared > maxBytes) {
    throw new AnkiImportError('zip-bomb', `${what} would unpack to ${(declared / 1048576).toFixed(0)} MB, more than an import may use; it was not unpacked`);
  }
  let out: Uint8Array;
  try {
    out = decompress(data);
  } catch (e) {
    throw new AnkiImportError('corrupt', `${what} is damaged: its zstd data cannot be unpacked (${(e as Error).message})`);
  }
  if (out.length > maxBytes) throw new AnkiImportError('zip-bomb', `${what} unpacks to more than an import may use`);
  return out;
}
