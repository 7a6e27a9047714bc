/**
 * Applying a waiting version: the learner's "Reload to update", and finishing it after the
 * reloads it takes. Loaded only when an update is accepted or one is under way (`UPDATE_KEY`), so
 * none of it weighs on start-up.
 */
import { effect } from '@preact/signals';
import { busy } from './activity';
import { getUpdater, pageBuild, UPDATE_KEY, updating } from './state';

/**
 * How long the new worker gets to take control after the learner accepts an update before the
 * page reloads anyway. A normal switch takes well under a second.
 */
export const TAKEOVER_GRACE_MS = 3_000;
/** Reloads tried for one accepted update before the notice is simply offered again. */
export const MAX_UPDATE_ATTEMPTS = 4;
/** An accepted update older than this is forgotten (the tab was closed mid-way, say). */
const UPDATE_REQUEST_TTL_MS = 120_000;

/** What the update flow needs from the browser; tests pass their own. */
export interface UpdateHost {
  container: ServiceWorkerContainer | undefined;
  /** Survives reloads within the tab (sessionStorage in the browser). */
  memory: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  /** The build this page runs (`<meta name="briefdeck-build">`). */
  build: string | null;
  /** The build of the app shell the worker in control serves, if known. */
  shellBuild(): Promise<string | null>;
  reload(): void;
  setTimeout(fn: () => void, ms: number): unknown;
  now(): number;
}

function browserHost(): UpdateHost {
  return {
    container: typeof navigator === 'undefined' ? undefined : navigator.serviceWorker,
    memory: typeof sessionStorage === 'undefined' ? undefined : sessionStorage,
    build: pageBuild(),
    async shellBuild() {
      // Asked of the worker in control, which answers from its own precache: what a reload would
      // get. (Reading the cache directly could find the previous version's copy.)
      const html = await (await fetch(`${import.meta.env.BASE_URL}index.html`)).text();
      return html.match(/<meta name="briefdeck-build" content="([^"]*)"/)?.[1] ?? null;
    },
    reload: () => location.reload(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    now: () => Date.now(),
  };
}

/** Runs `fn` now, or once no study session or quiz is running: an update never cuts one short. */
function whenFree(fn: () => void): void {
  if (!busy.value) return fn();
  const stop = effect(() => {
    if (busy.value) return;
    queueMicrotask(() => stop());
    fn();
  });
}

interface UpdateRequest {
  attempts: number;
  at: number;
}

function readRequest(host: UpdateHost): UpdateRequest | null {
  try {
    const raw = host.memory?.getItem(UPDATE_KEY);
    const req = raw ? (JSON.parse(raw) as UpdateRequest) : null;
    if (!req || typeof req.attempts !== 'number' || typeof req.at !== 'number') return null;
    return host.now() - req.at <= UPDATE_REQUEST_TTL_MS ? req : null;
  } catch {
    return null;
  }
}

function writeRequest(host: UpdateHost, req: UpdateRequest | null): void {
  try {
    if (req) host.memory?.setItem(UPDATE_KEY, JSON.stringify(req));
    else host.memory?.removeItem(UPDATE_KEY);
  } catch {
    /* storage refused: the update still applies, only the retry after a reload is lost */
  }
}

/**
 * Asks the waiting worker to take over and reloads once it controls the page, or after the grace
 * period whatever happened.
 *
 * Why the fallback: Chromium swaps workers only once the outgoing one is idle, so on
 * `skipWaiting()` it stops that worker. A request reaching the worker while it is stopping (a
 * fetch from the page, the browser fetching the favicon) starts it again, and the swap then waits
 * for its idle timeout: half a minute, or minutes with DevTools attached. Each navigation makes
 * the browser try the swap again at once, so a reload usually lands on the new version; when it
 * does not, the reloaded page picks the request up again (`resumeUpdate`).
 */
function takeOver(host: UpdateHost, waiting: ServiceWorker | null | undefined): Promise<void> | void {
  const { container } = host;
  let reloading = false;
  const reloadOnce = () => {
    if (reloading) return;
    reloading = true;
    whenFree(() => host.reload());
  };
  container?.addEventListener('controllerchange', reloadOnce, { once: true });
  host.setTimeout(reloadOnce, TAKEOVER_GRACE_MS);
  // Ask the waiting worker directly: the register module's own message goes to the worker its
  // workbox instance saw waiting, which is not always the one waiting now.
  if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
  else return getUpdater()?.(true);
}

/**
 * Activates the waiting version; the page reloads into it. Progress is safe: every grade is
 * already committed to IndexedDB when it is made.
 */
export async function applyUpdate(host: UpdateHost = browserHost()): Promise<void> {
  const updater = getUpdater();
  if (!updater) throw new Error('No service worker is registered, so there is no update to apply.');
  updating.value = true;
  const { container } = host;
  if (!container) return updater(true);
  writeRequest(host, { attempts: 1, at: host.now() });
  await takeOver(host, (await container.getRegistration())?.waiting);
}

/**
 * Run once at start-up: finishes an update the learner accepted before this page loaded. A worker
 * still waiting is asked again (the reload was served by the old one); a switch that happened
 * before this page could listen leaves it running the old build, so it reloads into the new one.
 * Gives up after `MAX_UPDATE_ATTEMPTS` reloads, and the notice is offered again.
 */
export async function resumeUpdate(host: UpdateHost = browserHost()): Promise<void> {
  const req = readRequest(host);
  const { container } = host;
  if (!req || !container) return writeRequest(host, null);
  const again = { attempts: req.attempts + 1, at: req.at };
  const waiting = (await container.getRegistration())?.waiting;
  if (waiting) {
    if (req.attempts >= MAX_UPDATE_ATTEMPTS) return writeRequest(host, null);
    updating.value = true;
    writeRequest(host, again);
    await takeOver(host, waiting);
    return;
  }
  const shell = await host.shellBuild().catch(() => null);
  if (shell && host.build && shell !== host.build && req.attempts < MAX_UPDATE_ATTEMPTS) {
    updating.value = true;
    writeRequest(host, again);
    whenFree(() => host.reload());
    return;
  }
  writeRequest(host, null);
}

