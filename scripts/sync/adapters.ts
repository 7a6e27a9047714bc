/**
 * `npm run sync:adapters [-- --docs 20000]`: PouchDB's `idb` and `indexeddb`
 * adapters side by side in one Chromium page, each doing what a first sync asks of the device's
 * local database: diffing and writing replicated review documents in batches of 500 and 2,000,
 * reading the changes back, every document, and every document through a push's filter. The
 * adapters alternate, so a shared machine's load weighs on both alike.
 */
import { parseArgs } from 'node:util';
import { launchBrowser } from '../../test/browser/browser';
import { pouchBundle } from './pouch-bundle';

const { values } = parseArgs({ options: { docs: { type: 'string' } } });
const DOCS = Number(values.docs ?? 20_000);
if (!Number.isInteger(DOCS) || DOCS < 10) throw new Error(`--docs must be a whole number of 10 or more, not "${values.docs}".`);

async function main(): Promise<void> {
  const script = await pouchBundle("import PouchDB from 'pouchdb-browser'; import idx from 'pouchdb-adapter-indexeddb'; PouchDB.plugin(idx); window.PouchDB = PouchDB;");
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    // Any http origin has IndexedDB; this one is answered here, with no server.
    await page.route('http://adapters.local/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>adapters</title>' }));
    await page.goto('http://adapters.local/');
    await page.evaluate(script);
    const rows = [];
    for (const [adapter, batch] of [['idb', 500], ['indexeddb', 500], ['indexeddb', 2000], ['idb', 2000]] as const) {
      // A string, not a function: the page has none of the helpers tsx adds to functions.
      rows.push(
        await page.evaluate(`(async () => {
          const N = ${DOCS}, B = ${batch}, adapter = '${adapter}';
          const db = new PouchDB('compare-' + adapter + '-' + B, { adapter });
          const rev = '0123456789abcdef0123456789abcdef';
          const docs = Array.from({ length: N }, (_, j) => ({ _id: 'review:bench/card-' + (j % (N / 10)) + ':' + String(1.7e12 + j * 1000) + ':abcdef0123456789', _rev: '1-' + rev, _revisions: { start: 1, ids: [rev] }, type: 'review', itemId: 'bench/card-' + (j % (N / 10)), grade: 3, mode: 'study', at: 1.7e12 + j * 1000, durationMs: 4000, reschedule: true }));
          let diff = 0, write = 0, t = 0;
          for (let i = 0; i < N; i += B) {
            const slice = docs.slice(i, i + B);
            t = performance.now();
            await db.revsDiff(Object.fromEntries(slice.map((d) => [d._id, [d._rev]])));
            diff += performance.now() - t;
            t = performance.now();
            await db.bulkDocs(slice, { new_edits: false });
            write += performance.now() - t;
          }
          t = performance.now();
          await db.changes({ since: 0 });
          const changes = performance.now() - t;
          t = performance.now();
          await db.allDocs({ include_docs: true });
          const read = performance.now() - t;
          t = performance.now();
          await db.changes({ since: 0, include_docs: true, filter: (d) => d._id.endsWith('-') });
          const filtered = performance.now() - t;
          await db.destroy();
          const s = (ms) => Math.round(ms / 100) / 10;
          return { adapter, batch: B, 'revs diff s': s(diff), 'write s': s(write), 'changes s': s(changes), 'read all s': s(read), 'filtered changes s': s(filtered) };
        })()`),
      );
    }
    console.log(`PouchDB adapters, ${DOCS.toLocaleString('en')} replicated review documents (Chromium):`);
    console.table(rows);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
