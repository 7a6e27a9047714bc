/**
 * Pictures and sounds on cards (format 2 decks), a lazy chunk loaded by the first of them. A file
 * is read from IndexedDB by its hash, else from the app's published bundled decks
 * (`decks/media/<hash>`, precached for offline use). A picture keeps its room from its stored
 * size before it loads (nothing shifts on reveal), never grows wider than the screen and opens
 * full size on a tap; SVG is only ever an `<img>`, which cannot run script. A sound is a play
 * button; key R replays the card's latest sound, and Settings may make sounds play on their own.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MediaFile } from '../deck/schema';
import { getMediaBlob } from '../store/media';
import { mediaPrefs } from './media-prefs';
import './rich-media.css';

const urls = new Map<string, Promise<string | null>>();

/** An object URL (stored file) or the published file's address; null when neither exists. */
export function mediaUrl(entry: MediaFile): Promise<string | null> {
  const hash = entry.sha256;
  if (!hash) return Promise.resolve(null);
  let url = urls.get(hash);
  if (!url) {
    url = getMediaBlob(hash).then(
      (blob) => (blob ? URL.createObjectURL(blob) : `${import.meta.env.BASE_URL}decks/media/${hash}`),
      () => `${import.meta.env.BASE_URL}decks/media/${hash}`,
    );
    urls.set(hash, url);
  }
  return url;
}

function useUrl(entry: MediaFile): string | null | undefined {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void mediaUrl(entry).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [entry.sha256]);
  return url;
}

function Picture({ entry, alt }: { entry: MediaFile; alt: string }): JSX.Element {
  const url = useUrl(entry);
  const dialog = useRef<HTMLDialogElement>(null);
  const { width = 1, height = 1 } = entry;
  // The box has the picture's shape from its stored size, at most its own width and the screen's.
  const box = { display: 'block', aspectRatio: `${width} / ${height}`, width: `min(100%, ${width}px)` };
  if (!url) {
    return <span class="rich-image" style={box} role="img" aria-label={alt} data-media={url === null ? 'missing' : 'loading'} />;
  }
  return (
    <>
      <button type="button" class="rich-image" style={box} onClick={() => dialog.current?.showModal?.()} aria-label={`Enlarge picture: ${alt}`}>
        <img src={url} alt={alt} width={width} height={height} decoding="async" draggable={false} />
      </button>
      <dialog ref={dialog} class="rich-image-full" aria-label={alt} onClick={() => dialog.current?.close()}>
        <img src={url} alt={alt} width={width} height={height} />
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}

/** Sounds on screen, newest last: key R replays the newest (the back's, once revealed). */
const playing: HTMLAudioElement[] = [];

function onKey(e: KeyboardEvent): void {
  if (e.key !== 'r' && e.key !== 'R') return;
  if (e.ctrlKey || e.metaKey || e.altKey || (e.target as Element | null)?.closest?.('input, textarea, select, [contenteditable]')) return;
  const audio = playing[playing.length - 1];
  if (!audio) return;
  e.preventDefault();
  audio.currentTime = 0;
  void audio.play().catch(() => undefined);
}

function Sound({ entry }: { entry: MediaFile }): JSX.Element {
  const url = useUrl(entry);
  const audio = useRef<HTMLAudioElement>(null);
  const [state, setState] = useState<'idle' | 'playing' | 'failed'>('idle');
  useEffect(() => {
    const el = audio.current;
    if (!el || !url) return;
    if (!playing.length) document.addEventListener('keydown', onKey);
    playing.push(el);
    // Autoplay as set in Settings: the front's sounds, and the back's once revealed.
    const onBack = !!el.closest('.card-back');
    const prefs = mediaPrefs();
    if (onBack ? prefs.autoplayBack : prefs.autoplayFront) void el.play().catch(() => undefined);
    return () => {
      playing.splice(playing.indexOf(el), 1);
      if (!playing.length) document.removeEventListener('keydown', onKey);
      el.pause();
    };
  }, [url]);
  const play = () => {
    const el = audio.current;
    if (!el) return;
    el.currentTime = 0;
    el.play().catch(() => setState('failed'));
  };
  return (
    <span class="rich-audio">
      {url && <audio ref={audio} src={url} preload="auto" onPlay={() => setState('playing')} onEnded={() => setState('idle')} onPause={() => setState('idle')} />}
      <button type="button" onClick={play} disabled={!url} aria-keyshortcuts="R">
        {state === 'playing' ? 'Playing…' : 'Play sound'} <kbd aria-hidden="true">R</kbd>
      </button>
      {url === null && <small> (this sound is not on this device)</small>}
      {state === 'failed' && <small role="status"> The sound could not be played.</small>}
    </span>
  );
}

/** A picture or a sound of the card's deck. */
export function MediaView({ kind, entry, alt }: { kind: 'image' | 'audio'; entry: MediaFile; alt: string }): JSX.Element {
  return kind === 'image' ? <Picture entry={entry} alt={alt} /> : <Sound entry={entry} />;
}

export type MediaView = typeof MediaView;
