/**
 * Backups: everything the learner owns (settings, stored decks, review items, the review log,
 * quiz history, drafts), the table of backup versions, the reader of version 1 files (one JSON
 * text) and the complete check before anything is replaced; `backup-stream.ts` writes and reads
 * today's files. Loaded lazily: valibot and the deck validator stay off
 * the study path.
 */
import { validateDeck } from '../deck/validate';
import { itemId, parseItemId } from '../deck/items';
import { queueOf } from '../srs/queue';
import { settingsProblems } from '../srs/settings';
import { parametersProblems } from '../srs/parameters';
import { DEFAULT_SETTINGS, type ItemRecord, type QuizRecord, type ReviewRecord, type Settings } from '../srs/types';
import { tooDeepAt } from '../deck/json-depth';
import { draftProblem } from './draft-check';
import { asWriteTx } from './aggregates';
import { replaceAggregates } from './buckets';
import { batch, inTransaction, putAll } from './db';
import { expandDeck, itemsSignature } from '../deck/items';
import { summaryOf } from './deck-summaries';
import { eventKeys, summaryKey, summaryKeys, syncKey, syncMarks } from './keys';
import type { DraftRecord, MediaRecord, StoredDeck } from './schema';
import { readBackupMedia, verifyMedia } from './backup-media';
import { CHECK, checkList, isRecord, Problems, refuse, type CheckedLists, type Rec } from './backup-checks';

export const BACKUP_FORMAT = 'briefdeck-backup';

/**
 * Every backup version this Briefdeck reads, oldest first, each with what brings a file of it up
 * to the next version before it is checked: a field added in a later version gets its default
 * there, so that the checks, which describe today's records, never refuse an older backup for
 * lacking it. The last is the version written today.
 */
const BACKUP_VERSIONS: readonly { version: number; toNext?: (data: Record<string, unknown>) => Record<string, unknown> }[] = [
  // 1: the first shape, one JSON text. Its records are today's records.
  { version: 1, toNext: (data) => data },
  // 2: the same records, written compactly and gzip-compressed, a page of rows per line (`backup-stream.ts`).
  { version: 2, toNext: (data) => ({ ...data, media: [] }) },
  // 3: `media`, the decks' pictures and sounds by content hash, one file per line (see backup-media.ts).
  { version: 3 },
];
export const BACKUP_VERSION = BACKUP_VERSIONS[BACKUP_VERSIONS.length - 1]!.version;

export interface Backup {
  settings: Settings;
  decks: StoredDeck[];
  items: ItemRecord[];
  reviews: ReviewRecord[];
  quizzes: QuizRecord[];
  drafts: DraftRecord[];
  /** Media files by content hash (none in a backup from before media). */
  media?: MediaRecord[];
}

const MAX_BACKUP_DEPTH = 32;

/** Parses and checks a backup text completely; never touches the database. */
export function readBackup(text: string, now: number): { ok: true; backup: Backup } | { ok: false; error: string } {
  // A backup nests at most 7 levels (a review's item's schedule); millions of `[` parse for seconds.
  if (tooDeepAt(text, MAX_BACKUP_DEPTH) !== -1) {
    return { ok: false, error: `This file is not a Briefdeck backup: it nests lists and objects more than ${MAX_BACKUP_DEPTH} levels deep. Nothing was changed.` };
  }
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
  // Versions count 1, 2, 3…: anything else (0, -1, 0.5, the text "1") is no version Briefdeck wrote.
  if (typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < 1) {
    return { ok: false, error: `This backup has an unknown version (${JSON.stringify(head.version) ?? 'none'}): Briefdeck numbers its backups 1, 2, 3…. Nothing was changed.` };
  }
  if (head.version > BACKUP_VERSION) {
    return {
      ok: false,
      error: `This backup was made by a newer Briefdeck (backup version ${String(head.version)}); update Briefdeck to import it. Nothing was changed.`,
    };
  }
  const from = BACKUP_VERSIONS.findIndex((v) => v.version === head.version);
  if (from === -1) return { ok: false, error: `This backup has an unknown version (${String(head.version)}): it was not made by Briefdeck. Nothing was changed.` };
  let data = json as Rec;
  for (const step of BACKUP_VERSIONS.slice(from, -1)) data = step.toNext!(data);
  const problems = new Problems();
  if (!isRecord(data.settings)) problems.add('settings', 'must be an object');
  const checked = {
    decks: checkList(data.decks, 'decks', CHECK.decks, problems),
    items: checkList(data.items, 'items', CHECK.items, problems),
    reviews: checkList(data.reviews, 'reviews', CHECK.reviews, problems),
    quizzes: checkList(data.quizzes, 'quizzes', CHECK.quizzes, problems),
    drafts: checkList(data.drafts, 'drafts', CHECK.drafts, problems),
    media: data.media,
  };
  if (problems.total) return refuse(problems);
  return checkBackup(data.settings as Rec, checked as CheckedLists, now);
}

