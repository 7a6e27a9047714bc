/**
 * Seeded randomness for the quiz engine: the PRNG of `srs/prng.ts`, a string-to-seed hash and a
 * Fisher–Yates shuffle. The same seed always yields the same quiz, which the tests rely on and
 * which lets a quiz be replayed from its `?seed=`. Pure: no DOM, no storage.
 */

import { mulberry32, type Rng } from '../srs/prng';

export { mulberry32, type Rng };

/** Turns a number or any text into a 32-bit seed (FNV-1a for text). */
export function seedFrom(value: number | string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value) >>> 0;
  let h = 0x811c9dc5;
  for (const ch of String(value)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A fresh seed for a quiz nobody asked to replay. */
export function randomSeed(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return buf[0]!;
}

/** A shuffled copy (Fisher–Yates); the input is left alone. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
