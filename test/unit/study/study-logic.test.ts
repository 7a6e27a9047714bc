import { beforeAll, describe, expect, test } from 'vitest';
import { loadAnswerMatch } from '../../../src/study/answer-check';
import { answerText, judge } from '../../../src/study/card-face';
import { browserRows, filterRows, cardText } from '../../../src/study/card-browser';
import { keyPointItems } from '../../../src/study/key-points';
import { briefMastery, masteryOf } from '../../../src/study/mastery';
import { reviewKeyAction, type KeyLike } from '../../../src/study/review-keys';
import { newItem } from '../../../src/srs/scheduler';
import type { ItemRecord } from '../../../src/srs/types';
import type { Card } from '../../../src/deck/schema';
import { mixedDeck } from './fixtures';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 10, 12);

function reviewed(id: string, stabilityDays: number, lastReviewAgoDays: number, state: 0 | 1 | 2 | 3 = 2): ItemRecord {
  const [deckId, rest] = id.split('/') as [string, string];
  const [cardId, sub = ''] = rest.split('#') as [string, string?];
  const base = newItem({ id, deckId, cardId, sub }, now - 100 * DAY);
  const last = now - lastReviewAgoDays * DAY;
  return {
    ...base,
    state,
    fsrs: { ...base.fsrs, state, stability: stabilityDays, difficulty: 5, reps: 3, last_review: last, due: last + stabilityDays * DAY },
  };
}

describe('mastery', () => {
  test('nothing studied is new', () => {
    expect(masteryOf([newItem({ id: 'd/a', deckId: 'd', cardId: 'a', sub: '' }, now)], now).mastery).toBe('new');
  });

  test('fresh, stable memories are solid; an overdue one makes the point shaky', () => {
    expect(masteryOf([reviewed('d/a', 30, 1), reviewed('d/b', 30, 2)], now).mastery).toBe('solid');
    expect(masteryOf([reviewed('d/a', 30, 1), reviewed('d/b', 2, 20)], now).mastery).toBe('shaky');
  });

  test('an item still in (re)learning or not yet studied keeps the point shaky', () => {
    expect(masteryOf([reviewed('d/a', 30, 1), reviewed('d/b', 30, 0, 3)], now).mastery).toBe('shaky');
    expect(masteryOf([reviewed('d/a', 30, 1), newItem({ id: 'd/b', deckId: 'd', cardId: 'b', sub: '' }, now)], now).mastery).toBe('shaky');
  });

  test('suspended items do not count', () => {
    const weak = { ...reviewed('d/b', 2, 20), suspended: true };
    expect(masteryOf([reviewed('d/a', 30, 1), weak], now).mastery).toBe('solid');
  });

  test('the brief lists key points in deck order with their items', () => {
    const brief = briefMastery(mixedDeck, [reviewed('chips/basic-one', 30, 1), reviewed('chips/basic-one#reverse', 30, 1), reviewed('chips/mcq-one', 30, 1)], now);
    expect(brief.map((k) => [k.id, k.mastery])).toEqual([
      ['leverage', 'solid'],
      ['substitutes', 'new'],
    ]);
    expect(brief[1]!.itemIds).toEqual(['chips/cloze-one#c1', 'chips/cloze-one#c2', 'chips/tf-one', 'chips/typed-one']);
    expect(keyPointItems(mixedDeck, ['leverage'])).toEqual(['chips/basic-one', 'chips/basic-one#reverse', 'chips/mcq-one']);
  });
});

