/**
 * The two headers that make a page cross-origin isolated (and so allowed SharedArrayBuffer, which
 * the on-device optimiser needs). One constant shared by `vite.config.ts` (dev and preview) and the
 * service worker, so every way Briefdeck is served sends the same pair.
 */

/** COOP + COEP: the page shares no browsing context group and loads nothing cross-origin unmarked. */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The same response with the isolation headers added (its body is streamed, not read). */
export function withIsolation(response: Response): Response {
  // Opaque and redirected responses cannot be rebuilt; a cross-origin one is not ours to mark.
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
