/**
 * `npm run sync:setup`: prepares a CouchDB 3 (or the local sync server) for Briefdeck through its
 * HTTP API only, as a server admin. Every step is idempotent, so it can run again at any time.
 *
 *   npm run sync:setup
 *     CORS for the app's origins, the accounts database, and a private database (security and
 *     validation) for every account that exists: what `couch_peruser` would have created.
 *   npm run sync:setup -- --class bio-7a --teacher ms-lee [--title "Biology 7A"] [--students a,b]
 *     also a class database: the teacher its admin, the students its readers.
 *
 * Environment: SYNC_URL [http://127.0.0.1:5984], SYNC_ADMIN [admin],
 * SYNC_ADMIN_PASSWORD [briefdeck-dev], SYNC_ORIGINS (comma-separated; the development servers
 * by default). Set SYNC_ORIGINS to the address the app is served from for a real school.
 */
import { parseArgs } from 'node:util';
import { basicAuth, couchRequest, type CouchServer } from '../../src/sync/couch';
import { classIdProblem } from '../../src/sync/names';
import { configureCors, ensureClassDb, ensureSystemDbs, ensureUserDb, listUsernames } from '../../src/sync/setup';

const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:4173', 'http://127.0.0.1:4173'];

function list(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      class: { type: 'string' },
      teacher: { type: 'string' },
      title: { type: 'string' },
      students: { type: 'string' },
      'skip-users': { type: 'boolean' },
    },
  });
  const env = process.env;
  const url = env.SYNC_URL || 'http://127.0.0.1:5984';
  const admin = { name: env.SYNC_ADMIN || 'admin', password: env.SYNC_ADMIN_PASSWORD || 'briefdeck-dev' };
  const origins = env.SYNC_ORIGINS ? list(env.SYNC_ORIGINS) : DEV_ORIGINS;
  if (values.class !== undefined) {
    const problem = classIdProblem(values.class);
    if (problem) throw new Error(`--class: ${problem}`);
    if (!values.teacher) throw new Error('--class needs --teacher NAME (the account that publishes its decks).');
  }
  const server: CouchServer = { url, headers: basicAuth(admin.name, admin.password) };

  const { body } = await couchRequest<{ userCtx: { roles: string[] } }>(server, 'GET', '/_session');
  if (!body.userCtx.roles.includes('_admin')) {
    throw new Error(`${admin.name} is not a server admin of ${url} (check SYNC_ADMIN and SYNC_ADMIN_PASSWORD).`);
  }
  await ensureSystemDbs(server);
  console.log('accounts database: ready');
  await configureCors(server, origins);
  console.log(`CORS: ${origins.join(', ')}`);
  if (!values['skip-users']) {
    const names = await listUsernames(server);
    for (const name of names) await ensureUserDb(server, name);
    console.log(`private databases: ${names.length} account(s) ready`);
  }
  if (values.class !== undefined && values.teacher) {
    const students = list(values.students);
    const db = await ensureClassDb(server, values.class, values.teacher, { title: values.title ?? values.class, students });
    console.log(`class ${values.class}: database ${db}, teacher ${values.teacher}, ${students.length} student(s) added`);
  }
}

main().catch((e: unknown) => {
  console.error(`sync:setup: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
