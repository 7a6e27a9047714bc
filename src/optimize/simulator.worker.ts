/** Runs the retention simulator off the main thread (a year of reviews for each target). */
import { simulateTargets, type SimInput } from './simulate';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (e: MessageEvent<SimInput>) => {
  try {
    self.postMessage({ ok: true, ...simulateTargets(e.data) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
