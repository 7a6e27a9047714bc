/**
 * Read-side integrity checks: a record damaged on disk (by a browser bug, an extension or a
 * hand edit) must not stop Briefdeck from starting. Reads skip records that fail these cheap
 * shape checks and report them here; the app shell tells the learner. Nothing is deleted, so a
 * backup still holds whatever could be rescued.
 */
import type { ItemRecord, ReviewRecord } from '../srs/types';
import type { StoredDeck } from './schema';
import { isGrade } from '../srs/rating';

export interface Damage {
  store: 'items' | 'reviews' | 'decks' | 'settings' | 'drafts' | 'media';
  key: string;
  problem: string;
}

const found = new Map<string, Damage>();
const listeners = new Set<(all: Damage[]) => void>();

/** Records a damaged record once (by store and key) and tells listeners. */
export function reportDamage(damage: Damage): void {
  const id = `${damage.store}:${damage.key}`;
  if (found.has(id)) return;
  found.set(id, damage);
  const all = [...found.values()];
  for (const fn of listeners) fn(all);
}

/** Forgets one reported record (it was removed) and tells listeners. */
export function forgetDamaged(damage: Damage): void {
  found.delete(`${damage.store}:${damage.key}`);
  const all = [...found.values()];
  for (const fn of listeners) fn(all);
}

/** Forgets what was reported (the store was closed; a new connection reads afresh). */
export function forgetDamage(): void {
  found.clear();
}

/** Every damaged record met so far in this tab. */
export function damagedRecords(): Damage[] {
  return [...found.values()];
}

/** Calls `fn` with the whole list whenever a new damaged record is met; returns an unsubscribe. */
export function onDamage(fn: (all: Damage[]) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
const text = (x: unknown) => typeof x === 'string' && x.length > 0;

function fsrsProblem(f: unknown): string | null {
  if (!isObject(f)) return 'has no scheduling state';
  for (const k of ['due', 'stability', 'difficulty', 'reps', 'lapses', 'state'] as const) {
    if (!finite(f[k])) return `has a damaged scheduling field "${k}"`;
  }
  return null;
}

function itemProblem(x: unknown): string | null {
  if (!isObject(x)) return 'is not a review item';
  if (!text(x.id) || !text(x.deckId) || !text(x.cardId) || typeof x.sub !== 'string') return 'has no valid id';
  if (!finite(x.due) || !finite(x.state)) return 'has no valid due date or state';
  return fsrsProblem(x.fsrs);
}

function keyOf(x: unknown): string {
  return isObject(x) && (typeof x.id === 'string' || typeof x.id === 'number') ? String(x.id) : '(unknown key)';
}

/** True for a usable item; a damaged one is reported and skipped. */
export function soundItem(x: unknown): x is ItemRecord {
  const problem = itemProblem(x);
  if (problem) reportDamage({ store: 'items', key: keyOf(x), problem });
  return problem === null;
}

/** True for a usable review-log entry; a damaged one is reported and skipped. */
export function soundReview(x: unknown): x is ReviewRecord {
  let problem: string | null = null;
  if (!isObject(x)) problem = 'is not a review';
  else if (!text(x.itemId) || !text(x.deckId) || !finite(x.at) || !isGrade(x.grade)) problem = 'has no valid item, time or grade';
  else if (x.mode !== 'study' && x.mode !== 'quiz') problem = 'has no valid mode';
  else problem = itemProblem(x.before) ?? fsrsProblem(x.after);
  if (problem) reportDamage({ store: 'reviews', key: keyOf(x), problem });
  return problem === null;
}

/** True for a stored deck with the shape the library needs; the deck itself is validated when opened. */
export function soundStoredDeck(x: unknown): x is StoredDeck {
  const deck = isObject(x) ? x.deck : undefined;
  const ok = isObject(deck) && text(deck.id) && typeof deck.title === 'string' && Array.isArray(deck.cards);
  if (!ok) reportDamage({ store: 'decks', key: isObject(deck) && typeof deck.id === 'string' ? deck.id : '(unknown deck)', problem: 'is not a readable deck' });
  return ok;
}

