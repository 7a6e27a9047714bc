/**
 * A pass's phases as User Timing measures (`sync:<phase>`): DevTools' performance panel shows
 * where a slow sync spends its time, and the sync bench reads them from the page.
 */

/** Runs `work` and records its duration as the measure `sync:<name>`. */
export async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(`sync:${name}`, { start, end: performance.now() });
  }
}
