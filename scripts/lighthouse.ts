/**
 * `npm run lighthouse`: audits the built app (`dist/`, which the npm script builds first) with
 * Lighthouse 12 on its mobile preset, in Debian's Chromium. Serves `dist/` with `vite preview` on
 * a free port, prints the four category scores and FCP / LCP / TBT / CLS, lists what failed, and
 * writes the summary to `bench/lighthouse.json` (and the whole report, with the trace-derived
 * audits behind each figure, to `bench/lighthouse-report.json`). It reports; it does not judge
 * (exit 0), unless the audit itself cannot run. `E2E_PORT` sets the port its preview server takes.
 */
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/browser';
import { startPreview } from '../test/browser/server';
import { freePort } from '../test/browser/pwa-helpers';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'bench', 'lighthouse.json');
/** The whole report: long tasks, bootup time, main-thread work, request chains and unused code behind the scores. */
const REPORT = resolve(ROOT, 'bench', 'lighthouse-report.json');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = {
  FCP: 'first-contentful-paint',
  LCP: 'largest-contentful-paint',
  TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift',
} as const;

async function main() {
  if (!existsSync(resolve(ROOT, 'dist/index.html'))) {
    throw new Error('dist/index.html: not found — run `npm run lighthouse` (it builds first) or `npx vite build`');
  }
  // A shared machine hands out ports: E2E_PORT, as the bench and the browser tests take it.
  const server = await startPreview(process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort());
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: [...CHROMIUM_ARGS, '--headless=new'] });
  try {
    const url = `${server.url}/`;
    // No config: Lighthouse's default is the mobile preset (Moto G Power, slow 4G, 4x CPU).
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);

    const scores = Object.fromEntries(
      CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c]!.score! * 100)]),
    );
    const metrics = Object.fromEntries(
      Object.entries(METRICS).map(([k, id]) => [k, { value: lhr.audits[id]?.numericValue ?? null, shown: lhr.audits[id]?.displayValue ?? 'n/a' }]),
    );
    // Audits that count towards a category and did not pass.
    const failing = CATEGORIES.flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id]!)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
        .map((a) => ({ category: c, id: a.id, title: a.title, score: a.score, shown: a.displayValue ?? '' })),
    );

    console.log(`Lighthouse ${lhr.lighthouseVersion} (${lhr.configSettings.formFactor}) — ${url}`);
    for (const c of CATEGORIES) console.log(`  ${c.padEnd(15)} ${scores[c] ?? 'n/a'}`);
    for (const [k, m] of Object.entries(metrics)) console.log(`  ${k.padEnd(15)} ${m.shown}`);
    if (failing.length) {
      console.log('Not passing:');
      for (const f of failing) console.log(`  [${f.category}] ${f.id}: ${f.title} ${f.shown}`.trimEnd());
    }

    mkdirSync(resolve(ROOT, 'bench'), { recursive: true });
    const summary = {
      tool: `lighthouse ${lhr.lighthouseVersion}`,
      formFactor: lhr.configSettings.formFactor,
      throttling: lhr.configSettings.throttlingMethod,
      userAgent: lhr.environment.hostUserAgent,
      fetchTime: lhr.fetchTime,
      scores,
      metrics,
      failing,
    };
    writeFileSync(OUT, `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(REPORT, `${JSON.stringify(lhr)}\n`);
    console.log(`Wrote ${OUT.slice(ROOT.length + 1)} and ${REPORT.slice(ROOT.length + 1)}`);
  } finally {
    chrome.kill();
    await server.stop();
  }
}

main().catch((err: Error) => {
  console.error(`lighthouse: ${err.message}`);
  process.exit(1);
});
