/**
 * Seeded randomness for the quiz engine: a small PRNG (mulberry32), a string-to-seed hash and a
 * Fisher–Yates shuffle. The same seed always yields the same quiz, which the tests rely on and
 * which lets a quiz be replayed from its `?seed=`. Pure: no DOM, no storage.
 */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: fast, 32-bit state, good enough spread for shuffling cards (not for secrets). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
