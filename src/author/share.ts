/**
 * Share links with no server: the deck's JSON, deflated by the browser's CompressionStream and
 * base64url-encoded, travels in the URL fragment (`/share#d=…`). The fragment never reaches a
 * server, so the link works from any static host and offline once the app is installed.
 * Reading inflates with fflate, in pieces, up to the deck size limit. Pure apart from the
 * compression stream, which browsers and Node both provide.
 */
import { Inflate } from 'fflate';
import { LIMITS, type Deck } from '../deck/schema';
import { parseDeckJson, type DeckResult } from '../deck/validate';

const tooLarge = `holds a deck larger than ${LIMITS.fileBytes / 1048576} MB, the most a deck file may be`;

/** Longest link we hand out: common browsers and messaging apps cut or refuse longer URLs. */
export const MAX_SHARE_URL = 8000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Writing and reading must run together: a large input fills the stream's queue otherwise.
  // Both sides fail together on damaged input; awaiting them as one keeps either error handled.
  const [, out] = await Promise.all([
    writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close()),
    new Response(stream.readable).arrayBuffer(),
  ]);
  return new Uint8Array(out);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('contains characters a share link never has');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  // A plain loop: `Uint8Array.from` with a mapping function is several times slower on long links.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type ShareLinkResult = { ok: true; url: string } | { ok: false; length: number; message: string };

/** Builds `<origin>/share#d=…`, or refuses with the size when the link would be too long. */
export async function encodeShareLink(deck: Deck, origin: string): Promise<ShareLinkResult> {
  if (deck.media?.length) {
    return {
      ok: false,
      length: 0,
      message: 'This deck has pictures or sounds, which a link cannot carry. Share the .briefdeck file instead: it holds the deck and its media.',
    };
  }
  const json = JSON.stringify(deck);
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  const url = `${origin.replace(/\/+$/, '')}/share#d=${toBase64Url(packed)}`;
  if (url.length <= MAX_SHARE_URL) return { ok: true, url };
  return {
    ok: false,
    length: url.length,
    message:
      `This deck makes a link of ${url.length.toLocaleString('en')} characters; links longer than ` +
      `${MAX_SHARE_URL.toLocaleString('en')} characters break in common browsers and messaging apps. ` +
      'Share the .json file instead, or split the deck.',
  };
}

/**
 * Input handed to the inflater at a time. Each piece is inflated whole (deflate reaches about
 * 1000:1), so pieces of 1 KB make at most about 1 MB before the limit is checked again.
 */
const CHUNK = 1024;

/**
 * Inflates `bytes` in pieces, holding at most `limit` bytes of output: a few kilobytes of deflate
 * can unpack to gigabytes, so the output is counted as it comes and inflating stops the moment it
 * passes the limit. Null when it would; throws on damaged or cut-short input. Synchronous (fflate):
 * a stream would hop between threads for every piece, which costs more than the inflating itself.
 */
export function inflateUpTo(bytes: Uint8Array, limit: number): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((part) => {
    size += part.length;
    if (size <= limit) parts.push(part);
  });
  for (let at = 0; at < bytes.length; at += CHUNK) {
    inflater.push(bytes.subarray(at, at + CHUNK));
    if (size > limit) return null;
  }
  // The final push reports a stream that stops before its last block.
  inflater.push(new Uint8Array(0), true);
  if (size > limit) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Reads a deck from a location hash such as `#d=…`: decompressed, then validated like any import. */
export async function decodeShareFragment(hash: string): Promise<DeckResult> {
  const data = new URLSearchParams(hash.replace(/^#/, '')).get('d');
  if (!data) return { ok: false, errors: [{ path: 'link', message: 'has no deck in it (expected "#d=…" after the address)' }] };
  // Compressed text is never longer than the deck it holds; a longer link is refused unread.
  if (data.length > LIMITS.fileBytes) return { ok: false, errors: [{ path: 'link', message: tooLarge }] };
  let json: string;
  try {
    const bytes = inflateUpTo(fromBase64Url(data), LIMITS.fileBytes);
    if (!bytes) return { ok: false, errors: [{ path: 'link', message: tooLarge }] };
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    const why = err instanceof Error && err.message ? `: ${err.message}` : '';
    return { ok: false, errors: [{ path: 'link', message: `is damaged or cut short and cannot be read${why}` }] };
  }
  return parseDeckJson(json);
}
