import { expandCard, expandDeck, itemId, parseItemId } from '../../../src/deck/items';
import type { Deck } from '../../../src/deck/schema';

const deck: Deck = {
  id: 'chips',
  version: 1,
  title: 'Chips',
  cards: [
    { id: 'plain', type: 'basic', front: 'F', back: 'B' },
    { id: 'both', type: 'basic', front: 'F', back: 'B', reverse: true },
    { id: 'gap', type: 'cloze', text: '{{c2::Nvidia}} sells {{c1::H20}} and {{c2::H100}}' },
    { id: 'pick', type: 'mcq', question: 'Q', choices: ['a', 'b'], answer: 0 },
    { id: 'tf', type: 'truefalse', statement: 'S', answer: true },
    { id: 'typed', type: 'typed', question: 'Q', answer: 'A' },
  ],
};

describe('review items', () => {
  it('builds stable ids', () => {
    expect(itemId('d', 'c')).toBe('d/c');
    expect(itemId('d', 'c', 'c2')).toBe('d/c#c2');
    expect(parseItemId('d/c#reverse')).toEqual({ id: 'd/c#reverse', deckId: 'd', cardId: 'c', sub: 'reverse' });
    expect(parseItemId('d/c')).toEqual({ id: 'd/c', deckId: 'd', cardId: 'c', sub: '' });
    expect(() => parseItemId('nonsense')).toThrow(/not a review item id/);
  });

  it('expands one item per card, side and cloze deletion', () => {
    expect(expandDeck(deck).map((r) => r.id)).toEqual([
      'chips/plain',
      'chips/both',
      'chips/both#reverse',
      'chips/gap#c1',
      'chips/gap#c2',
      'chips/pick',
      'chips/tf',
      'chips/typed',
    ]);
    expect(expandCard('chips', deck.cards[1]!)).toEqual([
      { id: 'chips/both', deckId: 'chips', cardId: 'both', sub: '' },
      { id: 'chips/both#reverse', deckId: 'chips', cardId: 'both', sub: 'reverse' },
    ]);
  });

  it('keeps ids when card text changes', () => {
    const edited: Deck = { ...deck, cards: deck.cards.map((c) => (c.type === 'basic' ? { ...c, front: 'changed' } : c)) };
    expect(expandDeck(edited)).toEqual(expandDeck(deck));
  });
});
