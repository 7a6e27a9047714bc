/**
 * Fetches the tools the first install left out (on-first-use.ts) in the background, so that they
 * work offline later: once the first study session or quiz ends, or after a while after start,
 * and only online and not on Save-Data, the page asks the service worker to cache their files
 * (workbox's CACHE_URLS message, which runs each through the worker's on-first-use route).
 * Also answers which tools are available offline (Settings). Loaded with the worker's
 * registration (register.ts), never on the study path.
 */
import { effect } from '@preact/signals';
import { messageSW } from 'workbox-window';
import { busy } from './activity';
import { OFFLINE_TOOLS_FILE, type OfflineToolFiles } from './on-first-use';

/** How long after start, with no session ended, the tools are fetched anyway. */
export const AFTER_START_MS = 60_000;

/** What this module needs from the browser; tests pass their own. */
export interface ToolHost {
  navigator: Pick<Navigator, 'onLine'> & { serviceWorker?: Pick<ServiceWorkerContainer, 'ready'>; connection?: { saveData?: boolean } };
  caches: Pick<CacheStorage, 'match'> | undefined;
  fetch: typeof fetch;
  /** Sends the message to the worker and resolves with its answer (workbox-window's messageSW). */
  message(sw: ServiceWorker, data: object): Promise<unknown>;
}

const browserHost = (): ToolHost => ({
  navigator: navigator as ToolHost['navigator'],
  caches: typeof caches === 'undefined' ? undefined : caches,
  fetch: (...a) => fetch(...a),
  message: messageSW,
});

/** The tools and their files, as the build listed them. */
export async function offlineTools(host: Pick<ToolHost, 'fetch'> = browserHost()): Promise<OfflineToolFiles[]> {
  const res = await host.fetch(`${import.meta.env.BASE_URL}${OFFLINE_TOOLS_FILE}`);
  if (!res.ok) throw new Error(`Could not read the list of offline tools (${OFFLINE_TOOLS_FILE}, HTTP ${res.status}).`);
  return (await res.json()) as OfflineToolFiles[];
}

async function cached(host: Pick<ToolHost, 'caches'>, url: string): Promise<boolean> {
  return !!host.caches && !!(await host.caches.match(url));
}

/** Each tool with whether every file of it is cached, so that it works offline. */
export async function offlineStatus(host: Pick<ToolHost, 'fetch' | 'caches'> = browserHost()): Promise<{ name: string; offline: boolean }[]> {
  const tools = await offlineTools(host);
  return Promise.all(tools.map(async (t) => ({ name: t.name, offline: (await Promise.all(t.files.map((f) => cached(host, f)))).every(Boolean) })));
}

/**
 * Has the service worker cache every tool file not cached yet. Resolves true once it has, false
 * when there was nothing to fetch; never resolves without a registered worker.
 */
export async function cacheTools(host: ToolHost = browserHost()): Promise<boolean> {
  const tools = await offlineTools(host);
  const files = [...new Set(tools.flatMap((t) => t.files))];
  const missing = (await Promise.all(files.map(async (f) => ((await cached(host, f)) ? null : f)))).filter((f): f is string => f !== null);
  if (!missing.length) return false;
  // The active worker, in control of this page or not yet (the first visit): either caches.
  const sw = (await host.navigator.serviceWorker?.ready)?.active;
  if (!sw) return false;
  await host.message(sw, { type: 'CACHE_URLS', payload: { urlsToCache: missing } });
  return true;
}

export interface ScheduleOptions {
  host?: ToolHost;
  /** Where `online` is announced (the window). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  afterStartMs?: number;
  /** What runs at the moment (default: cacheTools). */
  run?: () => Promise<unknown>;
}

/**
 * Waits for the moment to fetch the tools: a study session or quiz has ended, or `afterStartMs`
 * passed with none running; and the device is online and not saving data (else it waits for
 * `online`). Runs once per page. Returns a function that stops waiting.
 */
export function scheduleToolCaching({ host = browserHost(), events = window, afterStartMs = AFTER_START_MS, run }: ScheduleOptions = {}): () => void {
  let due = false;
  let started = false;
  const attempt = () => {
    if (started || !due || busy.peek() || !host.navigator.onLine || host.navigator.connection?.saveData) return;
    started = true;
    stop();
    void (run ?? (() => cacheTools(host)))().catch((e: unknown) => console.warn('Briefdeck could not fetch its tools for offline use:', e));
  };
  const timer = setTimeout(() => {
    due = true;
    attempt();
  }, afterStartMs);
  let wasBusy = busy.peek();
  const stopWatching = effect(() => {
    const now = busy.value;
    if (wasBusy && !now) due = true;
    wasBusy = now;
    attempt();
  });
  events.addEventListener('online', attempt);
  function stop() {
    clearTimeout(timer);
    stopWatching();
    events.removeEventListener('online', attempt);
  }
  return stop;
}
