import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { deckToAnkiCollection } from '../../../../src/author/anki/from-deck';
import { writeApkg } from '../../../../src/author/anki/apkg';
import { markdownToHtml } from '../../../../src/author/anki/markdown-html';
import { buildAnkiImport, openAnki } from '../../../../src/author/import/anki/read';
import type { Deck } from '../../../../src/deck/schema';
import { expandDeck } from '../../../../src/deck/items';
import { gradeItem, newItem } from '../../../../src/srs/scheduler';
import { DEFAULT_SETTINGS, type ItemRecord, type ReviewRecord } from '../../../../src/srs/types';
import { unzipSync } from 'fflate';
import { saveDeckWithMedia } from '../../../../src/store/media';
import { closeStore } from '../../../../src/store';
import { validateDeck } from '../../../../src/deck/validate';
import { openPackage } from '../../../../src/author/import/anki/package';
import { fixture, loadSql } from './helpers';

const NOW = Date.UTC(2024, 5, 1, 12);
const DAY = 86_400_000;
let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

const deck: Deck = {
  id: 'trip',
  version: 3,
  title: 'Field trip',
  keyPoints: [{ id: 'rocks', text: 'Rocks tell time.' }],
  cards: [
    { id: 'basalt', type: 'basic', front: 'What is **basalt**?', back: 'A volcanic rock\n- dark\n- fine-grained', keyPoint: 'rocks', tags: ['geology'] },
    { id: 'strata', type: 'basic', front: 'Strata', back: 'Layers of rock & soil', reverse: true },
    { id: 'age', type: 'cloze', text: 'The {{c1::Jurassic}} came after the {{c2::Triassic::a period}}.', explanation: 'About 200 million years ago.' },
    { id: 'capital', type: 'typed', question: 'Capital of Peru?', answer: 'Lima' },
    { id: 'hardest', type: 'mcq', question: 'Hardest mineral?', choices: ['Quartz', 'Diamond', 'Talc'], answer: 1 },
    { id: 'lava', type: 'truefalse', statement: 'Lava is cold.', answer: false },
  ],
};

/** Items and answers as a learner's study left them: strata reviewed three times, basalt once, suspended. */
function studied(): { items: ItemRecord[]; reviews: ReviewRecord[] } {
  const refs = new Map(expandDeck(deck).map((r) => [r.id, r]));
  const reviews: ReviewRecord[] = [];
  const items = new Map<string, ItemRecord>();
  const answer = (id: string, grade: 1 | 3, at: number) => {
    const before = items.get(id) ?? newItem(refs.get(id)!, at);
    const { item } = gradeItem(before, grade, at, DEFAULT_SETTINGS, { fuzz: false });
    items.set(id, item);
    reviews.push({ itemId: id, deckId: 'trip', cardId: refs.get(id)!.cardId, grade, mode: 'study', at, durationMs: 3000, before, after: item.fsrs });
  };
  answer('trip/strata', 3, NOW - 20 * DAY);
  answer('trip/strata', 3, NOW - 19 * DAY);
  answer('trip/strata', 1, NOW - 10 * DAY);
  answer('trip/basalt', 3, NOW - 5 * DAY);
  items.set('trip/basalt', { ...items.get('trip/basalt')!, suspended: true });
  return { items: [...items.values()], reviews };
}

