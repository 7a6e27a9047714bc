/**
 * The fields of an image occlusion card: its picture (picked and stored like any media), alt
 * text, mode, optional question, and its masks. Masks are drawn on the picture by pointer (mouse,
 * pen or touch: press and drag), or added with a button and then moved with the arrow keys and
 * resized with Shift + arrows, each with a label. Part of the lazy authoring chunk.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { maskPlace } from '../../deck/occlusion';
import { OCCLUSION_MODES, type MediaFile, type OcclusionCard, type OcclusionMask } from '../../deck/schema';
import { fieldId } from '../edit-model';
import { Field } from './Field';
import { MediaPicker, type MediaSlot } from './MediaPicker';
import { mediaUrl } from '../../ui/rich-media';

/** One keyboard step, as a share of the picture. */
export const STEP = 0.01;
/** The smallest mask a drag makes; a shorter drag is a tap, which only selects. */
const MIN_SIZE = 0.02;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 1000) / 1000;

/** The next free mask id: `m1`, `m2`…, never one the card has used (ids keep progress). */
export function nextMaskId(masks: readonly OcclusionMask[]): string {
  const used = masks.map((m) => /^m(\d+)$/.exec(m.id)).reduce((max, m) => Math.max(max, m ? Number(m[1]) : 0), 0);
  let n = used + 1;
  while (masks.some((m) => m.id === `m${n}`)) n++;
  return `m${n}`;
}

/** A mask moved (or, with `resize`, resized) by one step in an arrow key's direction, kept on the picture. */
export function nudge(mask: OcclusionMask, key: string, resize: boolean, step = STEP): OcclusionMask {
  const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
  const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
  if (resize) {
    const width = round(clamp(mask.width + dx, MIN_SIZE, 1 - mask.x));
    const height = round(clamp(mask.height + dy, MIN_SIZE, 1 - mask.y));
    return { ...mask, width, height };
  }
  return { ...mask, x: round(clamp(mask.x + dx, 0, 1 - mask.width)), y: round(clamp(mask.y + dy, 0, 1 - mask.height)) };
}

