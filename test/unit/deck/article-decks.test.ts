/** The bundled article decks: they validate, and they are the study material the format promises. */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCloze } from '../../../src/deck/cloze';
import { CARD_TYPES, type Card, type Deck } from '../../../src/deck/schema';
import { parseDeckJson } from '../../../src/deck/validate';
import { ARTICLE_DECKS, readText } from './helpers';

function load(file: string): Deck {
  const result = parseDeckJson(readText(file));
  if (!result.ok) throw new Error(`${file}:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return result.deck;
}

const full = load('decks/article-full.json');
const brief = load('decks/article-brief.json');
const ofType = <T extends Card['type']>(deck: Deck, type: T) => deck.cards.filter((c): c is Extract<Card, { type: T }> => c.type === type);

describe.each(ARTICLE_DECKS)('%s', (file) => {
  const deck = load(file);

  it('is valid and named after its id', () => {
    expect(basename(file, '.json')).toBe(deck.id);
    // The full deck carries a diagram, so it is format 2; the brief deck is text only.
    expect(deck.format).toBe(deck.media ? 2 : 1);
    expect(deck.language).toBe('en');
  });

  it('cites the article without carrying its text', () => {
    expect(deck.source).toEqual({
      title: 'Trump Let China Use a Key AI Chip. Not So Fast, Beijing Says',
      author: 'Mackenzie Hawkins',
      publisher: 'Bloomberg',
    });
  });

  it('links every card to a key point and uses every key point', () => {
    const ids = new Set(deck.keyPoints?.map((k) => k.id));
    for (const card of deck.cards) expect(ids.has(card.keyPoint ?? ''), card.id).toBe(true);
    const used = new Set(deck.cards.map((c) => c.keyPoint));
    for (const id of ids) expect(used.has(id), id).toBe(true);
  });

  it('uses all five text card types, and image occlusion where it carries a picture', () => {
    const textTypes = CARD_TYPES.filter((t) => t !== 'occlusion');
    expect(new Set(deck.cards.map((c) => c.type))).toEqual(new Set(deck.media ? CARD_TYPES : textTypes));
  });

  it('asks why imported chips were a stopgap', () => {
    const stopgap = ofType(deck, 'basic').find((c) => /why .*imported .*chips .*stopgap/i.test(c.front));
    expect(stopgap?.keyPoint).toBe('stopgap');
  });

  it('keeps typed answers short (1 to 4 words)', () => {
    for (const card of ofType(deck, 'typed')) {
      for (const answer of [card.answer, ...(card.accept ?? [])]) {
        expect(answer.trim().split(/\s+/).length, `${card.id}: ${answer}`).toBeLessThanOrEqual(4);
      }
    }
  });

  it('explains most cards', () => {
    const explained = deck.cards.filter((c) => c.explanation).length;
    expect(explained / deck.cards.length).toBeGreaterThanOrEqual(0.75);
  });

  it('gives every multiple-choice question at least three options, the right one not always first', () => {
    const mcqs = ofType(deck, 'mcq');
    for (const card of mcqs) expect(card.choices.length, card.id).toBeGreaterThanOrEqual(3);
    const firsts = new Set(mcqs.map((c) => (Array.isArray(c.answer) ? c.answer[0] : c.answer)));
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('the full study deck', () => {
  it('has at least 40 cards over every key point of the article', () => {
    expect(full.cards.length).toBeGreaterThanOrEqual(40);
    expect(full.keyPoints?.map((k) => k.id)).toEqual([
      'washington-narrative',
      'beijing-view',
      'chips-that-flowed',
      'helpful-not-decisive',
      'stopgap',
      'domestic-investment',
      'engine-analogy',
      'domestic-champions',
      'older-generations',
      'restrictions-signal',
      'made-in-china-2025',
      'tighter-controls',
      'supply-chain-sovereignty',
      'long-game',
    ]);
  });

  it('uses the richer features of each card type', () => {
    expect(ofType(full, 'basic').filter((c) => c.reverse).length).toBeGreaterThanOrEqual(2);
    const clozes = ofType(full, 'cloze').map((c) => parseCloze(c.text));
    expect(clozes.filter((p) => p.numbers.length >= 2).length).toBeGreaterThanOrEqual(3);
    expect(clozes.filter((p) => p.segments.some((s) => s.kind === 'deletion' && s.hint)).length).toBeGreaterThanOrEqual(2);
    expect(ofType(full, 'mcq').some((c) => Array.isArray(c.answer) && c.answer.length > 1)).toBe(true);
    expect(ofType(full, 'typed').every((c) => (c.accept?.length ?? 0) > 0)).toBe(true);
    const tf = ofType(full, 'truefalse');
    expect(tf.some((c) => c.answer) && tf.some((c) => !c.answer)).toBe(true);
  });

  it('names the facts a student must retain', () => {
    const text = JSON.stringify(full.cards);
    for (const fact of ['A100', 'Huawei', 'SenseTime', 'Baidu', 'Made in China 2025', 'Biden', 'Intel', 'design tools']) {
      expect(text, fact).toContain(fact);
    }
  });
});

describe('the briefing deck', () => {
  it('has 10 to 15 cards', () => {
    expect(brief.cards.length).toBeGreaterThanOrEqual(10);
    expect(brief.cards.length).toBeLessThanOrEqual(15);
  });

  it('uses key point ids from the full deck', () => {
    const fullIds = new Set(full.keyPoints?.map((k) => k.id));
    for (const kp of brief.keyPoints ?? []) expect(fullIds.has(kp.id), kp.id).toBe(true);
  });
});

describe('the engine-and-car diagram', () => {
  it('is an SVG the full deck lists with its size and shows, with alt text, on one card', () => {
    expect(full.media).toEqual([{ name: 'engine-car.svg', type: 'image/svg+xml', width: 640, height: 360 }]);
    const showing = full.cards.filter((c) => JSON.stringify(c).includes('](engine-car.svg)'));
    expect(showing.map((c) => c.id)).toEqual(['engine-meaning']);
    const alt = /!\[([^\]]+)\]\(engine-car\.svg\)/.exec(JSON.stringify(showing[0]))![1]!;
    expect(alt).toMatch(/engine.*imported chips/i);
    expect(alt).toMatch(/car.*AI industry/i);
    const svg = readText('decks/media/engine-car.svg');
    expect(svg).toMatch(/^<svg[^>]+viewBox="0 0 640 360"/);
    expect(svg).not.toMatch(/<script|on\w+=|href=/i);
  });
});
