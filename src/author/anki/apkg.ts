/**
 * An Anki package (.apkg) from a collection: the schema-11 database as `collection.anki2`, which
 * every Anki from 2.0 to today imports, and the media as legacy packages carry them: a `media`
 * JSON object from entry number to file name (`{"0": "map.png"}`), each file stored under its
 * number. Without a `meta` entry, current Anki reads the package as this legacy format.
 */
import { zipSync, type Zippable } from 'fflate';
import type { SqlJsStatic } from 'sql.js';
import { writeSchema11 } from './schema11';
import type { AnkiCollection } from './types';

/** The .apkg bytes; `media` holds the files the notes name, by name. */
export function writeApkg(SQL: SqlJsStatic, col: AnkiCollection, now = Date.now(), media: ReadonlyMap<string, Uint8Array> = new Map()): Uint8Array {
  const map: Record<string, string> = {};
  const entries: Zippable = { 'collection.anki2': writeSchema11(SQL, col, now) };
  [...media].forEach(([name, bytes], i) => {
    map[String(i)] = name;
    // Pictures and sounds are compressed already.
    entries[String(i)] = [bytes, { level: 0 }];
  });
  entries.media = new TextEncoder().encode(JSON.stringify(map));
  return zipSync(entries);
}
