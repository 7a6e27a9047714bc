/**
 * Worker entry for import checks (see check-jobs.ts): parsing and validating a large deck, link
 * or table here keeps the page answering keys and clicks, and lets the learner cancel.
 */
import { runCheckJob, type CheckJob } from './check-jobs';

self.onmessage = async (e: MessageEvent<CheckJob>) => {
  try {
    const result = await runCheckJob(e.data, (stage, fraction) => self.postMessage({ type: 'progress', stage, fraction }));
    self.postMessage({ type: 'done', result });
  } catch (err) {
    self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
