import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { zipSync } from 'fflate';
import { briefdeckMediaName, MediaPlanner, pictureSize } from '../../../../src/author/import/anki/media';
import { altFromName, htmlToMarkdown } from '../../../../src/author/import/anki/html';
import { buildAnkiImport, openAnki } from '../../../../src/author/import/anki/read';
import { summarizeReport } from '../../../../src/author/import/anki/report';
import { writeSchema11 } from '../../../../src/author/anki/schema11';
import { BASIC, BASIC_TYPED } from '../../../../src/author/anki/stock';
import { mediaNameProblem } from '../../../../src/deck/media';
import { validateDeck } from '../../../../src/deck/validate';
import { DEFAULT_SETTINGS } from '../../../../src/srs/types';
import { fixture, loadSql } from './helpers';
import { openPackage } from '../../../../src/author/import/anki/package';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

/** The fixtures' real pictures and sound, by their Anki names. */
const files = () => openPackage(fixture('deck-anki21.apkg'), 'deck.apkg').media;

describe('briefdeckMediaName', () => {
  const none = new Set<string>();
  it('keeps a name that is already plain', () => {
    expect(briefdeckMediaName('cat.png', 'image/png', none)).toBe('cat.png');
    expect(briefdeckMediaName('Été_01.JPG', 'image/jpeg', none)).toBe('Été_01.JPG');
  });

  it('turns spaces, brackets and other signs into dashes, and starts with a letter or digit', () => {
    expect(briefdeckMediaName('apple (1).png', 'image/png', none)).toBe('apple-1.png');
    expect(briefdeckMediaName('_paste [2].jpg', 'image/jpeg', none)).toBe('paste-2.jpg');
    expect(briefdeckMediaName('../../etc.mp3', 'audio/mpeg', none)).toBe('etc.mp3');
    expect(briefdeckMediaName('日本語 の 音.mp3', 'audio/mpeg', none)).toBe('日本語-の-音.mp3');
  });

  it('gives the ending of the type the bytes are, not the one the name claims', () => {
    expect(briefdeckMediaName('photo.jpg', 'image/png', none)).toBe('photo.png');
    expect(briefdeckMediaName('clip', 'audio/ogg', none)).toBe('clip.ogg');
  });

  it('stays within 100 characters and never repeats a name', () => {
    const long = briefdeckMediaName(`${'x'.repeat(300)}.png`, 'image/png', none);
    expect(long).toHaveLength(100);
    expect(mediaNameProblem(long)).toBeNull();
    const taken = new Set(['a-b.png', 'a-b-2.png']);
    expect(briefdeckMediaName('a b.png', 'image/png', taken)).toBe('a-b-3.png');
    expect(briefdeckMediaName('!!!.png', 'image/png', none)).toBe('media.png');
  });
});

describe('pictureSize', () => {
  it('reads a picture’s pixel size, and nothing from bytes that are no picture', () => {
    expect(pictureSize(files().get('cat.png')!)).toEqual({ width: 4, height: 3 });
    expect(pictureSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"></svg>'))).toEqual({ width: 30, height: 20 });
    expect(pictureSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2]))).toBeNull();
  });
});

