/**
 * The local sync server, in this process: pouchdb-server's own stack (express-pouchdb over
 * PouchDB with its LevelDB adapter, and pouchdb-server's CORS middleware), assembled as its
 * command line does, with one guard added. For development and tests only; production runs
 * CouchDB 3.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';

// The modules pouchdb-server itself loads, resolved from its package so that its versions are
// used whatever else the project installs (PouchDB 9 for the app, say).
const fromServer = createRequire(createRequire(import.meta.url).resolve('pouchdb-server/package.json'));

type Next = (err?: unknown) => void;
type Handler = (req: IncomingMessage & { url: string }, res: ServerResponse, next: Next) => void;
interface ExpressApp {
  use(handler: Handler | ExpressApp): void;
  listen(port: number, host: string, cb: () => void): Server;
}
interface PouchApp extends ExpressApp {
  couchConfig: unknown;
  setPouchDB(pouch: unknown): void;
}

export interface HostOptions {
  /** Folder for the databases, the configuration file and the log. */
  dir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  admin: { name: string; password: string };
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The configuration file pouchdb-server reads: the admin (its password in plain text here, which
 * pouchdb-server hashes when it loads the file, as CouchDB does with `local.ini`), a cookie
 * secret kept across restarts so sessions survive them, and the log inside the data folder.
 */
function writeConfig(dir: string, admin: HostOptions['admin']): string {
  const path = join(dir, 'config.json');
  const config = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>) : {};
  config.admins = { ...config.admins, [admin.name]: admin.password };
  const auth = (config.couch_httpd_auth ??= {});
  auth.secret ??= randomBytes(16).toString('hex');
  config.log = { ...config.log, file: join(dir, 'log.txt') };
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
  return path;
}

/** Whether the request's credentials are a server admin's, asked of the server itself. */
async function isServerAdmin(base: string, req: IncomingMessage): Promise<boolean> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.headers.authorization) headers.Authorization = req.headers.authorization;
  if (req.headers.cookie) headers.Cookie = req.headers.cookie;
  const res = await fetch(`${base}/_session`, { headers });
  if (!res.ok) return false;
  const body = (await res.json()) as { userCtx?: { roles?: string[] } };
  return body.userCtx?.roles?.includes('_admin') ?? false;
}

/**
 * What only a server admin may do here. express-pouchdb 4.2.0 crashes the whole server when
 * anyone else creates or deletes a database (it calls a method on the refusal it got back, or
 * leaves the refusal unhandled), and it lets anyone start a server-side replication, which may
 * create databases. CouchDB answers 401 to the first; Briefdeck never uses the second. Both are
 * refused before express-pouchdb sees the request.
 */
function needsServerAdmin(method: string, path: string): boolean {
  // Any one-segment path is a database (system ones such as `/_users` too), bar the session.
  const isDbPath = /^\/[^/]+\/?$/.test(path) && !/^\/_session\/?$/.test(path);
  if (isDbPath && (method === 'PUT' || method === 'DELETE')) return true;
  if (/^\/_replicate\/?$/.test(path)) return true;
  return /^\/_replicator(\/|$)/.test(path) && method !== 'GET' && method !== 'HEAD';
}

function adminOnly(base: () => string): Handler {
  return (req, res, next) => {
    if (!needsServerAdmin(req.method ?? 'GET', req.url.split('?')[0] ?? '')) return next();
    isServerAdmin(base(), req).then(
      (admin) => {
        if (admin) return next();
        res.statusCode = 401;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ error: 'unauthorized', reason: 'You are not a server admin.' }));
      },
      (err: unknown) => next(err),
    );
  };
}

/**
 * pouchdb-validation (which express-pouchdb 4.2.0 runs before every write into a database with
 * a `validate_doc_update`) overwrites an incoming document's `_revisions` with those of the
 * stored one before it validates. Replication writes through `_bulk_docs` with
 * `new_edits: false`, where `_revisions` is the revision history being written: overwritten, the
 * update or deletion is silently dropped, so an undo would never leave the device it was made
 * on. This reads such a request's body first and pins each document's history so the overwrite
 * has no effect; express-pouchdb then uses the parsed body as it is.
 */
const MAX_BULK_BYTES = 64 * 1024 * 1024;

function keepReplicatedHistory(): Handler {
  return (req, res, next) => {
    const path = req.url.split('?')[0] ?? '';
    if (req.method !== 'POST' || !/^\/[^/]+\/_bulk_docs\/?$/.test(path)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (status: number, error: string, reason: string): void => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ error, reason }));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BULK_BYTES) chunks.push(chunk);
    });
    req.on('error', (err) => next(err));
    req.on('end', () => {
      if (size > MAX_BULK_BYTES) return fail(413, 'too_large', 'the request entity is too large');
      let body: { new_edits?: unknown; docs?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return fail(400, 'bad_request', 'invalid_json');
      }
      if (body && body.new_edits === false && Array.isArray(body.docs)) {
        for (const doc of body.docs as Record<string, unknown>[]) {
          if (!doc || typeof doc !== 'object' || !('_revisions' in doc)) continue;
          const history = doc._revisions;
          Object.defineProperty(doc, '_revisions', { enumerable: true, configurable: true, get: () => history, set: () => {} });
        }
      }
      const parsed = req as IncomingMessage & { body?: unknown; _body?: boolean };
      parsed.body = body;
      // body-parser (inside express-pouchdb) skips a request whose body is already read.
      parsed._body = true;
      next();
    });
  };
}

/** Starts the server and resolves once it listens. */
export async function runHost(options: HostOptions): Promise<RunningHost> {
  const dir = resolve(options.dir);
  mkdirSync(join(dir, 'db'), { recursive: true });
  const configPath = writeConfig(dir, options.admin);

  const express = fromServer('express') as () => ExpressApp;
  const expressPouchDB = fromServer('express-pouchdb') as (opts: { configPath: string; mode: string }) => PouchApp;
  const cors = fromServer('./lib/cors.js') as (config: unknown) => Handler;
  type Plugin = { plugin(p: unknown): Plugin; defaults(o: unknown): unknown };
  const PouchDB = (fromServer('pouchdb-core') as Plugin)
    .plugin(fromServer('pouchdb-adapter-http'))
    .plugin(fromServer('pouchdb-replication'))
    .plugin(fromServer('pouchdb-mapreduce'))
    .plugin(fromServer('pouchdb-adapter-leveldb'));

  const app = express();
  const pouchApp = expressPouchDB({ configPath, mode: 'fullCouchDB' });
  let base = '';
  app.use(cors(pouchApp.couchConfig));
  app.use(adminOnly(() => base));
  app.use(keepReplicatedHistory());
  pouchApp.setPouchDB(PouchDB.defaults({ prefix: join(dir, 'db') + sep }));
  app.use(pouchApp);

  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(options.port, options.host, () => ok(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${options.host}:${port}`;
  return {
    url: `${base}/`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
