import { hasVisibleText } from '../../../src/deck/visible';

describe('visible text', () => {
  test('agrees with Unicode, code point by code point: not space, not a control, not default-ignorable', () => {
    const reference = /[^\s\p{Default_Ignorable_Code_Point}\p{Cc}]/u;
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (hasVisibleText(ch) !== reference.test(ch)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  test('zero-width characters alone are no text; with a letter they are', () => {
    expect(hasVisibleText('\u200b\u200c\u200d\u2060\ufeff \t\u00ad')).toBe(false);
    expect(hasVisibleText('\u{E0041}\u{E0042}')).toBe(false);
    expect(hasVisibleText('a\u200b')).toBe(true);
    expect(hasVisibleText('😀')).toBe(true);
  });
});
