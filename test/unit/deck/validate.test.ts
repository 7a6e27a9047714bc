/** The deck validator: one test per error class, each asserting the exact path and what it says. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/deck/schema';
import { formatError, formatPath, parseDeckJson, validateDeck } from '../../../src/deck/validate';
import { AT, errorsAfter, readJson, readText, validDeck } from './helpers';

/** `validateDeck` on a valid deck after `change`. */
function validDeckWith(change: (deck: any) => void) {
  const deck = validDeck();
  change(deck);
  return validateDeck(deck);
}

/** Exactly one error, at `path`, whose message matches `message`. */
function expectOnly(errors: { path: string; message: string }[], path: string, message: RegExp) {
  expect(errors).toHaveLength(1);
  expect(errors[0]!.path).toBe(path);
  expect(errors[0]!.message).toMatch(message);
}

describe('validateDeck: a valid deck', () => {
  it('accepts the sample deck and returns it typed', () => {
    const result = validateDeck(validDeck());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.deck.cards.map((c) => c.type)).toEqual(['basic', 'cloze', 'mcq', 'truefalse', 'typed']);
    expect(result.deck.source?.author).toBe('A. Writer');
  });

  it('accepts a deck with only the required fields', () => {
    const result = validateDeck({ id: 'tiny', version: 1, title: 'Tiny', cards: [{ id: 'a', type: 'truefalse', statement: 'Yes.', answer: false }] });
    expect(result.ok).toBe(true);
  });

  it('accepts a multi-answer mcq and a leap day', () => {
    const result = validateDeck(
      Object.assign(validDeck(), {
        source: { title: 'x', date: '2024-02-29' },
      }),
    );
    expect(result.ok).toBe(true);
    const multi = validDeck();
    multi.cards[AT.mcq].answer = [0, 2];
    expect(validateDeck(multi).ok).toBe(true);
  });
});

describe('validateDeck: structure', () => {
  it('reports an unknown deck field at its name', () => {
    expectOnly(errorsAfter((d) => (d.titel = 'Typo')), 'titel', /not a field .* can have/);
  });

  it('reports an unknown card field at the card', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.basic].bakc = 'x')), 'cards[0].bakc', /not a field/);
  });

  it('names an unknown field whose name is not an identifier in brackets', () => {
    expectOnly(errorsAfter((d) => (d['key points'] = [])), '["key points"]', /not a field/);
  });

  it('reports a missing deck field', () => {
    expectOnly(errorsAfter((d) => delete d.title), 'title', /^is required$/);
  });

  it('reports a missing card field', () => {
    expectOnly(errorsAfter((d) => delete d.cards[AT.basic].back), 'cards[0].back', /^is required$/);
  });

  it('reports a missing card type', () => {
    expectOnly(errorsAfter((d) => delete d.cards[AT.truefalse].type), 'cards[3].type', /^is required$/);
  });

  it('reports an unknown card type and lists the known ones', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.basic].type = 'essay')), 'cards[0].type', /basic, cloze, mcq, truefalse, typed/);
  });

  it('reports wrong types with what was expected', () => {
    expectOnly(errorsAfter((d) => (d.version = '1')), 'version', /must be a number/);
    expectOnly(errorsAfter((d) => (d.version = 1.5)), 'version', /whole number/);
    expectOnly(errorsAfter((d) => (d.cards[AT.basic].reverse = 'yes')), 'cards[0].reverse', /true or false/);
    expectOnly(errorsAfter((d) => (d.cards[AT.truefalse].answer = 'true')), 'cards[3].answer', /true or false/);
    expectOnly(errorsAfter((d) => (d.cards = {})), 'cards', /list of cards/);
    expectOnly(errorsAfter((d) => (d.tags = 'ai')), 'tags', /list of tags/);
  });

  it('reports a card that is not an object', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.typed] = 'What is an A100?')), 'cards[4]', /must be a card/);
    expectOnly(errorsAfter((d) => (d.cards[AT.typed] = null)), 'cards[4]', /must be a card/);
  });

  it('reports a list where an object belongs once, at its own path', () => {
    expectOnly(errorsAfter((d) => (d.source = ['title'])), 'source', /object .*not a list/);
    expectOnly(errorsAfter((d) => (d.keyPoints[1] = [])), 'keyPoints[1]', /object .*not a list/);
  });

  it('reports a broken key point once, not again for every card that uses it', () => {
    expectOnly(errorsAfter((d) => (d.keyPoints[0] = { id: 'first' })), 'keyPoints[0].text', /^is required$/);
    expectOnly(errorsAfter((d) => (d.keyPoints[1] = 'The second point.')), 'keyPoints[1]', /must be a key point/);
    expectOnly(errorsAfter((d) => (d.keyPoints[1].id = 2)), 'keyPoints[1].id', /must be a text id/);
    expectOnly(errorsAfter((d) => (d.keyPoints = 'none')), 'keyPoints', /list of key points/);
  });

  it('rejects a whole document that is not a deck object', () => {
    for (const input of [null, 42, 'deck', true]) {
      const result = validateDeck(input);
      expect(result).toEqual({ ok: false, errors: [{ path: 'deck', message: expect.stringMatching(/must be a deck/) }] });
    }
    expect(validateDeck([validDeck()])).toEqual({ ok: false, errors: [{ path: 'deck', message: expect.stringMatching(/not a list/) }] });
  });

  it('rejects a format this Briefdeck does not read', () => {
    expectOnly(errorsAfter((d) => (d.format = 3)), 'format', /must be 1 or 2/);
  });
});

