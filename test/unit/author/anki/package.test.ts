import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { openPackage } from '../../../../src/author/import/anki/package';
import { AnkiImportError } from '../../../../src/author/import/anki/errors';
import { ANKI_LIMITS } from '../../../../src/author/import/anki/limits';
import { fixture } from './helpers';

const kindOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AnkiImportError);
    return { kind: (e as AnkiImportError).kind, message: (e as Error).message };
  }
  throw new Error('expected an error');
};

describe('openPackage', () => {
  it.each([
    ['deck-anki2.apkg', 'collection.anki2'],
    ['deck-anki21.apkg', 'collection.anki21'],
    ['deck-anki21b.apkg', 'collection.anki21b'],
    ['collection.colpkg', 'collection.anki21b'],
  ])('%s: reads the newest collection (%s) and its media by name', (file, collection) => {
    const pkg = openPackage(fixture(file), file);
    expect(pkg.collectionName).toBe(collection);
    // SQLite header, so zstd was undone where needed.
    expect(new TextDecoder().decode(pkg.collection.subarray(0, 15))).toBe('SQLite format 3');
    expect([...pkg.media.keys()].sort()).toEqual(['apple (1).png', 'cat.png', 'hola.mp3', 'scan.tif', 'unused.png']);
    expect([...pkg.media.get('cat.png')!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(pkg.missingMedia).toEqual([]);
  });

  it('refuses a file that is not a zip, naming it', () => {
    const e = kindOf(() => openPackage(new TextEncoder().encode('front,back\nperro,dog\n'), 'cards.apkg'));
    expect(e.kind).toBe('not-zip');
    expect(e.message).toMatch(/cards\.apkg is not an Anki package: it is not a zip/);
  });

  it('refuses a zip without a collection', () => {
    const e = kindOf(() => openPackage(zipSync({ 'notes.txt': new TextEncoder().encode('hello') }), 'photos.zip'));
    expect(e.kind).toBe('no-collection');
    expect(e.message).toMatch(/no collection inside/);
  });

  it('refuses a zip bomb from its directory, before unpacking', () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = zipSync({ 'collection.anki2': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(zeros.length / ANKI_LIMITS.ratio);
    const e = kindOf(() => openPackage(bomb, 'bomb.apkg'));
    expect(e.kind).toBe('zip-bomb');
    expect(e.message).toMatch(/compressed \d+ to 1/);
  });

  it('refuses too many entries', () => {
    const files: Record<string, Uint8Array> = { 'collection.anki2': new Uint8Array(1) };
    for (let i = 0; i <= ANKI_LIMITS.entries; i++) files[String(i)] = new Uint8Array(0);
    const e = kindOf(() => openPackage(zipSync(files, { level: 0 }), 'many.apkg'));
    expect(e.kind).toBe('zip-bomb');
    expect(e.message).toMatch(/holds 50002 files/);
  });

  it('refuses a 300 MB file without reading it', () => {
    // A view over one shared buffer: only the length matters to the size check.
    const big = new Uint8Array(300 * 1024 * 1024);
    const e = kindOf(() => openPackage(big, 'huge.apkg'));
    expect(e.kind).toBe('too-big');
    expect(e.message).toBe('huge.apkg is 300.0 MB; an Anki package may be at most 250.0 MB');
  });

  it('refuses a package from a future Anki', () => {
    const e = kindOf(() => openPackage(fixture('future.apkg'), 'future.apkg'));
    expect(e.kind).toBe('future');
    expect(e.message).toMatch(/newer Anki \(package version 4\)/);
  });
});
