/**
 * What the engine tests share: a local sync server for the file, a fresh store for each test, new
 * learners with a session (Node keeps no cookies, so their fetch sends it), engines on an in-memory
 * PouchDB driven by hand, and the learner's database on the server as another device reaches it.
 */
import './pouch-self';
import PouchDB, { type Database } from 'pouchdb-browser';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach } from 'vitest';
import { SyncEngine } from '../../../src/sync/engine';
import { userDbName } from '../../../src/sync/names';
import { cookieFetch, signedUp, useSyncServer } from './server-helpers';

(PouchDB as unknown as { plugin(p: unknown): void }).plugin(memoryAdapter);

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;
export interface Learner {
  name: string;
  fetch: Fetch;
}

/** Registers the file's hooks; the returned functions make learners, engines and other devices. */
export function engineTests(prefix: string) {
  const server = useSyncServer();
  let learners = 0;
  const engines: SyncEngine[] = [];
  const remotes: Database[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    for (const r of remotes.splice(0)) await r.close();
  });
  return {
    /** A new learner signed up and in. */
    async learner(): Promise<Learner> {
      const name = `${prefix}${++learners}`;
      return { name, fetch: cookieFetch(await signedUp(server().url, name)) };
    },
    /** An engine for `who` that runs a pass only when asked (stopped after the test). */
    engineFor(who: Learner, server_ = server().url): SyncEngine {
      const engine = new SyncEngine({ server: server_, name: who.name }, { automatic: false, adapter: 'memory', fetch: who.fetch });
      engines.push(engine);
      return engine;
    },
    /** The learner's database on the server, as another device of theirs reaches it (closed after the test). */
    otherDevice(who: Learner): Database {
      const db = new PouchDB(`${server().url}${userDbName(who.name)}`, { skip_setup: true, fetch: who.fetch });
      remotes.push(db);
      return db;
    },
  };
}
