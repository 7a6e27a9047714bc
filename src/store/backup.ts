/**
 * Backup files: everything the learner owns (settings, stored decks, review items, the review
 * log, quiz history, drafts) as one versioned JSON text, and the reader that checks a file
 * completely before anything is replaced. Loaded lazily: valibot and the deck validator stay off
 * the study path.
 */
import * as v from 'valibot';
import { formatPath, validateDeck } from '../deck/validate';
import { itemId } from '../srs/items';
import { queueOf } from '../srs/queue';
import { settingsProblems } from '../srs/settings';
import { DEFAULT_SETTINGS, type ItemRecord, type QuizRecord, type ReviewRecord, type Settings } from '../srs/types';
import { asWriteTx, replaceAggregates } from './aggregates';
import { batch, inTransaction } from './db';
import { DB_VERSION } from './migrations';
import { syncMarks } from './sync-marks';
import type { DraftRecord, StoredDeck } from './schema';

export const BACKUP_FORMAT = 'briefdeck-backup';
export const BACKUP_VERSION = 1;

export interface Backup {
  settings: Settings;
  decks: StoredDeck[];
  items: ItemRecord[];
  reviews: ReviewRecord[];
  quizzes: QuizRecord[];
  drafts: DraftRecord[];
}

/** Records read per request while exporting: a round trip per page, not per record. */
const PAGE = 2000;

/** Each exported store's primary key, read from its records (for paging by key). */
const KEY_OF = {
  decks: (r: StoredDeck) => r.deck.id,
  items: (r: ItemRecord) => r.id,
  reviews: (r: ReviewRecord) => r.id!,
  quizzes: (r: QuizRecord) => r.id!,
  drafts: (r: DraftRecord) => r.key,
} as const;

/** Writes the backup a page of records at a time, so the log is never held twice as objects. */
export async function writeBackup(now: number): Promise<string> {
  return inTransaction(['settings', 'decks', 'items', 'reviews', 'quizzes', 'drafts'], 'readonly', async (tx) => {
    const parts: string[] = [];
    const settings = { ...DEFAULT_SETTINGS, ...(await tx.objectStore('settings').get('settings')) };
    parts.push(
      `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"database":${DB_VERSION},"exportedAt":${now},`,
      `"settings":${JSON.stringify(settings)}`,
    );
    for (const name of ['decks', 'items', 'reviews', 'quizzes', 'drafts'] as const) {
      parts.push(`,\n"${name}":[`);
      const keyOf = KEY_OF[name] as (r: unknown) => IDBValidKey;
      const store = tx.objectStore(name) as unknown as { getAll(q: IDBKeyRange | null, n: number): Promise<unknown[]> };
      let after: IDBValidKey | null = null;
      let first = true;
      for (;;) {
        const page = await store.getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), PAGE);
        for (const record of page) {
          parts.push(first ? '\n' : ',\n', JSON.stringify(record));
          first = false;
        }
        if (page.length < PAGE) break;
        after = keyOf(page[page.length - 1]);
      }
      parts.push(']');
    }
    parts.push('}\n');
    return parts.join('');
  });
}

const time = v.pipe(v.number('must be a time (a number)'), v.finite('must be a finite number'));
const count = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'));
const nonNegative = v.pipe(v.number('must be a number'), v.finite('must be a finite number'), v.minValue(0, 'must be 0 or more'));
const id = v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'));
const state = v.picklist([0, 1, 2, 3], 'must be 0, 1, 2 or 3');

const FsrsSchema = v.object({
  due: time,
  stability: nonNegative,
  difficulty: nonNegative,
  elapsed_days: nonNegative,
  scheduled_days: nonNegative,
  learning_steps: count,
  reps: count,
  lapses: count,
  state,
  last_review: v.optional(time),
});

const ItemSchema = v.object({
  id,
  deckId: id,
  cardId: id,
  sub: v.string('must be text'),
  fsrs: FsrsSchema,
  due: time,
  state,
  suspended: v.boolean('must be true or false'),
  buriedUntil: time,
  leech: v.boolean('must be true or false'),
  orphaned: v.boolean('must be true or false'),
  created: time,
  queue: v.optional(v.number()),
});

const ReviewSchema = v.object({
  id: v.pipe(count, v.minValue(1, 'must be 1 or more')),
  itemId: id,
  deckId: id,
  cardId: id,
  grade: v.picklist([1, 2, 3, 4], 'must be 1, 2, 3 or 4'),
  mode: v.picklist(['study', 'quiz'], 'must be "study" or "quiz"'),
  at: time,
  durationMs: nonNegative,
  before: ItemSchema,
  after: FsrsSchema,
  correct: v.optional(v.boolean('must be true or false')),
  buried: v.optional(v.array(id)),
});

const QuizSchema = v.object({
  id: v.pipe(count, v.minValue(1, 'must be 1 or more')),
  deckId: id,
  at: time,
  durationMs: nonNegative,
  score: count,
  total: count,
  missed: v.array(id, 'must be a list of item ids'),
  byKeyPoint: v.record(v.string(), v.object({ right: count, total: count })),
});

const DraftSchema = v.object({ key: id, value: v.unknown(), updated: time });
const StoredDeckSchema = v.object({
  deck: v.unknown(),
  origin: v.picklist(['imported', 'authored'], 'must be "imported" or "authored"'),
  updated: time,
});

const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.number(),
  settings: v.record(v.string(), v.unknown(), 'must be an object'),
  decks: v.array(StoredDeckSchema, 'must be a list'),
  items: v.array(ItemSchema, 'must be a list'),
  reviews: v.array(ReviewSchema, 'must be a list'),
  quizzes: v.array(QuizSchema, 'must be a list'),
  drafts: v.array(DraftSchema, 'must be a list'),
});