describe('validateDeck: ids and references', () => {
  it('rejects a deck id that is not a slug', () => {
    expectOnly(errorsAfter((d) => (d.id = 'My Deck')), 'id', /slug: lowercase letters, digits and single hyphens/);
    expectOnly(errorsAfter((d) => (d.id = 'double--hyphen')), 'id', /slug/);
  });

  it('rejects a card id or key point id that is not a slug', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.cloze].id = 'Cloze_1')), 'cards[1].id', /slug/);
    const errors = errorsAfter((d) => (d.keyPoints[0].id = 'First point'));
    expect(errors[0]).toEqual({ path: 'keyPoints[0].id', message: expect.stringMatching(/slug/) });
  });

  it('rejects an id longer than the limit', () => {
    expectOnly(errorsAfter((d) => (d.id = 'a'.repeat(LIMITS.idLength + 1))), 'id', new RegExp(`at most ${LIMITS.idLength}`));
  });

  it('reports a duplicate card id at the repeat and names the first', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.typed].id = 'mcq-1')), 'cards[4].id', /repeats the id "mcq-1" of cards\[2\]/);
  });

  it('reports a duplicate key point id', () => {
    const errors = errorsAfter((d) => d.keyPoints.push({ id: 'first', text: 'Again.' }));
    expectOnly(errors, 'keyPoints[2].id', /repeats the key point id "first"/);
  });

  it('reports a card pointing at a key point that does not exist', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].keyPoint = 'third')), 'cards[2].keyPoint', /"third", which is not in keyPoints/);
  });

  it('reports a key point reference when the deck has no key points at all', () => {
    const errors = errorsAfter((d) => delete d.keyPoints);
    expect(errors.map((e) => e.path)).toEqual(['cards[0].keyPoint', 'cards[1].keyPoint', 'cards[2].keyPoint', 'cards[3].keyPoint', 'cards[4].keyPoint']);
  });
});

