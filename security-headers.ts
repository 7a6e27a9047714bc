import { CROSS_ORIGIN_ISOLATION_HEADERS } from './src/pwa/isolation.ts';

/**
 * The HTTP headers Briefdeck is served with: one table used by `vite preview`, `vite dev` and
 * the `_headers` file the build writes for static hosts (Netlify, Cloudflare Pages), so the three
 * never disagree. index.html repeats the policy in a meta tag for hosts that send no headers, but
 * a meta policy cannot forbid framing (`frame-ancestors`): only a header can.
 */

/**
 * The Content-Security-Policy of index.html's meta tag (the test keeps the two the same). Sync
 * talks to a server the learner names, so `connect-src` admits any https origin (and the loopback
 * addresses a development server listens on); scripts, styles and frames stay this origin's only.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** Headers every response carries, wherever Briefdeck is served from. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // No page of another site may frame Briefdeck: a framed Settings page could be clicked through.
  'Content-Security-Policy': `${PAGE_CSP}; frame-ancestors 'none'`,
  // The same for browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // Share links carry the deck in the fragment, which is never sent; the rest of the address need not be either.
  'Referrer-Policy': 'no-referrer',
  // Cross-origin isolation: a window opened by another site shares nothing with Briefdeck, and
  // every resource must be same-origin (or say it may be embedded), which also enables precise
  // memory and timer measurements.
  ...CROSS_ORIGIN_ISOLATION_HEADERS,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Sent only by a production host over HTTPS: browsers then refuse plain HTTP for two years. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Caching per path. Hashed assets never change under their name; the service worker, the page,
 * the manifest and the deck files must be revalidated, or an update is never seen.
 */
export const CACHE_RULES: readonly { path: string; cacheControl: string }[] = [
  { path: '/assets/*', cacheControl: 'public, max-age=31536000, immutable' },
  { path: '/sw.js', cacheControl: 'no-cache' },
  { path: '/', cacheControl: 'no-cache' },
  { path: '/index.html', cacheControl: 'no-cache' },
  { path: '/manifest.webmanifest', cacheControl: 'no-cache' },
  { path: '/decks/*', cacheControl: 'no-cache' },
];

/** The `_headers` file (Netlify / Cloudflare Pages format) with every header above. */
export function headersFile(): string {
  const block = (path: string, headers: Record<string, string>) =>
    `${path}\n${Object.entries(headers)
      .map(([name, value]) => `  ${name}: ${value}\n`)
      .join('')}`;
  return [
    '# Written by the build from security-headers.ts; edit that file, not this one.',
    block('/*', { ...SECURITY_HEADERS, 'Strict-Transport-Security': HSTS }),
    ...CACHE_RULES.map((r) => block(r.path, { 'Cache-Control': r.cacheControl })),
  ].join('\n');
}

/** Vite plugin: writes `_headers` beside index.html in the build. */
export function headersFilePlugin() {
  return {
    name: 'briefdeck-headers-file',
    apply: 'build' as const,
    generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: string }): string }) {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}
