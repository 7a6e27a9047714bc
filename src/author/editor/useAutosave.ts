/**
 * Debounced autosave of the editor's working copy to the store's `drafts`, flushed at once when
 * the page is hidden or unloaded (`visibilitychange`, `pagehide`) and when the editor closes,
 * so nothing typed is lost on reload, tab switch or a crash after the pause.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export type SaveState = 'saved' | 'pending' | 'error';

export interface Autosave {
  state: SaveState;
  /** Writes a pending change now. */
  flush: () => Promise<void>;
  /** The next value is already stored elsewhere (saved deck, discarded draft): do not write it. */
  markClean: () => void;
}

export function useAutosave<T>(value: T | null, write: (value: T) => Promise<void>, delay = 400): Autosave {
  const [state, setState] = useState<SaveState>('saved');
  const latest = useRef<T | null>(null);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const writeRef = useRef(write);
  writeRef.current = write;
  const skip = useRef(true);

  const flush = async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current || latest.current === null) return;
    dirty.current = false;
    try {
      await writeRef.current(latest.current);
      if (!dirty.current) setState('saved');
    } catch {
      dirty.current = true;
      setState('error');
    }
  };

  useEffect(() => {
    if (value === null) return;
    latest.current = value;
    // The value as loaded (or just saved) is already stored; only edits need writing.
    if (skip.current) {
      skip.current = false;
      return;
    }
    dirty.current = true;
    setState('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delay);
  }, [value]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      void flush();
    };
  }, []);

  const markClean = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    dirty.current = false;
    skip.current = true;
    setState('saved');
  };

  return { state, flush, markClean };
}
