/**
 * Replaying an item's merged history: any order and any split of the same documents between
 * devices gives identical item states; undo (a tombstone) removes exactly its review; the fuzz
 * comes from the review ids, not from a random source.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventDoc, historyId, reviewDoc, tombstone, type CouchDoc, type HistoryDoc } from '../../../src/sync/docs';
import { liveHistory, replay, replayAll } from '../../../src/sync/replay';
import { gradeItem, newItem } from '../../../src/srs/scheduler';
import { gradeSeeded } from '../../../src/sync/seeded';
import { parseItemId } from '../../../src/deck/items';
import { DEFAULT_SETTINGS, type Grade } from '../../../src/srs/types';

const T0 = Date.UTC(2026, 0, 5, 9);
const HOUR = 3600_000;
const ITEMS = ['cells/nucleus', 'cells/membrane#reverse', 'cells/ribosome#c1'];
const settings = DEFAULT_SETTINGS;
const context = { settings, now: T0 + 400 * 24 * HOUR };

const hex16 = fc.stringMatching(/^[0-9a-f]{16}$/);
// Times on a coarse grid so that equal times (ties broken by id) happen often.
const at = fc.integer({ min: 0, max: 200 }).map((step) => T0 + step * 6 * HOUR);

const review = fc
  .record({
    itemId: fc.constantFrom(...ITEMS),
    at,
    grade: fc.constantFrom<Grade>(1, 2, 3, 4),
    // Mostly study answers; now and then a quiz answer that only logs.
    reschedule: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    nonce: hex16,
  })
  .map(({ nonce, ...f }) => reviewDoc({ ...f, mode: 'study', durationMs: 4000 }, nonce));

const event = fc
  .record({
    itemId: fc.constantFrom(...ITEMS),
    at,
    kind: fc.constantFrom('suspend', 'unsuspend', 'bury', 'reset' as const),
    nonce: hex16,
  })
  .map(({ nonce, kind, ...f }) =>
    eventDoc(kind === 'bury' ? { ...f, kind, until: f.at + 12 * HOUR } : { ...f, kind }, nonce),
  );

const history = fc.uniqueArray(fc.oneof({ weight: 4, arbitrary: review }, { weight: 1, arbitrary: event }), {
  selector: (d) => d._id,
  maxLength: 40,
});

/** Everything replayed, per item, as plain data to compare. */
function states(docs: CouchDoc[]): Record<string, unknown> {
  return Object.fromEntries(ITEMS.map((id) => [id, replay(id, docs, context)]));
}

