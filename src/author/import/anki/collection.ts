/**
 * A collection's SQLite bytes → plain rows (`AnkiCollection`), for both schemas Anki writes:
 * schema 11, with note types and decks as JSON in the `col` row, and schema 18 (anki21b), with
 * `notetypes` / `fields` / `templates` / `decks` tables and protobuf configs. Anki's `unicase`
 * collation does not exist here and any read touching a column declared with it fails, so the
 * in-memory copy's schema text drops the collation before anything is read (the file itself is
 * never written back); no query sorts or compares on a name column: rows are sorted in code. Takes sql.js from the caller.
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { decodeMessage, stringField, varintField } from '../../anki/protobuf';
import type { AnkiCardRow, AnkiCollection, AnkiDeckRow, AnkiNoteRow, AnkiNoteType, AnkiRevlogRow } from '../../anki/types';
import { AnkiImportError } from './errors';

/** The newest collection schema this importer understands (Anki 2.1.50 and later write 18). */
export const NEWEST_SCHEMA = 18;

function rows(db: Database, sql: string, each: (r: SqlValue[]) => void): void {
  const st = db.prepare(sql);
  try {
    while (st.step()) each(st.get());
  } finally {
    st.free();
  }
}

const num = (v: SqlValue | undefined) => Number(v ?? 0);
const str = (v: SqlValue | undefined) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const blob = (v: SqlValue | undefined) => (v instanceof Uint8Array ? v : new Uint8Array());

