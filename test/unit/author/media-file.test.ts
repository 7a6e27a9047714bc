/**
 * Files picked in the editor: refused by name when their type is not taken, a sound over 5 MB
 * refused, a photo over 5 MB offered a downscale, safe unique names, stored by hash (kept while
 * only a draft lists them), and a full disk said so with nothing stored.
 */
import { closeStore } from '../../../src/store';
import { saveDraft } from '../../../src/store/drafts';
import { collectMedia, getMediaBytes, mediaUsage, sha256Hex, storeMediaFile } from '../../../src/store/media';
import { mediaNameFor, pickFile } from '../../../src/author/editor/media-file';

beforeEach(async () => {
  await closeStore();
});
afterEach(() => vi.restoreAllMocks());

const MP3 = new Uint8Array([73, 68, 51, 4, 0, 9, 9]);
const big = (name: string, type: string) => new File([new Uint8Array(5 * 1024 * 1024 + 1)], name, { type });

describe('picking a file in the editor', () => {
  it('refuses a type Briefdeck does not take, by name', async () => {
    const r = await pickFile(new File(['x'], 'notes.pdf', { type: 'application/pdf' }), new Set());
    expect(r).toEqual({ kind: 'refused', message: expect.stringMatching(/^"notes.pdf" is of type application\/pdf, which Briefdeck does not take: pictures may be PNG/) });
    const html = await pickFile(new File(['<script>'], 'page.html', { type: 'text/html' }), new Set());
    expect(html.kind).toBe('refused');
    const unknown = await pickFile(new File(['x'], 'mystery', { type: '' }), new Set());
    expect(unknown).toMatchObject({ kind: 'refused', message: expect.stringContaining('a file of unknown type') });
  });

  it('refuses a sound, an SVG or a GIF over 5 MB with the reason, and offers photos a downscale', async () => {
    for (const [name, type] of [['long.mp3', 'audio/mpeg'], ['map.svg', 'image/svg+xml'], ['anim.gif', 'image/gif']] as const) {
      expect(await pickFile(big(name, type), new Set())).toEqual({ kind: 'refused', message: `"${name}" is 5.1 MB; a file may be at most 5 MB.` });
    }
    const photo = await pickFile(big('holiday.jpg', 'image/jpeg'), new Set());
    expect(photo).toMatchObject({ kind: 'too-big', type: 'image/jpeg', message: '"holiday.jpg" is 5.1 MB; a file may be at most 5 MB.' });
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
  });

  it('stores a sound by its hash and names it safely, unique in the deck', async () => {
    const r = await pickFile(new File([MP3], 'Ni hao (slow).mp3', { type: 'audio/x-mpeg' }), new Set(['Ni-hao-slow.mp3']));
    expect(r).toEqual({ kind: 'ready', entry: { name: 'Ni-hao-slow-2.mp3', type: 'audio/mpeg', bytes: MP3.length, sha256: await sha256Hex(MP3) } });
    expect(await getMediaBytes(await sha256Hex(MP3))).toEqual(MP3);
  });

  it('makes names that are never paths or odd Unicode', () => {
    expect(mediaNameFor('../../etc/passwd.png', 'image/png', new Set())).toBe('etc-passwd.png');
    expect(mediaNameFor('C:\\photos\\me.jpeg', 'image/jpeg', new Set())).toBe('C-photos-me.jpg');
    expect(mediaNameFor('e\u0301te\u0301\u202e.png', 'image/png', new Set())).toBe('été.png');
    expect(mediaNameFor('...', 'audio/ogg', new Set())).toBe('file.ogg');
    expect(mediaNameFor('chart.PNG', 'image/png', new Set(['chart.png', 'chart-2.png']))).toBe('chart-3.png');
  });

  it('keeps a picked file while only an editor draft lists it, and drops it after', async () => {
    const hash = await storeMediaFile('say.mp3', 'audio/mpeg', MP3);
    await saveDraft('edit:d', { deck: { id: 'd', media: [{ name: 'say.mp3', type: 'audio/mpeg', sha256: hash }] }, at: 1 });
    expect(await collectMedia()).toBe(0);
    await saveDraft('edit:d', { deck: { id: 'd', media: [] }, at: 2 });
    expect(await collectMedia()).toBe(1);
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
  });

  it('a full disk while storing a picked file: says so, and nothing is stored', async () => {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'media') throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(pickFile(new File([MP3], 'say.mp3', { type: 'audio/mpeg' }), new Set())).rejects.toMatchObject({
      kind: 'quota',
      message: 'This device has no room left for "say.mp3", so it was not added and the card is unchanged. Free some space and try again.',
    });
    vi.restoreAllMocks();
    expect(await mediaUsage()).toEqual({ files: 0, bytes: 0 });
  });
});
