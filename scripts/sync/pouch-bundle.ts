/**
 * PouchDB's browser build bundled into one script for a Chromium page (the adapters' comparison,
 * the browser test of an older device's database): `entry` is the module that puts it on `window`.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `entry`'s code with everything it imports, as one classic script to evaluate in a page. */
export async function pouchBundle(entry: string): Promise<string> {
  const bundle = await build({ stdin: { contents: entry, resolveDir: ROOT }, bundle: true, format: 'iife', define: { global: 'globalThis' }, write: false, logLevel: 'silent' });
  return bundle.outputFiles[0]!.text;
}