const MAX_PROBLEMS = 5;

function refuse(problems: string[]): { ok: false; error: string } {
  const shown = problems.slice(0, MAX_PROBLEMS).join('; ');
  const more = problems.length > MAX_PROBLEMS ? ` (and ${problems.length - MAX_PROBLEMS} more problems)` : '';
  return { ok: false, error: `This backup was not imported, nothing was changed: ${shown}${more}.` };
}

/** Parses and checks a backup text completely; never touches the database. */
export function readBackup(text: string, now: number): { ok: true; backup: Backup } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not a Briefdeck backup: it is not valid JSON (it may be damaged or cut short). Nothing was changed.' };
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BACKUP_FORMAT) {
    return { ok: false, error: 'This file is not a Briefdeck backup (it has no "format": "briefdeck-backup"). Nothing was changed.' };
  }
  if (typeof head.version !== 'number' || head.version > BACKUP_VERSION) {
    return {
      ok: false,
      error: `This backup was made by a newer Briefdeck (backup version ${String(head.version)}); update Briefdeck to import it. Nothing was changed.`,
    };
  }
  const result = v.safeParse(BackupSchema, json, { abortEarly: false });
  if (!result.success) {
    return refuse(
      result.issues.map((issue) => `${formatPath((issue.path ?? []).map((p) => p.key as string | number))}: ${issue.message}`),
    );
  }
  const data = result.output;
  const problems: string[] = [];

  const settings = { ...DEFAULT_SETTINGS, ...data.settings } as Settings;
  problems.push(...settingsProblems(settings).map((p) => `settings.${p}`));

  const decks: StoredDeck[] = [];
  data.decks.forEach((stored, i) => {
    const checked = validateDeck(stored.deck);
    if (checked.ok) decks.push({ ...stored, deck: checked.deck });
    else problems.push(...checked.errors.map((e) => `decks[${i}].deck${e.path === 'deck' ? '' : e.path.startsWith('[') ? e.path : `.${e.path}`}: ${e.message}`));
  });
  const deckIds = new Set<string>();
  decks.forEach((d, i) => {
    if (deckIds.has(d.deck.id)) problems.push(`decks[${i}].deck.id: "${d.deck.id}" appears twice`);
    deckIds.add(d.deck.id);
  });

  const itemIds = new Set<string>();
  const items = data.items.map((item, i) => {
    if (item.id !== itemId(item.deckId, item.cardId, item.sub)) {
      problems.push(`items[${i}].id: "${item.id}" does not match its deck, card and side`);
    }
    if (itemIds.has(item.id)) problems.push(`items[${i}].id: "${item.id}" appears twice`);
    itemIds.add(item.id);
    const record = item as ItemRecord;
    return { ...record, queue: queueOf(record, now) };
  });

  const reviewIds = new Set<number>();
  data.reviews.forEach((review, i) => {
    if (!itemIds.has(review.itemId)) problems.push(`reviews[${i}].itemId: refers to "${review.itemId}", which is not in the backup`);
    if (reviewIds.has(review.id)) problems.push(`reviews[${i}].id: ${review.id} appears twice`);
    reviewIds.add(review.id);
  });
  const quizIds = new Set<number>();
  data.quizzes.forEach((quiz, i) => {
    if (quizIds.has(quiz.id)) problems.push(`quizzes[${i}].id: ${quiz.id} appears twice`);
    quizIds.add(quiz.id);
  });
  const draftKeys = new Set<string>();
  data.drafts.forEach((draft, i) => {
    if (draftKeys.has(draft.key)) problems.push(`drafts[${i}].key: "${draft.key}" appears twice`);
    draftKeys.add(draft.key);
  });
  if (problems.length) return refuse(problems);

  return {
    ok: true,
    backup: {
      settings,
      decks,
      items,
      reviews: data.reviews as ReviewRecord[],
      quizzes: data.quizzes as QuizRecord[],
      drafts: data.drafts as DraftRecord[],
    },
  };
}

/** Replaces everything the learner owns with a checked backup, in one transaction. */
export async function replaceWithBackup(b: Backup): Promise<{ items: number; reviews: number; decks: number; quizzes: number; drafts: number }> {
  await inTransaction(['settings', 'decks', 'items', 'reviews', 'quizzes', 'drafts', 'meta', 'days'], 'readwrite', async (tx) => {
    // The items are replaced, so no deck's sync mark describes them any more.
    await tx.objectStore('meta').delete(syncMarks());
    const settings = tx.objectStore('settings');
    const decks = tx.objectStore('decks');
    const items = tx.objectStore('items');
    const reviews = tx.objectStore('reviews');
    const quizzes = tx.objectStore('quizzes');
    const drafts = tx.objectStore('drafts');
    const writes = batch();
    for (const store of [settings, decks, items, reviews, quizzes, drafts]) writes.add(store.clear());
    writes.add(settings.put(b.settings, 'settings'));
    for (const d of b.decks) writes.add(decks.put(d));
    for (const i of b.items) writes.add(items.put(i));
    for (const r of b.reviews) writes.add(reviews.put(r));
    for (const q of b.quizzes) writes.add(quizzes.put(q));
    for (const d of b.drafts) writes.add(drafts.put(d));
    // The stats aggregates of the new log, in the same transaction (see aggregates.ts).
    writes.add(replaceAggregates(asWriteTx(tx), b.reviews, b.settings.dayStartHour));
    await writes.done();
  });
  return { items: b.items.length, reviews: b.reviews.length, decks: b.decks.length, quizzes: b.quizzes.length, drafts: b.drafts.length };
}
