import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { buildAnkiImport, openAnki, type AnkiImport } from '../../../../src/author/import/anki/read';
import { saveAnkiImport } from '../../../../src/author/import/anki/save';
import { closeStore, deckCounts, getItems, getStoredDeck, reviewCount } from '../../../../src/store';
import { reviewBuckets } from '../../../../src/store/buckets';
import { getMediaBytes, mediaUsage } from '../../../../src/store/media';
import { sha256Hex } from '../../../../src/deck/media';
import { DEFAULT_SETTINGS } from '../../../../src/srs/types';
import { newItem } from '../../../../src/srs/scheduler';
import { expandDeck, itemsSignature } from '../../../../src/deck/items';
import { decksToSync } from '../../../../src/store/decks';
import { fixture, loadSql } from './helpers';

const NOW = Date.UTC(2024, 0, 1, 12);
let SQL: SqlJsStatic;
let imp: AnkiImport;
beforeAll(async () => {
  SQL = await loadSql();
  imp = buildAnkiImport(openAnki(fixture('deck-anki21b.apkg'), 'deck.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
});
beforeEach(async () => {
  await closeStore();
});

describe('saveAnkiImport', () => {
  it('stores decks, progress and answers; stats see the history; re-importing adds nothing twice', async () => {
    const saved = await saveAnkiImport(imp, 'replace', NOW);
    expect(saved).toEqual({ deckIds: ['languages-spanish', 'languages-spanish-verbs', 'science'], reviews: 10 });
    expect((await getStoredDeck('science'))?.origin).toBe('imported');
    expect(await reviewCount()).toBe(10);
    const science = await getItems('science');
    expect(science).toHaveLength(11);
    expect(science.filter((i) => i.suspended)).toHaveLength(1);
    // Due counts follow from the history: two reviews overdue, one card in learning; the suspended
    // and the buried card are not offered. Counts are of cards: the basic-and-reversed note's two
    // new directions are one card, and the cloze whose second gap is in learning counts there.
    const counts = await deckCounts(['languages-spanish', 'science'], NOW);
    expect(counts['languages-spanish']).toMatchObject({ due: 2, new: 5, learning: 0 });
    expect(counts.science).toMatchObject({ due: 0, new: 6, learning: 1 });
    // The answers count in the stats, on the days they were given.
    const buckets = await reviewBuckets(DEFAULT_SETTINGS.dayStartHour);
    expect(buckets.reduce((n, b) => n + b.reviewed, 0)).toBe(10);
    expect(new Set(buckets.map((b) => b.day)).size).toBeGreaterThan(3);
    const again = await saveAnkiImport(imp, 'replace', NOW + 1000);
    expect(again.reviews).toBe(0);
    expect(await reviewCount()).toBe(10);
  });

  it('gives a deck new to the store all its items and its sync mark in the one transaction', async () => {
    await saveAnkiImport(imp, 'replace', NOW);
    for (const deck of imp.decks) {
      const refs = expandDeck(deck);
      const items = await getItems(deck.id);
      expect(items.map((i) => i.id).sort()).toEqual(refs.map((r) => r.id).sort());
      // Items without history are made as the deck's own sync makes them: new, in card order.
      const progress = new Set(imp.items.map((i) => i.id));
      refs.forEach((ref, order) => {
        if (progress.has(ref.id)) return;
        expect(items.find((i) => i.id === ref.id)).toEqual(newItem(ref, NOW, order));
      });
      // Marked in line: a study session does not read the deck's items again.
      expect(await decksToSync([{ id: deck.id, items: itemsSignature(refs.map((r) => r.id)) }])).toEqual([]);
    }
  });

  it('brings a replaced deck\'s items in line with its cards after storing it', async () => {
    await saveAnkiImport(imp, 'replace', NOW);
    const science = imp.decks.find((d) => d.id === 'science')!;
    // The learner's deck had one card fewer and one that is gone: re-importing adds the first and
    // orphans the second; items studied in Briefdeck keep their progress.
    const fewer: AnkiImport = { ...imp, decks: imp.decks.map((d) => (d === science ? { ...d, cards: d.cards.slice(1).concat({ id: 'gone', type: 'basic', front: 'a', back: 'b' }) } : d)), items: [], reviews: [] };
    await saveAnkiImport(fewer, 'replace', NOW);
    expect((await getItems('science')).find((i) => i.cardId === 'gone')?.orphaned).toBe(false);
    await saveAnkiImport({ ...imp, items: [], reviews: [] }, 'replace', NOW + 5000);
    const items = await getItems('science');
    expect(items.find((i) => i.cardId === 'gone')?.orphaned).toBe(true);
    const first = expandDeck(science)[0]!;
    expect(items.find((i) => i.id === first.id)).toBeDefined();
    expect(await decksToSync([{ id: 'science', items: itemsSignature(expandDeck(science).map((r) => r.id)) }])).toEqual([]);
  });

  it('imports a copy beside existing decks, history moving with it', async () => {
    await saveAnkiImport(imp, 'replace', NOW);
    const copy = await saveAnkiImport(imp, 'copy', NOW);
    expect(copy.deckIds).toEqual(['languages-spanish-copy', 'languages-spanish-verbs-copy', 'science-copy']);
    expect((await getStoredDeck('science-copy'))?.deck.title).toBe('Science (copy)');
    expect(await reviewCount()).toBe(20);
    expect((await getItems('science-copy')).filter((i) => i.suspended)).toHaveLength(1);
    expect((await getItems('science')).every((i) => i.deckId === 'science')).toBe(true);
    // The copy shares the stored files.
    expect((await getStoredDeck('languages-spanish-copy'))?.deck.media?.map((m) => m.sha256)).toEqual((await getStoredDeck('languages-spanish'))?.deck.media?.map((m) => m.sha256));
    expect((await mediaUsage()).files).toBe(3);
  });

  it('stores the pictures and sounds with the decks, by hash, with the decks listing them', async () => {
    await saveAnkiImport(imp, 'replace', NOW);
    const deck = (await getStoredDeck('languages-spanish'))!.deck;
    expect(deck.format).toBe(2);
    expect(deck.media?.map((m) => m.name)).toEqual(['cat.png', 'hola.mp3', 'apple-1.png']);
    for (const m of deck.media!) {
      const bytes = await getMediaBytes(m.sha256!);
      expect(bytes && (await sha256Hex(bytes))).toBe(m.sha256);
      expect(bytes!.byteLength).toBe(m.bytes);
      expect([...bytes!]).toEqual([...imp.media.get(m.name)!]);
    }
    expect(await mediaUsage()).toEqual({ files: 3, bytes: [...imp.media.values()].reduce((n, b) => n + b.byteLength, 0) });
  });

  it('stores nothing when a file a deck lists is missing', async () => {
    const broken: AnkiImport = { ...imp, media: new Map([...imp.media].filter(([name]) => name !== 'hola.mp3')) };
    await expect(saveAnkiImport(broken, 'replace', NOW)).rejects.toThrow('The media file "hola.mp3" of "Languages › Spanish" is missing, so nothing was imported.');
    expect(await getStoredDeck('science')).toBeUndefined();
    expect(await reviewCount()).toBe(0);
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
  });
});
