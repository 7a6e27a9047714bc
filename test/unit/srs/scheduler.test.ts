import { default_w, FSRS6_DEFAULT_DECAY } from 'ts-fsrs';
import fc from 'fast-check';
import { newItem, gradeItem, previewIntervals, formatInterval, retrievability, schedulerFor, isLeechLapse } from '../../../src/srs/scheduler';
import { itemId } from '../../../src/deck/items';
import { QUEUE } from '../../../src/srs/queue';
import { DEFAULT_SETTINGS, type Grade, type ItemRecord } from '../../../src/srs/types';

const ref = { id: itemId('d', 'c'), deckId: 'd', cardId: 'c', sub: '' };
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('FSRS-6 through ts-fsrs (published vectors)', () => {
  it('uses the published FSRS-6 default parameters', () => {
    expect(default_w).toEqual([
      0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483,
      0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]);
    expect(FSRS6_DEFAULT_DECAY).toBe(0.1542);
    const p = schedulerFor(DEFAULT_SETTINGS).parameters;
    expect([...p.w]).toEqual([...default_w]);
    expect(p.request_retention).toBe(0.9);
    expect(p.enable_fuzz).toBe(true);
    expect([...p.learning_steps]).toEqual(['1m', '10m']);
    expect([...p.relearning_steps]).toEqual(['10m']);
  });

  it('gives the published interval sequence for a fixed grade history (fuzz off)', () => {
    let item = newItem(ref, new Date(2022, 11, 29, 12, 30, 0, 0).getTime());
    let now = item.due;
    const grades: Grade[] = [3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3];
    const intervals: number[] = [];
    for (const grade of grades) {
      item = gradeItem(item, grade, now, DEFAULT_SETTINGS, { fuzz: false }).item;
      intervals.push(item.fsrs.scheduled_days);
      now = item.due;
    }
    expect(intervals).toEqual([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]);
  });

  it('gives the published first-review memory state for each grade', () => {
    const now = new Date(2022, 11, 29, 12, 30, 0, 0).getTime();
    const item = newItem(ref, now);
    const after = ([1, 2, 3, 4] as Grade[]).map((g) => gradeItem(item, g, now, DEFAULT_SETTINGS, { fuzz: false }).item.fsrs);
    expect(after.map((s) => s.stability)).toEqual([0.212, 1.2931, 2.3065, 8.2956]);
    expect(after.map((s) => s.difficulty)).toEqual([6.4133, 5.11217071, 2.11810397, 1]);
    expect(after.map((s) => s.scheduled_days)).toEqual([0, 0, 0, 8]);
    expect(after.map((s) => s.state)).toEqual([1, 1, 1, 2]);
  });

  it('reaches the published memory state after Again then five Goods (short-term)', () => {
    let now = new Date(2022, 11, 29, 12, 30, 0, 0).getTime();
    let item = newItem(ref, now);
    const gaps = [0, 0, 1, 3, 8, 21];
    const grades: Grade[] = [1, 3, 3, 3, 3, 3];
    grades.forEach((g, i) => {
      now += gaps[i]! * DAY;
      item = gradeItem(item, g, now, DEFAULT_SETTINGS, { fuzz: false }).item;
    });
    expect(item.fsrs.stability).toBeCloseTo(53.62691, 4);
    expect(item.fsrs.difficulty).toBeCloseTo(6.3574867, 4);
  });
});

