/**
 * `npm run sync-server`: the local CouchDB-compatible sync server for development and tests.
 * Listens on 127.0.0.1, keeps its data in a folder, has one admin, lets learners create
 * accounts, gives each account its private database, allows the app's origins (CORS) and prints
 * its URL. Stops cleanly on SIGINT or SIGTERM.
 *
 * Environment (development defaults in brackets):
 *   SYNC_PORT [5984] (0 picks a free port)   SYNC_HOST [127.0.0.1]   SYNC_DATA_DIR [.sync-data]
 *   SYNC_ADMIN [admin]   SYNC_ADMIN_PASSWORD [briefdeck-dev]
 *   SYNC_ORIGINS [the dev and preview servers on localhost and 127.0.0.1, ports 5173 and 4173]
 */
import { basicAuth, type CouchServer } from '../../src/sync/couch';
import { configureCors, ensureSystemDbs } from '../../src/sync/setup';
import { runHost } from './host';
import { followAccounts } from './peruser';

/** The origins the app is served from in development: `npm run dev` and `npm start`. */
const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:4173', 'http://127.0.0.1:4173'];

function portFrom(text: string | undefined): number {
  if (text === undefined || text === '') return 5984;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SYNC_PORT must be a port number from 0 to 65535, not "${text}".`);
  }
  return port;
}

async function main(): Promise<void> {
  const env = process.env;
  const admin = { name: env.SYNC_ADMIN || 'admin', password: env.SYNC_ADMIN_PASSWORD || 'briefdeck-dev' };
  const dir = env.SYNC_DATA_DIR || '.sync-data';
  const origins = env.SYNC_ORIGINS ? env.SYNC_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : DEV_ORIGINS;
  // express-pouchdb leaves some refusals unhandled; CouchDB would answer and carry on, so the
  // local server logs them and carries on too.
  process.on('unhandledRejection', (e) => console.error(`sync-server: unhandled ${e instanceof Error ? e.message : JSON.stringify(e)}`));
  const host = await runHost({ dir, host: env.SYNC_HOST || '127.0.0.1', port: portFrom(env.SYNC_PORT), admin });

  const server: CouchServer = { url: host.url, headers: basicAuth(admin.name, admin.password) };
  await ensureSystemDbs(server);
  await configureCors(server, origins);
  const stop = new AbortController();
  const following = followAccounts(server, stop.signal, (e) => console.error(`sync-server: ${e instanceof Error ? e.message : String(e)}`));

  // The URL line is what scripts/sync/server.ts waits for: keep its shape.
  console.log(`Briefdeck sync server listening at ${host.url}`);
  console.log(`  admin: ${admin.name} (SYNC_ADMIN / SYNC_ADMIN_PASSWORD), data: ${dir}, CORS: ${origins.join(', ')}`);

  const shutdown = (): void => {
    stop.abort();
    void Promise.allSettled([following, host.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(`sync-server: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