/** An item id's deck, card and side, or null when it names no deck and card (text from a file may be anything). */
export const itemRefOf = (id: string) => (id.indexOf('/') > 0 ? parseItemId(id) : null);
/** The problem with an item id that names no deck and card. */
export const NOT_AN_ITEM_ID = (id: string) => `"${id}" is not a review item id (deckId/cardId)`;

/** The checks across a backup's records (settings, decks, ids and references), once each record has passed its own. */
export function checkBackup(rawSettings: Rec, lists: CheckedLists, now: number): { ok: true; backup: Backup } | { ok: false; error: string } {
  const problems = new Problems();
  const { decks: storedDecks, items: checkedItems, reviews, quizzes, drafts } = lists;
  const settings = { ...DEFAULT_SETTINGS, ...rawSettings } as Settings;
  for (const p of [...settingsProblems(settings), ...parametersProblems(settings.parameters)]) problems.line(`settings.${p}`);

  const decks: StoredDeck[] = [];
  storedDecks.forEach((stored, i) => {
    const valid = validateDeck(stored.deck);
    if (valid.ok) decks.push({ ...stored, deck: valid.deck });
    else for (const e of valid.errors) problems.line(`decks[${i}].deck${e.path === 'deck' ? '' : e.path.startsWith('[') ? e.path : `.${e.path}`}: ${e.message}`);
  });
  const deckIds = new Set<string>();
  decks.forEach((d, i) => {
    if (deckIds.has(d.deck.id)) problems.line(`decks[${i}].deck.id: "${d.deck.id}" appears twice`);
    deckIds.add(d.deck.id);
  });

  const itemIds = new Set<string>();
  const items = checkedItems.map((item, i) => {
    if (item.id !== itemId(item.deckId, item.cardId, item.sub)) problems.line(`items[${i}].id: "${item.id}" does not match its deck, card and side`);
    if (itemIds.has(item.id)) problems.line(`items[${i}].id: "${item.id}" appears twice`);
    itemIds.add(item.id);
    item.queue = queueOf(item, now);
    return item;
  });

  const reviewIds = new Set<number>();
  reviews.forEach((review, i) => {
    if (!itemIds.has(review.itemId)) problems.line(`reviews[${i}].itemId: refers to "${review.itemId}", which is not in the backup`);
    // A review names its item three ways (id, deck and card, the item before it): all must agree.
    const ref = itemRefOf(review.itemId);
    if (!ref) problems.line(`reviews[${i}].itemId: ${NOT_AN_ITEM_ID(review.itemId)}`);
    else if (review.deckId !== ref.deckId) problems.line(`reviews[${i}].deckId: "${review.deckId}" is not the deck of its item "${review.itemId}"`);
    if (ref && review.cardId !== ref.cardId) problems.line(`reviews[${i}].cardId: "${review.cardId}" is not the card of its item "${review.itemId}"`);
    if (review.before.id !== review.itemId) problems.line(`reviews[${i}].before.id: "${review.before.id}" is not the review's item "${review.itemId}"`);
    if (reviewIds.has(review.id!)) problems.line(`reviews[${i}].id: ${review.id} appears twice`);
    reviewIds.add(review.id!);
  });
  const quizIds = new Set<number>();
  quizzes.forEach((quiz, i) => {
    if (quizIds.has(quiz.id!)) problems.line(`quizzes[${i}].id: ${quiz.id} appears twice`);
    quizIds.add(quiz.id!);
  });
  const draftKeys = new Set<string>();
  drafts.forEach((draft, i) => {
    if (draftKeys.has(draft.key)) problems.line(`drafts[${i}].key: "${draft.key}" appears twice`);
    // Checked like every other record: a draft the editor cannot open would hang it.
    const problem = draftProblem(draft.key, draft.value);
    if (problem) problems.line(`drafts[${i}].${problem}`);
    draftKeys.add(draft.key);
  });
  const media = readBackupMedia(checkList(lists.media ?? [], 'media', CHECK.media, problems) ?? [], decks);
  for (const p of media.problems) problems.line(p);
  if (problems.total) return refuse(problems);

  return { ok: true, backup: { settings, decks, items, reviews, quizzes, drafts, media: media.media } };
}