describe('validateDeck: cloze markup', () => {
  const clozeErrors = (text: string) => errorsAfter((d) => (d.cards[AT.cloze].text = text));

  it('needs at least one deletion', () => {
    expectOnly(clozeErrors('No deletions here.'), 'cards[1].text', /needs at least one deletion such as \{\{c1::answer\}\}/);
  });

  it('reports an unclosed deletion with its position', () => {
    expectOnly(clozeErrors('The {{c1::A100 chip'), 'cards[1].text', /never closed .*\(at character 5\)/);
  });

  it('reports a nested deletion once', () => {
    expectOnly(clozeErrors('{{c1::outer {{c2::inner}} text}} after'), 'cards[1].text', /deletion inside another deletion, which is not supported \(at character 1\)/);
  });

  it('numbers deletions from c1', () => {
    expectOnly(clozeErrors('The {{c0::A100}} chip'), 'cards[1].text', /from c1, not c0/);
  });

  it('reports an empty answer', () => {
    expectOnly(clozeErrors('The {{c1::  }} chip'), 'cards[1].text', /empty answer in c1/);
    expectOnly(clozeErrors('The {{c2::::a hint}} chip {{c1::ok}}'), 'cards[1].text', /empty answer in c2/);
  });

  it('bounds deletion numbers: a 400-digit number is refused, not read as Infinity', () => {
    expectOnly(clozeErrors(`The {{c${'9'.repeat(400)}::A100}} chip`), 'cards[1].text', /numbers a deletion past c99; deletions are numbered c1 to c99/);
    expectOnly(clozeErrors('The {{c100::A100}} chip'), 'cards[1].text', /past c99/);
    expect(validDeckWith((d) => (d.cards[AT.cloze].text = 'The {{c99::A100}} chip')).ok).toBe(true);
  });

  it('bounds the deletions of one card', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `{{c1::w${i}}}`).join(' ');
    expectOnly(clozeErrors(many(LIMITS.deletions + 1)), 'cards[1].text', /has 51 deletions; a card may have at most 50/);
    expect(validDeckWith((d) => (d.cards[AT.cloze].text = many(LIMITS.deletions))).ok).toBe(true);
  });

  it('an answer of zero-width characters only is empty', () => {
    expectOnly(clozeErrors('The {{c1::\u200b\u2060}} chip'), 'cards[1].text', /empty answer in c1/);
  });

  it('reports a stray closing brace pair', () => {
    expectOnly(clozeErrors('The {{c1::A100}} chip}} again'), 'cards[1].text', /"}}" without a matching .*\(at character 22\)/);
  });

  it('reports markup that is not a deletion, and a second hint', () => {
    expectOnly(clozeErrors('The {{A100}} chip'), 'cards[1].text', /"\{\{A100" where a deletion like/);
    expectOnly(clozeErrors('The {{c1::A100::GPU::extra}} chip'), 'cards[1].text', /more than one "::hint" in c1/);
  });

  it('reports every problem in one text', () => {
    const errors = clozeErrors('{{c0::a}} and {{c1::}} and }}');
    expect(errors.map((e) => e.path)).toEqual(['cards[1].text', 'cards[1].text', 'cards[1].text']);
  });
});

describe('validateDeck: multiple choice', () => {
  it('needs at least 2 choices', () => {
    expectOnly(
      errorsAfter((d) => Object.assign(d.cards[AT.mcq], { choices: ['Only'], answer: 0 })),
      'cards[2].choices',
      /^needs at least 2 choices$/,
    );
  });

  it('allows at most 8 choices', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `Choice ${i}`);
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].choices = nine)), 'cards[2].choices', /at most 8 choices/);
  });

  it('reports an answer index out of range', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].answer = 3)), 'cards[2].answer', /is 3, but the choices are numbered 0 to 2/);
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].answer = [0, 7])), 'cards[2].answer[1]', /is 7/);
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].answer = -1)), 'cards[2].answer', /0 or more/);
  });

  it('reports a repeated answer index', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].answer = [1, 2, 1])), 'cards[2].answer[2]', /repeats the choice 1/);
  });

  it('needs at least one right answer in a list', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].answer = [])), 'cards[2].answer', /at least one right choice/);
  });

  it('reports duplicate choices, ignoring case and spacing', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].choices = ['One', 'Two', ' two '])), 'cards[2].choices[2]', /repeats choices\[1\]/);
  });
});

