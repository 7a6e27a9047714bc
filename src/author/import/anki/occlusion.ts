/**
 * Anki's Image Occlusion notes (Anki 23.10 and later) → Briefdeck occlusion cards. The note's
 * Occlusion field holds one `{{cN::image-occlusion:SHAPE:key=value:…}}` per shape, in shares of the
 * picture: `rect` (left, top, width, height), `ellipse` (left, top and rx, ry or width, height),
 * `polygon` (points "x,y x,y …") and `text` (words drawn on the picture, number 0). Every cloze
 * number is one review item, as in Anki: its shapes become one mask, the box around them
 * (Briefdeck draws rectangles). `oi=1` ("occlude inactive") is Anki's Hide All, Guess One. Shapes
 * in pixels (Anki's first versions) are measured against the picture's size. Pure.
 */
import { LIMITS, type OcclusionCard, type OcclusionMask } from '../../../deck/schema';
import type { AnkiNoteType } from '../../anki/types';

/** One shape of the Occlusion field, as a box in shares of the picture. */
export interface IoShape {
  /** Cloze number: 1 and up ask, 0 is words drawn on the picture. */
  n: number;
  kind: 'rect' | 'ellipse' | 'polygon' | 'text';
  x: number;
  y: number;
  width: number;
  height: number;
  /** `oi=1`: the other numbers' shapes stay covered while one is asked. */
  hideAll: boolean;
  /** A text shape's words. */
  text: string;
  /** Turned in Anki (`angle`); the box is its unturned one. */
  turned: boolean;
}

const SHAPE = /\{\{c(\d+)::image-occlusion:(rect|ellipse|polygon|text)((?:[^}]|\}(?!\}))*)\}\}/g;

const num = (v: string | undefined): number => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) ? n : NaN;
};

