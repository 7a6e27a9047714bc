/**
 * The record descriptions (`src/store/records.ts`) against the checks that use them: a backup
 * refuses a damaged value of any field, and the cheap read checks (`integrity.ts`) refuse exactly
 * the damaged fields the description marks `read`, with the message it gives.
 */
import { itemId } from '../../../src/deck/items';
import { newItem } from '../../../src/srs/scheduler';
import type { ItemRecord, ReviewRecord } from '../../../src/srs/types';
import { readBackup } from '../../../src/store/backup';
import { forgetDamage, damagedRecords, soundItem, soundReview } from '../../../src/store/integrity';
import { soundMedia } from '../../../src/store/media';
import { FSRS_SHAPE, ITEM_SHAPE, MEDIA_SHAPE, REVIEW_SHAPE, type Kind, type RecordShape } from '../../../src/store/records';
import { T0 } from './fixtures';

/** A value no field of this kind accepts, even in the cheap read checks. */
const BAD: Record<Kind, unknown> = {
  id: '',
  text: 7,
  time: 'soon',
  count: 'many',
  amount: 'some',
  stability: 'firm',
  difficulty: 'hard',
  interval: 'long',
  days: 'a few',
  steps: 'two',
  duration: 'brief',
  key: 'one',
  number: 'two',
  state: 'new',
  grade: 0,
  mode: 'exam',
  origin: 'found',
  bool: 'yes',
  ids: 'a/b',
  tally: 'all',
  hash: 'ABC',
  mediaType: 'text/html',
  binary: 7,
  any: undefined,
};

const item: ItemRecord = { ...newItem({ id: itemId('d', 'c'), deckId: 'd', cardId: 'c', sub: '' }, T0, 0), queue: 0 };
const review: ReviewRecord = {
  id: 1,
  itemId: item.id,
  deckId: 'd',
  cardId: 'c',
  grade: 3,
  mode: 'study',
  at: T0,
  durationMs: 1000,
  before: item,
  after: { ...item.fsrs, reps: 1, last_review: T0 },
};

/** The record with one field (`path` within nested records) set to `value`. */
function damaged<T>(record: T, path: string[], value: unknown): T {
  const [key, ...rest] = path;
  const copy = { ...(record as Record<string, unknown>) };
  copy[key!] = rest.length ? damaged(copy[key!], rest, value) : value;
  return copy as T;
}

/** Every field of a description that holds a plain value, with its path and what a read reports when it is damaged. */
function leaves(shape: RecordShape, path: string[] = []): { path: string[]; kind: Kind; read?: string | undefined }[] {
  return shape.fields.flatMap(([key, kind, read]) =>
    typeof kind === 'object'
      ? // A nested record is read-checked only where its parent reads it.
        leaves(kind, [...path, key]).map((l) => (read === undefined ? { ...l, read: undefined } : l))
      : [{ path: [...path, key], kind, read: read?.replace('%', key) }],
  );
}

function backupOf(items: ItemRecord[], reviews: ReviewRecord[]): string {
  return JSON.stringify({ format: 'briefdeck-backup', version: 1, settings: {}, decks: [], items, reviews, quizzes: [], drafts: [] });
}

afterEach(() => forgetDamage());

