/**
 * Backup files of versions 2 and 3: the records of `records.ts` as rows (arrays in each description's
 * field order), a page of rows per line, gzip-compressed with the browser's CompressionStream.
 * A review does not repeat the item it was given to when that is what replaying the log gives
 * (its item's previous answer), nor the deck and card its item id names. Both directions stream:
 * the export compresses page by page, the import decompresses and checks line by line, and
 * neither ever holds the file as one string. Version 3 adds the decks' media, one file per line
 * after the records. Loaded lazily with `backup.ts`.
 */
import { parseItemId } from '../deck/items';
import { queueOf } from '../srs/queue';
import { DEFAULT_SETTINGS, type ItemRecord, type ReviewRecord } from '../srs/types';
import { mediaToJson } from './backup-media';
import { BACKUP_FORMAT, BACKUP_VERSION, checkBackup, itemRefOf, NOT_AN_ITEM_ID, type Backup } from './backup';
import { CHECK, checkRecord, isRecord, Problems, refuse, type CheckedLists } from './backup-checks';
import { inTransaction } from './db';
import { DB_VERSION } from './migrations';
import { DRAFT_SHAPE, ITEM_SHAPE, QUIZ_SHAPE, REVIEW_SHAPE, STORED_DECK_SHAPE, type RecordShape } from './records';
import type { DraftRecord, StoredDeck } from './schema';

/** The media type of a version 2 backup file. */
export const BACKUP_TYPE = 'application/gzip';

/** Records read per request while exporting, and rows per line of the file. */
const PAGE = 2000;

/** The lists of a backup, in the order they are written: items before the reviews that refer to them. */
const LISTS = ['decks', 'items', 'reviews', 'quizzes', 'drafts'] as const;
type ListName = (typeof LISTS)[number];

/** Each list's record description (its rows follow the field order). */
const SHAPES: Record<ListName, RecordShape> = { decks: STORED_DECK_SHAPE, items: ITEM_SHAPE, reviews: REVIEW_SHAPE, quizzes: QUIZ_SHAPE, drafts: DRAFT_SHAPE };

/** Each exported store's primary key, read from its records (for paging by key). */
const KEY_OF: Record<ListName, (r: never) => IDBValidKey> = {
  decks: (r: StoredDeck) => r.deck.id,
  items: (r: ItemRecord) => r.id,
  reviews: (r: ReviewRecord) => r.id!,
  quizzes: (r: { id?: number }) => r.id!,
  drafts: (r: DraftRecord) => r.key,
};

const field = (name: string) => REVIEW_SHAPE.fields.findIndex((f) => f[0] === name);
const R_ITEM = field('itemId');
const R_DECK = field('deckId');
const R_CARD = field('cardId');
const R_BEFORE = field('before');
/** A review whose item is replayed: every field but `before`. */
const REPLAYED_REVIEW_SHAPE: RecordShape = { ...REVIEW_SHAPE, fields: REVIEW_SHAPE.fields.filter((f) => f[0] !== 'before') };

type Row = unknown[];

/** A record as a row: its described fields in order, an absent optional one as null. */
function toRow(shape: RecordShape, record: Record<string, unknown>): Row {
  return shape.fields.map(([key, kind]) => {
    const value = record[key];
    if (value === undefined) return null;
    return typeof kind === 'object' ? toRow(kind, value as Record<string, unknown>) : value;
  });
}

/** A row back as a record (null fields left out), or the problem with its length. */
function fromRow(shape: RecordShape, row: unknown): Record<string, unknown> | string {
  if (!Array.isArray(row)) return 'must be a row (a list of values)';
  if (row.length !== shape.fields.length) return `must be a row of ${shape.fields.length} values, not ${row.length}`;
  const record: Record<string, unknown> = {};
  shape.fields.forEach(([key, kind], i) => {
    const value = row[i];
    if (value === null) return;
    // A nested row that is not a row is left as it is, for the record's check to report.
    record[key] = typeof kind === 'object' && Array.isArray(value) ? fromRow(kind, value) : value;
  });
  return record;
}

function sameRow(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => sameRow(x, b[i]));
}

/**
 * Whether two records would be written as the same row (absent and null alike), compared field by
 * field without building either row: the export asks it of every review.
 */
function sameFields(shape: RecordShape, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const [key, kind] of shape.fields) {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (x === y) continue;
    if (typeof kind !== 'object') {
      if (!sameRow(x, y)) return false;
    } else if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || !sameFields(kind, x as Record<string, unknown>, y as Record<string, unknown>)) {
      return false;
    }
  }
  return true;
}

/** What an item was like when it was next answered, replayed from its previous answer. */
function replayed(previous: ReviewRecord): ItemRecord {
  const item: ItemRecord = { ...previous.before, due: previous.after.due, state: previous.after.state, fsrs: previous.after };
  if (previous.before.queue !== undefined) item.queue = queueOf(item, previous.at);
  return item;
}