describe('replay', () => {
  it('gives the same state for any order of the same documents', () => {
    fc.assert(
      fc.property(
        history.chain((docs) => fc.tuple(fc.constant(docs), fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }))),
        ([docs, shuffled]) => {
          expect(states(shuffled)).toEqual(states(docs));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same state however the documents were split between devices and merged', () => {
    fc.assert(
      fc.property(
        history.chain((docs) =>
          fc.tuple(
            fc.constant(docs),
            // Which devices hold each document (at least one; several once it has replicated).
            fc.array(fc.subarray([0, 1, 2], { minLength: 1 }), { minLength: docs.length, maxLength: docs.length }),
            fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
          ),
        ),
        ([docs, holders, mergeOrder]) => {
          const devices: HistoryDoc[][] = [[], [], []];
          docs.forEach((doc, i) => holders[i]!.forEach((d) => devices[d]!.push(doc)));
          const merged = mergeOrder.flatMap((d) => devices[d]!);
          expect(states(merged)).toEqual(states(docs));
          const all = replayAll(merged, context);
          for (const id of new Set(docs.map((d) => d.itemId))) expect(all.get(id)).toEqual(replay(id, docs, context));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('undo: a tombstone removes its review and nothing else, wherever it arrives in the stream', () => {
    fc.assert(
      fc.property(
        history
          .chain((docs) => fc.tuple(fc.constant(docs), fc.subarray(docs)))
          .chain(([docs, undone]) => {
            const stream = [...docs, ...undone.map((u) => tombstone({ _id: u._id, _rev: '2-x' }))];
            return fc.tuple(
              fc.constant(docs),
              fc.constant(undone),
              fc.shuffledSubarray(stream, { minLength: stream.length, maxLength: stream.length }),
            );
          }),
        ([docs, undone, stream]) => {
          const gone = new Set(undone.map((u) => u._id));
          expect(states(stream)).toEqual(states(docs.filter((d) => !gone.has(d._id))));
          for (const id of ITEMS) expect(liveHistory(id, stream).some((d) => gone.has(d._id))).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('replays reviews through the scheduler in time order, ties broken by id', () => {
    const item = 'cells/nucleus';
    const a = reviewDoc({ itemId: item, at: T0, grade: 3, mode: 'study', durationMs: 1, reschedule: true }, 'a'.repeat(16));
    const b = reviewDoc({ itemId: item, at: T0, grade: 1, mode: 'study', durationMs: 1, reschedule: true }, 'b'.repeat(16));
    const c = reviewDoc({ itemId: item, at: T0 + 2 * 24 * HOUR, grade: 4, mode: 'study', durationMs: 1, reschedule: true }, '0'.repeat(16));
    let expected = newItem(parseItemId(item), 0);
    for (const doc of [a, b, c]) expected = gradeSeeded(expected, doc.grade, doc.at, settings, doc._id);
    const got = replay(item, [c, b, a], context);
    expect(got.fsrs).toEqual(expected.fsrs);
    expect(got.fsrs.reps).toBe(3);
  });

  it('applies events: suspend, unsuspend, bury until a time, reset to new; a quiz answer that does not reschedule only logs', () => {
    const item = 'cells/nucleus';
    const r = (h: number, grade: Grade, reschedule = true) =>
      reviewDoc({ itemId: item, at: T0 + h * HOUR, grade, mode: 'study', durationMs: 1, reschedule });
    const studied = [r(0, 3), r(30, 3)];
    const base = replay(item, studied, context);
    expect(base.state).toBe(2);
    expect(replay(item, [...studied, r(40, 1, false)], context)).toEqual(base);
    const suspended = replay(item, [...studied, eventDoc({ itemId: item, at: T0 + 50 * HOUR, kind: 'suspend' })], context);
    expect(suspended.suspended).toBe(true);
    expect(suspended.queue).toBe(-1);
    const back = replay(
      item,
      [...studied, eventDoc({ itemId: item, at: T0 + 50 * HOUR, kind: 'suspend' }), eventDoc({ itemId: item, at: T0 + 51 * HOUR, kind: 'unsuspend' })],
      context,
    );
    expect(back.suspended).toBe(false);
    const until = T0 + 60 * HOUR;
    const buried = eventDoc({ itemId: item, at: T0 + 50 * HOUR, kind: 'bury', until });
    expect(replay(item, [...studied, buried], { settings, now: until - 1 }).queue).toBe(-2);
    expect(replay(item, [...studied, buried], { settings, now: until }).queue).toBe(2);
    const reset = replay(item, [...studied, eventDoc({ itemId: item, at: T0 + 70 * HOUR, kind: 'reset' })], context);
    expect(reset.state).toBe(0);
    expect(reset.fsrs.reps).toBe(0);
    expect(reset.fsrs.lapses).toBe(0);
  });

  it('seeds the fuzz from the review ids: the same ids give the same day, other ids may not', () => {
    const item = 'cells/nucleus';
    const dues = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const nonceFor = (k: number) => (i * 7 + k).toString(16).padStart(16, '0');
      const docs = [0, 1, 2, 3].map((k) =>
        reviewDoc({ itemId: item, at: T0 + k * 20 * 24 * HOUR, grade: 3, mode: 'study', durationMs: 1, reschedule: true }, nonceFor(k)),
      );
      const once = replay(item, docs, context);
      expect(replay(item, [...docs].reverse(), context)).toEqual(once);
      dues.add(once.due);
    }
    // Long intervals are fuzzed: twelve sets of ids do not all land on one time.
    expect(dues.size).toBeGreaterThan(1);
  });

  it('ignores other items and documents that are not history', () => {
    const item = 'cells/nucleus';
    const mine = reviewDoc({ itemId: item, at: T0, grade: 3, mode: 'study', durationMs: 1, reschedule: true });
    const other = reviewDoc({ itemId: 'cells/membrane#reverse', at: T0, grade: 1, mode: 'study', durationMs: 1, reschedule: true });
    const deck = { _id: 'deck:cells', type: 'deck' };
    expect(replay(item, [mine, other, deck], context)).toEqual(replay(item, [mine], context));
    expect(historyId('review', item, T0, 'f'.repeat(16))).toBe(`review:${item}:${T0}:${'f'.repeat(16)}`);
  });
});

describe('gradeSeeded', () => {
  it('agrees with gradeItem on everything but the fuzzed due time, and is a function of its seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<Grade>(1, 2, 3, 4), fc.integer({ min: 1, max: 40 * 24 })), { minLength: 1, maxLength: 12 }),
        hex16,
        (steps, seed) => {
          let plain = newItem(parseItemId('cells/nucleus'), 0);
          let withSeed = plain;
          let now = T0;
          for (const [grade, hours] of steps) {
            now += hours * HOUR;
            const next = gradeSeeded(withSeed, grade, now, settings, `${seed}-${now}`);
            expect(gradeSeeded(withSeed, grade, now, settings, `${seed}-${now}`)).toEqual(next);
            const unseeded = gradeItem(withSeed, grade, now, settings).item;
            const { due: _d, fsrs: f1, ...rest1 } = next;
            const { due: _e, fsrs: f2, ...rest2 } = unseeded;
            expect(rest1).toEqual(rest2);
            expect({ ...f1, due: 0, scheduled_days: 0 }).toEqual({ ...f2, due: 0, scheduled_days: 0 });
            withSeed = next;
            plain = unseeded;
          }
          expect(withSeed.fsrs.reps).toBe(plain.fsrs.reps);
        },
      ),
      { numRuns: 60 },
    );
  });
});
