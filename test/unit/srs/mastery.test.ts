import { countMasteries, groupMastery, itemMastery, SHAKY_RECALL } from '../../../src/srs/mastery';
import { masteryOf } from '../../../src/study/mastery';
import { keyPointMastery } from '../../../src/stats/item-stats';
import { shakiness } from '../../../src/quiz/scheduling';
import type { ItemRecord } from '../../../src/srs/types';

const DAY = 86_400_000;
const now = new Date(2026, 5, 1, 12).getTime();

function item(id: string, state: 0 | 1 | 2 | 3, stabilityDays = 30, daysSince = 1): ItemRecord {
  const last = now - daysSince * DAY;
  return {
    id: `d/${id}`,
    deckId: 'd',
    cardId: id,
    sub: '',
    fsrs: { due: last + 10 * DAY, stability: stabilityDays, difficulty: 5, elapsed_days: 0, scheduled_days: 10, learning_steps: 0, reps: state ? 3 : 0, lapses: 0, state, ...(state ? { last_review: last } : {}) },
    due: last + 10 * DAY,
    state,
    suspended: false,
    buriedUntil: 0,
    leech: false,
    orphaned: false,
    created: last,
  };
}

test('an item is new, shaky (learning or recall under the threshold) or solid', () => {
  expect(itemMastery(item('a', 0), now)).toBe('new');
  expect(itemMastery(item('b', 1), now)).toBe('shaky');
  expect(itemMastery(item('c', 3), now)).toBe('shaky');
  expect(itemMastery(item('d', 2, 30, 1), now)).toBe('solid');
  expect(itemMastery(item('e', 2, 2, 40), now)).toBe('shaky');
  expect(itemMastery(item('f', 2), now, () => SHAKY_RECALL)).toBe('solid');
  expect(itemMastery(item('g', 2), now, () => SHAKY_RECALL - 0.01)).toBe('shaky');
});

test('a group is solid only when every item is studied and solid', () => {
  expect(groupMastery({ new: 3, shaky: 0, solid: 0 })).toBe('new');
  expect(groupMastery({ new: 0, shaky: 0, solid: 2 })).toBe('solid');
  expect(groupMastery({ new: 1, shaky: 0, solid: 2 })).toBe('shaky');
  expect(groupMastery({ new: 0, shaky: 1, solid: 5 })).toBe('shaky');
});

test('the brief, the stats screen and the quiz agree on the same items', () => {
  const groups: ItemRecord[][] = [
    [item('n1', 0), item('n2', 0)],
    [item('s1', 2), item('s2', 2)],
    [item('m1', 2), item('m2', 0)],
    [item('l1', 2), item('l2', 1)],
  ];
  const deck = {
    id: 'd',
    title: 'D',
    keyPoints: groups.map((_, i) => ({ id: `k${i}`, text: `K${i}` })),
    cards: groups.flatMap((g, i) => g.map((it) => ({ id: it.cardId, keyPoint: `k${i}` }))),
  };
  const stats = keyPointMastery(deck, groups.flat(), now, (i) => (i.state === 0 ? null : i.fsrs.stability > 10 ? 0.95 : 0.5));
  const brief = groups.map((g) => masteryOf(g, now).mastery);
  expect(brief).toEqual(['new', 'solid', 'shaky', 'shaky']);
  expect(stats.map((k) => k.mastery)).toEqual(brief);
  expect(groups.flat().map((i) => shakiness(i, now))).toEqual(
    groups.flat().map((i) => ({ new: 'new', shaky: 'shaky', solid: 'steady' })[itemMastery(i, now)]),
  );
  expect(countMasteries(groups[2]!, now)).toEqual({ new: 1, shaky: 0, solid: 1 });
});