describe('learning steps and previews', () => {
  const now = new Date(2026, 0, 10, 9, 0).getTime();

  it('previews 1m / 6m / 10m / about 8d (fuzzed) for a new card, as labels', () => {
    const p = previewIntervals(newItem(ref, now), now, DEFAULT_SETTINGS);
    expect(p[1]).toEqual({ due: now + MIN, label: '1m' });
    expect(p[2]).toEqual({ due: now + 6 * MIN, label: '6m' });
    expect(p[3]).toEqual({ due: now + 10 * MIN, label: '10m' });
    expect(p[4].label).toMatch(/^(7|8|9|10)d$/);
    expect(previewIntervals(newItem(ref, now), now, DEFAULT_SETTINGS)).toEqual(p); // deterministic for a given time
  });

  it('preview at now matches grading at now (fuzz included)', () => {
    let item = newItem(ref, now);
    let t = now;
    for (const g of [3, 3, 3, 3] as Grade[]) {
      const p = previewIntervals(item, t, DEFAULT_SETTINGS);
      item = gradeItem(item, g, t, DEFAULT_SETTINGS).item;
      expect(item.due).toBe(p[g].due);
      t = item.due;
    }
  });

  it('relearns a lapsed review card with a 10 minute step', () => {
    let item = gradeItem(newItem(ref, now), 4, now, DEFAULT_SETTINGS).item;
    const t = item.due;
    item = gradeItem(item, 1, t, DEFAULT_SETTINGS).item;
    expect(item.state).toBe(3);
    expect(item.due - t).toBe(10 * MIN);
    expect(item.fsrs.lapses).toBe(1);
    expect(item.queue).toBe(QUEUE.learning);
  });

  it('formats intervals', () => {
    expect(formatInterval(20_000)).toBe('1m');
    expect(formatInterval(10 * MIN)).toBe('10m');
    expect(formatInterval(3 * 60 * MIN)).toBe('3h');
    expect(formatInterval(3 * DAY)).toBe('3d');
    expect(formatInterval(60 * DAY)).toBe('2mo');
    expect(formatInterval(45 * DAY)).toBe('1.5mo');
    expect(formatInterval(438 * DAY)).toBe('1.2y');
  });

  it('gives no retrievability for a new item and about the desired retention when due', () => {
    const item = newItem(ref, now);
    expect(retrievability(item, now)).toBeNull();
    const reviewed = gradeItem(item, 4, now, DEFAULT_SETTINGS, { fuzz: false }).item;
    expect(retrievability(reviewed, now)).toBe(1);
    expect(retrievability(reviewed, reviewed.due)).toBeCloseTo(0.9, 1);
  });
});

describe('leeches', () => {
  it('flags and suspends at 8 lapses, then every 4 more', () => {
    expect([7, 8, 9, 11, 12, 16].map((n) => isLeechLapse(n, 8))).toEqual([false, true, false, false, true, true]);
    let now = new Date(2026, 0, 10, 9, 0).getTime();
    let item = gradeItem(newItem(ref, now), 4, now, DEFAULT_SETTINGS).item;
    const leechAt: number[] = [];
    for (let lapse = 1; lapse <= 8; lapse++) {
      now = item.due;
      const r = gradeItem(item, 1, now, DEFAULT_SETTINGS); // lapse
      if (r.becameLeech) leechAt.push(r.item.fsrs.lapses);
      item = r.item;
      now = item.due;
      item = gradeItem(item, 3, now, DEFAULT_SETTINGS).item; // back to review
      if (lapse < 8) expect(item.suspended).toBe(false);
    }
    expect(leechAt).toEqual([8]);
    expect(item.leech).toBe(true);
    expect(item.suspended).toBe(true);
    expect(item.queue).toBe(QUEUE.suspended);
  });

  it('uses the leech threshold from settings', () => {
    let now = 0;
    let item = gradeItem(newItem(ref, now), 4, now, DEFAULT_SETTINGS).item;
    now = item.due;
    const r = gradeItem(item, 1, now, { ...DEFAULT_SETTINGS, leechThreshold: 1 });
    expect(r.becameLeech).toBe(true);
  });
});

describe('invariants (property)', () => {
  it('a review never schedules into the past and keeps counts consistent', () => {
    const start = new Date(2026, 0, 10, 9, 0).getTime();
    fc.assert(
      fc.property(
        fc.array(fc.record({ grade: fc.constantFrom<Grade>(1, 2, 3, 4), wait: fc.integer({ min: 0, max: 400 * DAY }) }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.double({ min: 0.7, max: 0.97, noNaN: true }),
        (steps, desiredRetention) => {
          const settings = { ...DEFAULT_SETTINGS, desiredRetention };
          let item: ItemRecord = newItem(ref, start);
          let now = start;
          let reps = 0;
          for (const { grade, wait } of steps) {
            now += wait;
            const before = item;
            item = gradeItem(item, grade, now, settings).item;
            reps++;
            expect(item.due).toBeGreaterThanOrEqual(now);
            expect(item.due).toBe(item.fsrs.due);
            expect(item.state).toBe(item.fsrs.state);
            expect(item.fsrs.reps).toBe(reps);
            expect(item.fsrs.lapses).toBeGreaterThanOrEqual(before.fsrs.lapses);
            expect(item.due - now).toBeLessThanOrEqual(settings.maximumIntervalDays * DAY + DAY);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);
});
