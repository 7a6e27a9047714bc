/** Media by content hash: migration 4, saving all or nothing, sharing, collecting, counting, backup. */
import { openDB } from 'idb';
import { IDBFactory } from 'fake-indexeddb';
import { closeStore, getStoredDeck, listStoredDecks, saveDeck } from '../../../src/store';
import { exportBackup, importBackup } from '../../../src/store/replace';
import { backupText, v1Of } from './backup-files';
import { collectMedia, getMediaBytes, mediaUsage, saveDeckWithMedia, sha256Hex } from '../../../src/store/media';
import { storageStatus } from '../../../src/store/storage';
import { DB_VERSION, MIGRATIONS } from '../../../src/store/migrations';
import type { BriefdeckDB } from '../../../src/store/schema';
import type { Deck } from '../../../src/deck/schema';
import { deleteDeck } from '../../../src/author/data';
import { deckOf, T0 } from './fixtures';

beforeEach(async () => {
  await closeStore();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
const MP3 = new Uint8Array([73, 68, 51, 4, 0, 9, 9]);

function mediaDeck(id: string, names: string[] = ['chart.png', 'say.mp3']): Deck {
  const deck = deckOf(id, 1);
  deck.format = 2;
  deck.media = names.map((name) => (name.endsWith('.png') ? { name, type: 'image/png', width: 4, height: 3 } : { name, type: 'audio/mpeg' }));
  return deck;
}
const files = (entries: [string, Uint8Array][] = [['chart.png', PNG], ['say.mp3', MP3]]) => new Map(entries);

describe('migration 4: media', () => {
  it('a version 3 database opens with its decks untouched and gains an empty media store', async () => {
    const v3 = await openDB<BriefdeckDB>('briefdeck', 3, {
      upgrade: (db, _old, _new, tx) => {
        for (const step of MIGRATIONS.slice(0, 3)) void step(db, tx, 0);
      },
    });
    expect([...v3.objectStoreNames]).not.toContain('media');
    await v3.put('decks', { deck: deckOf('old', 2), origin: 'imported', updated: T0 });
    v3.close();
    expect((await listStoredDecks()).map((d) => d.deck.id)).toEqual(['old']);
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
    await closeStore();
    const db = await openDB('briefdeck');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('media').objectStore('media').indexNames]).toEqual(['by-bytes']);
    db.close();
  });
});

