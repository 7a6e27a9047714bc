/**
 * What the engine tests share: a local sync server for the file, a fresh store for each test, new
 * learners with a session (Node keeps no cookies, so their fetch sends it), engines on an in-memory
 * PouchDB driven by hand, and the learner's database on the server as another device reaches it.
 */
import './pouch-self';
import PouchDB, { type Database } from 'pouchdb-browser';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startSyncServer, type SyncServer } from '../../../scripts/sync/server';
import { closeStore } from '../../../src/store';
import { createAccount, signIn } from '../../../src/sync/couch';
import { SyncEngine } from '../../../src/sync/engine';
import { userDbName } from '../../../src/sync/names';
import { waitForUserDb } from '../../../src/sync/setup';

(PouchDB as unknown as { plugin(p: unknown): void }).plugin(memoryAdapter);

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;
export interface Learner {
  name: string;
  fetch: Fetch;
}

/** Registers the file's hooks; the returned functions make learners, engines and other devices. */
export function engineTests(prefix: string) {
  let server: SyncServer;
  let learners = 0;
  const engines: SyncEngine[] = [];
  const remotes: Database[] = [];
  beforeAll(async () => {
    server = await startSyncServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await closeStore();
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    for (const r of remotes.splice(0)) await r.close();
  });
  return {
    /** A new learner signed up and in. */
    async learner(): Promise<Learner> {
      const name = `${prefix}${++learners}`;
      await createAccount({ url: server.url }, name, 'pw');
      const { cookie } = await signIn({ url: server.url }, name, 'pw');
      await waitForUserDb({ url: server.url, headers: { Cookie: cookie! } }, name);
      return {
        name,
        fetch: (url, init) => {
          const headers = new Headers(init.headers);
          headers.set('Cookie', cookie!);
          return fetch(url, { ...init, headers });
        },
      };
    },
    /** An engine for `who` that runs a pass only when asked (stopped after the test). */
    engineFor(who: Learner, server_ = server.url): SyncEngine {
      const engine = new SyncEngine({ server: server_, name: who.name }, { automatic: false, adapter: 'memory', fetch: who.fetch });
      engines.push(engine);
      return engine;
    },
    /** The learner's database on the server, as another device of theirs reaches it (closed after the test). */
    otherDevice(who: Learner): Database {
      const db = new PouchDB(`${server.url}${userDbName(who.name)}`, { skip_setup: true, fetch: who.fetch });
      remotes.push(db);
      return db;
    },
  };
}
