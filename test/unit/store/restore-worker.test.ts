/** A backup file is restored in a Worker: the page only waits, hears the stage, and can cancel. */
import { restoreBackupFile } from '../../../src/store/replace';
import { lastCounts } from '../../../src/store/watch';
import { HeldWorker } from '../held-worker';


afterEach(() => {
  vi.unstubAllGlobals();
  HeldWorker.last = null;
});

test('the file goes to the restore Worker; stages are heard; the result ends it and this tab remembers the new size', async () => {
  vi.stubGlobal('Worker', HeldWorker);
  const file = new Blob(['{}']);
  const stages: string[] = [];
  const done = restoreBackupFile(file, { onProgress: (s) => stages.push(s) });
  const worker = HeldWorker.last!;
  expect(String(worker.url)).toMatch(/restore\.worker\.ts/);
  expect(worker.posted).toEqual([{ file, now: expect.any(Number) }]);
  worker.answer({ type: 'progress', stage: 'Checking the backup' });
  worker.answer({ type: 'done', result: { ok: true, counts: { items: 4, reviews: 9, decks: 1, quizzes: 0, drafts: 0 } } });
  expect(await done).toMatchObject({ ok: true });
  expect(stages).toEqual(['Checking the backup']);
  expect(worker.terminated).toBe(true);
  expect(lastCounts()).toEqual({ items: 4, reviews: 9 });
});

test('cancel ends the Worker (its transaction aborts whole) and says nothing changed', async () => {
  vi.stubGlobal('Worker', HeldWorker);
  const controller = new AbortController();
  const done = restoreBackupFile(new Blob(['{}']), { signal: controller.signal });
  controller.abort();
  await expect(done).rejects.toThrow(/cancelled; nothing was changed/);
  expect(HeldWorker.last!.terminated).toBe(true);
});
