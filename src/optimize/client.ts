/**
 * Runs the optimiser from the page: checks the browser can (cross-origin isolation for the wasm's
 * shared memory), starts the worker, reports progress, and cancels by ending the worker.
 */
import type { OptimizeRequest, OptimizeResult, WorkerMessage } from './protocol';

/** Why this page cannot run the optimiser, in plain words; null when it can. */
export function cannotOptimize(scope: { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; Worker?: unknown } = globalThis): string | null {
  if (typeof scope.Worker !== 'function') return 'This browser cannot run background work (Web Workers), which the optimiser needs.';
  if (!scope.crossOriginIsolated || typeof scope.SharedArrayBuffer !== 'function') {
    return 'The optimiser needs shared memory, which browsers only allow on pages served as "cross-origin isolated". Open Briefdeck from its installed app or from a server that sends its isolation headers, then try again.';
  }
  return null;
}

export interface Run {
  result: Promise<OptimizeResult>;
  /** Stops the optimiser at once; `result` rejects with a `Cancelled` error. */
  cancel(): void;
}

/** Starts optimising; `onProgress` gets the share done (0–1) while the optimiser trains. */
export function optimize(request: Omit<OptimizeRequest, 'threads'>, onProgress: (done: number) => void): Run {
  const worker = new Worker(new URL('./optimizer.worker.ts', import.meta.url), { type: 'module', name: 'optimizer' });
  let timer = 0;
  let settle: { resolve(r: OptimizeResult): void; reject(e: Error): void };
  const result = new Promise<OptimizeResult>((resolve, reject) => (settle = { resolve, reject }));
  const stop = () => {
    clearInterval(timer);
    worker.terminate();
  };
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.type === 'progress') {
      // The optimiser writes [items done, items in all] into its shared memory as it goes.
      const cells = new Uint32Array(m.buffer, m.pointer, 2);
      timer = self.setInterval(() => cells[1] && onProgress(Math.min(1, cells[0]! / cells[1]!)), 100);
    } else {
      stop();
      if (m.type === 'result') settle.resolve(m.result);
      else settle.reject(new Error(m.message));
    }
  };
  worker.onerror = (e) => {
    stop();
    settle.reject(new Error(e.message || 'The optimiser could not start.'));
  };
  // Leave one core to the page and the learner.
  const threads = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));
  worker.postMessage({ ...request, threads } satisfies OptimizeRequest);
  return {
    result,
    cancel() {
      stop();
      const e = new Error('Optimisation cancelled.');
      e.name = 'Cancelled';
      settle.reject(e);
    },
  };
}
