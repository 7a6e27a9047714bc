import { tooDeepAt } from '../../../src/deck/json-depth';
import { parseDeckJson } from '../../../src/deck/validate';
import { readText } from './helpers';

describe('JSON nesting depth', () => {
  test('finds the first bracket past the limit, outside strings only', () => {
    expect(tooDeepAt('[[[]]]', 3)).toBe(-1);
    expect(tooDeepAt('[[[[]]]]', 3)).toBe(3);
    expect(tooDeepAt('{"a":"[[[[[[\\"[[[["}', 2)).toBe(-1);
    expect(tooDeepAt('[{"a":[{}]}]', 3)).toBe(7);
  });

  test('a deck file of nested lists is refused before parsing, with its position', () => {
    const r = parseDeckJson(`{"cards":\n${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`);
    expect(r).toEqual({ ok: false, errors: [{ path: 'deck', message: 'nests lists and objects more than 16 levels deep (line 2, column 16); a deck needs 4' }] });
  });

  test('the bundled decks are far from the limit', () => {
    expect(parseDeckJson(readText('decks/article-full.json')).ok).toBe(true);
  });
});
