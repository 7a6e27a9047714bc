/**
 * Writes an Anki collection in schema 11, the one `collection.anki2` / `collection.anki21` use and
 * every Anki since 2.0 opens: the five tables, with note types, decks and deck options as JSON in
 * the `col` row. Used by "Export for Anki" and by the test fixtures script. Takes sql.js from the
 * caller, so it runs in a Worker, in Node and in tests alike.
 */
import type { SqlJsStatic } from 'sql.js';
import { sha1 } from './sha1';
import type { AnkiCollection, AnkiNoteType } from './types';

/** Anki's schema-11 tables and indexes. */
export const SCHEMA11_SQL = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

const DEFAULT_CSS = '.card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: center;\n  color: black;\n  background-color: white;\n}\n';

/** Field names a template's question side needs, by ordinal: Anki before 2.1.28 reads them as `req`. */
function requirements(nt: AnkiNoteType): [number, 'any', number[]][] {
  return nt.templates.map((t, ord) => {
    const used = nt.fields.map((f, i) => (t.qfmt.includes(`{{${f}}}`) || t.qfmt.includes(`:${f}}}`) || t.qfmt.includes(`{{#${f}}}`) ? i : -1)).filter((i) => i >= 0);
    return [ord, 'any', used.length ? used : [0]];
  });
}

function modelJson(nt: AnkiNoteType, deckId: number, mod: number) {
  return {
    id: nt.id,
    name: nt.name,
    type: nt.kind,
    mod,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: nt.templates.map((t, ord) => ({ name: t.name, ord, qfmt: t.qfmt, afmt: t.afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 })),
    flds: nt.fields.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    css: nt.css ?? DEFAULT_CSS,
    latexPre: '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: requirements(nt),
    tags: [],
    vers: [],
  };
}

function deckJson(id: number, name: string, mod: number) {
  return {
    id, name, mod, usn: -1, desc: '', dyn: 0, conf: 1, collapsed: false, browserCollapsed: false,
    extendNew: 0, extendRev: 0, lrnToday: [0, 0], revToday: [0, 0], newToday: [0, 0], timeToday: [0, 0],
  };
}

const DECK_OPTIONS = {
  id: 1, name: 'Default', mod: 0, usn: 0, maxTaken: 60, autoplay: true, timer: 0, replayq: true, dyn: false,
  new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
  rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
};

/** Anki's note checksum: the first 8 hex digits of the SHA-1 of the first field's text. */
export function fieldChecksum(text: string): number {
  const plain = text.replace(/<[^>]*>/g, '').trim();
  const d = sha1(new TextEncoder().encode(plain));
  return ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
}

/** The collection as a schema-11 SQLite file. `mod` is epoch ms (defaults to now). */
export function writeSchema11(SQL: SqlJsStatic, col: AnkiCollection, mod = Date.now()): Uint8Array {
  const db = new SQL.Database();
  try {
    db.exec(SCHEMA11_SQL);
    const defaultDeck = col.decks[0]?.id ?? 1;
    const models = Object.fromEntries(col.notetypes.map((nt) => [String(nt.id), modelJson(nt, defaultDeck, Math.floor(mod / 1000))]));
    const decks: Record<string, unknown> = { '1': deckJson(1, 'Default', Math.floor(mod / 1000)) };
    for (const d of col.decks) decks[String(d.id)] = deckJson(d.id, d.name, Math.floor(mod / 1000));
    const conf = {
      nextPos: col.notes.length + 1, estTimes: true, activeDecks: [defaultDeck], sortType: 'noteFld', timeLim: 0,
      sortBackwards: false, addToCur: true, curDeck: defaultDeck, newSpread: 0, dueCounts: true,
      curModel: String(col.notetypes[0]?.id ?? 0), collapseTime: 1200, schedVer: 2,
    };
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
      col.crt, mod, mod, col.ver, JSON.stringify(conf), JSON.stringify(models), JSON.stringify(decks), JSON.stringify({ '1': DECK_OPTIONS }), '{}',
    ]);
    // One transaction for every row: without it each insert is a commit of its own.
    db.exec('BEGIN');
    const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, \'\')');
    for (const n of col.notes) {
      const tags = n.tags.length ? ` ${n.tags.join(' ')} ` : '';
      note.run([n.id, n.guid, n.mid, n.mod, tags, n.fields.join('\x1f'), (n.fields[0] ?? '').replace(/<[^>]*>/g, ''), fieldChecksum(n.fields[0] ?? '')]);
    }
    note.free();
    const card = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0, \'\')');
    for (const c of col.cards) {
      card.run([c.id, c.nid, c.did, c.ord, Math.floor(mod / 1000), c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.odid ?? 0]);
    }
    card.free();
    const rev = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
    for (const r of col.revlog) rev.run([r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type]);
    rev.free();
    db.exec('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
