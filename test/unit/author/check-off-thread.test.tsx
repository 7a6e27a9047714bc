/** Import checks run in a Worker with progress and Cancel; the table step hands the page only what it shows. */
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { checkOffThread } from '../../../src/author/import/check-client';
import { retitle, runCheckJob, type CheckJob } from '../../../src/author/import/check-jobs';
import { ImportScreen } from '../../../src/author/import/ImportScreen';
import { closeStore } from '../../../src/store';
import { at, bundle } from './helpers';
import { HeldWorker } from '../held-worker';


beforeEach(() => bundle());
afterEach(async () => {
  cleanup();
  await closeStore();
  vi.unstubAllGlobals();
  HeldWorker.last = null;
});

describe('checks off the main thread', () => {
  test('a job goes to a Worker; its progress is forwarded and its result ends it', async () => {
    vi.stubGlobal('Worker', HeldWorker);
    const stages: [string, number | undefined][] = [];
    const job: CheckJob = { kind: 'json', text: '{}' };
    const done = checkOffThread(job, { onProgress: (s, f) => stages.push([s, f]) });
    const worker = HeldWorker.last!;
    expect(String(worker.url)).toMatch(/check\.worker\.ts/);
    expect(worker.posted).toEqual([job]);
    worker.answer({ type: 'progress', stage: 'Checking the deck', fraction: 0.5 });
    worker.answer({ type: 'done', result: { kind: 'deck', result: { ok: false, errors: [] } } });
    expect(await done).toEqual({ kind: 'deck', result: { ok: false, errors: [] } });
    expect(stages).toEqual([['Checking the deck', 0.5]]);
    expect(worker.terminated).toBe(true);
  });

  test('cancel terminates the Worker at once and rejects as cancelled', async () => {
    vi.stubGlobal('Worker', HeldWorker);
    const controller = new AbortController();
    const done = checkOffThread({ kind: 'json', text: '{}' }, { signal: controller.signal });
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(HeldWorker.last!.terminated).toBe(true);
  });

  test('the import screen shows progress with a Cancel button that stops the check; nothing is stored', async () => {
    vi.stubGlobal('Worker', HeldWorker);
    at('/import', [['/import', ImportScreen]]);
    fireEvent.input(screen.getByRole('textbox', { name: 'Or paste a shared link, deck JSON or table text' }), { target: { value: '{"id":"x"}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check pasted text' }));
    const status = await screen.findByText('Checking the deck…');
    expect(status).toBeTruthy();
    HeldWorker.last!.answer({ type: 'progress', stage: 'Checking cards', fraction: 0.25 });
    expect((await screen.findByRole('progressbar', { name: 'Checking cards' })).getAttribute('value')).toBe('0.25');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Checking pasted text was cancelled; nothing was stored.');
    expect(HeldWorker.last!.terminated).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

describe('the table job', () => {
  test('a 5,000-row table answers with a preview, counts and the first 50 skipped rows, not every row', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `front ${i},back ${i}` : `front ${i},`));
    const r = await runCheckJob({ kind: 'table', text: `front,back\n${rows.join('\n')}`, options: {}, header: 'auto', map: null }, () => undefined);
    if (r.kind !== 'table') throw new Error('expected a table');
    expect(r.view.rowCount).toBe(5000);
    expect(r.view.cutAtLine).toBeUndefined();
    expect(r.view.firstRows).toHaveLength(8);
    expect(r.view.skipped).toHaveLength(50);
    expect(r.view.skippedCount).toBe(2500);
    expect(r.view.skipped[0]).toEqual({ line: 2, message: 'has an empty back' });
    expect(r.view.result).toMatchObject({ ok: true, cardCount: 2500 });
  });

  test('a 100,000-row table is read only up to the row limit, and refused with the line reading stopped at', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? `front ${i},back ${i}` : `front ${i},`));
    const r = await runCheckJob({ kind: 'table', text: `front,back\n${rows.join('\n')}`, options: {}, header: 'auto', map: null }, () => undefined);
    if (r.kind !== 'table') throw new Error('expected a table');
    expect(r.view.rowCount).toBe(5000);
    expect(r.view.cutAtLine).toBe(5002);
    expect(r.view.firstRows).toHaveLength(8);
    expect(r.view.result).toMatchObject({ ok: false, errors: [{ path: 'table', message: /has more than 5,000 rows \(reading stopped at line 5,002\); a deck may have at most 5,000 cards/ }] });
  });

  test('retitle checks the id and title alone and keeps the cards', () => {
    const deck = { id: 'imported-deck', version: 1, title: 'Imported deck', cards: [{ id: 'a', type: 'basic' as const, front: 'F', back: 'B' }] };
    expect(retitle(deck, 'french', 'French')).toEqual({ ok: true, deck: { ...deck, id: 'french', title: 'French' } });
    expect(retitle(deck, 'french', '\u200b')).toMatchObject({ ok: false, errors: [{ path: 'title', message: 'must not be empty' }] });
  });
});