/** Removes Anki's `unicase` collation from the schema of this in-memory copy, so its tables can be read. */
function dropUnicase(db: Database): void {
  let uses = 0;
  rows(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%unicase%'", (r) => (uses = num(r[0])));
  if (!uses) return;
  let version = 0;
  rows(db, 'PRAGMA schema_version', (r) => (version = num(r[0])));
  db.exec(`PRAGMA writable_schema = ON;
    UPDATE sqlite_master SET sql = replace(replace(replace(sql, 'COLLATE unicase', ''), 'collate unicase', ''), 'COLLATE UNICASE', '') WHERE sql LIKE '%unicase%';
    PRAGMA schema_version = ${version + 1};
    PRAGMA writable_schema = OFF;`);
}

function tables(db: Database): Set<string> {
  const out = new Set<string>();
  rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'", (r) => out.add(str(r[0])));
  return out;
}

interface LegacyModel {
  id: number | string;
  name: string;
  type?: number;
  flds?: { name: string; ord: number }[];
  tmpls?: { name: string; ord: number; qfmt: string; afmt: string }[];
  css?: string;
}

function legacyNoteTypes(json: string): AnkiNoteType[] {
  const models = JSON.parse(json || '{}') as Record<string, LegacyModel>;
  return Object.values(models).map((m) => ({
    id: Number(m.id),
    name: String(m.name),
    kind: m.type === 1 ? 1 : 0,
    fields: [...(m.flds ?? [])].sort((a, b) => a.ord - b.ord).map((f) => String(f.name)),
    templates: [...(m.tmpls ?? [])].sort((a, b) => a.ord - b.ord).map((t) => ({ name: String(t.name), qfmt: String(t.qfmt ?? ''), afmt: String(t.afmt ?? '') })),
    css: m.css ?? '',
  }));
}

function legacyDecks(json: string): AnkiDeckRow[] {
  const decks = JSON.parse(json || '{}') as Record<string, { id: number; name: string; dyn?: number }>;
  return Object.values(decks).map((d) => ({ id: Number(d.id), name: String(d.name), filtered: d.dyn === 1 }));
}

function modernNoteTypes(db: Database): AnkiNoteType[] {
  const types = new Map<number, AnkiNoteType>();
  rows(db, 'SELECT id, name, config FROM notetypes', (r) => {
    const config = decodeMessage(blob(r[2]));
    types.set(num(r[0]), { id: num(r[0]), name: str(r[1]), kind: varintField(config, 1) === 1 ? 1 : 0, fields: [], templates: [], css: stringField(config, 3) });
  });
  const fields: [number, number, string][] = [];
  rows(db, 'SELECT ntid, ord, name FROM fields', (r) => fields.push([num(r[0]), num(r[1]), str(r[2])]));
  fields.sort((a, b) => a[1] - b[1]);
  for (const [ntid, , name] of fields) types.get(ntid)?.fields.push(name);
  const templates: [number, number, string, Uint8Array][] = [];
  rows(db, 'SELECT ntid, ord, name, config FROM templates', (r) => templates.push([num(r[0]), num(r[1]), str(r[2]), blob(r[3])]));
  templates.sort((a, b) => a[1] - b[1]);
  for (const [ntid, , name, config] of templates) {
    const c = decodeMessage(config);
    types.get(ntid)?.templates.push({ name, qfmt: stringField(c, 1), afmt: stringField(c, 2) });
  }
  return [...types.values()];
}

function modernDecks(db: Database): AnkiDeckRow[] {
  const out: AnkiDeckRow[] = [];
  rows(db, 'SELECT id, name, kind FROM decks', (r) => {
    const kind = decodeMessage(blob(r[2]));
    // Deck.kind is a oneof: 1 normal, 2 filtered.
    out.push({ id: num(r[0]), name: str(r[1]).split('\x1f').join('::'), filtered: kind.some((f) => f.field === 2) });
  });
  return out;
}

/** Progress while reading: rows read so far of `total`. */
export type RowProgress = (done: number, total: number) => void;

/** Opens the collection and reads every row the importer needs. `name` is used in messages. */
export function readCollection(SQL: SqlJsStatic, bytes: Uint8Array, name: string, onProgress?: RowProgress): AnkiCollection {
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (e) {
    throw new AnkiImportError('corrupt', `${name}: the collection cannot be opened as a database (${(e as Error).message})`);
  }
  try {
    let have: Set<string>;
    try {
      have = tables(db);
      dropUnicase(db);
    } catch (e) {
      throw new AnkiImportError('corrupt', `${name}: the collection is damaged or not a database (${(e as Error).message})`);
    }
    for (const t of ['col', 'notes', 'cards', 'revlog']) {
      if (!have.has(t)) throw new AnkiImportError('corrupt', `${name}: the collection has no “${t}” table, so it is not an Anki collection`);
    }
    try {
      let col: SqlValue[] = [];
      rows(db, 'SELECT crt, ver, models, decks FROM col LIMIT 1', (r) => (col = r));
      if (!col.length) throw new AnkiImportError('corrupt', `${name}: the collection's “col” table is empty`);
      const ver = num(col[1]);
      if (ver > NEWEST_SCHEMA) {
        throw new AnkiImportError('future', `${name} comes from a newer Anki (collection schema ${ver}; Briefdeck reads up to ${NEWEST_SCHEMA}); export it again with “Support older Anki versions” ticked`);
      }
      const modern = have.has('notetypes');
      const notetypes = modern ? modernNoteTypes(db) : legacyNoteTypes(str(col[2]));
      const decks = modern ? modernDecks(db) : legacyDecks(str(col[3]));
      let total = 0;
      rows(db, 'SELECT (SELECT count(*) FROM notes) + (SELECT count(*) FROM cards) + (SELECT count(*) FROM revlog)', (r) => (total = num(r[0])));
      let done = 0;
      const tick = () => {
        done++;
        if (onProgress && done % 5000 === 0) onProgress(done, total);
      };
      const notes: AnkiNoteRow[] = [];
      rows(db, 'SELECT id, guid, mid, mod, tags, flds FROM notes', (r) => {
        notes.push({ id: num(r[0]), guid: str(r[1]), mid: num(r[2]), mod: num(r[3]), tags: str(r[4]).split(/\s+/).filter(Boolean), fields: str(r[5]).split('\x1f') });
        tick();
      });
      const cards: AnkiCardRow[] = [];
      rows(db, 'SELECT id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, odid FROM cards', (r) => {
        cards.push({ id: num(r[0]), nid: num(r[1]), did: num(r[2]), ord: num(r[3]), type: num(r[4]), queue: num(r[5]), due: num(r[6]), ivl: num(r[7]), factor: num(r[8]), reps: num(r[9]), lapses: num(r[10]), odid: num(r[11]) });
        tick();
      });
      const revlog: AnkiRevlogRow[] = [];
      rows(db, 'SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog', (r) => {
        revlog.push({ id: num(r[0]), cid: num(r[1]), ease: num(r[2]), ivl: num(r[3]), lastIvl: num(r[4]), factor: num(r[5]), time: num(r[6]), type: num(r[7]) });
        tick();
      });
      onProgress?.(total, total);
      notes.sort((a, b) => a.id - b.id);
      cards.sort((a, b) => a.nid - b.nid || a.ord - b.ord);
      revlog.sort((a, b) => a.id - b.id);
      return { crt: num(col[0]), ver, notetypes, decks, notes, cards, revlog };
    } catch (e) {
      if (e instanceof AnkiImportError) throw e;
      throw new AnkiImportError('corrupt', `${name}: the collection is damaged (${(e as Error).message})`);
    }
  } finally {
    db.close();
  }
}
