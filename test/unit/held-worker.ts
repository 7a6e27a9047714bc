/** A stand-in for `Worker` in component and store tests (happy-dom runs no workers). */

/** A Worker that runs nothing until told: the test answers for it, or sees it terminated. */
export class HeldWorker {
  static last: HeldWorker | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  posted: unknown[] = [];
  terminated = false;
  constructor(readonly url: URL | string) {
    HeldWorker.last = this;
  }
  postMessage(data: unknown) {
    this.posted.push(data);
  }
  terminate() {
    this.terminated = true;
  }
  answer(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}
