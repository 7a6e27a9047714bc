/** `.briefdeck` bundles: byte-for-byte round trips through the store, and every way a bundle can be wrong. */
import { zipSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle, sniffType, writeBundle } from '../../../src/deck/bundle';
import { exportBundle, importBundleBytes } from '../../../src/author/bundle-io';
import { importDeck, storedDeck } from '../../../src/author/data';
import { deckToJson } from '../../../src/author/export';
import { encodeShareLink } from '../../../src/author/share';
import { closeStore } from '../../../src/store';
import { getMediaBytes } from '../../../src/store/media';
import { checkDeckFile } from '../../../scripts/deck-files';
import { mediaDeck } from './helpers';

beforeEach(async () => {
  await closeStore();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 9, 7, 7]);
const FILES = () => new Map([['chart.png', PNG], ['say.mp3', MP3]]);

function bundleOf(deck: any, files: Map<string, Uint8Array> = FILES()): Uint8Array {
  return writeBundle(deckToJson(deck), deck, files);
}

describe('.briefdeck bundles', () => {
  it('export → import → export gives the same bytes, deck and media', async () => {
    const first = bundleOf(mediaDeck());
    const read = await importBundleBytes(first);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    await importDeck(read.deck, 'replace', 1000, read.files);
    const stored = (await storedDeck('sample'))!.deck;
    const second = await exportBundle(stored);
    // The stored deck gained hashes and sizes; exported again, it is stable byte for byte.
    const again = await importBundleBytes(second);
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    await importDeck(again.deck, 'replace', 2000, again.files);
    const third = await exportBundle((await storedDeck('sample'))!.deck);
    expect(third).toEqual(second);
    expect(again.files.get('chart.png')).toEqual(PNG);
    expect(again.files.get('say.mp3')).toEqual(MP3);
    expect(await getMediaBytes(stored.media![1]!.sha256!)).toEqual(MP3);
    expect({ ...again.deck, media: again.deck.media!.map(({ sha256: _s, bytes: _b, ...m }) => m) }).toMatchObject({
      id: 'sample',
      cards: mediaDeck().cards,
      media: mediaDeck().media,
    });
  });

  it('refuses a bundle with a file the deck does not list, or without one it lists', () => {
    const extra = readBundle(bundleOf(mediaDeck(), FILES()).slice()); // valid baseline
    expect(extra.ok).toBe(true);
    const deck = mediaDeck();
    const zip = zipSync({ 'deck.json': new TextEncoder().encode(deckToJson(deck)), 'media/chart.png': PNG, 'media/other.png': PNG });
    const result = readBundle(zip);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: 'media[1]', message: 'lists "say.mp3", but the bundle holds no media/say.mp3' },
      { path: 'media/other.png', message: "is not listed in the deck's media" },
    ]);
  });

  it('refuses path tricks and stray entries in the zip by name', () => {
    const deck = mediaDeck();
    const zip = zipSync({
      'deck.json': new TextEncoder().encode(deckToJson(deck)),
      'media/chart.png': PNG,
      'media/say.mp3': MP3,
      'media/../evil.png': PNG,
      '/etc/passwd': PNG,
    });
    const result = readBundle(zip);
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['media/../evil.png', '/etc/passwd']));
    expect(result.errors.find((e) => e.path === 'media/../evil.png')!.message).toMatch(/is a path/);
    expect(result.errors.find((e) => e.path === '/etc/passwd')!.message).toMatch(/holds only the deck and its media/);
  });

  it('refuses a file whose bytes are not the type the deck says (an SVG named .png)', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const result = readBundle(bundleOf(mediaDeck(), new Map([['chart.png', svg], ['say.mp3', MP3]])));
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toEqual([{ path: 'media[0].type', message: 'is image/png, but media/chart.png is image/svg+xml' }]);
    expect(sniffType(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('refuses an entry that unpacks past the limit without unpacking it', () => {
    const deck = mediaDeck();
    const huge = new Uint8Array(6 * 1024 * 1024);
    huge.set(PNG);
    const zip = zipSync({ 'deck.json': new TextEncoder().encode(deckToJson(deck)), 'media/chart.png': [huge, { level: 9 }], 'media/say.mp3': MP3 });
    expect(zip.length).toBeLessThan(100_000);
    const result = readBundle(zip);
    if (result.ok) throw new Error('accepted');
    expect(result.errors[0]).toEqual({ path: 'media/chart.png', message: 'unpacks to 6.0 MB; at most 5 MB' });
  });

  it('refuses a bundle whose file does not match its stated hash', async () => {
    const deck = mediaDeck();
    deck.media[0].sha256 = '0'.repeat(64);
    const result = await importBundleBytes(bundleOf(deck));
    expect(result).toEqual({ ok: false, errors: [{ path: 'media[0].sha256', message: expect.stringMatching(/does not match media\/chart.png/) }] });
  });

  it('says what is wrong with a file that is not a zip or has no deck', () => {
    expect(readBundle(new TextEncoder().encode('{"id":"x"}'))).toMatchObject({ ok: false, errors: [{ path: 'deck', message: expect.stringMatching(/not a .briefdeck bundle/) }] });
    expect(readBundle(zipSync({ 'media/chart.png': PNG }))).toMatchObject({ ok: false, errors: [{ path: 'deck.json', message: expect.stringMatching(/is missing/) }] });
  });

  it('is checked by decks:check like a .json deck, and must be named after its id when bundled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-'));
    const good = join(dir, 'sample.briefdeck');
    writeFileSync(good, bundleOf(mediaDeck()));
    const checked = checkDeckFile(good);
    expect(checked.errors).toEqual([]);
    expect(checked.files?.get('say.mp3')).toEqual(MP3);
    const misnamed = join(dir, 'other.briefdeck');
    writeFileSync(misnamed, bundleOf(mediaDeck()));
    expect(checkDeckFile(misnamed).errors).toEqual([expect.stringMatching(/must be named after its id \(sample.briefdeck\)/)]);
  });

  it('a share link refuses a deck with media and says to share the bundle', async () => {
    const result = await encodeShareLink(mediaDeck(), 'https://example.org');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/cannot carry.*\.briefdeck/) });
  });
});
