/** The bundled-deck loader: published decks load; a damaged file or list gives a clear error, never a crash. */
import { checkDeckShape, loadBundledDeck, loadDeckIndex } from '../../../src/deck/catalog';
import { validDeck, readJson } from './helpers';

/** A fetch that answers every request with `body` (a string is sent as is, anything else as JSON). */
function answer(body: unknown, status = 200): typeof fetch {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (async () => new Response(text, { status })) as typeof fetch;
}

// The loader caches by file name, so each test uses its own.
let n = 0;
const file = () => `decks/test-${++n}.json`;

describe('checkDeckShape', () => {
  it('accepts a valid deck with every card type', () => {
    expect(checkDeckShape(validDeck())).toBeNull();
  });

  it('accepts every published deck', () => {
    for (const name of ['article-brief', 'article-full']) expect(checkDeckShape(readJson(`decks/${name}.json`))).toBeNull();
  });

  it.each([
    ['no cards', (d: any) => delete d.cards, 'cards: must be a list of at least 1 card'],
    ['an empty card list', (d: any) => (d.cards = []), 'cards: must be a list of at least 1 card'],
    ['a missing title', (d: any) => delete d.title, 'title: is required'],
    ['a version that is not a whole number', (d: any) => (d.version = '1'), 'version: is not well formed'],
    ['an unknown card type', (d: any) => (d.cards[2].type = 'essay'), 'cards[2].type: must be one of basic, cloze, mcq, truefalse, typed, occlusion'],
    ['a card with no back', (d: any) => delete d.cards[0].back, 'cards[0].back: is required'],
    ['choices that are not text', (d: any) => (d.cards[2].choices = [1, 2]), 'cards[2].choices: is not well formed'],
    ['a choice index that is not whole', (d: any) => (d.cards[2].answer = 1.5), 'cards[2].answer: is not well formed'],
    ['a true/false answer in words', (d: any) => (d.cards[3].answer = 'yes'), 'cards[3].answer: is not well formed'],
    ['accepted answers that are not a list', (d: any) => (d.cards[4].accept = 'A100'), 'cards[4].accept: is not well formed'],
    ['a repeated card id', (d: any) => (d.cards[1].id = 'basic-1'), 'cards[1]: must be a card with an id of its own'],
    ['a card type named after a built-in', (d: any) => (d.cards[0].type = 'toString'), 'cards[0].type: must be one of basic, cloze, mcq, truefalse, typed, occlusion'],
    ['a card without an id', (d: any) => delete d.cards[4].id, 'cards[4]: must be a card with an id of its own'],
    [
      'an occlusion mask without a place',
      (d: any) => (d.cards[0] = { id: 'o', type: 'occlusion', image: 'a.png', alt: 'A', mode: 'hide-one', masks: [{ id: 'm', label: 'L', x: 0, y: 0, width: '1', height: 1 }] }),
      'cards[0].masks: is not well formed',
    ],
    ['a card that is null', (d: any) => (d.cards[3] = null), 'cards[3]: must be a card with an id of its own'],
    ['a key point without text', (d: any) => delete d.keyPoints[1].text, 'keyPoints: is not well formed'],
    ['a citation without a title', (d: any) => (d.source = { url: 'https://example.org' }), 'source: is not well formed'],
  ])('names the problem: %s', (_, damage, message) => {
    const deck = validDeck();
    damage(deck);
    expect(checkDeckShape(deck)).toBe(message);
  });

  it('refuses a list or nothing where a deck belongs', () => {
    expect(checkDeckShape([validDeck()])).toBe('deck: must be a JSON object');
    expect(checkDeckShape(null)).toBe('deck: must be a JSON object');
  });
});

describe('loadBundledDeck', () => {
  it('returns a good deck and caches it per file', async () => {
    const name = file();
    let calls = 0;
    const fetcher = (async () => (calls++, new Response(JSON.stringify(validDeck())))) as typeof fetch;
    const deck = await loadBundledDeck(name, fetcher);
    expect(deck.cards).toHaveLength(5);
    expect(await loadBundledDeck(name, fetcher)).toBe(deck);
    expect(calls).toBe(1);
  });

  it('rejects a damaged deck with the file and the problem named', async () => {
    const deck = validDeck();
    delete deck.cards[0].front;
    const name = file();
    await expect(loadBundledDeck(name, answer(deck))).rejects.toThrow(`${name} is damaged: cards[0].front: is required`);
  });

  it('rejects truncated JSON or an HTML page instead of a deck', async () => {
    const name = file();
    await expect(loadBundledDeck(name, answer(JSON.stringify(validDeck()).slice(0, 200)))).rejects.toThrow(
      `${name} is damaged: it is not valid JSON.`,
    );
    const page = file();
    await expect(loadBundledDeck(page, answer('<!doctype html><title>Briefdeck</title>'))).rejects.toThrow(/is damaged/);
  });

  it('forgets a failed load so a repaired file loads next time', async () => {
    const name = file();
    await expect(loadBundledDeck(name, answer('', 404))).rejects.toThrow(`Could not load ${name} (HTTP 404).`);
    expect((await loadBundledDeck(name, answer(validDeck()))).id).toBe('sample');
  });
});

describe('loadDeckIndex', () => {
  it('returns the published list', async () => {
    const index = { format: 1, decks: [{ id: 'a', version: 1, title: 'A', cardCount: 3, keyPointCount: 0, file: 'decks/a.json' }] };
    expect(await loadDeckIndex(answer(index))).toEqual(index);
  });

  it('rejects a damaged list clearly', async () => {
    await expect(loadDeckIndex(answer({ decks: [{ id: 'a' }] }))).rejects.toThrow(
      'The deck list is damaged: every deck needs an id, a title and a file',
    );
    await expect(loadDeckIndex(answer('{"decks": ['))).rejects.toThrow('The deck list is damaged: it is not valid JSON.');
  });
});
