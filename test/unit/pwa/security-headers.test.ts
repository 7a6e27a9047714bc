import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CACHE_RULES, headersFile, HSTS, PAGE_CSP, SECURITY_HEADERS } from '../../../security-headers';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('security headers', () => {
  test("index.html's meta policy is the header policy without frame-ancestors (a meta tag cannot carry it)", () => {
    const html = readFileSync(resolve(ROOT, 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(PAGE_CSP);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(`${PAGE_CSP}; frame-ancestors 'none'`);
  });

  test('forbid framing, sniffing and referrers, and isolate the page from other origins', () => {
    expect(SECURITY_HEADERS).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
  });

  test('the _headers file sends every header and HSTS on every path, and the cache rules by path', () => {
    const file = headersFile();
    // The block for every path: from its `/*` line to the blank line after it.
    const all = /^\/\*\n(?: {2}.*\n)+/m.exec(file)![0];
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(all).toContain(`  ${name}: ${value}\n`);
    expect(all).toContain(`  Strict-Transport-Security: ${HSTS}\n`);
    for (const rule of CACHE_RULES) expect(file).toContain(`${rule.path}\n  Cache-Control: ${rule.cacheControl}\n`);
    expect(CACHE_RULES.find((r) => r.path === '/sw.js')?.cacheControl).toBe('no-cache');
    expect(CACHE_RULES.find((r) => r.path === '/assets/*')?.cacheControl).toMatch(/immutable/);
  });
});
