/**
 * Suspend, unsuspend, bury and reset as events of the log: any order and split of the same
 * reviews and events gives the same item on every device, and the engine's step-by-step derive
 * agrees with `replay`; an unsuspension on one device undoes a suspension on another; a burial
 * ends; a reset starts the schedule again and later answers build on it; a leech's suspension is
 * an event of the device that graded, so devices agree whatever their threshold. Pure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseItemId } from '../../../src/deck/items';
import { forgetItem } from '../../../src/srs/forget';
import { QUEUE } from '../../../src/srs/queue';
import { gradeItem, newItem } from '../../../src/srs/scheduler';
import { DEFAULT_SETTINGS, type Grade, type ItemRecord, type ReviewRecord } from '../../../src/srs/types';
import { eventDoc, reviewDoc, type CouchDoc, type HistoryDoc, type ReviewDoc } from '../../../src/sync/docs';
import { answerEvents, heldEvents, startItem, toEventDoc } from '../../../src/sync/events';
import { checkIncoming } from '../../../src/sync/quarantine';
import { liveHistory, replay, replayStep, settle } from '../../../src/sync/replay';

const T0 = Date.UTC(2026, 0, 5, 9);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ITEMS = ['cells/nucleus', 'cells/membrane#reverse', 'cells/ribosome#c1'];
const settings = DEFAULT_SETTINGS;
const now = T0 + 400 * DAY;
const context = { settings, now };

const hex8 = fc.stringMatching(/^[0-9a-f]{8}$/);
const at = fc.integer({ min: 0, max: 200 }).map((step) => T0 + step * 6 * HOUR);

const review = fc
  .record({ itemId: fc.constantFrom(...ITEMS), at, grade: fc.constantFrom<Grade>(1, 2, 3, 4), device: hex8, nonce: hex8 })
  .map(({ device, nonce, ...f }) => reviewDoc({ ...f, mode: 'study', durationMs: 4000, reschedule: true }, device + nonce));

/** Events as devices write them (`toEventDoc`), leech suspensions and burials far past `now` included. */
const event = fc
  .record({
    itemId: fc.constantFrom(...ITEMS),
    at,
    kind: fc.constantFrom('suspend', 'unsuspend', 'bury', 'reset' as const),
    leech: fc.boolean(),
    long: fc.boolean(),
    device: hex8,
  })
  .map(({ device, kind, leech, long, ...f }) =>
    toEventDoc(
      kind === 'bury' ? { ...f, kind, until: long ? now + DAY : f.at + 12 * HOUR } : kind === 'suspend' && leech ? { ...f, kind, leech: true } : { ...f, kind },
      device,
    ),
  );

const history = fc.uniqueArray(fc.oneof({ weight: 3, arbitrary: review }, { weight: 2, arbitrary: event }), { selector: (d) => d._id, maxLength: 40 });

/** What the engine's derive computes for one item: its start, each entry stepped, settled at `now`. */
function derived(itemId: string, docs: CouchDoc[], own?: ItemRecord): ItemRecord {
  const h = liveHistory(itemId, docs);
  let item = startItem(parseItemId(itemId), own, h);
  for (const doc of h) item = replayStep(item, doc, settings);
  return settle(item, now);
}

const states = (docs: CouchDoc[]) => Object.fromEntries(ITEMS.map((id) => [id, replay(id, docs, context)]));