/** The shapes of an Occlusion field's text (tags removed, entities decoded); unreadable ones are left out. */
export function parseOcclusions(text: string): IoShape[] {
  const out: IoShape[] = [];
  for (const m of text.matchAll(SHAPE)) {
    const props = new Map<string, string>();
    // Values escape their colons as `\:` (a text shape's words may hold one).
    for (const part of m[3]!.split(/(?<!\\):/)) {
      const eq = part.indexOf('=');
      if (eq > 0) props.set(part.slice(0, eq).trim(), part.slice(eq + 1).replace(/\\:/g, ':'));
    }
    const kind = m[2] as IoShape['kind'];
    let x = num(props.get('left'));
    let y = num(props.get('top'));
    let width = num(props.get('width'));
    let height = num(props.get('height'));
    if (kind === 'ellipse') {
      if (!(width > 0)) width = 2 * num(props.get('rx'));
      if (!(height > 0)) height = 2 * num(props.get('ry'));
    } else if (kind === 'polygon') {
      const points = (props.get('points') ?? '').trim().split(/\s+/).map((p) => p.split(',').map(Number)).filter((p) => p.length === 2 && p.every(Number.isFinite));
      if (points.length < 3) continue;
      x = Math.min(...points.map((p) => p[0]!));
      y = Math.min(...points.map((p) => p[1]!));
      width = Math.max(...points.map((p) => p[0]!)) - x;
      height = Math.max(...points.map((p) => p[1]!)) - y;
    } else if (kind === 'text') {
      width = 0;
      height = 0;
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (kind !== 'text' && !(width > 0 && height > 0)) continue;
    const angle = num(props.get('angle'));
    out.push({ n: Number(m[1]), kind, x, y, width, height, hideAll: props.get('oi') === '1', text: (props.get('text') ?? '').trim(), turned: Number.isFinite(angle) && angle % 360 !== 0 });
  }
  return out;
}

/** Where an Image Occlusion note type keeps the picture, the header and the back extra (by field index). */
export function occlusionFields(nt: AnkiNoteType): { image: number; header: number; extra: number } {
  const at = (name: string | undefined, fallback: number) => {
    const i = name === undefined ? -1 : nt.fields.indexOf(name.trim());
    return i === -1 ? fallback : i;
  };
  const t = nt.templates[0];
  // The picture is the field inside the occlusion container; the header opens the front, the
  // back extra closes the back (fields renamed or translated are found by where they stand).
  const image = /image-occlusion-container[^>]*>\s*\{\{([^#^/{}:]+)\}\}/.exec(t?.qfmt ?? '')?.[1];
  const header = /^\s*\{\{#([^{}]+)\}\}/.exec(t?.qfmt ?? '')?.[1];
  const sections = [...(t?.afmt ?? '').matchAll(/\{\{#([^{}]+)\}\}/g)].map((m) => m[1]);
  const extra = sections.length > 1 ? sections[sections.length - 1] : undefined;
  return { image: at(image, 1), header: at(header, 2), extra: at(extra, 3) };
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** A box kept on the picture, rounded to a millionth; null when nothing of it is left. */
function onPicture(x0: number, y0: number, x1: number, y1: number): Pick<OcclusionMask, 'x' | 'y' | 'width' | 'height'> | null {
  const x = round(clamp(x0));
  const y = round(clamp(y0));
  const width = round(clamp(x1) - x);
  const height = round(clamp(y1) - y);
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

export interface OcclusionBuild {
  card: Omit<OcclusionCard, 'id'>;
  /** What the boxes could not carry over, for the import's notices. */
  notices: string[];
}

/**
 * The occlusion card of a note's shapes over `image` (the deck's media name) described by `alt`;
 * or why there is none. Each cloze number's shapes become the mask `c<N>`.
 */
export function occlusionCard(
  found: IoShape[],
  image: string,
  alt: string,
  texts: { question?: string; explanation?: string },
  size?: { width?: number | undefined; height?: number | undefined },
): OcclusionBuild | string {
  const notices: string[] = [];
  // Anki's first Image Occlusion notes measured shapes in pixels: no share reaches past 2.
  const inPixels = found.some((s) => Math.max(s.x + s.width, s.y + s.height) > 2);
  let shapes = found;
  if (inPixels && size?.width && size.height) {
    const [w, h] = [size.width, size.height];
    shapes = found.map((s) => ({ ...s, x: s.x / w, y: s.y / h, width: s.width / w, height: s.height / h }));
    notices.push('shapes measured in pixels were measured against the picture');
  }
  const asked = shapes.filter((s) => s.n > 0);
  if (!asked.length) return 'its Occlusion field has no shapes to hide';
  const numbers = [...new Set(asked.map((s) => s.n))].sort((a, b) => a - b);
  if (numbers.length > LIMITS.masks) return `it hides ${numbers.length} parts of its picture; an occlusion card may have at most ${LIMITS.masks}`;
  const words = shapes.filter((s) => s.kind === 'text' && s.text);
  const masks: OcclusionMask[] = [];
  const named = new Set<IoShape>();
  for (const n of numbers) {
    const own = asked.filter((s) => s.n === n);
    const box = onPicture(Math.min(...own.map((s) => s.x)), Math.min(...own.map((s) => s.y)), Math.max(...own.map((s) => s.x + s.width)), Math.max(...own.map((s) => s.y + s.height)));
    if (!box) continue;
    if (own.length > 1) notices.push('shapes sharing a number became one box around them');
    if (own.some((s) => s.kind === 'ellipse' || s.kind === 'polygon')) notices.push('ellipses and polygons became the box around them');
    if (own.some((s) => s.turned)) notices.push('turned shapes became their unturned box');
    // Anki's shapes have no words: words drawn inside the box name it, else its number does.
    const inside = words.filter((w) => w.x >= box.x && w.x <= box.x + box.width && w.y >= box.y && w.y <= box.y + box.height);
    for (const w of inside) named.add(w);
    const label = (inside.map((w) => w.text).join(' ').trim() || `Box ${n}`).slice(0, LIMITS.titleLength);
    masks.push({ id: `c${n}`, ...box, label });
  }
  if (!masks.length) return 'none of its shapes lies on its picture';
  if (masks.some((m) => /^Box \d+$/.test(m.label))) notices.push('boxes without words on them are labelled “Box 1”, “Box 2”… until you write what they hide');
  // Words that name a box are its label already; only the others go into the description.
  const loose = words.filter((w) => !named.has(w));
  let description = alt;
  if (loose.length) {
    notices.push('words drawn on the picture outside its boxes are not drawn: they are in its description');
    description = `${alt}. Words on it: ${loose.map((w) => w.text).join(', ')}`;
  }
  const card: Omit<OcclusionCard, 'id'> = {
    type: 'occlusion',
    image,
    alt: description.slice(0, 300),
    mode: asked.some((s) => s.hideAll) ? 'hide-all' : 'hide-one',
    masks,
  };
  if (texts.question) card.question = texts.question;
  if (texts.explanation) card.explanation = texts.explanation;
  return { card, notices };
}
