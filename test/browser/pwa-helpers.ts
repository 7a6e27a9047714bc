/**
 * Shared by the PWA browser tests and the PWA scripts (Lighthouse, screenshots): a free local
 * port, and a wait for the page's service worker to be active and in control.
 */
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Resolves with the active worker's state once `navigator.serviceWorker.ready` settles. */
export function workerActivated(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const sw = reg.active;
    if (sw && sw.state !== 'activated') {
      await new Promise<void>((r) => sw.addEventListener('statechange', () => sw.state === 'activated' && r()));
    }
    return reg.active?.state;
  });
}

/** True when a service worker controls the page (it does after a reload once activated). */
export function isControlled(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}
