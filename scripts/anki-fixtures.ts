/**
 * Writes the Anki packages the importer's tests read (test/fixtures/anki/), in every format Anki
 * writes: `collection.anki2` (schema 11, Anki 2.0), `collection.anki21` (schema 11, 2.1) with the
 * legacy placeholder beside it, `collection.anki21b` (schema 18, zstd, protobuf media map, zstd
 * media files, `meta`) as an .apkg and a .colpkg, Image Occlusion notes (anki21b), and one from a
 * future Anki. The files are committed, so tests need neither this script nor the `zstd` command
 * it uses.
 *
 * Run: npx tsx scripts/anki-fixtures.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { zipSync, zlibSync } from 'fflate';
import { encodeMessage } from '../src/author/anki/protobuf';
import { writeSchema11 } from '../src/author/anki/schema11';
import { sha1 } from '../src/author/anki/sha1';
import type { AnkiCardRow, AnkiCollection, AnkiNoteRow, AnkiNoteType, AnkiRevlogRow } from '../src/author/anki/types';

const OUT = fileURLToPath(new URL('../test/fixtures/anki/', import.meta.url));
const DAY = 86_400_000;
/** A fixed clock, so the files only change when this script does. */
const CRT = 1_700_000_000; // collection created (epoch s)
const T0 = CRT * 1000 + 10 * DAY;

const zstd = (data: Uint8Array): Uint8Array => {
  const r = spawnSync('zstd', ['-q', '-c', '-3', '--no-check'], { input: data, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`zstd failed: ${r.stderr.toString()} (install it with apt-get install zstd)`);
  return new Uint8Array(r.stdout);
};

const FRONT_BACK = ['Front', 'Back'];
const NOTETYPES: AnkiNoteType[] = [
  { id: 1001, name: 'Basic', kind: 0, fields: FRONT_BACK, templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }] },
  {
    id: 1002, name: 'Basic (and reversed card)', kind: 0, fields: FRONT_BACK,
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
    ],
  },
  {
    id: 1003, name: 'Basic (optional reversed card)', kind: 0, fields: ['Front', 'Back', 'Add Reverse'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
      { name: 'Card 2', qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
    ],
  },
  { id: 1004, name: 'Basic (type in the answer)', kind: 0, fields: FRONT_BACK, templates: [{ name: 'Card 1', qfmt: '{{Front}}\n\n{{type:Back}}', afmt: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}' }] },
  { id: 1005, name: 'Cloze', kind: 1, fields: ['Text', 'Back Extra'], templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }] },
  {
    id: 1006, name: 'Vocabulary (picture)', kind: 0, fields: ['Word', 'Meaning', 'Example', 'Picture'],
    templates: [
      { name: 'Recognise', qfmt: '{{Word}}{{#Picture}}<br>{{Picture}}{{/Picture}}', afmt: '{{FrontSide}}<hr id=answer>{{Meaning}}{{^Example}}<br><i>no example yet</i>{{/Example}}{{#Example}}<br>{{Example}}{{/Example}}' },
      { name: 'Recall', qfmt: 'Say it: {{Meaning}}', afmt: '{{FrontSide}}<hr id=answer>{{Word}}' },
    ],
  },
];

const DECKS = [
  { id: 2001, name: 'Languages::Spanish' },
  { id: 2002, name: 'Languages::Spanish::Verbs' },
  { id: 2003, name: 'Science' },
];

