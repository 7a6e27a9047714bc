/**
 * Reads the bundled deck files in `decks/`, validates them with the app's own validator and
 * builds the index the app loads. Shared by `decks:check` and the Vite build plugin.
 * Node only: it touches the file system, never the browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { formatError, parseDeckJson } from '../src/deck/validate.ts';
import type { Deck } from '../src/deck/schema';
import { summarise } from '../src/deck/summary.ts';
import type { DeckIndex } from '../src/deck/catalog-types';

export const DECKS_DIR = resolve(import.meta.dirname, '..', 'decks');
const NOT_DECKS = new Set(['index.json', 'deck.schema.json']);

/** Every deck file in `decks/`, sorted by name. */
export function bundledDeckFiles(dir = DECKS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !NOT_DECKS.has(f))
    .sort()
    .map((f) => join(dir, f));
}

export interface CheckedFile {
  file: string;
  deck?: Deck;
  /** Lines ready to print: `decks/x.json: cards[3].back: is required`. */
  errors: string[];
}

/** Validates one deck file; bundled decks must be named after their id. */
export function checkDeckFile(file: string, requireIdName = true): CheckedFile {
  const shown = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { file, errors: [`${shown}: cannot be read (${(err as Error).message})`] };
  }
  const result = parseDeckJson(text);
  if (!result.ok) return { file, errors: result.errors.map((e) => `${shown}: ${formatError(e)}`) };
  const errors: string[] = [];
  if (requireIdName && basename(file, '.json') !== result.deck.id) {
    errors.push(`${shown}: id: is "${result.deck.id}", but a bundled deck's file must be named after its id (${result.deck.id}.json)`);
  }
  return { file, deck: result.deck, errors };
}


/** Validates every bundled deck and builds the index; throws with all errors if any deck is invalid. */
export function buildBundledDecks(dir = DECKS_DIR): { index: DeckIndex; decks: Deck[] } {
  const checked = bundledDeckFiles(dir).map((f) => checkDeckFile(f));
  const errors = checked.flatMap((c) => c.errors);
  const decks = checked.flatMap((c) => (c.deck ? [c.deck] : []));
  const ids = new Set<string>();
  for (const d of decks) {
    if (ids.has(d.id)) errors.push(`decks: two bundled decks share the id "${d.id}"`);
    ids.add(d.id);
  }
  if (errors.length) throw new Error(`Invalid decks:\n${errors.join('\n')}`);
  return { index: { format: 1, decks: decks.map((d) => summarise(d, `decks/${d.id}.json`)) }, decks };
}