describe('events in the log', () => {
  it('any order and any split of the same reviews and events gives the same items; derive agrees with replay', () => {
    fc.assert(
      fc.property(
        history.chain((docs) =>
          fc.tuple(
            fc.constant(docs),
            fc.array(fc.subarray([0, 1], { minLength: 1 }), { minLength: docs.length, maxLength: docs.length }),
            fc.boolean(),
          ),
        ),
        ([docs, holders, phoneFirst]) => {
          const phone: HistoryDoc[] = [];
          const laptop: HistoryDoc[] = [];
          docs.forEach((doc, i) => holders[i]!.forEach((d) => (d === 0 ? phone : laptop).push(doc)));
          const merged = phoneFirst ? [...phone, ...laptop.reverse()] : [...laptop, ...phone.reverse()];
          expect(states(merged)).toEqual(states(docs));
          for (const id of ITEMS) {
            if (liveHistory(id, docs).some((d) => d.type === 'review')) expect(derived(id, merged)).toEqual(replay(id, docs, context));
          }
          // Every event a device writes passes the gate the other devices keep.
          for (const doc of docs) expect(checkIncoming(doc).status).toBe('ok');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an unsuspension on one device ends a suspension made earlier on another, and the other way round', () => {
    const item = 'cells/nucleus';
    const studied = reviewDoc({ itemId: item, at: T0, grade: 3, mode: 'study', durationMs: 1, reschedule: true });
    const suspend = toEventDoc({ kind: 'suspend', itemId: item, at: T0 + HOUR }, 'aaaaaaaa');
    const unsuspend = toEventDoc({ kind: 'unsuspend', itemId: item, at: T0 + 2 * HOUR }, 'bbbbbbbb');
    for (const docs of [
      [studied, suspend, unsuspend],
      [unsuspend, studied, suspend],
    ]) {
      const got = replay(item, docs, context);
      expect(got.suspended).toBe(false);
      expect(got.queue).not.toBe(QUEUE.suspended);
    }
    const again = toEventDoc({ kind: 'suspend', itemId: item, at: T0 + 3 * HOUR }, 'aaaaaaaa');
    expect(replay(item, [again, unsuspend, suspend, studied], context)).toMatchObject({ suspended: true, queue: QUEUE.suspended });
  });

  it('a burial holds until its time, then the item is back in its queue and the burial cleared', () => {
    const item = 'cells/nucleus';
    const studied = reviewDoc({ itemId: item, at: T0, grade: 3, mode: 'study', durationMs: 1, reschedule: true });
    const until = T0 + 20 * HOUR;
    const buried = toEventDoc({ kind: 'bury', itemId: item, at: T0 + HOUR, until }, 'aaaaaaaa');
    expect(replay(item, [studied, buried], { settings, now: until - 1 })).toMatchObject({ buriedUntil: until, queue: QUEUE.buried });
    const over = replay(item, [studied, buried], { settings, now: until });
    expect(over.buriedUntil).toBe(0);
    expect(over.queue).toBe(replay(item, [studied], { settings, now: until }).queue);
    // An answer given anyway (a focused session) ends the burial, as a grade does in the store.
    const answered = reviewDoc({ itemId: item, at: T0 + 2 * HOUR, grade: 3, mode: 'study', durationMs: 1, reschedule: true });
    expect(replay(item, [studied, buried, answered], { settings, now: until - 1 }).buriedUntil).toBe(0);
  });

  it('a reset starts the schedule again: answers after it build on a new item, answers before it stay in the history only', () => {
    const item = 'cells/nucleus';
    const r = (h: number, grade: Grade) => reviewDoc({ itemId: item, at: T0 + h * HOUR, grade, mode: 'study', durationMs: 1, reschedule: true });
    const before = [r(0, 3), r(30, 1), r(60, 3)];
    const reset = toEventDoc({ kind: 'reset', itemId: item, at: T0 + 100 * HOUR }, 'aaaaaaaa');
    const after = [r(101, 3), r(150, 4)];
    const got = replay(item, [...after, reset, ...before], context);
    let expected = forgetItem(replay(item, before, context), reset.at, settings);
    for (const doc of after) expected = replayStep(expected, doc, settings);
    expect(got).toEqual(settle(expected, now));
    expect(got.fsrs.reps).toBe(2);
    expect(got.fsrs.lapses).toBe(0);
    expect(liveHistory(item, [...after, reset, ...before]).filter((d) => d.type === 'review')).toHaveLength(5);
    // Reset alone: new, due at the reset.
    expect(replay(item, [...before, reset], context)).toMatchObject({ state: 0, due: reset.at, fsrs: { reps: 0 } });
  });
});

/** Answers that make `cells/nucleus` lapse twice, as records (the store's) and documents, with the threshold at 2. */
function lapsingTwice(): { records: ReviewRecord[]; docs: ReviewDoc[]; item: ItemRecord } {
  const low = { ...settings, leechThreshold: 2 };
  let item = newItem(parseItemId('cells/nucleus'), 0);
  const records: ReviewRecord[] = [];
  const docs: ReviewDoc[] = [];
  const grades: Grade[] = [3, 3, 1, 3, 1];
  grades.forEach((grade, i) => {
    const t = T0 + i * 5 * DAY;
    const { item: next } = gradeItem(item, grade, t, low);
    records.push({ itemId: item.id, deckId: item.deckId, cardId: item.cardId, grade, mode: 'study', at: t, durationMs: 1, before: item, after: next.fsrs });
    docs.push(reviewDoc({ itemId: item.id, at: t, grade, mode: 'study', durationMs: 1, reschedule: true }));
    item = next;
  });
  return { records, docs, item };
}

describe('what an answer makes beside it', () => {
  it('a leech: the grade that makes it one is sent with a suspension, and every device agrees whatever its threshold', () => {
    const { records, docs, item } = lapsingTwice();
    expect(item).toMatchObject({ leech: true, suspended: true });
    expect(item.fsrs.lapses).toBe(2);
    const low = { ...settings, leechThreshold: 2 };
    const made = records.flatMap((r) => answerEvents(r, 'cafe0123', low));
    expect(made).toEqual([expect.objectContaining({ kind: 'suspend', itemId: 'cells/nucleus', at: records[4]!.at, leech: true })]);
    expect(made[0]!._id).toMatch(/:cafe0123[0-9a-f]{8}$/);
    // Replayed, the grades alone suspend nothing; with the event every threshold gives the leech the grading device saw.
    expect(replay('cells/nucleus', docs, { settings: low, now })).toMatchObject({ leech: false, suspended: false });
    for (const leechThreshold of [2, 8, 99]) {
      expect(replay('cells/nucleus', [...docs, ...made], { settings: { ...settings, leechThreshold }, now })).toMatchObject({
        leech: true,
        suspended: true,
        queue: QUEUE.suspended,
      });
    }
    // Kept studying ("keep it"): an unsuspension later; the leech tag stays.
    const keep = toEventDoc({ kind: 'unsuspend', itemId: 'cells/nucleus', at: records[4]!.at + 1000 }, 'cafe0123');
    expect(replay('cells/nucleus', [...docs, ...made, keep], context)).toMatchObject({ leech: true, suspended: false });
    // Under the default threshold the same answers make no leech.
    expect(records.flatMap((r) => answerEvents(r, 'cafe0123', settings))).toEqual([]);
  });

  it("a study answer's buried siblings: a burial each until the next study day, with ids the same however often made", () => {
    const { records } = lapsingTwice();
    const r: ReviewRecord = { ...records[0]!, buried: ['cells/nucleus#reverse'] };
    const made = answerEvents(r, 'cafe0123', settings);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ type: 'event', kind: 'bury', itemId: 'cells/nucleus#reverse', at: r.at });
    expect(made[0]!.until).toBeGreaterThan(r.at);
    expect(made[0]!.until! - r.at).toBeLessThanOrEqual(DAY);
    expect(answerEvents(r, 'cafe0123', settings)).toEqual(made);
    expect(answerEvents(r, 'beef4567', settings)[0]!._id).not.toBe(made[0]!._id);
    expect(checkIncoming(made[0]).status).toBe('ok');
  });

  it('what a device held before it sent events goes out as events, and its replay keeps it', () => {
    const ref = parseItemId('cells/nucleus');
    const items: ItemRecord[] = [
      { ...newItem(ref, 0), suspended: true, leech: true },
      { ...newItem(parseItemId('cells/membrane#reverse'), 0), buriedUntil: now + HOUR },
      { ...newItem(parseItemId('cells/ribosome#c1'), 0), buriedUntil: now - HOUR },
    ];
    const made = heldEvents(items, now, 'cafe0123');
    expect(made.map((e) => [e.kind, e.itemId, e.leech ?? false])).toEqual([
      ['suspend', 'cells/nucleus', true],
      ['bury', 'cells/membrane#reverse', false],
    ]);
    expect(replay('cells/nucleus', made, context)).toMatchObject({ suspended: true, leech: true });
    expect(replay('cells/membrane#reverse', made, context)).toMatchObject({ buriedUntil: now + HOUR, queue: QUEUE.buried });
    // What the log already says is not said again; what it says otherwise is.
    const logged = (kind: 'suspend' | 'unsuspend') => [
      toEventDoc({ kind: 'unsuspend', itemId: 'cells/nucleus', at: T0 + 2 * HOUR }, 'beef4567'),
      toEventDoc({ kind, itemId: 'cells/nucleus', at: T0 + 3 * HOUR }, 'beef4567'),
      toEventDoc({ kind: 'bury', itemId: 'cells/membrane#reverse', at: T0, until: now + HOUR }, 'beef4567'),
    ];
    expect(heldEvents(items, now, 'cafe0123', () => logged('suspend'))).toEqual([]);
    expect(heldEvents(items, now, 'cafe0123', () => logged('unsuspend')).map((e) => e.kind)).toEqual(['suspend']);
  });
});

describe('where a derived item starts', () => {
  it('from a new item at time 0 once it has answers; from its own new item, flags cleared, with events only', () => {
    const ref = parseItemId('cells/nucleus');
    const own = { ...newItem(ref, T0, 7), suspended: true, buriedUntil: now + DAY };
    const suspended = eventDoc({ itemId: ref.id, at: T0 + HOUR, kind: 'suspend' });
    const answered = reviewDoc({ itemId: ref.id, at: T0, grade: 3, mode: 'study', durationMs: 1, reschedule: true });
    expect(startItem(ref, own, [suspended, answered])).toEqual(newItem(ref, 0));
    // Its place in the new queue is kept; what held it is the events' to say.
    expect(startItem(ref, own, [suspended])).toEqual({ ...own, suspended: false, buriedUntil: 0, leech: false });
    expect(derived(ref.id, [suspended], own)).toMatchObject({ due: T0 + 7, suspended: true, queue: QUEUE.suspended });
    expect(startItem(ref, undefined, [suspended])).toEqual(newItem(ref, 0));
  });
});