/** A review as a row, leaving out what replaying the log and its item id give back. */
function reviewRow(review: ReviewRecord, previous: ReviewRecord | undefined): Row {
  const given = previous !== undefined && sameFields(ITEM_SHAPE, review.before as unknown as Record<string, unknown>, replayed(previous) as unknown as Record<string, unknown>);
  // A replayed item's row is never built.
  const row = toRow(REVIEW_SHAPE, (given ? { ...review, before: undefined } : review) as unknown as Record<string, unknown>);
  const { deckId, cardId } = parseItemId(review.itemId);
  if (row[R_DECK] === deckId) row[R_DECK] = null;
  if (row[R_CARD] === cardId) row[R_CARD] = null;
  return row;
}

/** Writes everything the learner owns as a backup file (version 3), compressing it page by page. */
export async function writeBackupFile(now: number): Promise<Blob> {
  let lines!: ReadableStreamDefaultController<string>;
  const text = new ReadableStream<string>({ start: (c) => void (lines = c) });
  const compressed = text.pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  // The compressed bytes are gathered while the records are still being read.
  const gathered = (async () => {
    const chunks: Uint8Array[] = [];
    const reader = compressed.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    return new Blob(chunks as BlobPart[], { type: BACKUP_TYPE });
  })();
  try {
    await inTransaction(['settings', ...LISTS, 'media'], 'readonly', async (tx) => {
      const settings = { ...DEFAULT_SETTINGS, ...(await tx.objectStore('settings').get('settings')) };
      const columns = Object.fromEntries(LISTS.map((name) => [name, SHAPES[name].fields.map((f) => f[0])]));
      lines.enqueue(`${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, database: DB_VERSION, exportedAt: now, settings, columns })}\n`);
      const counts: Record<string, number> = {};
      // Each item's latest answer so far: the next one's item is replayed from it.
      const latest = new Map<string, ReviewRecord>();
      for (const name of LISTS) {
        const store = tx.objectStore(name) as unknown as { getAll(q: IDBKeyRange | null, n: number): Promise<unknown[]> };
        counts[name] = 0;
        const pageAfter = (key: IDBValidKey | null) => {
          const request = store.getAll(key === null ? null : IDBKeyRange.lowerBound(key, true), PAGE);
          // Awaited below; a failure in between aborts the transaction and is reported once.
          request.catch(() => undefined);
          return request;
        };
        for (let next: Promise<unknown[]> | null = pageAfter(null); next; ) {
          const page: unknown[] = await next;
          // The next page is asked for before this one is written out, so the database reads it meanwhile.
          next = page.length < PAGE ? null : pageAfter((KEY_OF[name] as (r: unknown) => IDBValidKey)(page[page.length - 1]));
          if (page.length) {
            const rows =
              name === 'reviews'
                ? (page as ReviewRecord[]).map((r) => {
                    const row = reviewRow(r, latest.get(r.itemId));
                    latest.set(r.itemId, r);
                    return row;
                  })
                : page.map((r) => toRow(SHAPES[name], r as Record<string, unknown>));
            lines.enqueue(`${JSON.stringify([name, ...rows])}\n`);
            counts[name] += page.length;
          }
        }
      }
      // Pictures and sounds last, one file per line: each may be megabytes, so none waits for another.
      counts.media = 0;
      for (const hash of await tx.objectStore('media').getAllKeys()) {
        const record = await tx.objectStore('media').get(hash);
        if (!record) continue;
        lines.enqueue(`["media",${mediaToJson(record)}]\n`);
        counts.media++;
      }
      // The counts close the file, so a file cut short is told from a smaller collection.
      lines.enqueue(`${JSON.stringify(['end', counts])}\n`);
    });
    lines.close();
  } catch (error) {
    lines.error(error);
    await gathered.catch(() => undefined);
    throw error;
  }
  return gathered;
}

/** Whether a file starts as gzip does (versions 2 and 3); version 1 files are JSON text. */
export async function isCompressed(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** The file's lines, decompressed and decoded as they arrive. */
async function* linesOf(file: Blob): AsyncGenerator<string> {
  const reader = file
    .stream()
    .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .getReader();
  // A line spans many chunks: its pieces are joined once, when its end arrives.
  let pieces: string[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    const chunk = r.value;
    let from = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', from)) {
      pieces.push(chunk.slice(from, end));
      yield pieces.join('');
      pieces = [];
      from = end + 1;
    }
    if (from < chunk.length) pieces.push(chunk.slice(from));
  }
  if (pieces.length) yield pieces.join('');
}

type Read = { ok: true; backup: Backup } | { ok: false; error: string };
const damaged = (what: string): Read => ({
  ok: false,
  error: `This file is not a Briefdeck backup: ${what} (it may be damaged or cut short). Nothing was changed.`,
});