describe('MediaPlanner', () => {
  it('skips files over 5 MB by name, and stops at the import’s count and size limits', () => {
    const cat = files().get('cat.png')!;
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(cat);
    const available = new Map([
      ['big.png', big],
      ['a.png', cat],
      ['b.png', cat],
      ['c.png', cat],
    ]);
    const planner = new MediaPlanner(available, { mediaFiles: 2, mediaBytes: 10_000 });
    expect(planner.resolve('big.png', 'image')).toBeNull();
    expect(planner.resolve('a.png', 'image')).toBe('a.png');
    expect(planner.resolve('b.png', 'image')).toBe('b.png');
    expect(planner.resolve('c.png', 'image')).toBeNull();
    expect(planner.resolve('gone.png', 'image')).toBeNull();
    expect(planner.skipped).toEqual([
      { name: 'big.png', reason: 'it is 5.0 MB; a picture or sound may be at most 5 MB' },
      { name: 'c.png', reason: 'the import already brings 2 media files, the most one import may' },
    ]);
    expect([...planner.missing]).toEqual(['gone.png']);
    const bytes = new MediaPlanner(available, { mediaFiles: 10, mediaBytes: cat.length * 2 });
    expect(['a.png', 'b.png', 'c.png'].map((n) => bytes.resolve(n, 'image'))).toEqual(['a.png', 'b.png', null]);
    expect(bytes.skipped[0]!.reason).toMatch(/^the import's media would pass 0\.0 MB/);
  });

  it('does not show a sound as a picture', () => {
    const planner = new MediaPlanner(files());
    expect(planner.resolve('hola.mp3', 'image')).toBeNull();
    expect(planner.resolve('hola.mp3', 'audio')).toBe('hola.mp3');
  });
});

describe('media references in fields', () => {
  it('become Briefdeck references with alt text, or a note when the file does not come along', () => {
    const planner = new MediaPlanner(files());
    const resolve = planner.resolve.bind(planner);
    const out = htmlToMarkdown('<img src="apple%20(1).png"> [sound:hola.mp3] <img src="scan.tif" alt="a scan"> [sound:gone.mp3]', false, resolve);
    expect(out.text).toBe('![apple (1)](apple-1.png) [sound:hola.mp3] (picture “a scan” not imported) (sound “gone.mp3” not imported)');
    expect(out.namedAlt).toEqual(['apple (1).png']);
    expect(altFromName('paste-2f9a_b.jpg')).toBe('paste 2f9a b');
  });
});

describe('an import with a picture too big to bring', () => {
  it('names it in the report and keeps the rest, the deck still valid', () => {
    const cat = files().get('cat.png')!;
    const big = new Uint8Array(6 * 1024 * 1024);
    // Not compressible, so the package is not taken for a zip bomb.
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    big.set(cat);
    const col = {
      crt: 1_700_000_000,
      ver: 11,
      notetypes: [BASIC],
      decks: [{ id: 5, name: 'Maps' }],
      notes: [
        { id: 1, guid: 'a', mid: BASIC.id, mod: 0, tags: [], fields: ['<img src="map.png" alt="a map of Peru">', 'Peru'] },
        { id: 2, guid: 'b', mid: BASIC.id, mod: 0, tags: [], fields: ['<img src="cat.png">', 'a cat'] },
      ],
      cards: [1, 2].map((n) => ({ id: n * 10, nid: n, did: 5, ord: 0, type: 0, queue: 0, due: n, ivl: 0, factor: 0, reps: 0, lapses: 0 })),
      revlog: [],
    };
    const pkg = zipSync({
      'collection.anki2': writeSchema11(SQL, col),
      media: new TextEncoder().encode(JSON.stringify({ 0: 'map.png', 1: 'cat.png' })),
      0: [big, { level: 0 }],
      1: cat,
    });
    const r = buildAnkiImport(openAnki(pkg, 'maps.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: Date.UTC(2024, 0, 1) });
    expect(r.report.skippedMedia).toEqual([{ name: 'map.png', reason: 'it is 6.0 MB; a picture or sound may be at most 5 MB' }]);
    expect(summarizeReport(r.report)).toBe('2 cards in 2 notes, 0 reviews, 1 media file; 1 media file not imported');
    const [deck] = r.decks;
    expect(deck!.cards.map((c) => (c.type === 'basic' ? c.front : ''))).toEqual(['(picture “a map of Peru” not imported)', '![cat](cat.png)']);
    expect(deck!.media).toEqual([{ name: 'cat.png', type: 'image/png', width: 4, height: 3 }]);
    expect(validateDeck(deck)).toMatchObject({ ok: true });
    expect([...r.media.keys()]).toEqual(['cat.png']);
  });
});

describe('a typed answer with a sound in Anki', () => {
  it('is only the words to type, the sound left out of it', () => {
    const col = {
      crt: 1_700_000_000,
      ver: 11,
      notetypes: [BASIC_TYPED],
      decks: [{ id: 5, name: 'Numbers' }],
      notes: [{ id: 1, guid: 'a', mid: BASIC_TYPED.id, mod: 0, tags: [], fields: ['cuatro', 'four [sound:hola.mp3]'] }],
      cards: [{ id: 10, nid: 1, did: 5, ord: 0, type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0 }],
      revlog: [],
    };
    const pkg = zipSync({ 'collection.anki2': writeSchema11(SQL, col), media: new TextEncoder().encode('{}') });
    const r = buildAnkiImport(openAnki(pkg, 'n.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: Date.UTC(2024, 0, 1) });
    expect(r.decks[0]!.cards[0]).toMatchObject({ type: 'typed', question: 'cuatro', answer: 'four' });
  });
});