describe('record descriptions', () => {
  test('a sound item and review pass both the read checks and a backup', () => {
    expect(soundItem(item)).toBe(true);
    expect(soundReview(review)).toBe(true);
    expect(readBackup(backupOf([item], [review]), T0).ok).toBe(true);
  });

  test.each(leaves(ITEM_SHAPE).map((l) => [l.path.join('.'), l] as const))('item.%s: damaged, a backup refuses it and reads refuse it only when marked', (_name, leaf) => {
    const bad = damaged(item, leaf.path, BAD[leaf.kind]);
    const refused = readBackup(backupOf([bad], []), T0);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain(`items[0].${leaf.path.join('.')}:`);
    expect(soundItem(bad)).toBe(leaf.read === undefined);
    if (leaf.read !== undefined) expect(damagedRecords().at(-1)?.problem).toBe(leaf.read);
  });

  test.each(leaves(REVIEW_SHAPE).map((l) => [l.path.join('.'), l] as const))('review.%s: damaged, a backup refuses it and reads refuse it only when marked', (_name, leaf) => {
    const bad = damaged(review, leaf.path, BAD[leaf.kind]);
    const refused = readBackup(backupOf([item], [bad]), T0);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain(`reviews[0].${leaf.path.join('.')}:`);
    expect(soundReview(bad)).toBe(leaf.read === undefined);
    if (leaf.read !== undefined) expect(damagedRecords().at(-1)?.problem).toBe(leaf.read);
  });

  test('a nested record that is not an object is named as its description names it', () => {
    expect(soundItem({ ...item, fsrs: null })).toBe(false);
    expect(damagedRecords().at(-1)?.problem).toBe(FSRS_SHAPE.notObject);
    expect(soundReview({ ...review, before: 'gone' })).toBe(false);
    expect(damagedRecords().at(-1)?.problem).toBe(ITEM_SHAPE.notObject);
    expect(soundReview(7)).toBe(false);
    expect(damagedRecords().at(-1)?.problem).toBe(REVIEW_SHAPE.notObject);
  });

  test('an optional field may be absent, from reads and from a backup', () => {
    const { queue: _q, ...withoutQueue } = item;
    const { last_review: _l, ...fsrs } = review.after;
    const bare: ReviewRecord = { ...review, after: fsrs };
    expect(soundItem(withoutQueue)).toBe(true);
    expect(soundReview(bare)).toBe(true);
    expect(readBackup(backupOf([withoutQueue], [bare]), T0).ok).toBe(true);
  });

  describe('media files', () => {
    const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1]);
    const HASH = 'a'.repeat(64);
    // A stored record holds the bytes; a backup holds them as base64 and no `bytes` count.
    const stored = { hash: HASH, type: 'image/png', bytes: PNG.length, data: PNG.slice().buffer };
    const inBackup = { hash: HASH, type: 'image/png', data: btoa(String.fromCharCode(...PNG)) };
    const deck = { deck: { format: 2, id: 'd', version: 1, title: 'D', media: [{ name: 'a.png', type: 'image/png', width: 1, height: 1, sha256: HASH }], cards: [{ id: 'c', type: 'basic', front: 'F', back: 'B' }] }, origin: 'imported', updated: T0 };
    const backupWith = (media: unknown[]) =>
      JSON.stringify({ format: 'briefdeck-backup', version: 3, settings: {}, decks: [deck], items: [], reviews: [], quizzes: [], drafts: [], media });

    test('a sound media file passes the read checks and a backup', () => {
      expect(soundMedia(stored, HASH)).toBe(true);
      const read = readBackup(backupWith([inBackup]), T0);
      expect(read.ok).toBe(true);
      expect(read.ok && new Uint8Array(read.backup.media![0]!.data)).toEqual(PNG);
    });

    test.each(leaves(MEDIA_SHAPE).map((l) => [l.path.join('.'), l] as const))('media.%s: damaged, a backup refuses it and reads refuse it only when marked', (_name, leaf) => {
      const bad = damaged(stored, leaf.path, BAD[leaf.kind]);
      expect(soundMedia(bad, HASH)).toBe(leaf.read === undefined);
      if (leaf.read !== undefined) expect(damagedRecords().at(-1)).toEqual({ store: 'media', key: HASH, problem: leaf.read });
      const refused = readBackup(backupWith([damaged(inBackup, leaf.path, BAD[leaf.kind])]), T0);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error).toContain(`media[0].${leaf.path.join('.')}:`);
    });

    test('not an object: named as the description names it', () => {
      expect(soundMedia('gone', HASH)).toBe(false);
      expect(damagedRecords().at(-1)?.problem).toBe(MEDIA_SHAPE.notObject);
    });
  });
});
