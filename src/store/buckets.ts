/**
 * The day records as the stats screen and a backup restore use them: read and checked against the
 * log (rebuilt when they do not add up), or replaced with a restored log's. Kept apart from
 * `aggregates.ts`, which every recorded answer needs, so that this code loads with those screens.
 */
import type { IDBPTransaction } from 'idb';
import { BucketBuilder, type ReviewBucket } from '../srs/day-counts';
import type { ReviewRecord } from '../srs/types';
import {
  asWriteTx,
  basisOf,
  fillAggregates,
  packAll,
  unpackDay,
  type AnyWriteTx,
  type RebuildProgress,
} from './aggregates';
import { batch, inTransaction } from './db';
import { BASIS_KEY, LOGGED_KEY, UNSOUND_KEY } from './keys';
import type { BriefdeckDB, StoreName } from './schema';

/** Sorts reviews into time order (ties by id), as the log's time index gives them. */
function inTimeOrder(reviews: readonly ReviewRecord[]): ReviewRecord[] {
  const sorted = reviews.slice();
  let ordered = true;
  for (let i = 1; i < sorted.length && ordered; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.at > b.at || (a.at === b.at && (a.id ?? 0) > (b.id ?? 0))) ordered = false;
  }
  if (!ordered) sorted.sort((a, b) => a.at - b.at || (a.id ?? 0) - (b.id ?? 0));
  return sorted;
}

/** Writes the buckets of a log that replaces the old one (backup import), inside its transaction. */
export async function replaceAggregates(
  tx: AnyWriteTx,
  log: readonly ReviewRecord[],
  dayStartHour: number,
): Promise<void> {
  const builder = new BucketBuilder(dayStartHour);
  for (const r of inTimeOrder(log)) builder.add(r);
  await writeAggregates(tx, builder, log.length, dayStartHour);
}

/**
 * Replaces the day records with those of `built`, a whole log of `logged` entries taken in time
 * order with days cut at `dayStartHour` (in slices, when the log is written in slices), inside a
 * transaction over `days` and `meta`.
 */
export async function writeAggregates(tx: AnyWriteTx, built: BucketBuilder, logged: number, dayStartHour: number): Promise<void> {
  const days = tx.objectStore('days');
  await days.clear();
  const meta = tx.objectStore('meta');
  // Each write is marked handled as it is issued: one refused half-way aborts the transaction,
  // and those before it must not surface as unhandled rejections.
  const writes = batch();
  for (const d of packAll(built.result())) writes.add(days.put(d));
  writes.add(meta.put(0, UNSOUND_KEY));
  writes.add(meta.put(basisOf(dayStartHour), BASIS_KEY));
  writes.add(meta.put(logged, LOGGED_KEY));
  await writes.done();
}

/**
 * Every deck's day records, cut with `dayStartHour`, for the stats screen. They are checked first:
 * when they were built with another basis (day start or time zone), or no longer add up to the
 * log's kept length (answers counted by an older version, say), they are rebuilt from the log,
 * reporting progress.
 */
export async function reviewBuckets(dayStartHour: number, onProgress?: RebuildProgress): Promise<ReviewBucket[]> {
  const basis = basisOf(dayStartHour);
  const checked = await inTransaction(['days', 'reviews', 'meta'], 'readonly', (tx) => keptBuckets(tx, basis, false));
  if (checked) return checked;
  return inTransaction(
    ['reviews', 'settings', 'days', 'meta'],
    'readwrite',
    async (tx) => (await keptBuckets(tx, basis, true)) ?? fillAggregates(asWriteTx(tx), dayStartHour, onProgress),
  );
}

/**
 * The day records, if they were built with `basis` and add up to the log's length; null when they
 * must be rebuilt. A database without the log's kept length is only checked with `count` (in a
 * readwrite transaction): the log's time index is counted, and the count kept from then on.
 */
async function keptBuckets(tx: IDBPTransaction<BriefdeckDB, StoreName[], IDBTransactionMode>, basis: string, count: boolean): Promise<ReviewBucket[] | null> {
  const meta = tx.objectStore('meta');
  const [records, kept, unsound, stored] = await Promise.all([
    tx.objectStore('days').getAll(),
    meta.get(LOGGED_KEY),
    meta.get(UNSOUND_KEY),
    meta.get(BASIS_KEY),
  ]);
  if (stored !== basis) return null;
  let logged = kept;
  if (typeof logged !== 'number') {
    if (!count) return null;
    // The time index's count: it walks small index entries, where the store's would read every record.
    logged = await tx.objectStore('reviews').index('by-time').count();
  }
  const buckets = records.flatMap(unpackDay);
  let counted = typeof unsound === 'number' ? unsound : 0;
  for (const b of buckets) counted += b.reviewed;
  if (counted !== logged) return null;
  if (kept !== logged) await asWriteTx(tx).objectStore('meta').put(logged, LOGGED_KEY);
  return buckets;
}
