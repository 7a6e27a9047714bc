/** Deck format 2: media names, types, sizes and references, each error at its path. */
import { describe, expect, it } from 'vitest';
import { mediaNameProblem, mediaRefs, typeOfName } from '../../../src/deck/media';
import { validateDeck } from '../../../src/deck/validate';
import { mediaDeck, validDeck } from './helpers';

function errorsOf(change: (deck: any) => void) {
  const deck = mediaDeck();
  change(deck);
  const result = validateDeck(deck);
  return result.ok ? [] : result.errors;
}

describe('deck format 2', () => {
  it('accepts a deck whose references all name listed media, images with alt text', () => {
    const result = validateDeck(mediaDeck());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.deck.media?.map((m) => m.name)).toEqual(['chart.png', 'say.mp3']);
  });

  it('still reads format 1, where image syntax is plain text and not checked', () => {
    const deck = validDeck();
    deck.cards[0].front = 'Not an image: ![](nothing.png)';
    expect(validateDeck(deck).ok).toBe(true);
  });

  it('refuses media in a format 1 deck', () => {
    expect(errorsOf((d) => (d.format = 1))).toEqual([{ path: 'media', message: expect.stringMatching(/needs "format": 2/) }]);
  });

  it('requires alt text for every image, as an error at the field', () => {
    expect(errorsOf((d) => (d.cards[0].front = 'See ![ ](chart.png)'))).toEqual([
      { path: 'cards[0].front', message: expect.stringMatching(/without alt text.*at character 5/) },
    ]);
  });

  it('names a reference to media the deck does not carry, in any text field', () => {
    expect(errorsOf((d) => (d.cards[2].choices[1] = '![A map](map.png)'))).toEqual([
      { path: 'cards[2].choices[1]', message: expect.stringMatching(/"map.png", which is not in media/) },
    ]);
    expect(errorsOf((d) => (d.keyPoints[0].text = 'Hear [sound:missing.mp3]'))).toEqual([
      { path: 'keyPoints[0].text', message: expect.stringMatching(/"missing.mp3", which is not in media/) },
    ]);
  });

  it('refuses a sound shown as an image and an image played as sound', () => {
    const errors = errorsOf((d) => {
      d.cards[0].front = '![Speech](say.mp3)';
      d.cards[0].back = '[sound:chart.png]';
    });
    expect(errors.map((e) => e.path)).toEqual(['cards[0].front', 'cards[0].back']);
    expect(errors[0]!.message).toMatch(/as an image, but it is audio\/mpeg/);
    expect(errors[1]!.message).toMatch(/as sound, but it is image\/png/);
  });

  it('requires an image to give its pixel size', () => {
    expect(errorsOf((d) => delete d.media[0].height)).toEqual([{ path: 'media[0].height', message: expect.stringMatching(/required for an image/) }]);
  });

  it('refuses an unsupported type by name, and a type that does not match the name', () => {
    expect(errorsOf((d) => d.media.push({ name: 'film.mp4', type: 'video/mp4' }))).toEqual([
      { path: 'media[2].name', message: expect.stringMatching(/"film.mp4" ends in a type Briefdeck does not take/) },
      { path: 'media[2].type', message: expect.stringMatching(/"video\/mp4", a type Briefdeck does not take/) },
    ]);
    expect(errorsOf((d) => (d.media[0].type = 'image/jpeg'))).toEqual([
      { path: 'media[0].type', message: expect.stringMatching(/ends like image\/png/) },
    ]);
  });

  it('refuses repeated names and a hash that is not SHA-256 hex', () => {
    expect(errorsOf((d) => d.media.push({ ...d.media[1] })).map((e) => e.path)).toEqual(['media[2].name']);
    expect(errorsOf((d) => (d.media[1].sha256 = 'abc')).map((e) => e.path)).toEqual(['media[1].sha256']);
  });

  it.each([
    ['../secret.png', /is a path/],
    ['/etc/passwd.png', /is a path/],
    ['C:evil.png', /is a path/],
    ['a\\b.png', /is a path/],
    ['x..png', /contains "\.\."/],
    ['.hidden.png', /may only hold/],
    ['chart\u202Egnp.png', /may only hold/],
    ['zero\u200Bwidth.png', /may only hold/],
    ['cafe\u0301.png', /normal form/],
    ['two spaces.png', /may only hold/],
    ['', /is empty/],
    ['script.html', /does not take/],
  ])('refuses the media name %j', (name, message) => {
    expect(mediaNameProblem(name)).toMatch(message);
    const errors = errorsOf((d) => d.media.push({ name, type: 'image/png', width: 1, height: 1 }));
    expect(errors.some((e) => e.path === 'media[2].name')).toBe(true);
  });

  it('takes plain names in any script', () => {
    for (const name of ['chart.png', 'Diagramm_2.jpeg', 'карта_1.webp', '地图-2.svg', 'ok.mp3']) expect(mediaNameProblem(name)).toBeNull();
    expect(typeOfName('A.JPG')).toBe('image/jpeg');
  });

  it('finds image and sound references with their offsets', () => {
    expect(mediaRefs('a ![Alt](x.png) b [sound:y.mp3]')).toEqual([
      { kind: 'image', name: 'x.png', alt: 'Alt', offset: 2, length: 13 },
      { kind: 'audio', name: 'y.mp3', alt: '', offset: 18, length: 13 },
    ]);
  });
});
