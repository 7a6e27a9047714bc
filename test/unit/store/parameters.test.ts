/**
 * Fitted parameters in the store: the study answers the optimiser reads, applying parameters for a
 * deck or every deck (the scheduler then uses them), going back, resetting, and refusing bad ones.
 */
import { default_w } from 'ts-fsrs';
import { closeStore, getSettings, recordReview, syncDeckItems } from '../../../src/store';
import { applyParameters, parameterNotes, restorePrevious, studyAnswers } from '../../../src/store/parameters';
import { deckOf, T0 } from './fixtures';

const mine = default_w.map((x, i) => (i < 4 ? x * 0.5 : x));
const other = default_w.map((x, i) => (i < 4 ? x * 2 : x));
const fit = { logLoss: 0.3, rmseBins: 0.04, reviews: 120 };

describe('fitted parameters', () => {
  afterEach(async () => {
    await closeStore();
  });

  it('reads study answers only, oldest first, marking where an item starts', async () => {
    await syncDeckItems(deckOf('a', 2), T0);
    await syncDeckItems(deckOf('b', 1), T0);
    await recordReview({ itemId: 'a/card-1', grade: 3, mode: 'study', at: T0, durationMs: 1 });
    await recordReview({ itemId: 'b/card-1', grade: 1, mode: 'study', at: T0 + 1000, durationMs: 1 });
    await recordReview({ itemId: 'a/card-1', grade: 4, mode: 'study', at: T0 + 86_400_000, durationMs: 1 });
    await recordReview({ itemId: 'a/card-2', grade: 3, mode: 'quiz', at: T0 + 86_400_001, durationMs: 1, correct: true });
    expect(await studyAnswers()).toEqual([
      { itemId: 'a/card-1', deckId: 'a', at: T0, grade: 3, fresh: true },
      { itemId: 'b/card-1', deckId: 'b', at: T0 + 1000, grade: 1, fresh: true },
      { itemId: 'a/card-1', deckId: 'a', at: T0 + 86_400_000, grade: 4, fresh: false },
    ]);
    expect((await studyAnswers('b')).map((a) => a.itemId)).toEqual(['b/card-1']);
  });

  it('applies, remembers the previous ones, goes back and resets, per scope', async () => {
    await applyParameters('', { w: mine, fittedAt: T0, trainedUntil: T0 - 5, fitted: fit, replaced: { ...fit, logLoss: 0.4 }, reviews: 500 });
    expect((await getSettings()).parameters).toEqual({ '': mine });
    await applyParameters('deck-a', { w: other });
    expect((await getSettings()).parameters).toEqual({ '': mine, 'deck-a': other });
    let notes = await parameterNotes();
    expect(notes['']).toEqual({ current: { w: mine, fittedAt: T0, trainedUntil: T0 - 5, fitted: fit, replaced: { ...fit, logLoss: 0.4 }, reviews: 500 }, previous: { w: null } });
    expect(notes['deck-a']!.previous).toEqual({ w: null });

    await applyParameters('', { w: null });
    expect((await getSettings()).parameters).toEqual({ 'deck-a': other });
    await restorePrevious('');
    expect((await getSettings()).parameters).toEqual({ '': mine, 'deck-a': other });
    notes = await parameterNotes();
    expect(notes['']!.current.trainedUntil).toBe(T0 - 5);
    expect(notes['']!.previous).toEqual({ w: null });
  });

  it('a deck called "constructor" (a valid id) gets, remembers and goes back from its own parameters', async () => {
    await applyParameters('', { w: mine });
    expect(await parameterNotes()).not.toHaveProperty('constructor');
    await applyParameters('constructor', { w: other, reviews: 300 });
    expect((await getSettings()).parameters).toEqual({ '': mine, constructor: other });
    expect((await parameterNotes()).constructor).toEqual({ current: { w: other, reviews: 300 }, previous: { w: null } });
    await restorePrevious('constructor');
    expect((await getSettings()).parameters).toEqual({ '': mine });
  });

  it('refuses parameters that are not 21 numbers and changes nothing', async () => {
    await applyParameters('', { w: mine });
    await expect(applyParameters('', { w: [1, 2, 3] })).rejects.toThrow(/parameters\.\(every deck\): must be a list of 21 numbers/);
    await expect(applyParameters('x', { w: [...mine.slice(1), Number.NaN] })).rejects.toThrow(/parameters\.x: must be a list of 21 numbers/);
    expect((await getSettings()).parameters).toEqual({ '': mine });
  });

  it('with nothing to go back to, says so', async () => {
    await expect(restorePrevious('')).rejects.toThrow(/no earlier parameters/);
  });
});
