import { deckToJson, DECK_SCHEMA_URL } from '../../../src/author/export';
import { deflateRawSync } from 'node:zlib';
import { decodeShareFragment, encodeShareLink, fromBase64Url, inflateUpTo, MAX_SHARE_URL, toBase64Url } from '../../../src/author/share';
import { idFromText, newCardId, slugify, uniqueId } from '../../../src/author/ids';
import type { Deck } from '../../../src/deck/schema';
import { parseDeckJson } from '../../../src/deck/validate';

const deck: Deck = {
  id: 'cells',
  version: 3,
  title: 'Cells — “basics”',
  language: 'en',
  keyPoints: [{ id: 'energy', text: 'Mitochondria turn food into usable energy.' }],
  cards: [
    { id: 'mito', type: 'basic', front: 'What do mitochondria make?', back: 'ATP', keyPoint: 'energy' },
    { id: 'atp', type: 'cloze', text: 'Cells store energy as {{c1::ATP}}.' },
    { id: 'organelle', type: 'mcq', question: 'Which is an organelle?', choices: ['Ribosome', 'Photon'], answer: 0 },
  ],
};

describe('export', () => {
  test('JSON has $schema and format first and reads back as the same deck', () => {
    const text = deckToJson(deck);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed).slice(0, 3)).toEqual(['$schema', 'format', 'id']);
    expect(parsed.$schema).toBe(DECK_SCHEMA_URL);
    expect(parsed.format).toBe(1);
    const back = parseDeckJson(text);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const { $schema: _s, format: _f, ...plain } = back.deck;
    expect(plain).toEqual(deck);
  });
});

describe('share links', () => {
  test('encode → decode gives the identical deck, in a URL-safe fragment', async () => {
    const result = await encodeShareLink(deck, 'https://briefdeck.app/');
    if (!result.ok) throw new Error(result.message);
    expect(result.url).toMatch(/^https:\/\/briefdeck\.app\/share#d=[A-Za-z0-9_-]+$/);
    const decoded = await decodeShareFragment(new URL(result.url).hash);
    expect(decoded).toEqual({ ok: true, deck });
  });

  test('a deck too large for a link is refused with its size', async () => {
    const big: Deck = {
      ...deck,
      cards: Array.from({ length: 400 }, (_, i) => ({
        id: `c${i}`,
        type: 'basic' as const,
        // Varied text so compression cannot hide the size.
        front: `Question ${i} ${Math.sin(i).toString(36)}`,
        back: `Answer ${i} ${Math.cos(i).toString(36)}`,
      })),
    };
    const result = await encodeShareLink(big, 'https://briefdeck.app');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.length).toBeGreaterThan(MAX_SHARE_URL);
    expect(result.message).toContain(result.length.toLocaleString('en'));
    expect(result.message).toMatch(/8,000/);
  });

  test('damaged or missing fragments give errors, never a deck', async () => {
    expect(await decodeShareFragment('#x=1')).toMatchObject({ ok: false, errors: [{ path: 'link' }] });
    expect(await decodeShareFragment('#d=not*base64')).toMatchObject({ ok: false, errors: [{ path: 'link' }] });
    expect(await decodeShareFragment('#d=AAAA')).toMatchObject({ ok: false });
  });

  test('a link that inflates past the deck size limit is refused as it inflates, with the limit named', async () => {
    // 40 MB of spaces compress to about 40 KB: a small link, a large deck.
    const bomb = deflateRawSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
    const result = await decodeShareFragment(`#d=${toBase64Url(bomb)}`);
    expect(result).toEqual({ ok: false, errors: [{ path: 'link', message: 'holds a deck larger than 5 MB, the most a deck file may be' }] });
  });

  test('inflating stops at the limit: no more output is held than the limit', async () => {
    const bomb = deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(inflateUpTo(bomb, 1024 * 1024)).toBeNull();
    const small = inflateUpTo(deflateRawSync(Buffer.from('{"a":1}')), 1024);
    expect(new TextDecoder().decode(small!)).toBe('{"a":1}');
    expect(() => inflateUpTo(Uint8Array.from([0xff, 0xff, 0xff, 0xff]), 1024)).toThrow();
    // Cut short: every piece inflates, but the stream never reaches its last block.
    const whole = deflateRawSync(Buffer.from(JSON.stringify({ words: Array.from({ length: 500 }, (_, i) => `word ${i}`) })));
    expect(() => inflateUpTo(whole.subarray(0, whole.length - 20), 1024 * 1024)).toThrow();
  });

  test('a link text longer than any deck is refused unread', async () => {
    const result = await decodeShareFragment(`#d=${'A'.repeat(5 * 1024 * 1024 + 1)}`);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'link', message: /larger than 5 MB/ }] });
  });

  test('a link holding an invalid deck reports the validator errors', async () => {
    const result = await encodeShareLink({ ...deck, cards: [{ id: 'x', type: 'basic', front: 'only front', back: '' }] } as Deck, 'https://x.test');
    if (!result.ok) throw new Error(result.message);
    const decoded = await decodeShareFragment(new URL(result.url).hash);
    expect(decoded).toMatchObject({ ok: false, errors: [{ path: 'cards[0].back' }] });
  });

  test('base64url round trip of every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
});

describe('ids', () => {
  test('slugs are lowercase ASCII, accent-free, cut at a hyphen', () => {
    expect(slugify('  Élan vital: São Paulo’s 2025 plan! ')).toBe('elan-vital-sao-paulo-s-2025-plan');
    expect(slugify('a'.repeat(30) + ' ' + 'b'.repeat(30), 40)).toBe('a'.repeat(30));
  });
  test('unique ids count up and never repeat', () => {
    const taken = new Set(['deck']);
    expect(uniqueId('Deck', taken)).toBe('deck-2');
    expect(uniqueId('Deck', taken)).toBe('deck-3');
    expect(idFromText('The {{c1::Nile}} is the longest river in Africa', new Set())).toBe('the-nile-is-the-longest-river');
    expect(uniqueId('!!!', new Set(), 'card')).toBe('card');
  });
  test('new card ids are valid slugs and unique', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 200; i++) expect(newCardId('mcq', taken)).toMatch(/^mcq-[a-z0-9]{6}$/);
    expect(taken.size).toBe(200);
  });
});