describe('validateDeck: text and limits', () => {
  it('rejects text that is empty after trimming', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.basic].front = ' \n\t ')), 'cards[0].front', /must not be empty/);
    expectOnly(errorsAfter((d) => (d.cards[AT.mcq].choices[0] = '  ')), 'cards[2].choices[0]', /must not be empty/);
    expectOnly(errorsAfter((d) => (d.title = '')), 'title', /must not be empty/);
  });

  it('rejects text made only of zero-width or other invisible characters', () => {
    expectOnly(errorsAfter((d) => (d.cards[AT.basic].front = '\u200b\u200c\u200d')), 'cards[0].front', /must not be empty/);
    expectOnly(errorsAfter((d) => (d.cards[AT.basic].back = '\u2060\ufeff \u00ad')), 'cards[0].back', /must not be empty/);
    expectOnly(errorsAfter((d) => (d.title = '\u200b')), 'title', /must not be empty/);
    expectOnly(errorsAfter((d) => (d.tags = ['\u200b'])), 'tags[0]', /one word/);
    expect(validateDeck(Object.assign(validDeck(), { title: 'Zero\u200bwidth inside is fine' })).ok).toBe(true);
  });

  it('rejects a deck whose cards make more review items than the limit', () => {
    const errors = errorsAfter((d) => {
      d.cards = Array.from({ length: 1001 }, (_, i) => ({ id: `c${i}`, type: 'cloze', text: Array.from({ length: 10 }, (_, n) => `{{c${n + 1}::w}}`).join(' ') }));
    });
    expectOnly(errors, 'cards', /make 10010 review items; a deck may make at most 10000/);
    const reversed = validDeckWith((d) => {
      d.cards = Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}`, type: 'basic', front: 'f', back: 'b', reverse: true }));
    });
    expect(reversed.ok).toBe(true);
  });

  it('rejects text over its length limit', () => {
    expectOnly(errorsAfter((d) => (d.title = 'x'.repeat(LIMITS.titleLength + 1))), 'title', /at most 120 characters/);
    expectOnly(
      errorsAfter((d) => (d.cards[AT.basic].explanation = 'x'.repeat(LIMITS.textLength + 1))),
      'cards[0].explanation',
      new RegExp(`at most ${LIMITS.textLength} characters`),
    );
    expect(validateDeck(Object.assign(validDeck(), { title: 'x'.repeat(LIMITS.titleLength) })).ok).toBe(true);
  });

  it('rejects a tag with spaces and too many tags', () => {
    expectOnly(errorsAfter((d) => (d.tags = ['two words'])), 'tags[0]', /one word/);
    expectOnly(errorsAfter((d) => (d.tags = Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`))), 'tags', /at most 20 tags/);
  });

  it('rejects too many accepted answers', () => {
    const accept = Array.from({ length: LIMITS.accept + 1 }, (_, i) => `answer ${i}`);
    expectOnly(errorsAfter((d) => (d.cards[AT.typed].accept = accept)), 'cards[4].accept', /at most 10 accepted answers/);
  });

  it('rejects too many cards', () => {
    const errors = errorsAfter((d) => {
      d.cards = Array.from({ length: LIMITS.cards + 1 }, (_, i) => ({ id: `c${i}`, type: 'truefalse', statement: 'S', answer: true }));
    });
    expectOnly(errors, 'cards', /at most 5000 cards/);
  });

  it('rejects a bad language tag', () => {
    expectOnly(errorsAfter((d) => (d.language = 'English')), 'language', /language tag such as en or pt-BR/);
    expect(validateDeck(Object.assign(validDeck(), { language: 'pt-BR' })).ok).toBe(true);
  });

  it('rejects a bad date, in shape or on the calendar', () => {
    expectOnly(errorsAfter((d) => (d.source.date = '01/05/2024')), 'source.date', /YYYY, YYYY-MM or YYYY-MM-DD/);
    expectOnly(errorsAfter((d) => (d.source.date = '2023-02-29')), 'source.date', /not a real calendar date/);
    expectOnly(errorsAfter((d) => (d.source.date = '2024-13')), 'source.date', /not a real calendar date/);
    expectOnly(errorsAfter((d) => (d.source.date = '2024-04-31')), 'source.date', /not a real calendar date/);
    for (const date of ['2024', '2024-12', '2024-12-31', '2000-02-29', '0004-02-29']) {
      expect(validateDeck(Object.assign(validDeck(), { source: { title: 't', date } })).ok, date).toBe(true);
    }
  });

  it('rejects a url that is not http(s)', () => {
    expectOnly(errorsAfter((d) => (d.source.url = 'javascript:alert(1)')), 'source.url', /http\(s\) address/);
    expectOnly(errorsAfter((d) => (d.source.url = 'https://exa mple.org')), 'source.url', /http\(s\) address/);
  });

  it('needs a source title', () => {
    expectOnly(errorsAfter((d) => delete d.source.title), 'source.title', /^is required$/);
  });
});

