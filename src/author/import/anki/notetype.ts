/**
 * Recognises Anki's stock note types by what their templates do, not by name (names are
 * translated and renamed): Basic, Basic (and reversed card), Basic (optional reversed card),
 * Basic (type in the answer), Cloze, Image Occlusion. Anything else is `custom` and its cards are
 * rendered from their templates. Pure.
 */
import type { AnkiNoteType } from '../../anki/types';

export type NoteShape =
  | { kind: 'basic'; front: number; back: number; reverse: 'no' | 'always' | 'optional' }
  | { kind: 'typed'; front: number; back: number }
  | { kind: 'cloze'; text: number; extra: number; occlusion: boolean }
  | { kind: 'custom' };

const ONLY_FIELD = /^\{\{([^#^/{}:]+)\}\}$/;
const TYPED = /^\{\{([^#^/{}:]+)\}\}\s*(?:<br\s*\/?>\s*)*\{\{type:([^{}:]+)\}\}$/;
const OPTIONAL = /^\{\{#([^{}]+)\}\}\s*\{\{([^#^/{}:]+)\}\}\s*\{\{\/\1\}\}$/;

/** Field names a template side shows (`{{Name}}`, `{{filter:Name}}`), FrontSide excluded. */
export function fieldsUsed(fmt: string): string[] {
  const out: string[] = [];
  for (const m of fmt.matchAll(/\{\{([^#^/{}][^{}]*?)\}\}/g)) {
    const name = m[1]!.split(':').pop()!.trim();
    if (name !== 'FrontSide' && !out.includes(name)) out.push(name);
  }
  return out;
}

/** How a note type's notes become Briefdeck cards. */
export function noteShape(nt: AnkiNoteType): NoteShape {
  const index = (name: string | undefined) => (name === undefined ? -1 : nt.fields.indexOf(name.trim()));
  const t0 = nt.templates[0];
  if (!t0) return { kind: 'custom' };
  if (nt.kind === 1) {
    const m = /\{\{(?:[^{}]*:)?cloze:([^{}]+)\}\}/.exec(t0.qfmt);
    const text = index(m?.[1]);
    if (text === -1) return { kind: 'custom' };
    const extra = index(fieldsUsed(t0.afmt).find((f) => f !== nt.fields[text] && index(f) !== -1));
    return { kind: 'cloze', text, extra, occlusion: /image-occlusion/i.test(t0.qfmt) };
  }
  const q0 = t0.qfmt.trim();
  const backOf = (afmt: string, front: number) => index(fieldsUsed(afmt).find((f) => index(f) !== -1 && index(f) !== front && !f.startsWith('type:')));
  if (nt.templates.length === 1) {
    const typed = TYPED.exec(q0);
    if (typed) {
      const front = index(typed[1]);
      const back = index(typed[2]);
      if (front !== -1 && back !== -1) return { kind: 'typed', front, back };
    }
    const front = index(ONLY_FIELD.exec(q0)?.[1]);
    const back = front === -1 ? -1 : backOf(t0.afmt, front);
    if (front !== -1 && back !== -1 && fieldsUsed(t0.afmt).length <= 2) return { kind: 'basic', front, back, reverse: 'no' };
    return { kind: 'custom' };
  }
  if (nt.templates.length === 2) {
    const t1 = nt.templates[1]!;
    const front = index(ONLY_FIELD.exec(q0)?.[1]);
    const q1 = t1.qfmt.trim();
    const always = index(ONLY_FIELD.exec(q1)?.[1]);
    const optional = OPTIONAL.exec(q1);
    const back = always !== -1 ? always : index(optional?.[2]);
    if (front !== -1 && back !== -1 && front !== back && backOf(t0.afmt, front) === back && fieldsUsed(t0.afmt).length <= 2) {
      return { kind: 'basic', front, back, reverse: always !== -1 ? 'always' : 'optional' };
    }
  }
  return { kind: 'custom' };
}
