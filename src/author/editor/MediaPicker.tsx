/**
 * "Add a picture or sound": a file picker that checks and stores the file (see media-file.ts),
 * asks for a picture's alt text before anything is inserted (screen-reader users study too), and
 * for a photo over 5 MB offers to make it smaller or to cancel. Every refusal is said in words.
 * Part of the lazy authoring chunk.
 */
import { useId, useRef, useState } from 'preact/hooks';
import type { MediaFile } from '../../deck/schema';
import { acceptFor, downscale, pickFile, type Picked } from './media-file';

export interface MediaSlot {
  /** Names the deck's media already use. */
  taken: ReadonlySet<string>;
  /** Adds a stored file to the deck's media (format 2). */
  onAdd: (entry: MediaFile) => void;
}

type State =
  | { step: 'idle' }
  | { step: 'busy' }
  | { step: 'too-big'; picked: Extract<Picked, { kind: 'too-big' }> }
  | { step: 'alt'; entry: MediaFile }
  | { step: 'error'; message: string };

/** What a text field gets for a file: `![alt](name)` for a picture, `[sound:name]` for a sound. */
export function mediaReference(entry: MediaFile, alt: string): string {
  // Brackets would end the alt text early; the words stay, the brackets become parentheses.
  const clean = alt.replace(/\[/g, '(').replace(/\]/g, ')').replace(/\s+/g, ' ').trim();
  return entry.type.startsWith('image/') ? `![${clean}](${entry.name})` : `[sound:${entry.name}]`;
}

export interface MediaPickerProps {
  slot: MediaSlot;
  /** Pictures only (an occlusion card), or pictures and sounds. */
  kind: 'image' | 'any';
  /** The button's words, e.g. "Add a picture or sound to Front". */
  label: string;
  /** Whether a picture needs its alt text asked here (false where the card has its own alt field). */
  askAlt: boolean;
  /** Called with the stored file (added to the deck) and, for a picture asked here, its alt text. */
  onReady: (entry: MediaFile, alt: string) => void;
}

/** The picker button and, while a file is handled, its question or message. */
export function MediaPicker({ slot, kind, label, askAlt, onReady }: MediaPickerProps) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [alt, setAlt] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const altId = useId();
  const finish = (entry: MediaFile, text: string) => {
    slot.onAdd(entry);
    onReady(entry, text);
    setState({ step: 'idle' });
    setAlt('');
  };
  const handle = async (work: () => Promise<Picked>) => {
    setState({ step: 'busy' });
    try {
      const picked = await work();
      if (picked.kind === 'refused') setState({ step: 'error', message: picked.message });
      else if (picked.kind === 'too-big') setState({ step: 'too-big', picked });
      else if (kind === 'image' && !picked.entry.type.startsWith('image/')) setState({ step: 'error', message: `"${picked.entry.name}" is a sound; this card needs a picture.` });
      else if (askAlt && picked.entry.type.startsWith('image/')) setState({ step: 'alt', entry: picked.entry });
      else finish(picked.entry, '');
    } catch (error) {
      // A full disk and any other store failure come with their own clear message.
      setState({ step: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const onFile = (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const file = el.files?.[0];
    el.value = '';
    if (file) void handle(() => pickFile(file, slot.taken));
  };
  return (
    <div class="media-picker">
      <button type="button" class="button" onClick={() => input.current?.click()} disabled={state.step === 'busy'}>
        {label}
      </button>
      <input ref={input} type="file" accept={acceptFor(kind)} hidden onChange={onFile} aria-label={label} />
      {state.step === 'busy' && <p role="status">Reading the file…</p>}
      {state.step === 'error' && (
        <p role="alert" class="field-error">
          {state.message}
        </p>
      )}
      {state.step === 'too-big' && (
        <div role="alert" class="media-question">
          <p>{state.picked.message} Make it smaller (at most 2048 pixels on its longest side)?</p>
          <button type="button" class="button" onClick={() => void handle(() => downscale(state.picked.file, slot.taken))}>
            Make it smaller
          </button>{' '}
          <button type="button" class="button" onClick={() => setState({ step: 'idle' })}>
            Cancel
          </button>
        </div>
      )}
      {state.step === 'alt' && (
        <form
          class="media-question"
          onSubmit={(e) => {
            e.preventDefault();
            if (alt.trim()) finish(state.entry, alt);
          }}
        >
          <label for={altId}>Describe “{state.entry.name}” for students who cannot see it (alt text, required)</label>
          <input id={altId} type="text" value={alt} maxLength={300} required autoFocus onInput={(e) => setAlt(e.currentTarget.value)} />
          <button type="submit" class="button primary" disabled={!alt.trim()}>
            Insert picture
          </button>{' '}
          <button type="button" class="button" onClick={() => setState({ step: 'idle' })}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
