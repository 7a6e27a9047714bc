/** The export hands its text to a Worker to compress, beside its reads; without one it compresses in place. */
import { closeStore, recordReview, saveDeck, syncDeckItems } from '../../../src/store';
import { exportBackup } from '../../../src/store/replace';
import { readBackupFile } from '../../../src/store/backup-stream';
import { gzipHere } from '../../../src/store/backup-gzip';
import { itemHistory } from '../../../src/store/log';
import { backupText } from './backup-files';
import { HeldWorker } from '../held-worker';
import { deckOf, MIN, T0 } from './fixtures';

/** A Worker stand-in that compresses in this thread what it is handed, as the real one does in its own. */
class CompressingWorker extends HeldWorker {
  static refuseTransfer = false;
  static fail: string | null = null;
  transferred: unknown[] = [];
  override postMessage(data: { text: ReadableStream<string>; type: string }, transfer: unknown[] = []) {
    if (CompressingWorker.refuseTransfer) throw new DOMException('ReadableStream could not be cloned.', 'DataCloneError');
    this.transferred = transfer;
    if (CompressingWorker.fail) {
      // As the Worker does when compressing fails: the stream is cancelled, the reason answered.
      void data.text.cancel();
      queueMicrotask(() => this.answer({ error: CompressingWorker.fail }));
      return;
    }
    void gzipHere(data.text, data.type).then((blob) => this.answer({ blob }));
  }
}
const made = () => HeldWorker.last as CompressingWorker;

beforeEach(async () => {
  await closeStore();
  HeldWorker.last = null;
  CompressingWorker.refuseTransfer = false;
  CompressingWorker.fail = null;
});
afterEach(() => vi.unstubAllGlobals());

async function seed() {
  const deck = deckOf('mine', 3);
  await saveDeck(deck, 'authored', T0);
  await syncDeckItems(deck, T0);
  for (let k = 0; k < 3; k++) await recordReview({ itemId: 'mine/card-1', grade: 3, mode: 'study', at: T0 + k * 10 * MIN, durationMs: 2000 });
}

test('the text goes to a Worker as a transferred stream; its file is the same backup and reads back', async () => {
  await seed();
  const here = await backupText(await exportBackup(T0 + 60 * MIN));
  const history = await itemHistory('mine/card-1');
  vi.stubGlobal('Worker', CompressingWorker);
  const file = await exportBackup(T0 + 60 * MIN);
  const worker = made();
  expect(String(worker.url)).toMatch(/backup-gzip\.worker\.ts/);
  expect(worker.transferred).toHaveLength(1);
  expect(worker.transferred[0]).toBeInstanceOf(ReadableStream);
  expect(worker.terminated).toBe(true);
  expect(file.type).toBe('application/gzip');
  // The same text, so the same backup: it reads back whole.
  expect(await backupText(file)).toBe(here);
  const read = await readBackupFile(file, T0 + 60 * MIN);
  expect(read.ok && read.backup.reviews.filter((r) => r.itemId === 'mine/card-1')).toEqual(history);
});

test('a browser that cannot transfer the stream compresses it in place', async () => {
  await seed();
  const here = await backupText(await exportBackup(T0));
  vi.stubGlobal('Worker', CompressingWorker);
  CompressingWorker.refuseTransfer = true;
  const file = await exportBackup(T0);
  expect(made().terminated).toBe(true);
  expect(await backupText(file)).toBe(here);
});

test('a Worker that fails fails the export with its reason', async () => {
  await seed();
  vi.stubGlobal('Worker', CompressingWorker);
  CompressingWorker.fail = 'out of memory';
  await expect(exportBackup(T0)).rejects.toThrow('out of memory');
  expect(made().terminated).toBe(true);
});
