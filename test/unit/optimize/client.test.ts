/**
 * The page side of the optimiser with a stand-in worker: it asks for threads, reads progress from
 * the shared cells the worker hands over, settles with the worker's result, and Cancel ends the
 * worker at once and says so.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { optimize } from '../../../src/optimize/client';
import type { OptimizeRequest, WorkerMessage } from '../../../src/optimize/protocol';

class FakeWorker {
  static last: FakeWorker;
  onmessage: ((e: { data: WorkerMessage }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  posted: OptimizeRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(m: OptimizeRequest) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  send(m: WorkerMessage) {
    this.onmessage?.({ data: m });
  }
}

const request = { answers: [], dayStartHour: 4, current: null, notBefore: -Infinity };

beforeEach(() => {
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('optimiser client', () => {
  test('passes the request with a thread count, reports progress and settles with the result', async () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const run = optimize(request, (d) => seen.push(d));
    const worker = FakeWorker.last;
    expect(worker.posted[0]).toMatchObject(request);
    expect(worker.posted[0]!.threads).toBeGreaterThanOrEqual(1);
    const cells = new Uint32Array(new SharedArrayBuffer(64), 16, 2);
    worker.send({ type: 'progress', buffer: cells.buffer, pointer: 16 });
    cells[0] = 3;
    cells[1] = 12;
    vi.advanceTimersByTime(150);
    expect(seen.at(-1)).toBe(0.25);
    const result = { kind: 'too-few' as const, split: { ok: false as const, train: 1, test: 0, more: 499, reason: 'total' as const } };
    worker.send({ type: 'result', result });
    await expect(run.result).resolves.toEqual(result);
    expect(worker.terminated).toBe(true);
  });

  test('Cancel ends the worker at once and rejects as cancelled', async () => {
    const run = optimize(request, () => {});
    run.cancel();
    expect(FakeWorker.last.terminated).toBe(true);
    await expect(run.result).rejects.toMatchObject({ name: 'Cancelled' });
  });

  test("a worker's error rejects with its message", async () => {
    const run = optimize(request, () => {});
    FakeWorker.last.send({ type: 'error', message: 'wasm failed' });
    await expect(run.result).rejects.toThrow('wasm failed');
  });
});
