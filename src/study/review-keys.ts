/**
 * Keyboard shortcuts of the review screen, as a pure mapping from a key press to an intent:
 * Space/Enter show the answer, then mean Good; before it, 1–9 pick a choice; after it, 1–4 grade;
 * Z or Ctrl/⌘+Z undo. Keys typed into a field are left to it, but Escape leaves the field (so
 * the shortcuts work again); Space/Enter on a focused control (which already activate it) too.
 */
import type { Grade } from '../srs/types';

export type ReviewAction =
  | { kind: 'reveal' }
  | { kind: 'grade'; grade: Grade }
  | { kind: 'undo' }
  | { kind: 'pick'; index: number }
  | { kind: 'leave' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  /** Tag name of the focused element, upper case as in the DOM. */
  targetTag: string;
  targetEditable?: boolean;
}

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const CONTROLS = new Set(['BUTTON', 'A', 'SUMMARY', 'INPUT', 'SELECT', 'TEXTAREA']);

/** The action a key press asks for, or null when the key belongs to something else. */
export function reviewKeyAction(k: KeyLike, revealed: boolean): ReviewAction | null {
  if (FIELDS.has(k.targetTag) || k.targetEditable) return k.key === 'Escape' ? { kind: 'leave' } : null;
  const key = k.key.length === 1 ? k.key.toLowerCase() : k.key;
  if (key === 'z' && !k.altKey && (k.ctrlKey || k.metaKey || !k.shiftKey)) return { kind: 'undo' };
  if (k.ctrlKey || k.metaKey || k.altKey) return null;
  if (key === ' ' || key === 'Enter') {
    if (CONTROLS.has(k.targetTag)) return null;
    return revealed ? { kind: 'grade', grade: 3 } : { kind: 'reveal' };
  }
  if (revealed && (key === '1' || key === '2' || key === '3' || key === '4')) return { kind: 'grade', grade: Number(key) as Grade };
  if (!revealed && key >= '1' && key <= '9' && key.length === 1) return { kind: 'pick', index: Number(key) - 1 };
  return null;
}

/** Reads a DOM keyboard event into the shape above. */
export function keyOf(e: KeyboardEvent): KeyLike {
  const t = e.target instanceof Element ? e.target : null;
  return {
    key: e.key,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    altKey: e.altKey,
    shiftKey: e.shiftKey,
    targetTag: t?.tagName ?? '',
    targetEditable: t instanceof HTMLElement && t.isContentEditable,
  };
}