/**
 * Stored decks of a backup whose items are in line with their cards (an item for every card's
 * item, live; every other item of the deck orphaned), with the fingerprint `syncDeckItems` marks.
 */
function syncedDecks(b: Backup): Map<string, string> {
  const byDeck = new Map<string, Map<string, boolean>>();
  for (const item of b.items) {
    let items = byDeck.get(item.deckId);
    if (!items) byDeck.set(item.deckId, (items = new Map()));
    items.set(item.id, item.orphaned);
  }
  const synced = new Map<string, string>();
  for (const { deck } of b.decks) {
    const ids = expandDeck(deck).map((r) => r.id);
    const items = byDeck.get(deck.id) ?? new Map<string, boolean>();
    const live = ids.every((id) => items.get(id) === false);
    const wanted = new Set(ids);
    const restOrphaned = [...items].every(([id, orphaned]) => wanted.has(id) || orphaned);
    if (live && restOrphaned) synced.set(deck.id, itemsSignature(ids));
  }
  return synced;
}

/** Replaces everything the learner owns with a checked backup, in one transaction. */
export async function replaceWithBackup(
  b: Backup,
): Promise<{ items: number; cards: number; reviews: number; decks: number; quizzes: number; drafts: number }> {
  await verifyMedia(b.media ?? []);
  await inTransaction(['settings', 'decks', 'items', 'reviews', 'quizzes', 'drafts', 'meta', 'days', 'media'], 'readwrite', async (tx) => {
    // The items are replaced, so no deck's sync mark describes them any more.
    await tx.objectStore('meta').delete(syncMarks());
    await tx.objectStore('meta').delete(summaryKeys());
    // Suspensions, burials and resets not yet synced were of the items replaced: not to be sent over the backup's.
    await tx.objectStore('meta').delete(eventKeys());
    const settings = tx.objectStore('settings');
    const decks = tx.objectStore('decks');
    const items = tx.objectStore('items');
    const reviews = tx.objectStore('reviews');
    const quizzes = tx.objectStore('quizzes');
    const drafts = tx.objectStore('drafts');
    const writes = batch();
    for (const store of [settings, decks, items, reviews, quizzes, drafts]) writes.add(store.clear());
    writes.add(settings.put(b.settings, 'settings'));
    for (const d of b.decks) {
      writes.add(decks.put(d));
      writes.add(tx.objectStore('meta').put(summaryOf(d), summaryKey(d.deck.id)));
    }
    // The many records go without a promise each (see `putAll`); a failed one aborts the transaction.
    putAll(items, b.items);
    putAll(reviews, b.reviews);
    putAll(quizzes, b.quizzes);
    putAll(drafts, b.drafts);
    writes.add(tx.objectStore('media').clear());
    putAll(tx.objectStore('media'), b.media ?? []);
    // A stored deck whose items in the backup are exactly in line with its cards is marked synced,
    // so the first session after a restore does not read its items again.
    for (const [deckId, signature] of syncedDecks(b)) writes.add(tx.objectStore('meta').put(signature, syncKey(deckId)));
    // The stats aggregates of the new log, in the same transaction (see aggregates.ts).
    writes.add(replaceAggregates(asWriteTx(tx), b.reviews, b.settings.dayStartHour));
    await writes.done();
    // Relaxed: the commit need not wait for the disk's flush. The write stays all or nothing, and
    // should the device lose power before the flush, the old data is what is left and the file is still there.
  }, { durability: 'relaxed' });
  // `cards`: what the learner calls them (a card's parts, each with its own schedule, are `items`).
  const cards = new Set(b.items.map((i) => `${i.deckId}/${i.cardId}`)).size;
  return { items: b.items.length, cards, reviews: b.reviews.length, decks: b.decks.length, quizzes: b.quizzes.length, drafts: b.drafts.length };
}
