import { cleanForSave, errorsByPath, fieldId, move, parseTags, withType } from '../../../src/author/edit-model';
import type { Card, Deck } from '../../../src/deck/schema';
import { validateDeck } from '../../../src/deck/validate';

describe('edit model', () => {
  test('changing a card type keeps its id, key point, tags and main text', () => {
    const basic: Card = { id: 'keep-me', type: 'basic', front: 'Capital of Peru?', back: 'Lima', keyPoint: 'kp', tags: ['geo'] };
    const typed = withType(basic, 'typed');
    expect(typed).toEqual({ id: 'keep-me', type: 'typed', question: 'Capital of Peru?', answer: 'Lima', keyPoint: 'kp', tags: ['geo'] });
    const mcq = withType(typed, 'mcq');
    expect(mcq).toMatchObject({ id: 'keep-me', type: 'mcq', question: 'Capital of Peru?', choices: ['Lima', ''], answer: 0 });
    expect(withType(mcq, 'cloze')).toMatchObject({ id: 'keep-me', type: 'cloze', text: 'Capital of Peru?' });
    expect(withType(mcq, 'truefalse')).toMatchObject({ id: 'keep-me', statement: 'Capital of Peru?', answer: true });
  });

  test('empty optional fields are dropped before validation, so only real problems are reported', () => {
    const deck: Deck = {
      id: 'd',
      version: 1,
      title: 'T',
      description: '  ',
      language: '',
      tags: [],
      source: { title: '', author: '' },
      keyPoints: [],
      cards: [{ id: 'c', type: 'typed', question: 'Q', answer: 'A', accept: ['', ' b ', ''], explanation: '', keyPoint: '', tags: [] }],
    };
    const clean = cleanForSave(deck);
    expect(clean).toEqual({ id: 'd', version: 1, title: 'T', cards: [{ id: 'c', type: 'typed', question: 'Q', answer: 'A', accept: [' b '] }] });
    expect(validateDeck(clean).ok).toBe(true);
  });

  test('move, tags, error map and field ids', () => {
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b'], 1, 5)).toEqual(['a', 'b']);
    expect(parseTags('geo, europe  geo,')).toEqual(['geo', 'europe']);
    const map = errorsByPath([
      { path: 'cards[2].front', message: 'must not be empty' },
      { path: 'cards[2].front', message: 'is too long' },
    ]);
    expect(map.get('cards[2].front')).toEqual(['must not be empty', 'is too long']);
    expect(fieldId('cards[2].choices[1]')).toBe('f-cards-2-choices-1');
  });
});