/** Note type id, deck id, fields, tags: the notes every fixture holds. */
const NOTE_SPECS: [number, number, string[], string[]][] = [
  [1001, 2001, ['<b>perro</b>', 'dog'], ['animals']],
  [1001, 2001, ['gato', 'cat<br>(a <i>small</i> feline)<img src="cat.png" alt="a [sleeping]\ncat">'], ['animals', 'pets']],
  [1001, 2002, ['hablar', '<ul><li>to speak</li><li>to talk</li></ul>'], ['verbs']],
  [1002, 2003, ['Paris', 'capital of France'], ['geo']],
  [1003, 2003, ['H<sub>2</sub>O', 'water', 'y'], []],
  [1003, 2003, ['NaCl', 'table salt<img src="scan.tif">', ''], []],
  [1004, 2003, ['2 + 2 =', '4'], ['maths']],
  [1005, 2003, ['{{c1::Canberra}} is the capital of {{c2::Australia::a country}}', 'Not Sydney.'], ['geo']],
  [1005, 2003, ['{{c1::The {{c2::mitochondrion}} makes most of the ATP}} in a cell', ''], ['biology']],
  [1005, 2003, ['Water boils at {{c1::100}} °C and freezes at {{c1::0}} °C<script>alert(1)</script>', ''], []],
  [1005, 2001, ['Listen: [sound:hola.mp3] means {{c1::hello}}', ''], []],
  [1006, 2001, ['la manzana', 'apple', 'Como una <b>manzana</b>.', '<img src="apple%20(1).png">'], ['food']],
  [1006, 2001, ['el pan', 'bread', '', ''], ['food']],
];

/** The CRC-32 PNG chunks carry. */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A real PNG of one colour, `width` × `height`, that browsers show and size readers read. */
function png(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows.set(rgb, y * (1 + width * 3) + 1 + x * 3);
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(rows)), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** An ID3 tag and one silent MPEG-1 layer III frame (128 kbit/s, 44.1 kHz). */
const mp3 = () => Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64, ...new Array(413).fill(0)]);

/**
 * Media as Anki names them: one picture with alt text, one with spaces and brackets in its name
 * and none, a sound, a TIFF (a type Briefdeck does not take) and a file no card uses.
 */
const MEDIA: [string, Uint8Array][] = [
  ['cat.png', png(4, 3, [200, 120, 40])],
  ['hola.mp3', mp3()],
  ['apple (1).png', png(2, 2, [200, 30, 30])],
  ['scan.tif', Uint8Array.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0])],
  ['unused.png', png(1, 1, [0, 0, 0])],
];

function clozeNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

/** The full collection: notes, one card per template (or cloze number), a review history. */
function fixtureCollection(): AnkiCollection {
  const notes: AnkiNoteRow[] = [];
  const cards: AnkiCardRow[] = [];
  NOTE_SPECS.forEach(([mid, did, fields, tags], i) => {
    const nid = 1_600_000_000_000 + i;
    notes.push({ id: nid, guid: `guid${i}`, mid, mod: CRT, tags, fields });
    const nt = NOTETYPES.find((n) => n.id === mid)!;
    const ords = nt.kind === 1 ? clozeNumbers(fields[0]!).map((n) => n - 1) : nt.templates.map((_, o) => o).filter((o) => !(mid === 1003 && o === 1 && !fields[2]));
    for (const ord of ords) cards.push({ id: nid * 10 + ord, nid, did, ord, type: 0, queue: 0, due: i + 1, ivl: 0, factor: 0, reps: 0, lapses: 0 });
  });
  const revlog: AnkiRevlogRow[] = [];
  const review = (cid: number, day: number, ease: number, type: number, ivl: number, lastIvl: number) =>
    revlog.push({ id: T0 + day * DAY + revlog.length * 1000, cid, ease, ivl, lastIvl, factor: 2500, time: 4000 + revlog.length * 100, type });
  const card = (note: number, ord = 0) => cards.find((c) => c.nid === 1_600_000_000_000 + note && c.ord === ord)!;
  // perro: learnt, then two good reviews: a review card.
  const perro = card(0);
  review(perro.id, 0, 3, 0, -600, 0);
  review(perro.id, 0.01, 3, 0, 1, -600);
  review(perro.id, 1, 3, 1, 4, 1);
  review(perro.id, 5, 3, 1, 11, 4);
  Object.assign(perro, { type: 2, queue: 2, ivl: 11, due: 10 + 16, factor: 2500, reps: 4 });
  // gato: learnt, reviewed, forgotten, relearnt.
  const gato = card(1);
  review(gato.id, 0, 3, 0, 1, -600);
  review(gato.id, 1, 3, 1, 3, 1);
  review(gato.id, 4, 1, 1, -600, 3);
  review(gato.id, 4.01, 3, 2, 1, -600);
  Object.assign(gato, { type: 2, queue: 2, ivl: 1, due: 10 + 5, factor: 2300, reps: 4, lapses: 1 });
  // Paris, front: reviewed once, then suspended.
  const paris = card(3, 0);
  review(paris.id, 0, 4, 0, 4, 0);
  Object.assign(paris, { type: 2, queue: -1, ivl: 4, due: 10 + 4, factor: 2650, reps: 1 });
  // Paris, back: buried by the learner.
  Object.assign(card(3, 1), { queue: -3 });
  // Canberra c2: in learning after one Again.
  const canberra2 = card(7, 1);
  review(canberra2.id, 6, 1, 0, -60, 0);
  Object.assign(canberra2, { type: 1, queue: 1, due: CRT + 6 * 86_400 + 60, reps: 1 });
  // A manual reschedule entry is history without an answer: it must not count as a review.
  revlog.push({ id: T0 + 7 * DAY, cid: perro.id, ease: 0, ivl: 20, lastIvl: 11, factor: 2500, time: 0, type: 4 });
  return { crt: CRT, ver: 11, notetypes: NOTETYPES, decks: DECKS, notes, cards, revlog };
}

