import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { zipSync } from 'fflate';
import { buildAnkiImport, openAnki, type AnkiImport } from '../../../../src/author/import/anki/read';
import { summarizeReport } from '../../../../src/author/import/anki/report';
import { AnkiImportError } from '../../../../src/author/import/anki/errors';
import { DEFAULT_SETTINGS } from '../../../../src/srs/types';
import { expandDeck } from '../../../../src/deck/items';
import type { Card } from '../../../../src/deck/schema';
import { validateDeck } from '../../../../src/deck/validate';
import { fixture, loadSql } from './helpers';

const NOW = Date.UTC(2024, 0, 1, 12);
let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

const load = (file: string, hierarchy: 'decks' | 'tags' = 'decks'): AnkiImport =>
  buildAnkiImport(openAnki(fixture(file), file, SQL), { hierarchy, settings: DEFAULT_SETTINGS, now: NOW });

const allCards = (r: AnkiImport) => r.decks.flatMap((d) => d.cards);
const byFront = (r: AnkiImport, front: string) => allCards(r).find((c) => (c.type === 'basic' && c.front === front) || (c.type === 'typed' && c.question === front)) as Card;

describe.each(['deck-anki2.apkg', 'deck-anki21.apkg', 'deck-anki21b.apkg', 'collection.colpkg'])('%s', (file) => {
  let r: AnkiImport;
  beforeAll(() => {
    r = load(file);
  });

  it('reads the real collection, not the placeholder, and reports the counts', () => {
    expect(allCards(r).some((c) => c.type === 'basic' && /newer version of Anki/.test(c.front))).toBe(false);
    expect(r.report.totalNotes).toBe(13);
    expect(r.report.importedNotes).toBe(13);
    expect(summarizeReport(r.report)).toBe('19 cards in 13 notes, 10 reviews, 3 media files; 1 media file not imported');
  });

  it('keeps the deck hierarchy as decks', () => {
    expect(r.decks.map((d) => [d.id, d.title, expandDeck(d).length])).toEqual([
      ['languages-spanish', 'Languages › Spanish', 7],
      ['languages-spanish-verbs', 'Languages › Spanish › Verbs', 1],
      ['science', 'Science', 11],
    ]);
  });

  it('maps Basic, reversed, optional reversed and type-in notes', () => {
    expect(byFront(r, '**perro**')).toMatchObject({ type: 'basic', back: 'dog', tags: ['animals'] });
    expect(byFront(r, 'Paris')).toMatchObject({ type: 'basic', back: 'capital of France', reverse: true });
    expect(byFront(r, 'H2O')).toMatchObject({ reverse: true });
    expect(byFront(r, 'NaCl')).not.toHaveProperty('reverse');
    expect(byFront(r, '2 + 2 =')).toMatchObject({ type: 'typed', answer: '4' });
  });

  it('maps clozes: several per note, hints, extra text, and nested ones split per deletion', () => {
    const clozes = allCards(r).filter((c) => c.type === 'cloze').map((c) => (c.type === 'cloze' ? [c.text, c.explanation ?? null] : []));
    expect(clozes).toContainEqual(['{{c1::Canberra}} is the capital of {{c2::Australia::a country}}', 'Not Sydney.']);
    expect(clozes).toContainEqual(['{{c1::The mitochondrion makes most of the ATP}} in a cell', null]);
    expect(clozes).toContainEqual(['The {{c2::mitochondrion}} makes most of the ATP in a cell', null]);
    // The script is gone; the repeated c1 stays one deletion number.
    expect(clozes).toContainEqual(['Water boils at {{c1::100}} °C and freezes at {{c1::0}} °C', null]);
    expect(r.report.notices).toContain('Cloze: clozes inside clozes became one card per deletion');
  });

  it('renders a custom note type from its templates, sections included', () => {
    expect(byFront(r, 'la manzana\n![apple (1)](apple-1.png)')).toMatchObject({ back: 'apple\nComo una **manzana**.' });
    expect(byFront(r, 'el pan')).toMatchObject({ back: 'bread\n*no example yet*' });
    expect(byFront(r, 'Say it: bread')).toMatchObject({ back: 'el pan' });
    expect(r.report.notices).toContain('Vocabulary (picture): rendered from its card templates');
  });

  it('carries the media the cards use, HTML turned into Markdown', () => {
    expect(byFront(r, 'gato')).toMatchObject({ back: 'cat\n(a *small* feline)![a sleeping cat](cat.png)' });
    expect([...r.media.keys()].sort()).toEqual(['apple-1.png', 'cat.png', 'hola.mp3']);
    expect(byFront(r, 'hablar')).toMatchObject({ back: '- to speak\n- to talk' });
  });

  it('lists the media in the decks that use them, with picture sizes, as format 2 decks that validate', () => {
    const spanish = r.decks.find((d) => d.id === 'languages-spanish')!;
    expect(spanish.format).toBe(2);
    expect(spanish.media).toEqual([
      { name: 'cat.png', type: 'image/png', width: 4, height: 3 },
      { name: 'hola.mp3', type: 'audio/mpeg' },
      { name: 'apple-1.png', type: 'image/png', width: 2, height: 2 },
    ]);
    expect(allCards(r)).toContainEqual(expect.objectContaining({ type: 'cloze', text: 'Listen: [sound:hola.mp3] means {{c1::hello}}' }));
    // The Science deck's only file is one Briefdeck does not take: it stays a text deck.
    const science = r.decks.find((d) => d.id === 'science')!;
    expect(science).not.toHaveProperty('media');
    expect(science).not.toHaveProperty('format');
    for (const d of r.decks) expect(validateDeck(d)).toMatchObject({ ok: true });
  });

  it('reports what did not come along and the pictures described by their file name', () => {
    expect(byFront(r, 'NaCl')).toMatchObject({ back: 'table salt(picture “scan.tif” not imported)' });
    expect(r.report.skippedMedia).toEqual([{ name: 'scan.tif', reason: expect.stringMatching(/^it is not a picture or sound Briefdeck takes/) }]);
    expect(r.report.namedAlt).toEqual(['apple (1).png']);
    expect(r.report.missingMedia).toEqual([]);
    // The file no card uses is neither counted nor stored.
    expect(r.media.has('unused.png')).toBe(false);
  });

  it('replays the review log through FSRS and keeps suspended and buried cards', () => {
    const perro = r.items.find((i) => i.id === `languages-spanish/${byFront(r, '**perro**').id}`)!;
    expect(perro.state).toBe(2);
    expect(perro.fsrs.reps).toBe(4);
    const gato = r.items.find((i) => i.id === `languages-spanish/${byFront(r, 'gato').id}`)!;
    expect(gato.fsrs.lapses).toBe(1);
    const paris = byFront(r, 'Paris').id;
    expect(r.items.find((i) => i.id === `science/${paris}`)).toMatchObject({ suspended: true, queue: -1 });
    const back = r.items.find((i) => i.id === `science/${paris}#reverse`)!;
    expect(back.buriedUntil).toBeGreaterThan(NOW);
    expect(back.queue).toBe(-2);
    const canberra = allCards(r).find((c) => c.type === 'cloze' && c.text.startsWith('{{c1::Canberra'))!;
    expect(r.items.find((i) => i.id === `science/${canberra.id}#c2`)).toMatchObject({ state: 1 });
    // The manual reschedule is not an answer.
    expect(r.reviews).toHaveLength(10);
    expect(r.reviews.every((v, i) => i === 0 || v.at >= r.reviews[i - 1]!.at)).toBe(true);
    const first = r.reviews.find((v) => v.itemId === perro.id)!;
    expect(first).toMatchObject({ grade: 3, mode: 'study', durationMs: 4000 });
    expect(first.before.state).toBe(0);
  });
});