describe('export for Anki', () => {
  it('turns Markdown into the HTML Anki fields hold, escaping text', () => {
    expect(markdownToHtml('**a** & *b* <i>\n- x\n- y')).toBe('<b>a</b> &amp; <i>b</i> &lt;i&gt;<br><ul><li>x</li><li>y</li></ul>');
  });

  it('round trip: a deck exported for Anki and imported back keeps its cards', () => {
    const bytes = writeApkg(SQL, deckToAnkiCollection(deck, null, NOW), NOW);
    const back = buildAnkiImport(openAnki(bytes, 'trip.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
    expect(back.report.skipped).toEqual([]);
    expect(back.decks).toHaveLength(1);
    const [d] = back.decks;
    expect(d!.title).toBe('Field trip');
    const strip = (c: Record<string, unknown>) => {
      const { id: _id, ...rest } = c;
      return rest;
    };
    expect(d!.cards.map(strip)).toEqual([
      { type: 'basic', front: 'What is **basalt**?', back: 'A volcanic rock\n- dark\n- fine-grained', tags: ['geology', 'key-point::rocks'] },
      { type: 'basic', front: 'Strata', back: 'Layers of rock & soil', reverse: true },
      { type: 'cloze', text: 'The {{c1::Jurassic}} came after the {{c2::Triassic::a period}}.', explanation: 'About 200 million years ago.' },
      { type: 'typed', question: 'Capital of Peru?', answer: 'Lima' },
      { type: 'basic', front: 'Hardest mineral?\n- A. Quartz\n- B. Diamond\n- C. Talc', back: 'B. Diamond' },
      { type: 'basic', front: 'Lava is cold.\n\nTrue or false?', back: 'False' },
    ]);
    expect(expandDeck(d!)).toHaveLength(expandDeck(deck).length);
  });

  it('with the review history, answers and states come back', () => {
    const progress = studied();
    const bytes = writeApkg(SQL, deckToAnkiCollection(deck, progress, NOW), NOW);
    const back = buildAnkiImport(openAnki(bytes, 'trip.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
    expect(back.reviews.map((r) => [r.grade, r.at])).toEqual(progress.reviews.map((r) => [r.grade, r.at]));
    const [d] = back.decks;
    const strata = back.items.find((i) => i.id === `${d!.id}/${d!.cards[1]!.id}`)!;
    const original = progress.items.find((i) => i.id === 'trip/strata')!;
    // Replayed through the same scheduler with the same answers: the same state.
    expect(strata.fsrs).toEqual(original.fsrs);
    expect(back.items.find((i) => i.id === `${d!.id}/${d!.cards[0]!.id}`)?.suspended).toBe(true);
  });

  it('writes pictures and sounds as HTML Anki shows, the files under a legacy media map', () => {
    expect(markdownToHtml('A **map** ![the coast of *Peru*](peru.png) and [sound:ni-hao.mp3]', new Set(['peru.png', 'ni-hao.mp3']))).toBe(
      'A <b>map</b> <img src="peru.png" alt="the coast of *Peru*"> and [sound:ni-hao.mp3]',
    );
    // Not a listed file (or a text deck): the characters stay text.
    expect(markdownToHtml('![x](other.png)', new Set(['peru.png']))).toBe('![x](other.png)');
  });

  it('round trip with media: the cards, the pictures and the sounds come back the same', async () => {
    const files = openPackage(fixture('deck-anki21.apkg'), 'f.apkg').media;
    const png = files.get('cat.png')!;
    const mp3 = files.get('hola.mp3')!;
    const rich: Deck = {
      format: 2,
      id: 'andes',
      version: 1,
      title: 'Andes',
      media: [
        { name: 'peru.png', type: 'image/png', width: 4, height: 3 },
        { name: 'ni-hao.mp3', type: 'audio/mpeg' },
      ],
      cards: [
        { id: 'coast', type: 'basic', front: 'Which country?\n![the coast of Peru](peru.png)', back: 'Peru [sound:ni-hao.mp3]' },
        { id: 'cap', type: 'cloze', text: 'The capital of ![a flag](peru.png) is {{c1::Lima}}.' },
      ],
    };
    expect(validateDeck(rich)).toMatchObject({ ok: true });
    // Stored first, as an export reads it: the files by hash.
    await closeStore();
    const stored = await saveDeckWithMedia(rich, new Map([['peru.png', png], ['ni-hao.mp3', mp3]]), 'authored', NOW);
    const { ankiPackage } = await import('../../../../src/author/anki/export-file');
    const bytes = await ankiPackage(stored, false, NOW);
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual(['0', '1', 'collection.anki2', 'media']);
    expect(JSON.parse(new TextDecoder().decode(entries.media))).toEqual({ 0: 'peru.png', 1: 'ni-hao.mp3' });
    expect([...entries['0']!]).toEqual([...png]);

    const back = buildAnkiImport(openAnki(bytes, 'andes.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
    expect(back.report).toMatchObject({ mediaCount: 2, skippedMedia: [], missingMedia: [], namedAlt: [] });
    const [d] = back.decks;
    expect(d!.cards.map((c) => (c.type === 'basic' ? [c.front, c.back] : c.type === 'cloze' ? [c.text] : []))).toEqual([
      ['Which country?\n![the coast of Peru](peru.png)', 'Peru [sound:ni-hao.mp3]'],
      ['The capital of ![a flag](peru.png) is {{c1::Lima}}.'],
    ]);
    expect(d!.media).toEqual(rich.media);
    expect([...back.media.get('peru.png')!]).toEqual([...png]);
    expect([...back.media.get('ni-hao.mp3')!]).toEqual([...mp3]);
  });

  it('an occlusion card becomes a cloze note with one deletion per mask, so each mask keeps its own card and progress', () => {
    const occluded: Deck = {
      format: 2,
      id: 'parts',
      version: 1,
      title: 'Parts',
      media: [{ name: 'engine.png', type: 'image/png', width: 8, height: 6 }],
      cards: [
        {
          id: 'engine',
          type: 'occlusion',
          image: 'engine.png',
          alt: 'An <engine>',
          mode: 'hide-all',
          masks: [
            { id: 'piston', x: 0, y: 0, width: 0.2, height: 0.2, label: 'Piston & rod' },
            { id: 'crank', x: 0.6, y: 0.7, width: 0.3, height: 0.2, label: 'Crankshaft' },
          ],
        },
      ],
    };
    const col = deckToAnkiCollection(occluded, null, NOW);
    expect(col.notes).toHaveLength(1);
    expect(col.notes[0]!.fields[0]).toBe('An &lt;engine&gt;<ul><li>top left: {{c1::Piston &amp; rod}}</li><li>bottom right: {{c2::Crankshaft}}</li></ul>');
    expect(col.cards.map((c) => c.ord)).toEqual([0, 1]);
  });
});