describe('media store', () => {
  it('stores each file once under its SHA-256, and fills the deck in with hash and size', async () => {
    const saved = await saveDeckWithMedia(mediaDeck('a'), files(), 'imported', T0);
    const pngHash = await sha256Hex(PNG);
    expect(saved.media![0]).toEqual({ name: 'chart.png', type: 'image/png', width: 4, height: 3, bytes: PNG.length, sha256: pngHash });
    expect((await getStoredDeck('a'))!.deck).toEqual(saved);
    expect(await getMediaBytes(pngHash)).toEqual(PNG);
    // A second deck with the same picture under another name shares the stored file.
    await saveDeckWithMedia(mediaDeck('b', ['same.png']), files([['same.png', PNG]]), 'imported', T0);
    expect(await mediaUsage()).toEqual({ files: 2, bytes: PNG.length + MP3.length });
    expect((await storageStatus()).media).toEqual({ files: 2, bytes: PNG.length + MP3.length });
  });

  it('refuses a deck whose file is missing, saving nothing', async () => {
    await expect(saveDeckWithMedia(mediaDeck('a'), files([['chart.png', PNG]]), 'imported', T0)).rejects.toMatchObject({
      message: expect.stringMatching(/"say.mp3" is missing, so the deck was not saved/),
    });
    expect(await listStoredDecks()).toEqual([]);
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
  });

  it('refuses a file that does not match the hash the deck states', async () => {
    const deck = mediaDeck('a');
    deck.media![0]!.sha256 = 'f'.repeat(64);
    await expect(saveDeckWithMedia(deck, files(), 'imported', T0)).rejects.toMatchObject({ message: expect.stringMatching(/"chart.png" is not the file/) });
    expect(await listStoredDecks()).toEqual([]);
  });

  it('saves again without the files once they are stored (editing a deck)', async () => {
    const saved = await saveDeckWithMedia(mediaDeck('a'), files(), 'imported', T0);
    await saveDeckWithMedia({ ...saved, title: 'Renamed' }, new Map(), 'authored', T0 + 1);
    expect((await getStoredDeck('a'))!.deck.title).toBe('Renamed');
  });

  it('a full disk: a clear message, and neither the deck nor any file is kept', async () => {
    await saveDeck(deckOf('other', 1), 'imported', T0);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'media' && (args[0] as { type: string }).type === 'audio/mpeg') throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(saveDeckWithMedia(mediaDeck('a'), files(), 'imported', T0)).rejects.toMatchObject({
      kind: 'quota',
      message: expect.stringMatching(/no room left for the pictures and sounds of "Deck a", so the deck was not saved/),
    });
    vi.restoreAllMocks();
    expect((await listStoredDecks()).map((d) => d.deck.id)).toEqual(['other']);
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
  });

  it('removes files no deck lists once their last deck is deleted', async () => {
    await saveDeckWithMedia(mediaDeck('a'), files(), 'imported', T0);
    await saveDeckWithMedia(mediaDeck('b', ['same.png']), files([['same.png', PNG]]), 'imported', T0);
    await deleteDeck('a');
    expect(await mediaUsage()).toEqual({ files: 1, bytes: PNG.length });
    await deleteDeck('b');
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
    expect(await collectMedia()).toBe(0);
  });

  it('a backup carries the files and brings them back byte for byte', async () => {
    await saveDeckWithMedia(mediaDeck('a'), files(), 'imported', T0);
    const file = await exportBackup(T0);
    expect((await linesOf(file)).filter((l) => l[0] === 'media')).toHaveLength(2);
    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    expect(await importBackup(file, T0)).toMatchObject({ ok: true });
    expect(await getMediaBytes(await sha256Hex(MP3))).toEqual(MP3);
    expect((await getStoredDeck('a'))!.deck.media).toHaveLength(2);
  });

  it('refuses a backup whose deck lists a file it does not hold, or whose file is damaged', async () => {
    await saveDeckWithMedia(mediaDeck('a'), files(), 'imported', T0);
    const lines = await linesOf(await exportBackup(T0));
    const firstMedia = lines.findIndex((l) => l[0] === 'media');
    // One file left out, and the closing count made to agree, so only the deck's list gives it away.
    const missing = lines.filter((_, i) => i !== firstMedia).map((l) => (l[0] === 'end' ? ['end', { ...(l[1] as object), media: 1 }] : l));
    expect(await importBackup(await gzipOf(missing), T0)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/decks\[0\]\.deck\.media\[\d\]: the backup holds no file for/),
    });
    const damaged = lines.map((l, i) => (i === firstMedia ? ['media', { ...(l[1] as object), data: btoa('not the file') }] : l));
    expect(await importBackup(await gzipOf(damaged), T0)).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    // Nothing changed: both files are still there.
    expect(await mediaUsage()).toEqual({ files: 2, bytes: PNG.length + MP3.length });
  });
});

/** A backup file's lines as JSON. */
async function linesOf(file: Blob): Promise<unknown[][]> {
  return (await backupText(file))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown[]);
}

/** Lines written back as a backup file. */
function gzipOf(lines: unknown[]): Promise<Blob> {
  const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).blob();
}

describe('backup version 1 (before media)', () => {
  it('is still imported, holding no media', async () => {
    await saveDeck(deckOf('plain', 2), 'imported', T0);
    const v1 = await v1Of(await exportBackup(T0), T0);
    expect(v1).not.toHaveProperty('media');
    await closeStore();
    globalThis.indexedDB = new IDBFactory();
    expect(await importBackup(JSON.stringify(v1), T0)).toMatchObject({ ok: true, counts: { decks: 1 } });
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
  });
});