describe('deck levels as tags', () => {
  it('makes one deck per top level, lower levels becoming a tag', () => {
    const r = load('deck-anki21b.apkg', 'tags');
    expect(r.decks.map((d) => d.id)).toEqual(['languages', 'science']);
    expect(byFront(r, 'hablar').tags).toEqual(['Spanish::Verbs', 'verbs']);
    expect(byFront(r, '**perro**').tags).toEqual(['Spanish', 'animals']);
    // History follows the cards to their new deck.
    expect(r.items.some((i) => i.id.startsWith('languages/'))).toBe(true);
    expect(r.reviews).toHaveLength(10);
  });
});

describe('bad collections', () => {
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(AnkiImportError);
      return e as AnkiImportError;
    }
    throw new Error('expected an error');
  };

  it('names a corrupt SQLite file', () => {
    const junk = new TextEncoder().encode('SQLite format 3\0'.padEnd(4096, 'x'));
    const e = error(() => openAnki(zipSync({ 'collection.anki21': junk }), 'broken.apkg', SQL));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/^broken\.apkg: the collection is damaged or not a database/);
  });

  it('names a database that is not an Anki collection', () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE people (name text)');
    const e = error(() => openAnki(zipSync({ 'collection.anki2': db.export() }), 'other.apkg', SQL));
    expect(e.message).toBe('other.apkg: the collection has no “col” table, so it is not an Anki collection');
  });

  it('refuses a collection from a future Anki', () => {
    const e = error(() => openAnki(fixture('future.apkg'), 'future.apkg', SQL));
    expect(e.kind).toBe('future');
  });
});

