/**
 * Starts and stops `vite preview` for browser tests. Vite is spawned directly (not through npx)
 * in its own process group, so stopping it ends every process it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a built folder (default `dist`) on the given port and resolves once it answers; a build
 * made for a sub-path is served under it (`base`, as BASE_PATH was at build time).
 */
export async function startPreview(port: number, outDir = 'dist', base = '/'): Promise<Server> {
  const child: ChildProcess = spawn(
    resolve(ROOT, 'node_modules/.bin/vite'),
    ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', outDir],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BASE_PATH: base } },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await exited;
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${log}`);
    try {
      const res = await fetch(url + base);
      if (res.ok) return { url, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`vite preview did not answer on ${url}:\n${log}`);
}
