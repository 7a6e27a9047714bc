// @vitest-environment node
/**
 * A new user's first build prints no warnings: no config-loader notice (every import in the
 * config's graph names its file) and no deprecation from the service worker's build.
 */
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

test('`vite build` prints no warning', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'briefdeck-build-output-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.VITE_CONFIG_NATIVE_IGNORE_WARNING;
    const r = spawnSync(resolve(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // Strip colour codes, then look for what Vite and rolldown print as warnings.
    const output = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    const warnings = output.split('\n').filter((line) => /^\s*(\(!\)|WARN\b)|\bwarning\b/i.test(line) && !/PLUGIN_TIMINGS/.test(line));
    expect(warnings).toEqual([]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}, 180_000);
