/** The messages between the settings screen and the optimiser's worker. Types only. */
import type { Answer, Split } from './dataset';
import type { Fit } from './metrics';

/** What the worker is asked to do. */
export interface OptimizeRequest {
  answers: Answer[];
  dayStartHour: number;
  /** The parameters in use now (judged against the new ones); null for the defaults. */
  current: number[] | null;
  /** Where the reviews behind the current parameters end (ms), so they are not judged on them. */
  notBefore: number;
  /** Threads the optimiser may use (1 runs it in the worker alone). */
  threads: number;
}

/** The outcome: too few reviews, or both sets of parameters judged on the same held-out reviews. */
export type OptimizeResult =
  | { kind: 'too-few'; split: Extract<Split, { ok: false }> }
  | {
      kind: 'fitted';
      w: number[];
      current: Fit;
      fitted: Fit;
      /** Reviews before this time were used to fit; from it on, to judge. */
      cutoff: number;
      train: number;
      ms: number;
    };

/** Worker → page. `progress` shares the optimiser's memory so the page can read its progress while it runs. */
export type WorkerMessage =
  | { type: 'progress'; buffer: SharedArrayBuffer | ArrayBuffer; pointer: number }
  | { type: 'result'; result: OptimizeResult }
  | { type: 'error'; message: string };
