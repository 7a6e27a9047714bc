import { studyDayStart, nextStudyDayStart } from '../../../src/srs/day';
import { pickKind, pickNext, queueOf, QUEUE, withinLimit } from '../../../src/srs/queue';
import { newItem } from '../../../src/srs/scheduler';

describe('study day', () => {
  it('starts at 4 am local time', () => {
    const at = (d: number, h: number, m = 0) => new Date(2026, 2, d, h, m).getTime();
    expect(studyDayStart(at(10, 3, 59), 4)).toBe(at(9, 4));
    expect(studyDayStart(at(10, 4, 0), 4)).toBe(at(10, 4));
    expect(studyDayStart(at(10, 23, 0), 4)).toBe(at(10, 4));
    expect(nextStudyDayStart(at(10, 3, 59), 4)).toBe(at(10, 4));
    expect(nextStudyDayStart(at(10, 4, 0), 4)).toBe(at(11, 4));
    expect(studyDayStart(at(10, 0, 30), 0)).toBe(at(10, 0));
  });

  it('crosses month ends', () => {
    expect(studyDayStart(new Date(2026, 3, 1, 2).getTime(), 4)).toBe(new Date(2026, 2, 31, 4).getTime());
  });
});

describe('queue decisions', () => {
  it('files items by state and flags', () => {
    const base = { state: 0 as const, suspended: false, orphaned: false, buriedUntil: 0 };
    expect(queueOf(base, 10)).toBe(QUEUE.new);
    expect(queueOf({ ...base, state: 1 }, 10)).toBe(QUEUE.learning);
    expect(queueOf({ ...base, state: 3 }, 10)).toBe(QUEUE.learning);
    expect(queueOf({ ...base, state: 2 }, 10)).toBe(QUEUE.review);
    expect(queueOf({ ...base, buriedUntil: 11 }, 10)).toBe(QUEUE.buried);
    expect(queueOf({ ...base, buriedUntil: 10 }, 10)).toBe(QUEUE.new);
    expect(queueOf({ ...base, buriedUntil: 11, suspended: true }, 10)).toBe(QUEUE.suspended);
    expect(queueOf({ ...base, suspended: true, orphaned: true }, 10)).toBe(QUEUE.orphaned);
  });

  it('applies limits', () => {
    expect(withinLimit(30, 20, 0)).toBe(20);
    expect(withinLimit(30, 20, 15)).toBe(5);
    expect(withinLimit(3, 20, 15)).toBe(3);
    expect(withinLimit(3, 20, 25)).toBe(0);
  });

  it('spreads new cards evenly through reviews', () => {
    let p = { newDone: 0, reviewDone: 0, newLeft: 10, reviewLeft: 30 };
    const order: string[] = [];
    for (let kind = pickKind(p); kind; kind = pickKind(p)) {
      order.push(kind === 'new' ? 'N' : 'R');
      p = kind === 'new' ? { ...p, newDone: p.newDone + 1, newLeft: p.newLeft - 1 } : { ...p, reviewDone: p.reviewDone + 1, reviewLeft: p.reviewLeft - 1 };
    }
    expect(order).toHaveLength(40);
    expect(order.join('')).toBe('RNRRRNRRRNRRRNRRRNRRRNRRRNRRRNRRRNRRRNRR'.slice(0, 40));
  });

  it('puts learning first and learns ahead only when nothing else is left', () => {
    const a = newItem({ id: 'd/a', deckId: 'd', cardId: 'a', sub: '' }, 0);
    const b = newItem({ id: 'd/b', deckId: 'd', cardId: 'b', sub: '' }, 0);
    const progress = { newDone: 0, reviewDone: 0, newLeft: 1, reviewLeft: 0 };
    expect(pickNext({ learningDue: a, review: null, fresh: b, learnAhead: null, progress })).toBe(a);
    expect(pickNext({ learningDue: null, review: null, fresh: b, learnAhead: a, progress })).toBe(b);
    expect(pickNext({ learningDue: null, review: null, fresh: null, learnAhead: a, progress })).toBe(a);
    expect(pickNext({ learningDue: null, review: null, fresh: null, learnAhead: null, progress })).toBeNull();
  });
});
