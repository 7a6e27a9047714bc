/**
 * `npm run sync:measure [-- --reviews N --students N]`: what syncing costs, against the local
 * server over loopback, with PouchDB's browser build as the app will use it. Prints the size
 * of a review, the first sync of a collection to a fresh device (time and bytes on the wire),
 * the sync after one 20-card session, the server's disk per review, and many learners syncing
 * at once. Bytes are request and response bodies; headers are not counted.
 */
import { parseArgs } from 'node:util';
import { couchRequest } from '../../src/sync/couch';
import { userDbName } from '../../src/sync/names';
import { crowd, learner, reviews } from './crowd';
import { PouchDB, localDb, type Pouch } from './pouch-node';
import { startSyncServer } from './server';

interface Wire {
  up: number;
  down: number;
  requests: number;
}

/** A remote database whose traffic is counted into `wire`. */
function countedRemote(url: string, cookie: string, wire: Wire): Pouch {
  return new PouchDB(url, {
    headers: { Cookie: cookie },
    fetch: async (input: string, init: RequestInit) => {
      wire.requests++;
      if (typeof init.body === 'string') wire.up += Buffer.byteLength(init.body);
      const res = await fetch(input, init);
      wire.down += (await res.clone().arrayBuffer()).byteLength;
      return res;
    },
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - start), value };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  // PouchDB tells browser users that a 404 for a missing checkpoint is normal; here it is noise.
  console.info = () => {};
  const { values } = parseArgs({ options: { reviews: { type: 'string' }, students: { type: 'string' } } });
  const total = Number(values.reviews ?? 20_000);
  const students = Number(values.students ?? 30);
  if (!Number.isInteger(total) || total < 1) throw new Error(`--reviews must be a whole number of 1 or more, not "${values.reviews}".`);
  if (!Number.isInteger(students) || students < 1) throw new Error(`--students must be a whole number of 1 or more, not "${values.students}".`);
  const server = await startSyncServer();
  try {
    const T0 = Date.UTC(2026, 0, 1);
    const docs = reviews(total, T0, 2000);
    const docChars = docs.reduce((n, d) => n + JSON.stringify(d).length, 0) / docs.length;

    const lena = await learner(server, 'lena');
    const phone = localDb('phone');
    for (let i = 0; i < docs.length; i += 5000) await phone.bulkDocs(docs.slice(i, i + 5000));
    const pushWire: Wire = { up: 0, down: 0, requests: 0 };
    const push = await timed(() => phone.replicate.to(countedRemote(lena.url, lena.cookie, pushWire), { batch_size: 500 }));

    const laptop = localDb('laptop');
    const pullWire: Wire = { up: 0, down: 0, requests: 0 };
    const pull = await timed(() => laptop.replicate.from(countedRemote(lena.url, lena.cookie, pullWire), { batch_size: 500 }));

    // Both devices have synced both ways once: what follows is the everyday sync.
    await phone.replicate.from(new PouchDB(lena.url, { headers: { Cookie: lena.cookie } }));
    await laptop.replicate.to(new PouchDB(lena.url, { headers: { Cookie: lena.cookie } }));

    const session = reviews(20, T0 + total * 45_000 + 3600_000, 2000);
    await phone.bulkDocs(session);
    const afterWire: Wire = { up: 0, down: 0, requests: 0 };
    const remote = countedRemote(lena.url, lena.cookie, afterWire);
    const after = await timed(async () => {
      await phone.replicate.to(remote);
      await phone.replicate.from(remote);
    });
    const otherWire: Wire = { up: 0, down: 0, requests: 0 };
    const otherRemote = countedRemote(lena.url, lena.cookie, otherWire);
    const other = await timed(async () => {
      await laptop.replicate.to(otherRemote);
      await laptop.replicate.from(otherRemote);
    });
    const info = await couchRequest<{ doc_count: number; disk_size?: number; sizes?: { file?: number } }>(
      server.asAdmin,
      'GET',
      `/${userDbName('lena')}`,
    );
    const disk = info.body.sizes?.file ?? info.body.disk_size ?? 0;

    const perStudent = 200;
    const many = await crowd(server, 'student', students, perStudent);

    const rows: [string, string][] = [
      ['review document (JSON)', `${docChars.toFixed(0)} characters`],
      [`first push of ${total} reviews`, `${push.ms} ms, ${mb(pushWire.up)} up, ${mb(pushWire.down)} down, ${pushWire.requests} requests`],
      [`first sync to a fresh device (${pull.value.docs_written} docs)`, `${pull.ms} ms, ${mb(pullWire.down)} down, ${mb(pullWire.up)} up, ${pullWire.requests} requests`],
      ['sync after a 20-card session (that device)', `${after.ms} ms, ${kb(afterWire.up + afterWire.down)}, ${afterWire.requests} requests`],
      ['sync after it (the other device)', `${other.ms} ms, ${kb(otherWire.up + otherWire.down)}, ${otherWire.requests} requests`],
      ['server disk per review (LevelDB, uncompacted)', `${Math.round(disk / info.body.doc_count)} bytes (${mb(disk)} for ${info.body.doc_count} docs)`],
      [`${students} learners pushing ${perStudent} reviews each at once`, `${many.ms} ms, ${many.arrived} of ${many.sent} arrived`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`sync:measure: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
