import { default_w } from 'ts-fsrs';
import { retrievability } from '../../../src/srs/retrievability';
import { schedulerFor } from '../../../src/srs/scheduler';
import { shakiness } from '../../../src/quiz/scheduling';
import { briefMastery } from '../../../src/study/mastery';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';
import { computeStats } from '../stats/oracle';
import { at, item } from '../stats/fixtures';

const DAY = 86_400_000;
const now = at(2026, 3, 10, 12);
/** Fitted parameters whose forgetting curve falls faster past the stability than the defaults' (decay 0.6). */
const steep = [...default_w.slice(0, 20), 0.6];
/** Reviewed 30 days ago with a stability of 10 days: three stabilities later. */
const studied = (id: string) =>
  item(id, { state: 2, due: now - 20 * DAY, fsrs: { state: 2, stability: 10, difficulty: 5, last_review: now - 30 * DAY, scheduled_days: 10, reps: 3 } });

describe('recall is predicted by the learner\'s fitted parameters', () => {
  test('the defaults without fitted parameters; the fitted ones when they exist, a deck\'s own first', () => {
    const a = studied('d/a');
    const byDefault = retrievability(a, now)!;
    expect(byDefault).toBeCloseTo(0.81, 2);
    expect(retrievability(a, now, {})).toBe(byDefault);
    // The curve is (1 + factor · t/S)^-decay, with factor set so that recall is 90 % at t = S.
    const factor = 0.9 ** (-1 / 0.6) - 1;
    expect(retrievability(a, now, { '': steep })).toBeCloseTo((1 + factor * 3) ** -0.6, 6);
    expect(retrievability(a, now, { '': steep })!).toBeLessThan(0.8);
    // A deck's own parameters come before everyone's.
    expect(retrievability(a, now, { '': steep, d: [...default_w] })).toBeCloseTo(byDefault, 10);
    expect(retrievability(a, now, { other: steep })).toBe(byDefault);
  });

  test('a deck called "constructor" gets everyone\'s parameters, not a lookup on the object prototype', () => {
    const c = studied('constructor/a');
    expect(retrievability(c, now, { '': steep })).toBeCloseTo(retrievability(studied('d/a'), now, { '': steep })!, 10);
    expect(schedulerFor({ ...DEFAULT_SETTINGS, parameters: { '': steep } }, {}, 'constructor').parameters.w[20]).toBe(0.6);
  });

  test('the stats screen, the deck page\'s brief and the quiz\'s shaky cards agree under fitted parameters', async () => {
    const decks = [{ id: 'd', title: 'Deck', keyPoints: [{ id: 'k', text: 'Key' }], cards: [{ id: 'a', keyPoint: 'k' }] }];
    const items = [studied('d/a')];
    const base = { items, decks, quizzes: [], reviews: [], now };
    const plain = await computeStats({ ...base, settings: DEFAULT_SETTINGS });
    expect(plain.decks[0]!.mastery).toMatchObject([{ id: 'k', mastery: 'solid' }]);
    const fitted = await computeStats({ ...base, settings: { ...DEFAULT_SETTINGS, parameters: { '': steep } } });
    expect(fitted.decks[0]!.mastery).toMatchObject([{ id: 'k', mastery: 'shaky' }]);

    const deck = { id: 'd', version: 1, title: 'Deck', keyPoints: [{ id: 'k', text: 'Key' }], cards: [{ id: 'a', type: 'basic' as const, keyPoint: 'k', front: 'f', back: 'b' }] };
    expect(briefMastery(deck, items, now)[0]!.mastery).toBe('solid');
    expect(briefMastery(deck, items, now, { '': steep })[0]).toMatchObject({ mastery: 'shaky', recall: retrievability(items[0]!, now, { '': steep }) });
    expect(shakiness(items[0]!, now)).toBe('steady');
    expect(shakiness(items[0]!, now, { d: steep })).toBe('shaky');
  });
});