/** The rectangle between two points (shares of the picture), kept on the picture. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): Pick<OcclusionMask, 'x' | 'y' | 'width' | 'height'> {
  const x1 = clamp(Math.min(a.x, b.x), 0, 1);
  const y1 = clamp(Math.min(a.y, b.y), 0, 1);
  const x2 = clamp(Math.max(a.x, b.x), 0, 1);
  const y2 = clamp(Math.max(a.y, b.y), 0, 1);
  return { x: round(x1), y: round(y1), width: round(x2 - x1), height: round(y2 - y1) };
}

export interface OcclusionEditorProps {
  card: OcclusionCard;
  at: (field: string) => string;
  errors: Map<string, string[]>;
  set: (patch: Partial<OcclusionCard>) => void;
  media: readonly MediaFile[] | undefined;
  slot: MediaSlot;
}

const MODE_NAMES: Record<OcclusionCard['mode'], string> = {
  'hide-one': 'Hide one, guess one (the other labels stay visible)',
  'hide-all': 'Hide all, guess one (every label stays covered)',
};

function usePictureUrl(entry: MediaFile | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setUrl(null);
    if (entry) void mediaUrl(entry).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [entry?.sha256]);
  return url;
}

/** The occlusion card's own fields, with the mask drawing area. */
export function OcclusionEditor({ card, at, errors, set, media, slot }: OcclusionEditorProps) {
  const entry = media?.find((m) => m.name === card.image);
  const url = usePictureUrl(entry);
  const stage = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // Where a drag started: a ref, so that the pointer's next event sees it before any re-render.
  const from = useRef<{ x: number; y: number } | null>(null);
  const [draft, setDraft] = useState<{ from: { x: number; y: number }; to: { x: number; y: number } } | null>(null);
  const setMasks = (masks: OcclusionMask[]) => set({ masks });
  const updateMask = (id: string, fn: (m: OcclusionMask) => OcclusionMask) => setMasks(card.masks.map((m) => (m.id === id ? fn(m) : m)));
  const focusMask = (id: string) => setTimeout(() => stage.current?.querySelector<HTMLElement>(`[data-mask="${id}"]`)?.focus(), 0);
  const addMask = (rect: Pick<OcclusionMask, 'x' | 'y' | 'width' | 'height'>, focus: 'label' | 'mask') => {
    const id = nextMaskId(card.masks);
    setMasks([...card.masks, { id, ...rect, label: '' }]);
    setSelected(id);
    // A drawn box is where it belongs: its label comes next. An added one is moved with the keys first.
    if (focus === 'mask') focusMask(id);
    else setTimeout(() => document.getElementById(fieldId(at(`masks[${card.masks.length}].label`)))?.focus(), 0);
  };
  const point = (e: PointerEvent) => {
    const box = stage.current!.getBoundingClientRect();
    return { x: clamp((e.clientX - box.left) / box.width, 0, 1), y: clamp((e.clientY - box.top) / box.height, 0, 1) };
  };
  const onPointerDown = (e: PointerEvent) => {
    if ((e.target as Element).closest('[data-mask]')) return;
    e.preventDefault();
    stage.current!.setPointerCapture?.(e.pointerId);
    from.current = point(e);
    setDraft({ from: from.current, to: from.current });
  };
  const onPointerMove = (e: PointerEvent) => from.current && setDraft({ from: from.current, to: point(e) });
  const onPointerUp = (e: PointerEvent) => {
    if (!from.current) return;
    const rect = rectBetween(from.current, point(e));
    from.current = null;
    setDraft(null);
    if (rect.width >= MIN_SIZE && rect.height >= MIN_SIZE) addMask(rect, 'label');
  };
  const onMaskKey = (e: KeyboardEvent, mask: OcclusionMask) => {
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      updateMask(mask.id, (m) => nudge(m, e.key, e.shiftKey));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setMasks(card.masks.filter((m) => m.id !== mask.id));
    }
  };
  const modeName = `${card.id}-mode`;
  const maskErrors = errors.get(at('masks')) ?? [];
  const drawing = draft && rectBetween(draft.from, draft.to);
  const pct = (v: number) => `${v * 100}%`;
  return (
    <>
      <Field label="Question (optional)" path={at('question')} value={card.question ?? ''} errors={errors} placeholder="What does the highlighted box hide?" onInput={(v) => set({ question: v })} />
      <div class={`field${errors.get(at('image')) ? ' invalid' : ''}`}>
        <p class="field-label">Picture{card.image ? `: ${card.image}` : ''}</p>
        <MediaPicker slot={slot} kind="image" askAlt={false} label={card.image ? 'Choose another picture' : 'Choose a picture'} onReady={(e) => set({ image: e.name })} />
        {errors.get(at('image')) && <p class="field-error">{errors.get(at('image'))!.join('; ')}</p>}
      </div>
      <Field label="Alt text: what the picture shows" path={at('alt')} value={card.alt} errors={errors} hint="Read to students who use a screen reader, with each box's place and label." onInput={(v) => set({ alt: v })} />
      <fieldset class="field">
        <legend>How the boxes ask</legend>
        {OCCLUSION_MODES.map((mode) => (
          <label class="inline" key={mode}>
            <input type="radio" name={modeName} checked={card.mode === mode} onChange={() => set({ mode })} /> {MODE_NAMES[mode]}
          </label>
        ))}
      </fieldset>
      <fieldset class="field occlusion-editor">
        <legend>Boxes ({card.masks.length}): each one is a review item</legend>
        <p class="hint" id={`${card.id}-boxes-hint`}>
          Drag on the picture to draw a box, or add one with the button. A selected box moves with the arrow keys and grows or shrinks with Shift and the arrow keys; Delete removes it.
        </p>
        {entry && (
          <div
            ref={stage}
            class="occlusion-editor-stage"
            style={{ aspectRatio: `${entry.width ?? 4} / ${entry.height ?? 3}`, width: `min(100%, ${entry.width ?? 800}px)` }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => {
              from.current = null;
              setDraft(null);
            }}
          >
            {url && <img src={url} alt={card.alt} draggable={false} />}
            {card.masks.map((m, i) => (
              <button
                type="button"
                key={m.id}
                data-mask={m.id}
                class={`occlusion-editor-mask${selected === m.id ? ' selected' : ''}`}
                style={{ left: pct(m.x), top: pct(m.y), width: pct(m.width), height: pct(m.height) }}
                aria-pressed={selected === m.id}
                aria-describedby={`${card.id}-boxes-hint`}
                aria-label={`Box ${i + 1}: ${m.label || 'no label yet'}, ${maskPlace(m)}`}
                onClick={() => setSelected(m.id)}
                onFocus={() => setSelected(m.id)}
                onKeyDown={(e) => onMaskKey(e, m)}
              >
                {i + 1}
              </button>
            ))}
            {drawing && <span class="occlusion-editor-draft" style={{ left: pct(drawing.x), top: pct(drawing.y), width: pct(drawing.width), height: pct(drawing.height) }} />}
          </div>
        )}
        <button
          type="button"
          class="button"
          disabled={!entry}
          onClick={() => addMask({ x: 0.4, y: 0.45, width: 0.2, height: 0.1 }, 'mask')}
        >
          Add a box
        </button>
        {maskErrors.length > 0 && <p class="field-error">{maskErrors.join('; ')}</p>}
        <ol class="occlusion-editor-list">
          {card.masks.map((m, i) => (
            <li key={m.id} class={selected === m.id ? 'selected' : ''}>
              <Field label={`Label of box ${i + 1} (${maskPlace(m)})`} path={at(`masks[${i}].label`)} value={m.label} errors={errors} onInput={(v) => updateMask(m.id, (x) => ({ ...x, label: v }))} />
              {['x', 'y', 'width', 'height', 'id'].flatMap((f) => errors.get(at(`masks[${i}].${f}`)) ?? []).map((msg) => (
                <p class="field-error" key={msg}>
                  {msg}
                </p>
              ))}
              <button type="button" class="button" onClick={() => focusMask(m.id)}>
                Select box {i + 1}
              </button>{' '}
              <button type="button" class="button danger" onClick={() => setMasks(card.masks.filter((x) => x.id !== m.id))}>
                Remove box {i + 1}
              </button>
            </li>
          ))}
        </ol>
      </fieldset>
    </>
  );
}
