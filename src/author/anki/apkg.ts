/**
 * An Anki package (.apkg) from a collection: the schema-11 database as `collection.anki2`, which
 * every Anki from 2.0 to today imports, and an empty media map (decks carry no media files yet).
 */
import { zipSync } from 'fflate';
import type { SqlJsStatic } from 'sql.js';
import { writeSchema11 } from './schema11';
import type { AnkiCollection } from './types';

/** The .apkg bytes. */
export function writeApkg(SQL: SqlJsStatic, col: AnkiCollection, now = Date.now()): Uint8Array {
  return zipSync({ 'collection.anki2': writeSchema11(SQL, col, now), media: new TextEncoder().encode('{}') });
}