describe('validateDeck: all errors at once', () => {
  it('reports the five mistakes of the fixture, each at its own path', () => {
    const result = validateDeck(readJson('test/fixtures/decks/five-mistakes.json'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(
      ['language', 'cards[0].reverse', 'cards[1].choices', 'cards[2].text', 'cards[3].keyPoint'].sort(),
    );
  });

  it('reports five independent mistakes made in five places', () => {
    const errors = errorsAfter((d) => {
      d.id = 'Not A Slug';
      delete d.cards[AT.basic].front;
      d.cards[AT.cloze].text = 'plain';
      d.cards[AT.mcq].answer = 9;
      d.cards[AT.typed].id = 'basic-1';
    });
    expect(errors.map(formatError).sort()).toEqual(
      [
        'id: must be a slug: lowercase letters, digits and single hyphens',
        'cards[0].front: is required',
        'cards[1].text: needs at least one deletion such as {{c1::answer}}',
        'cards[2].answer: is 9, but the choices are numbered 0 to 2',
        'cards[4].id: repeats the id "basic-1" of cards[0]',
      ].sort(),
    );
  });
});

describe('parseDeckJson', () => {
  it('reads a valid file, with or without a byte order mark', () => {
    const text = JSON.stringify(validDeck());
    expect(parseDeckJson(text).ok).toBe(true);
    expect(parseDeckJson(`\uFEFF${text}`).ok).toBe(true);
  });

  it('names the line and column of a JSON syntax error', () => {
    const result = parseDeckJson(readText('test/fixtures/decks/missing-comma.json'));
    expect(result).toEqual({ ok: false, errors: [{ path: 'deck', message: expect.stringMatching(/^is not valid JSON \(line 5, column 3\)/) }] });
  });

  it('counts lines and columns after a byte order mark', () => {
    const result = parseDeckJson(`\uFEFF${readText('test/fixtures/decks/missing-comma.json')}`);
    expect(result.ok || result.errors[0]!.message).toMatch(/\(line 5, column 3\)/);
  });

  it('names the end of a truncated file', () => {
    const result = parseDeckJson('{\n  "id": "cut",\n  "title": ');
    expect(result).toEqual({ ok: false, errors: [{ path: 'deck', message: expect.stringMatching(/^is not valid JSON \(line 3, column 12\)/) }] });
  });

  it('refuses a file over the size limit before parsing it', () => {
    const big = `${JSON.stringify(validDeck())}${' '.repeat(LIMITS.fileBytes)}`;
    const result = parseDeckJson(big);
    expect(result).toEqual({ ok: false, errors: [{ path: 'deck', message: 'is 5.1 MB; a deck file may be at most 5 MB' }] });
  });

  it('counts bytes, not characters, against the size limit', () => {
    // Each "é" is two bytes in UTF-8: just over the limit in bytes, well under it in characters.
    const padding = 'é'.repeat(LIMITS.fileBytes / 2 + 1);
    expect(padding.length).toBeLessThan(LIMITS.fileBytes);
    const result = parseDeckJson(padding);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/at most 5 MB/);
  });

  it('validates the parsed value with the same rules', () => {
    const deck = validDeck();
    deck.cards[AT.mcq].answer = 5;
    const result = parseDeckJson(JSON.stringify(deck, null, 2));
    expect(result).toEqual({ ok: false, errors: [{ path: 'cards[2].answer', message: 'is 5, but the choices are numbered 0 to 2' }] });
  });
});

describe('formatPath and formatError', () => {
  it('renders paths the way a teacher reads them', () => {
    expect(formatPath([])).toBe('deck');
    expect(formatPath(['cards', 3, 'choices', 1])).toBe('cards[3].choices[1]');
    expect(formatPath(['$schema'])).toBe('$schema');
    expect(formatPath(['odd key', 0])).toBe('["odd key"][0]');
    expect(formatError({ path: 'cards[12].choices', message: 'needs at least 2 choices' })).toBe('cards[12].choices: needs at least 2 choices');
  });
});
