/**
 * The storage watch's first look, loaded when the page is idle (main.tsx): it reads the
 * collection's counts, the storage estimate and the store's notices, and loads the warnings
 * themselves (StorageWatch.tsx, its own chunk) only once there is something to say. Never on the
 * study path: nearly every start has nothing to warn about.
 */
import { damagedRecords, onConnectionEvent, onDamage } from '../store';
import { CHECK_EVERY_MS, emptiedSince, lowSpace } from '../store/watch';


/**
 * Watches until there is a warning, then calls `show` once (the caller mounts the warnings, which
 * keep watching on their own). Returns a function that stops watching.
 */
export function watchStorage(show: () => void, every = CHECK_EVERY_MS): () => void {
  let stopped = false;
  const stops: (() => void)[] = [];
  const stop = () => {
    stopped = true;
    for (const s of stops) s();
  };
  const found = () => {
    if (stopped) return;
    stop();
    show();
  };
  const check = () =>
    void Promise.all([emptiedSince(), lowSpace()]).then(
      ([emptied, left]) => (emptied || left !== null) && found(),
      () => undefined,
    );
  // Damage already met, or a connection event already heard, counts as well as a later one.
  if (damagedRecords().length) found();
  if (stopped) return stop;
  stops.push(onDamage(found), onConnectionEvent(found));
  if (stopped) return stop;
  check();
  const timer = setInterval(check, every);
  stops.push(() => clearInterval(timer));
  return stop;
}

/** Starts the watch for the app; the warnings mount above `app` when first needed. */
export function startStorageWatch(app: HTMLElement): void {
  watchStorage(() => void import('./StorageWatch').then((m) => m.mountStorageWatch(app)));
}