/** Reads and checks a backup file of version 2 or 3 completely, line by line; never touches the database. */
export async function readBackupFile(file: Blob, now: number): Promise<Read> {
  const problems = new Problems();
  const media: unknown[] = [];
  const lists: CheckedLists = { decks: [], items: [], reviews: [], quizzes: [], drafts: [], media };
  let settings: Record<string, unknown> | null = null;
  let end: unknown = null;
  const latest = new Map<string, ReviewRecord>();
  // Items come before the reviews: a review's ids are then the very strings its item holds.
  const itemsById = new Map<string, ItemRecord>();
  let line = 0;
  try {
    for await (const text of linesOf(file)) {
      line++;
      if (!text) continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return damaged(`line ${line} is not valid JSON`);
      }
      if (settings === null) {
        const head = json as { format?: unknown; version?: unknown; settings?: unknown } | null;
        if (!isRecord(head) || head.format !== BACKUP_FORMAT) return damaged('it has no "format": "briefdeck-backup"');
        // Version 2 is this format without media; both are read here.
        if (head.version !== 2 && head.version !== BACKUP_VERSION) {
          return typeof head.version === 'number' && head.version > BACKUP_VERSION
            ? { ok: false, error: `This backup was made by a newer Briefdeck (backup version ${head.version}); update Briefdeck to import it. Nothing was changed.` }
            : { ok: false, error: `This backup has an unknown version (${String(head.version)}): it was not made by Briefdeck. Nothing was changed.` };
        }
        if (!isRecord(head.settings)) {
          problems.add('settings', 'must be an object');
          return refuse(problems);
        }
        settings = head.settings;
        continue;
      }
      if (end !== null) return damaged(`line ${line} follows the end of the backup`);
      if (!Array.isArray(json) || typeof json[0] !== 'string') return damaged(`line ${line} is not a list of rows`);
      const name = json[0];
      if (name === 'end') {
        end = json[1];
        continue;
      }
      if (name === 'media') {
        // Checked with the decks that list them, once every deck is read (backup-media.ts).
        media.push(...json.slice(1));
        continue;
      }
      if (!(LISTS as readonly string[]).includes(name)) return damaged(`line ${line} holds an unknown list "${name}"`);
      const list = name as ListName;
      const out = lists[list] as unknown[];
      for (let k = 1; k < json.length; k++) {
        const i = out.length;
        const path = () => `${list}[${i}]`;
        const row = json[k] as Row;
        if (list === 'reviews') {
          const review = readReview(row, latest, itemsById, path, problems);
          if (review) latest.set(review.itemId, review);
          out.push(review);
          continue;
        }
        const record = fromRow(SHAPES[list], row);
        const checked = typeof record === 'string' ? (problems.add(path(), record), null) : CHECK[list](record, path, problems);
        if (list === 'items' && checked) itemsById.set((checked as ItemRecord).id, checked as ItemRecord);
        out.push(checked);
      }
    }
  } catch {
    return damaged('it could not be decompressed');
  }
  if (settings === null) return damaged('it is empty');
  if (!isRecord(end)) return damaged('its end is missing');
  for (const name of LISTS) {
    if (end[name] !== lists[name].length) return damaged(`it should hold ${String(end[name])} ${name} but holds ${lists[name].length}`);
  }
  if ((end.media ?? 0) !== media.length) return damaged(`it should hold ${String(end.media)} media files but holds ${media.length}`);
  if (problems.total) return refuse(problems);
  return checkBackup(settings, lists, now);
}

/**
 * One review row back as a checked review: its deck and card from its item id, its item replayed
 * when left out. Its ids and mode share the strings already read, since a restore holds every review at once.
 */
function readReview(row: Row, latest: Map<string, ReviewRecord>, itemsById: Map<string, ItemRecord>, path: () => string, problems: Problems): ReviewRecord | null {
  if (!Array.isArray(row) || row.length !== REVIEW_SHAPE.fields.length) {
    problems.add(path(), `must be a row of ${REVIEW_SHAPE.fields.length} values`);
    return null;
  }
  const itemId = row[R_ITEM];
  if (typeof itemId === 'string' && (row[R_DECK] === null || row[R_CARD] === null)) {
    const ref = itemRefOf(itemId);
    if (!ref) {
      problems.add(`${path()}.itemId`, NOT_AN_ITEM_ID(itemId));
      return null;
    }
    const { deckId, cardId } = ref;
    row = [...row];
    row[R_DECK] ??= deckId;
    row[R_CARD] ??= cardId;
  }
  let replay: ItemRecord | null = null;
  if (row[R_BEFORE] === null) {
    const previous = typeof itemId === 'string' ? latest.get(itemId) : undefined;
    if (!previous) {
      problems.add(`${path()}.before`, 'is left out, but no earlier answer of its item is there to replay it from');
      return null;
    }
    replay = replayed(previous);
  }
  const record = fromRow(REVIEW_SHAPE, row);
  if (typeof record === 'string') {
    problems.add(path(), record);
    return null;
  }
  // A replayed item is made of records already checked: the rest of the review is checked.
  const review = replay ? (checkRecord(record, REPLAYED_REVIEW_SHAPE, path, problems) as ReviewRecord | null) : CHECK.reviews(record, path, problems);
  if (review && replay) review.before = replay;
  if (review) {
    const item = itemsById.get(review.itemId);
    if (item) {
      review.itemId = item.id;
      if (review.deckId === item.deckId) review.deckId = item.deckId;
      if (review.cardId === item.cardId) review.cardId = item.cardId;
    }
    review.mode = review.mode === 'study' ? 'study' : 'quiz';
  }
  return review;
}
