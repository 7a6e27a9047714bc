/**
 * Starting and stopping the local sync server from tests and the bench: `npm run sync-server`
 * in its own process group on a free port with a fresh data folder, ready once it prints its URL,
 * stopped by signalling the whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { basicAuth, type CouchServer } from '../../src/sync/couch';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SyncServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Data folder; a fresh temporary one (removed on stop) by default. */
  dir?: string;
  /** Origins allowed by CORS (the app under test). */
  origins?: string[];
  admin?: { name: string; password: string };
}

export interface SyncServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  port: number;
  admin: { name: string; password: string };
  /** The server as its admin (basic authentication). */
  asAdmin: CouchServer;
  /** Stops the server's process group; the data folder is kept when it was given. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((ok) => child.once('exit', () => ok()));
}

/** Sends a signal to the child's whole process group, ignoring a group already gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group has already exited.
  }
}

/** Starts the local sync server and resolves with its URL once it accepts requests. */
export async function startSyncServer(options: SyncServerOptions = {}): Promise<SyncServer> {
  const admin = options.admin ?? { name: 'admin', password: 'briefdeck-test' };
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'briefdeck-sync-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SYNC_PORT: String(options.port ?? 0),
    SYNC_HOST: '127.0.0.1',
    SYNC_DATA_DIR: dir,
    SYNC_ADMIN: admin.name,
    SYNC_ADMIN_PASSWORD: admin.password,
  };
  if (options.origins) env.SYNC_ORIGINS = options.origins.join(',');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/sync/sync-server.ts')], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`The sync server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /listening at (http:\/\/\S+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`The sync server exited (${code ?? signal}) before listening:\n${output}`));
    });
  }).catch(async (e: unknown) => {
    signalGroup(child, 'SIGKILL');
    await exited(child);
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  // Keep reading so a chatty server never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url,
    port: Number(new URL(url).port),
    admin,
    asAdmin: { url, headers: basicAuth(admin.name, admin.password) },
    async stop() {
      signalGroup(child, 'SIGTERM');
      const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killer);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
