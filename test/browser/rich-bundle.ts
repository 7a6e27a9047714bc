/** A `.briefdeck` bundle with a real picture and sound, for the browser tests and the bench. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeBundle } from '../../src/deck/bundle';

const ROOT = resolve(import.meta.dirname, '../..');

/** A real PNG (the app icon) and its pixel size from its header. */
export const PNG = new Uint8Array(readFileSync(resolve(ROOT, 'public/icon-96.png')));
const header = new DataView(PNG.buffer, PNG.byteOffset);
export const PNG_SIZE = { width: header.getUint32(16), height: header.getUint32(20) };
export const PNG_ALT = 'The Briefdeck icon: a white card on blue';

/** A short silent WAV file. */
export function silentWav(samples = 800): Uint8Array {
  const buf = new ArrayBuffer(44 + samples);
  const d = new DataView(buf);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => d.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  d.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  d.setUint32(16, 16, true);
  d.setUint16(20, 1, true);
  d.setUint16(22, 1, true);
  d.setUint32(24, 8000, true);
  d.setUint32(28, 8000, true);
  d.setUint16(32, 1, true);
  d.setUint16(34, 8, true);
  ascii(36, 'data');
  d.setUint32(40, samples, true);
  new Uint8Array(buf, 44).fill(128);
  return new Uint8Array(buf);
}

/** The bundle of a format 2 deck: its JSON and these files (the deck lists them). */
export function bundleOf(deck: { media?: { name: string }[] } & Record<string, unknown>, files: Map<string, Uint8Array>): Uint8Array {
  return writeBundle(JSON.stringify(deck), deck as never, files);
}
