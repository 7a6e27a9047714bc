/**
 * Reads the bundled deck files in `decks/`, validates them with the app's own validator and
 * builds the index the app loads. Shared by `decks:check` and the Vite build plugin.
 * Node only: it touches the file system, never the browser.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { formatError, parseDeckJson } from '../src/deck/validate.ts';
import { BUNDLE_EXTENSION, readBundle, sniffType } from '../src/deck/bundle.ts';
import type { Deck } from '../src/deck/schema';
import { summarise } from '../src/deck/summary.ts';
import type { DeckIndex } from '../src/deck/catalog-types';

export const DECKS_DIR = resolve(import.meta.dirname, '..', 'decks');
const NOT_DECKS = new Set(['index.json', 'deck.schema.json']);

/** Every deck file in `decks/`, sorted by name. */
export function bundledDeckFiles(dir = DECKS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => (f.endsWith('.json') || f.endsWith(BUNDLE_EXTENSION)) && !NOT_DECKS.has(f))
    .sort()
    .map((f) => join(dir, f));
}

export interface CheckedFile {
  file: string;
  deck?: Deck;
  /** A bundle's media files by name (none for a .json deck). */
  files?: Map<string, Uint8Array>;
  /** Lines ready to print: `decks/x.json: cards[3].back: is required`. */
  errors: string[];
}

/** Validates one deck file (`.json`, or a `.briefdeck` bundle with its media); bundled decks must be named after their id. */
export function checkDeckFile(file: string, requireIdName = true): CheckedFile {
  const shown = relative(process.cwd(), file) || file;
  const bundle = file.endsWith(BUNDLE_EXTENSION);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { file, errors: [`${shown}: cannot be read (${(err as Error).message})`] };
  }
  const result = bundle ? readBundle(new Uint8Array(bytes)) : parseDeckJson(bytes.toString('utf8'));
  if (!result.ok) return { file, errors: result.errors.map((e) => `${shown}: ${formatError(e)}`) };
  const errors: string[] = [];
  const ext = bundle ? BUNDLE_EXTENSION : '.json';
  if (requireIdName && basename(file, ext) !== result.deck.id) {
    errors.push(`${shown}: id: is "${result.deck.id}", but a bundled deck's file must be named after its id (${result.deck.id}${ext})`);
  }
  const checked: CheckedFile = { file, deck: result.deck, errors };
  if ('files' in result) checked.files = result.files as Map<string, Uint8Array>;
  else if (result.deck.media?.length) checked.files = sideFiles(result.deck, dirname(file), shown, errors);
  return checked;
}

/** A `.json` deck's media, read from `media/<name>` beside it and checked to be the listed type. */
function sideFiles(deck: Deck, dir: string, shown: string, errors: string[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  deck.media?.forEach((m, i) => {
    const path = join(dir, 'media', m.name);
    if (!existsSync(path)) return errors.push(`${shown}: media[${i}]: lists "${m.name}", but there is no media/${m.name} beside the deck`);
    const bytes = new Uint8Array(readFileSync(path));
    const sniffed = sniffType(bytes);
    if (sniffed !== m.type) errors.push(`${shown}: media[${i}].type: is ${m.type}, but media/${m.name} is ${sniffed ?? 'none of the types Briefdeck takes'}`);
    files.set(m.name, bytes);
  });
  return files;
}

/** The deck with each media file's SHA-256 and size filled in, as the app stores and serves it. */
export function withMediaHashes(deck: Deck, files: ReadonlyMap<string, Uint8Array>): Deck {
  if (!deck.media?.length) return deck;
  return {
    ...deck,
    media: deck.media.map((m) => {
      const bytes = files.get(m.name)!;
      return { ...m, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  };
}


/**
 * Validates every bundled deck and builds the index; throws with all errors if any deck is invalid.
 * `media` holds every media file by SHA-256, published as `decks/media/<sha256>`.
 */
export function buildBundledDecks(dir = DECKS_DIR): { index: DeckIndex; decks: Deck[]; media: Map<string, Uint8Array> } {
  const checked = bundledDeckFiles(dir).map((f) => checkDeckFile(f));
  const errors = checked.flatMap((c) => c.errors);
  const media = new Map<string, Uint8Array>();
  const decks = checked.flatMap((c) => {
    if (!c.deck) return [];
    const deck = withMediaHashes(c.deck, c.files ?? new Map());
    for (const m of deck.media ?? []) media.set(m.sha256!, c.files!.get(m.name)!);
    return [deck];
  });
  const ids = new Set<string>();
  for (const d of decks) {
    if (ids.has(d.id)) errors.push(`decks: two bundled decks share the id "${d.id}"`);
    ids.add(d.id);
  }
  if (errors.length) throw new Error(`Invalid decks:\n${errors.join('\n')}`);
  return { index: { format: 1, decks: decks.map((d) => summarise(d, `decks/${d.id}.json`)) }, decks, media };
}
