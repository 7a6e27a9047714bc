/**
 * A small seedable pseudo-random source (mulberry32), shared by the quiz (its shuffles) and the
 * retention simulator (its draws): the same seed always gives the same numbers. Not for secrets.
 */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: fast, 32-bit state, a good enough spread for shuffles and simulations. */
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
