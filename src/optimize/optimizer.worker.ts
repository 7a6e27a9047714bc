/**
 * The optimiser's worker: loads fsrs-browser's wasm (only now, when the learner optimises), fits
 * FSRS-6 parameters on the older reviews and judges them and the current ones on the newest.
 * Runs off the main thread so studying stays smooth; the page ends it to cancel.
 */
import init, { initThreadPool, Progress } from 'fsrs-browser';
import { default_w } from 'ts-fsrs';
import { buildHistories, longTermTimes, splitByTime, trainingItems } from './dataset';
import { fitParameters } from './fit';
import { scoreParameters } from './metrics';
import type { OptimizeRequest, OptimizeResult, WorkerMessage } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: WorkerMessage) => self.postMessage(m);

let started: Promise<WebAssembly.Memory> | null = null;

async function start(threads: number): Promise<WebAssembly.Memory> {
  const out = await init();
  // More threads only where the browser gives some; one is the worker itself.
  if (threads > 1) await initThreadPool(threads);
  return out.memory;
}

async function optimize(req: OptimizeRequest): Promise<OptimizeResult> {
  const t0 = performance.now();
  const histories = buildHistories(req.answers, req.dayStartHour);
  const split = splitByTime(longTermTimes(histories), req.notBefore);
  if (!split.ok) return { kind: 'too-few', split };
  const memory = await (started ??= start(req.threads));
  const progress = Progress.new();
  post({ type: 'progress', buffer: memory.buffer, pointer: progress.pointer() });
  const w = fitParameters(trainingItems(histories, split.cutoff), progress);
  return {
    kind: 'fitted',
    w,
    current: scoreParameters(histories, req.current ?? default_w, split.cutoff),
    fitted: scoreParameters(histories, w, split.cutoff),
    cutoff: split.cutoff,
    train: split.train,
    ms: performance.now() - t0,
  };
}

self.onmessage = (e: MessageEvent<OptimizeRequest>) => {
  optimize(e.data).then(
    (result) => post({ type: 'result', result }),
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
