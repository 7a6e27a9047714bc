/**
 * Vite plugin that has every page start opening the store while it fetches and starts its code:
 * builds src/store/open-early.ts on its own (a classic script of a few hundred bytes, named by
 * its content under assets/), and loads it `async` from the head of index.html (and so of
 * app.html, which the prerender plugin makes from it), where it blocks neither parsing nor paint.
 */
import { build, type Plugin, type Rollup } from 'vite';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

const SOURCE = resolve(import.meta.dirname, '../src/store/open-early.ts');

/** The early script, compiled and minified on its own (no plugins, no chunks: one IIFE). */
export async function buildOpenEarly(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, target: 'es2022', lib: { entry: SOURCE, formats: ['iife'], name: 'briefdeckOpenEarly' } },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunk = (Array.isArray(out) ? out[0] : out)?.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (!chunk) throw new Error(`${SOURCE}: the build made no script`);
  return chunk.code;
}

export function openEarly(): Plugin {
  let base = '/';
  let script: { code: string; fileName: string } | null = null;
  return {
    name: 'briefdeck-open-early',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    async buildStart() {
      const code = await buildOpenEarly();
      const hash = createHash('sha256').update(code).digest('base64url').slice(0, 8);
      script = { code, fileName: `assets/open-early-${hash}.js` };
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        // Only the app's page: the benchmark build has a page of its own.
        if (!ctx.path.endsWith('/index.html') || !script) return html;
        return { html, tags: [{ tag: 'script', attrs: { src: `${base}${script.fileName}`, async: true }, injectTo: 'head' }] };
      },
    },
    generateBundle() {
      if (script) this.emitFile({ type: 'asset', fileName: script.fileName, source: script.code });
    },
  };
}
