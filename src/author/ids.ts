/**
 * Ids for authored content. A card's id is made once, when the card is created or imported,
 * and never recomputed from its text: progress is keyed by it, so editing must not move it.
 * Pure: no DOM, no storage.
 */
import { LIMITS } from '../deck/schema';

/** Lowercase ASCII slug of some text (accents dropped), at most `max` characters, cut at a hyphen. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/g, '');
}

/** `base`, or `base-2`, `base-3`… — the first one not in `taken`. Adds the result to `taken`. */
export function uniqueId(base: string, taken: Set<string>, fallback = 'item'): string {
  const root = (slugify(base, LIMITS.idLength - 6) || fallback).slice(0, LIMITS.idLength - 6);
  let id = root;
  for (let n = 2; taken.has(id); n++) id = `${root}-${n}`;
  taken.add(id);
  return id;
}

/** A slug from the first words of a text, for imported and drafted cards. */
export function idFromText(text: string, taken: Set<string>, fallback = 'card'): string {
  const words = text
    .replace(/\{\{c\d+::([^}:]*)(?:::[^}]*)?\}\}/g, '$1')
    .split(/\s+/)
    .slice(0, 6)
    .join(' ');
  return uniqueId(words, taken, fallback);
}

/** Random suffix so a new, still empty card gets an id that will not collide with a later one. */
export function randomSuffix(length = 6): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** Id for a card created empty in the editor: `<type>-<random>`, unique within `taken`. */
export function newCardId(type: string, taken: Set<string>): string {
  let id = `${type}-${randomSuffix()}`;
  while (taken.has(id)) id = `${type}-${randomSuffix()}`;
  taken.add(id);
  return id;
}