describe('Image Occlusion notes', () => {
  it('become occlusion cards from a schema-11 package too; one whose picture is missing is listed as skipped', async () => {
    const { writeSchema11 } = await import('../../../../src/author/anki/schema11');
    const { zipSync: zip } = await import('fflate');
    // Anki's own Image Occlusion note type: a cloze type whose question sets up the masks over the picture.
    const io = {
      id: 77,
      name: 'Image Occlusion',
      kind: 1 as const,
      fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
      templates: [
        {
          name: 'Image Occlusion',
          qfmt: '{{#Header}}<div>{{Header}}</div>{{/Header}}<div style="display: none">{{cloze:Occlusion}}</div><div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div><script>anki.imageOcclusion.setup();</script>',
          afmt: '{{#Header}}<div>{{Header}}</div>{{/Header}}<div style="display: none">{{cloze:Occlusion}}</div><div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>{{#Back Extra}}<div>{{Back Extra}}</div>{{/Back Extra}}',
        },
      ],
    };
    const col = {
      crt: 1_700_000_000,
      ver: 11,
      notetypes: [io],
      decks: [{ id: 9, name: 'Anatomy' }],
      notes: [{ id: 1, guid: 'io', mid: 77, mod: 0, tags: [], fields: ['{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.1:oi=1}}', '<img src="heart.png">', 'The heart', '', ''] }],
      cards: [{ id: 10, nid: 1, did: 9, ord: 0, type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0 }],
      revlog: [],
    };
    const heart = openAnki(fixture('deck-anki21.apkg'), 'f.apkg', SQL).media.get('cat.png')!;
    const pkg = zip({ 'collection.anki2': writeSchema11(SQL, col), media: new TextEncoder().encode('{"0":"heart.png"}'), 0: heart });
    const r = buildAnkiImport(openAnki(pkg, 'anatomy.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
    expect(r.report.skipped).toEqual([]);
    expect(r.decks[0]?.cards).toEqual([
      { id: 'anki-1', type: 'occlusion', image: 'heart.png', alt: 'heart', question: 'The heart', mode: 'hide-all', masks: [{ id: 'c1', x: 0.1, y: 0.2, width: 0.3, height: 0.1, label: 'Box 1' }] },
    ]);
    expect(summarizeReport(r.report)).toBe('1 card in 1 note, 0 reviews, 1 media file');
    const without = zip({ 'collection.anki2': writeSchema11(SQL, col), media: new TextEncoder().encode('{}') });
    const w = buildAnkiImport(openAnki(without, 'anatomy.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
    expect(w.decks).toEqual([]);
    expect(w.report.skipped).toEqual([{ noteId: 1, label: 'The heart', reason: 'its picture is not in the package, or could not be imported' }]);
    expect(w.report.missingMedia).toEqual(['heart.png']);
  });
});
