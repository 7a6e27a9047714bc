/** Image occlusion cards: the validator's rules with their paths, review items per mask, what each mask shows, and quiz questions. */
import { describe, expect, it } from 'vitest';
import { expandCard } from '../../../src/deck/items';
import { maskDescription, maskPlace, maskStates, occlusionAnswer, occlusionFront } from '../../../src/deck/occlusion';
import type { Deck, OcclusionCard } from '../../../src/deck/schema';
import { validateDeck } from '../../../src/deck/validate';
import { buildQuiz, checkAnswer } from '../../../src/quiz/engine';
import { answerText } from '../../../src/study/card-face';

function occlusionDeck(): any {
  return {
    format: 2,
    id: 'parts',
    version: 1,
    title: 'Engine parts',
    media: [{ name: 'engine.png', type: 'image/png', width: 800, height: 600 }],
    cards: [
      {
        id: 'engine',
        type: 'occlusion',
        image: 'engine.png',
        alt: 'a labelled drawing of an engine',
        mode: 'hide-all',
        masks: [
          { id: 'piston', x: 0.1, y: 0.1, width: 0.2, height: 0.1, label: 'Piston' },
          { id: 'valve', x: 0.7, y: 0.1, width: 0.2, height: 0.1, label: 'Valve' },
          { id: 'crank', x: 0.4, y: 0.8, width: 0.3, height: 0.15, label: 'Crankshaft' },
        ],
      },
    ],
  };
}

const errorsOf = (input: unknown) => {
  const r = validateDeck(input);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('validating occlusion cards', () => {
  it('accepts a card with its picture listed', () => {
    expect(errorsOf(occlusionDeck())).toEqual([]);
  });

  it('needs format 2', () => {
    const deck = occlusionDeck();
    deck.format = 1;
    delete deck.media;
    expect(errorsOf(deck)).toContain('cards[0].type: is "occlusion", which needs "format": 2 with the picture listed in media');
  });

  it('needs the picture in media, and a picture', () => {
    const deck = occlusionDeck();
    deck.cards[0].image = 'gone.png';
    expect(errorsOf(deck)).toEqual(['cards[0].image: is "gone.png", which is not in media']);
    deck.media.push({ name: 'say.mp3', type: 'audio/mpeg' });
    deck.cards[0].image = 'say.mp3';
    expect(errorsOf(deck)).toEqual(['cards[0].image: is "say.mp3", which is audio/mpeg, not a picture']);
  });

  it('needs alt text, a mode and at least one mask', () => {
    const deck = occlusionDeck();
    deck.cards[0].alt = ' ';
    deck.cards[0].mode = 'hide-some';
    deck.cards[0].masks = [];
    const errors = errorsOf(deck);
    expect(errors).toContain('cards[0].alt: must not be empty');
    expect(errors.find((e) => e.startsWith('cards[0].mode:'))).toMatch(/"hide-one".*"hide-all"/);
    expect(errors).toContain('cards[0].masks: needs at least 1 mask');
  });

  it('names the mask whose id repeats, whose box leaves the picture or has no size', () => {
    const deck = occlusionDeck();
    deck.cards[0].masks[1].id = 'piston';
    deck.cards[0].masks[2].x = 0.8;
    deck.cards[0].masks[0].height = 0;
    expect(errorsOf(deck)).toEqual([
      'cards[0].masks[0].height: is 0; a mask must cover some of the image',
      'cards[0].masks[1].id: repeats the mask id "piston" of masks[0]; each mask is its own review item',
      'cards[0].masks[2].width: reaches past the right edge of the image (x + width is 1.1; at most 1)',
    ]);
  });

  it('refuses shares outside 0 to 1, unknown fields and labels that show nothing', () => {
    const deck = occlusionDeck();
    deck.cards[0].masks[0].x = -0.1;
    deck.cards[0].masks[1].y = 2;
    deck.cards[0].masks[1].colour = 'red';
    deck.cards[0].masks[2].label = '\u200b';
    const errors = errorsOf(deck);
    expect(errors).toContain('cards[0].masks[0].x: must be 0 or more');
    expect(errors).toContain('cards[0].masks[1].y: must be at most 1 (the whole image)');
    expect(errors).toContain('cards[0].masks[1].colour: is not a field this card or deck can have (check the spelling)');
    expect(errors).toContain('cards[0].masks[2].label: must not be empty');
  });

  it('counts one review item per mask toward the deck limit', () => {
    const deck = occlusionDeck();
    const masks = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, x: 0, y: 0, width: 0.1, height: 0.1, label: `L${i}` }));
    deck.cards = Array.from({ length: 201 }, (_, i) => ({ ...deck.cards[0], id: `c${i}`, masks }));
    expect(errorsOf(deck)).toEqual(['cards: make 10050 review items; a deck may make at most 10000']);
  });
});