/** The one-note collection a modern package carries beside the real one, for Anki versions too old to read it. */
function placeholder(SQL: SqlJsStatic): Uint8Array {
  return writeSchema11(SQL, {
    crt: CRT, ver: 11, notetypes: [NOTETYPES[0]!], decks: [{ id: 1, name: 'Default' }],
    notes: [{ id: 1, guid: 'placeholder', mid: 1001, mod: CRT, tags: [], fields: ['This file requires a newer version of Anki.', 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.'] }],
    cards: [{ id: 1, nid: 1, did: 1, ord: 0, type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0 }],
    revlog: [],
  }, CRT * 1000);
}

const SCHEMA18_EXTRA = `
CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL, mtime_secs integer NOT NULL, val blob NOT NULL) without rowid;
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
CREATE TABLE tags (tag text NOT NULL PRIMARY KEY, usn integer NOT NULL, collapsed boolean NOT NULL, config blob NULL) without rowid;
`;

/**
 * Schema 18 (collection.anki21b): note types, fields, templates and decks in tables of their own
 * with protobuf configs, deck levels separated by \x1f, and the `unicase` collation Anki registers
 * on its name columns (added afterwards, as sql.js cannot register it to write them).
 */
function writeSchema18(SQL: SqlJsStatic, col: AnkiCollection, ver = 18): Uint8Array {
  const db = new SQL.Database(writeSchema11(SQL, { ...col, ver }, CRT * 1000));
  db.run("UPDATE col SET models = '', decks = '', dconf = '', tags = '', conf = ''");
  db.exec('DROP TABLE graves; CREATE TABLE graves (oid integer NOT NULL, type integer NOT NULL, usn integer NOT NULL, PRIMARY KEY (oid, type)) WITHOUT ROWID;');
  db.exec(SCHEMA18_EXTRA);
  for (const nt of col.notetypes) {
    db.run('INSERT INTO notetypes VALUES (?, ?, ?, 0, ?)', [nt.id, nt.name, CRT, encodeMessage([[1, nt.kind], [3, '.card { text-align: center; }']])]);
    nt.fields.forEach((f, ord) => db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [nt.id, ord, f, encodeMessage([[3, 'Arial'], [4, 20]])]));
    nt.templates.forEach((t, ord) => db.run('INSERT INTO templates VALUES (?, ?, ?, ?, 0, ?)', [nt.id, ord, t.name, CRT, encodeMessage([[1, t.qfmt], [2, t.afmt]])]));
  }
  const normal = encodeMessage([[1, encodeMessage([[1, 1]])]]);
  db.run('INSERT INTO decks VALUES (1, ?, ?, 0, ?, ?)', ['Default', CRT, new Uint8Array(), normal]);
  for (const d of col.decks) db.run('INSERT INTO decks VALUES (?, ?, ?, 0, ?, ?)', [d.id, d.name.split('::').join('\x1f'), CRT, new Uint8Array(), normal]);
  db.run('INSERT INTO deck_config VALUES (1, ?, ?, 0, ?)', ['Default', CRT, new Uint8Array()]);
  db.exec(`PRAGMA writable_schema=ON;
    UPDATE sqlite_master SET sql = replace(sql, 'name text NOT NULL,', 'name text NOT NULL COLLATE unicase,') WHERE name IN ('notetypes', 'fields', 'templates', 'decks', 'deck_config');
    UPDATE sqlite_master SET sql = replace(sql, 'tag text NOT NULL PRIMARY KEY', 'tag text NOT NULL PRIMARY KEY COLLATE unicase') WHERE name = 'tags';
    PRAGMA writable_schema=OFF;`);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** The legacy media map: JSON from the numbered entry to the file name. */
const legacyMedia = () => ({
  media: new TextEncoder().encode(JSON.stringify(Object.fromEntries(MEDIA.map(([name], i) => [String(i), name])))),
  files: Object.fromEntries(MEDIA.map(([, bytes], i) => [String(i), bytes])),
});

/** The modern media map: zstd protobuf MediaEntries { repeated MediaEntry { name, size, sha1 } }, files zstd too. */
const modernMedia = (media: [string, Uint8Array][] = MEDIA) => ({
  media: zstd(encodeMessage(media.map(([name, bytes]) => [1, encodeMessage([[1, name], [2, bytes.length], [3, sha1(bytes)]])]))),
  files: Object.fromEntries(media.map(([, bytes], i) => [String(i), zstd(bytes)])),
});

/**
 * Anki 23.10's stock Image Occlusion note type, as a collection holds it: a cloze type whose
 * front hides the Occlusion field and shows the Image field in the occlusion container.
 */
const IO_FRONT = `{{#Header}}<div>{{Header}}</div>{{/Header}}
<div style="display: none">{{cloze:Occlusion}}</div>
<div id="err"></div>
<div id="image-occlusion-container">
    {{Image}}
    <canvas id="image-occlusion-canvas"></canvas>
</div>
<script>
try { anki.setupImageCloze(); } catch (exc) { document.getElementById("err").innerHTML = exc; }
</script>
`;
const IMAGE_OCCLUSION: AnkiNoteType = {
  id: 1007, name: 'Image Occlusion', kind: 1, fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
  templates: [{ name: 'Image Occlusion', qfmt: IO_FRONT, afmt: `${IO_FRONT}\n<div><button id="toggle">Toggle Masks</button></div>\n{{#Back Extra}}<div>{{Back Extra}}</div>{{/Back Extra}}\n` }],
};

/**
 * Image Occlusion notes as Anki 23.10 and later write them (collection.anki21b): a heart diagram
 * with a rectangle (c1), an ellipse and a polygon sharing c2 and words drawn on the picture (c0),
 * in Hide All, Guess One mode, with answers on both cards; and a map hiding one box at a time.
 */
function occlusionCollection(): AnkiCollection {
  const heart = [
    '{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.25:oi=1}}',
    '{{c2::image-occlusion:ellipse:left=.55:top=.1:rx=.1:ry=.15:oi=1}}',
    '{{c2::image-occlusion:polygon:points=.6,.6 .9,.65 .75,.9:oi=1}}',
    '{{c0::image-occlusion:text:left=.15:top=.3:text=Left atrium:scale=1:fs=.05}}',
  ].join('<br>');
  const map = ['{{c1::image-occlusion:rect:left=.5:top=.5:width=.25:height=.25}}', '{{c2::image-occlusion:rect:left=0:top=0:width=.2:height=.1}}'].join('<br>');
  const notes: AnkiNoteRow[] = [
    { id: 1_650_000_000_000, guid: 'io-heart', mid: 1007, mod: CRT, tags: ['anatomy'], fields: [heart, '<img src="heart diagram.png">', 'Parts of the heart', 'Blood comes in through the <b>atria</b>.', 'drawn for the test'] },
    { id: 1_650_000_000_001, guid: 'io-map', mid: 1007, mod: CRT, tags: [], fields: [map, '<img src="map.png" alt="A map of two islands">', '', '', ''] },
  ];
  const cards: AnkiCardRow[] = notes.flatMap((n, i) => [0, 1].map((ord) => ({ id: n.id * 10 + ord, nid: n.id, did: 2004, ord, type: 0, queue: 0, due: i * 2 + ord + 1, ivl: 0, factor: 0, reps: 0, lapses: 0 })));
  const revlog: AnkiRevlogRow[] = [
    { id: T0, cid: cards[0]!.id, ease: 3, ivl: 1, lastIvl: 0, factor: 2500, time: 5000, type: 0 },
    { id: T0 + DAY, cid: cards[0]!.id, ease: 3, ivl: 3, lastIvl: 1, factor: 2500, time: 4000, type: 1 },
    { id: T0 + 2 * DAY, cid: cards[1]!.id, ease: 1, ivl: -600, lastIvl: 0, factor: 2500, time: 7000, type: 0 },
  ];
  Object.assign(cards[0]!, { type: 2, queue: 2, ivl: 3, due: 10 + 4, factor: 2500, reps: 2 });
  return { crt: CRT, ver: 11, notetypes: [IMAGE_OCCLUSION], decks: [{ id: 2004, name: 'Anatomy' }], notes, cards, revlog };
}

/** The pictures the occlusion notes show. */
const OCCLUSION_MEDIA: [string, Uint8Array][] = [
  ['heart diagram.png', png(8, 6, [180, 40, 60])],
  ['map.png', png(6, 6, [40, 120, 200])],
];

const write = (name: string, entries: Record<string, Uint8Array>) => {
  writeFileSync(OUT + name, zipSync(entries, { level: 6, mtime: new Date(CRT * 1000) }));
  console.log(`wrote test/fixtures/anki/${name}`);
};

async function main() {
  mkdirSync(OUT, { recursive: true });
  const SQL = await initSqlJs();
  const col = fixtureCollection();
  const legacy = legacyMedia();
  write('deck-anki2.apkg', { 'collection.anki2': writeSchema11(SQL, col, CRT * 1000), media: legacy.media, ...legacy.files });
  write('deck-anki21.apkg', { 'collection.anki2': placeholder(SQL), 'collection.anki21': writeSchema11(SQL, col, CRT * 1000), media: legacy.media, ...legacy.files });
  const modern = modernMedia();
  const meta = (version: number) => encodeMessage([[1, version]]);
  write('deck-anki21b.apkg', { 'collection.anki2': placeholder(SQL), 'collection.anki21b': zstd(writeSchema18(SQL, col)), media: modern.media, meta: meta(3), ...modern.files });
  write('collection.colpkg', { 'collection.anki2': placeholder(SQL), 'collection.anki21b': zstd(writeSchema18(SQL, col)), media: modern.media, meta: meta(3), ...modern.files });
  const io = modernMedia(OCCLUSION_MEDIA);
  write('image-occlusion.apkg', { 'collection.anki2': placeholder(SQL), 'collection.anki21b': zstd(writeSchema18(SQL, occlusionCollection())), media: io.media, meta: meta(3), ...io.files });
  write('future.apkg', { 'collection.anki2': placeholder(SQL), 'collection.anki21b': zstd(writeSchema18(SQL, col, 19)), media: zstd(new Uint8Array()), meta: meta(4) });
}

await main();