describe('review keys', () => {
  const k = (key: string, extra: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', ...extra });
  test('Space and Enter reveal, then mean Good', () => {
    expect(reviewKeyAction(k(' '), false)).toEqual({ kind: 'reveal' });
    expect(reviewKeyAction(k('Enter'), true)).toEqual({ kind: 'grade', grade: 3 });
  });
  test('digits grade only after the reveal', () => {
    expect(reviewKeyAction(k('1'), false)).toBeNull();
    expect(reviewKeyAction(k('4'), true)).toEqual({ kind: 'grade', grade: 4 });
    expect(reviewKeyAction(k('5'), true)).toBeNull();
  });
  test('Z, Ctrl+Z and ⌘Z undo; Shift+Z alone does not', () => {
    expect(reviewKeyAction(k('z'), false)).toEqual({ kind: 'undo' });
    expect(reviewKeyAction(k('z', { ctrlKey: true }), true)).toEqual({ kind: 'undo' });
    expect(reviewKeyAction(k('Z', { metaKey: true, shiftKey: true }), true)).toEqual({ kind: 'undo' });
    expect(reviewKeyAction(k('Z', { shiftKey: true }), true)).toBeNull();
  });
  test('fields keep their keys; focused buttons keep Space and Enter', () => {
    expect(reviewKeyAction(k('z', { targetTag: 'INPUT' }), true)).toBeNull();
    expect(reviewKeyAction(k('3', { targetTag: 'TEXTAREA' }), true)).toBeNull();
    expect(reviewKeyAction(k(' ', { targetTag: 'BUTTON' }), false)).toBeNull();
    expect(reviewKeyAction(k('3', { targetTag: 'BUTTON' }), true)).toEqual({ kind: 'grade', grade: 3 });
    expect(reviewKeyAction(k('3', { ctrlKey: true }), true)).toBeNull();
  });
});

describe('card face', () => {
  const [basic, cloze, mcq, tf, typed] = mixedDeck.cards as [Card, Card, Card, Card, Card];
  test('answer text per type and side', () => {
    expect(answerText(basic, '')).toBe('Leverage');
    expect(answerText(basic, 'reverse')).toBe('What is chip access?');
    expect(answerText(cloze, 'c2')).toBe('Ascend');
    expect(answerText(mcq, '')).toBe('Nvidia');
    expect(answerText(tf, '')).toBe('False');
    expect(answerText(typed, '')).toBe('October 2022');
  });
  // The matcher is a lazy chunk; the review screen loads it when a typed card is shown.
  beforeAll(() => loadAnswerMatch());
  test('judging responses suggests a grade', () => {
    expect(judge(mcq, { kind: 'choices', picked: [0] })).toEqual({ correct: true, suggested: 3 });
    expect(judge(mcq, { kind: 'choices', picked: [1] })).toEqual({ correct: false, suggested: 1 });
    expect(judge(mcq, { kind: 'choices', picked: [] }).suggested).toBeNull();
    expect(judge(tf, { kind: 'truefalse', picked: true }).suggested).toBe(1);
    expect(judge(typed, { kind: 'typed', text: 'october 2022' }).suggested).toBe(3);
    expect(judge(typed, { kind: 'typed', text: 'Octobre 2022' }).suggested).toBe(2);
    expect(judge(typed, { kind: 'typed', text: 'October 2023' }).suggested).toBe(1);
    expect(judge(typed, { kind: 'typed', text: '  ' }).suggested).toBeNull();
    expect(judge(basic, null).suggested).toBeNull();
  });
  test('multi-answer mcq needs exactly the right set', () => {
    const multi: Card = { id: 'm', type: 'mcq', question: 'q', choices: ['a', 'b', 'c'], answer: [0, 2] };
    expect(judge(multi, { kind: 'choices', picked: [2, 0] }).correct).toBe(true);
    expect(judge(multi, { kind: 'choices', picked: [0] }).correct).toBe(false);
    expect(judge(multi, { kind: 'choices', picked: [0, 1, 2] }).correct).toBe(false);
  });
});

describe('card browser', () => {
  const rows = browserRows(mixedDeck, [{ ...reviewed('chips/mcq-one', 30, 1) }, { ...reviewed('chips/tf-one', 3, 1), suspended: true }], now);
  test('one row per review item, with plain text and state', () => {
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.itemId === 'chips/cloze-one#c1')?.text).toBe('[Huawei] makes the [Ascend] chip.');
    expect(rows.find((r) => r.itemId === 'chips/mcq-one')?.state).toBe('review');
    expect(rows.find((r) => r.itemId === 'chips/tf-one')?.state).toBe('suspended');
    expect(rows.find((r) => r.itemId === 'chips/basic-one')?.state).toBe('unseen');
  });
  test('search folds case and accents and needs every word; filters combine', () => {
    const f = { text: '', type: '', keyPoint: '', state: '' } as const;
    expect(filterRows(rows, { ...f, text: 'HUAWEI ascend' })).toHaveLength(2);
    expect(filterRows(rows, { ...f, text: 'huawei nvidia' })).toHaveLength(0);
    expect(filterRows(rows, { ...f, type: 'basic' }).map((r) => r.sub)).toEqual(['', 'reverse']);
    expect(filterRows(rows, { ...f, keyPoint: 'leverage', state: 'review' }).map((r) => r.itemId)).toEqual(['chips/mcq-one']);
    expect(filterRows(rows, { ...f, state: 'suspended' })).toHaveLength(1);
  });
  test('card text covers every type', () => {
    expect(cardText(mixedDeck.cards[3]!)).toBe('Substitutes are on par. (false)');
  });
});
