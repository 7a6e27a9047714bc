/**
 * Runs an import check off the main thread: one Worker per job, ended when the job is done or
 * cancelled (terminating it stops the work at once, whatever it was doing). Where the browser
 * (or a test) has no Worker, the job runs in the page instead.
 */
import { runCheckJob, type CheckJob, type CheckResult } from './check-jobs';

export interface CheckOptions {
  onProgress?: (stage: string, fraction?: number) => void;
  signal?: AbortSignal;
}

const cancelled = () => new DOMException('The check was cancelled', 'AbortError');

/** The job's result; rejects with an AbortError when `signal` aborts first. */
export function checkOffThread(job: CheckJob, options: CheckOptions = {}): Promise<CheckResult> {
  const { onProgress, signal } = options;
  if (signal?.aborted) return Promise.reject(cancelled());
  if (typeof Worker === 'undefined') {
    return runCheckJob(job, (stage, fraction) => onProgress?.(stage, fraction)).then((r) => {
      if (signal?.aborted) throw cancelled();
      return r;
    });
  }
  return new Promise<CheckResult>((resolve, reject) => {
    const worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(cancelled());
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (e: MessageEvent<{ type: 'progress'; stage: string; fraction?: number } | { type: 'done'; result: CheckResult } | { type: 'error'; message: string }>) => {
      const m = e.data;
      if (m.type === 'progress') onProgress?.(m.stage, m.fraction);
      else {
        end();
        if (m.type === 'done') resolve(m.result);
        else reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      end();
      reject(new Error(e.message || 'The import check stopped unexpectedly'));
    };
    worker.postMessage(job);
  });
}

/** Whether an error is a cancelled check. */
export const isCancelled = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';