describe('occlusion review items', () => {
  const card = occlusionDeck().cards[0] as OcclusionCard;

  it('makes one item per mask, keyed by the mask id, so moving or relabelling keeps progress', () => {
    expect(expandCard('parts', card).map((r) => r.id)).toEqual(['parts/engine#piston', 'parts/engine#valve', 'parts/engine#crank']);
    const moved = { ...card, masks: card.masks.map((m) => ({ ...m, x: 0, label: `${m.label}!` })).reverse() };
    expect(new Set(expandCard('parts', moved).map((r) => r.id))).toEqual(new Set(expandCard('parts', card).map((r) => r.id)));
  });

  it('hide-all covers every mask and uncovers only the asked one', () => {
    expect(maskStates(card, 'valve', false).map((s) => s.state)).toEqual(['covered', 'asked', 'covered']);
    expect(maskStates(card, 'valve', true).map((s) => s.state)).toEqual(['covered', 'answer', 'covered']);
  });

  it('hide-one covers only the asked mask', () => {
    const one = { ...card, mode: 'hide-one' as const };
    expect(maskStates(one, 'crank', false).map((s) => s.state)).toEqual(['open', 'open', 'asked']);
    expect(maskStates(one, 'crank', true).map((s) => s.state)).toEqual(['open', 'open', 'answer']);
  });

  it('describes masks in words without giving the asked label away', () => {
    const [piston, , crank] = card.masks;
    expect(maskPlace(piston!)).toBe('top left');
    expect(maskPlace(crank!)).toBe('bottom centre');
    expect(maskDescription(piston!, 'asked')).toBe('Asked: the highlighted box, top left');
    expect(maskDescription(piston!, 'asked')).not.toContain('Piston');
    expect(maskDescription(piston!, 'covered')).not.toContain('Piston');
    expect(maskDescription(piston!, 'answer')).toBe('Answer, top left: Piston');
    expect(maskDescription(piston!, 'open')).toBe('Piston, top left');
    expect(occlusionFront(card, 'crank')).toBe('What does the highlighted box hide? a labelled drawing of an engine. The box bottom centre.');
    expect(occlusionAnswer(card, 'crank')).toBe('Crankshaft');
    expect(answerText(card, 'valve')).toBe('Valve');
  });
});

describe('occlusion in a quiz', () => {
  it('asks each mask with the picture, the other labels as the wrong choices', () => {
    const checked = validateDeck(occlusionDeck());
    if (!checked.ok) throw new Error('invalid');
    const deck: Deck = checked.deck;
    const quiz = buildQuiz([deck], { length: 'all', seed: 7 });
    expect(quiz.map((q) => q.sub).sort()).toEqual(['crank', 'piston', 'valve']);
    for (const q of quiz) {
      expect(q.occlusion?.card.id).toBe('engine');
      expect(q.occlusion?.media).toEqual(deck.media);
      if (q.kind === 'typed') throw new Error('expected choices');
      expect([...q.choices].sort()).toEqual(['Crankshaft', 'Piston', 'Valve']);
      const right = q.choices.indexOf(occlusionAnswer(deck.cards[0] as OcclusionCard, q.sub));
      expect(checkAnswer(q, { kind: 'choice', indices: [right] }).correct).toBe(true);
      expect(checkAnswer(q, { kind: 'choice', indices: [(right + 1) % 3] }).correct).toBe(false);
    }
  });
});
