import { describe, expect, test } from 'vitest';
import { diffAnswer, editDistance, matchAnswer, normaliseAnswer } from '../../../src/deck/answer-match';

describe('normaliseAnswer', () => {
  test.each([
    ['  Hello,   World! ', 'hello world'],
    ['Café São Paulo', 'cafe sao paulo'],
    ['Straße', 'strasse'],
    ["Don't", 'dont'],
    ['don’t', 'dont'],
    ['U.S.-China', 'u s china'],
    ['1,000', '1000'],
    ['3.5 nm', '3.5 nm'],
    ['R&D', 'r and d'],
    ['Ｈｅｌｌｏ', 'hello'],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(normaliseAnswer(input)).toBe(out);
  });
});

describe('editDistance', () => {
  test('counts an adjacent swap as one edit', () => {
    expect(editDistance('nvidia', 'nivdia')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('matchAnswer', () => {
  test('case, accents, punctuation and spacing never make an answer wrong', () => {
    expect(matchAnswer('  export CONTROLS. ', 'Export controls').verdict).toBe('exact');
    expect(matchAnswer('Beijing', 'Béijīng').verdict).toBe('exact');
  });

  test('accepted alternatives count as exact and are reported as the best match', () => {
    const r = matchAnswer('PRC', 'China', ['People’s Republic of China', 'PRC']);
    expect(r).toEqual({ verdict: 'exact', best: 'PRC', distance: 0 });
  });

  test('a one-letter typo in a 5–9 letter answer is close', () => {
    expect(matchAnswer('Nvidai', 'Nvidia')).toEqual({ verdict: 'close', best: 'Nvidia', distance: 1 });
    expect(matchAnswer('Nvdai', 'Nvidia').verdict).toBe('wrong');
  });

  test('two typos are allowed from 10 characters', () => {
    expect(matchAnswer('semicondcutr', 'semiconductor').verdict).toBe('close');
    expect(matchAnswer('semicndctr', 'semiconductor').verdict).toBe('wrong');
  });

  test('short answers never get typo tolerance', () => {
    expect(matchAnswer('cat', 'car').verdict).toBe('wrong');
    expect(matchAnswer('H10', 'H20').verdict).toBe('wrong');
  });

  test('numbers that differ are wrong even inside a long answer', () => {
    expect(matchAnswer('October 2023', 'October 2022').verdict).toBe('wrong');
    expect(matchAnswer('Octobr 2022', 'October 2022').verdict).toBe('close');
    expect(matchAnswer('35 percent', '3.5 percent').verdict).toBe('wrong');
  });

  test('typo tolerance can be switched off', () => {
    expect(matchAnswer('Nvidai', 'Nvidia', [], { typos: false }).verdict).toBe('wrong');
  });

  test('an empty answer is wrong, never exact', () => {
    expect(matchAnswer('   ', 'Nvidia').verdict).toBe('wrong');
    expect(matchAnswer('!!!', 'Nvidia').verdict).toBe('wrong');
  });

  test('an answer made only of symbols is compared as written', () => {
    expect(matchAnswer('+', '+').verdict).toBe('exact');
    expect(matchAnswer('-', '+').verdict).toBe('wrong');
  });
});

describe('diffAnswer', () => {
  const show = (parts: { kind: string; text: string }[]) => parts.map((p) => `${p.kind}:${p.text}`).join('|');

  test('identical answers are one same part', () => {
    expect(diffAnswer('Nvidia', 'Nvidia')).toEqual([{ kind: 'same', text: 'Nvidia' }]);
  });

  test('case and accent differences show the expected spelling as same', () => {
    expect(diffAnswer('cafe', 'Café')).toEqual([{ kind: 'same', text: 'Café' }]);
  });

  test('missing and extra letters are marked', () => {
    expect(show(diffAnswer('Nvida', 'Nvidia'))).toBe('same:Nvid|missing:i|same:a');
    expect(show(diffAnswer('Nviddia', 'Nvidia'))).toBe('same:Nvid|extra:d|same:ia');
  });

  test('a wrong answer keeps every character of both sides', () => {
    const parts = diffAnswer('AMD', 'Nvidia');
    const expected = parts.filter((p) => p.kind !== 'extra').map((p) => p.text).join('');
    const given = parts.filter((p) => p.kind !== 'missing').map((p) => p.text).join('');
    expect(expected).toBe('Nvidia');
    expect(given.toLowerCase()).toBe('amd');
  });

  test('empty input shows the whole answer as missing', () => {
    expect(diffAnswer('', 'Nvidia')).toEqual([{ kind: 'missing', text: 'Nvidia' }]);
  });
});
