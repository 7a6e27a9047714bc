import { describe, expect, it } from 'vitest';
import { computeDashboard, FAILED_CARDS, studentSettings, type StudentDocs } from '../../../src/classes/dashboard';
import type { Deck } from '../../../src/deck/schema';
import { reviewDoc, type CouchDoc } from '../../../src/sync/docs';
import type { Grade } from '../../../src/srs/types';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';

const NOW = Date.UTC(2026, 11, 3, 12);
const MIN = 60_000;
const DAY = 86_400_000;

const deck: Deck = {
  id: 'cells',
  version: 1,
  title: 'Cells',
  keyPoints: [
    { id: 'membrane', text: 'The membrane controls what enters.' },
    { id: 'nucleus', text: 'The nucleus holds the genes.' },
  ],
  cards: [
    { id: 'c1', type: 'basic', keyPoint: 'membrane', front: 'What controls entry?', back: 'The membrane' },
    { id: 'c2', type: 'basic', keyPoint: 'nucleus', front: 'Where are genes kept?', back: 'The nucleus' },
    { id: 'c3', type: 'cloze', keyPoint: 'nucleus', text: 'Genes sit in the {{c1::nucleus}}.' },
  ],
};

let seq = 0;
function review(card: string, grade: Grade, at: number, sub = ''): CouchDoc {
  const random = (seq++).toString(16).padStart(16, '0');
  return reviewDoc({ itemId: `cells/${card}${sub}`, grade, mode: 'study', at, durationMs: 4000, reschedule: true }, random);
}

const undone = { ...review('c1', 3, NOW - DAY), _deleted: true };
const students: StudentDocs[] = [
  { username: 'ann', displayName: 'Ann', docs: [review('c1', 4, NOW - 2 * DAY), review('c2', 1, NOW - 60 * MIN)] },
  {
    username: 'bo',
    displayName: 'Bo',
    docs: [
      review('c1', 1, NOW - 3 * DAY),
      review('c1', 1, NOW - 3 * DAY + 2 * MIN),
      // Another deck's review is not the class's business.
      reviewDoc({ itemId: 'other/x1', grade: 1, mode: 'study', at: NOW - MIN, durationMs: 1000, reschedule: true }, 'ffffffffffffffff'),
    ],
  },
  { username: 'cy', displayName: 'Cy', docs: [review('c3', 3, NOW - 10 * DAY, '#c1'), undone] },
];

describe('class dashboard figures', () => {
  const d = computeDashboard([deck], students, NOW);

  it('counts each student: reviews in the last 7 days, due now, last studied', () => {
    expect(d.students.map((s) => [s.username, s.reviews7d, s.dueNow, s.lastStudied])).toEqual([
      ['ann', 2, 1, NOW - 60 * MIN],
      ['bo', 2, 1, NOW - 3 * DAY + 2 * MIN],
      // Ten days ago is outside the week; the undone review counts nowhere.
      ['cy', 0, 1, NOW - 10 * DAY],
    ]);
  });

  it('gives each student each key point by the brief’s mastery rule', () => {
    const m = Object.fromEntries(d.students.map((s) => [s.username, s.points.map((p) => `${p.pointId}:${p.mastery}`)]));
    expect(m).toEqual({
      ann: ['membrane:solid', 'nucleus:shaky'],
      bo: ['membrane:shaky', 'nucleus:new'],
      cy: ['membrane:new', 'nucleus:shaky'],
    });
  });

  it('lists the cards failed most, most first, with how many students failed them', () => {
    expect(d.failedCards.map((c) => [c.cardId, c.failures, c.answers, c.students, c.prompt])).toEqual([
      ['c1', 2, 3, 1, 'What controls entry?'],
      ['c2', 1, 1, 1, 'Where are genes kept?'],
    ]);
  });

  it('gives each key point the share of the class that has it solid', () => {
    expect(d.points.map((p) => [p.pointId, p.solid, p.students, p.share])).toEqual([
      ['membrane', 1, 3, 1 / 3],
      ['nucleus', 0, 3, 0],
    ]);
  });

  it('keeps at most ten failed cards, ranked by failures then by share failed', () => {
    const big: Deck = {
      id: 'big',
      version: 1,
      title: 'Big',
      cards: Array.from({ length: 14 }, (_, i) => ({ id: `k${i}`, type: 'basic' as const, front: `Q${i}`, back: `A${i}` })),
    };
    const docs: CouchDoc[] = [];
    big.cards.forEach((c, i) => {
      // Card i fails i times: the ten failed most are k13 down to k4.
      for (let n = 0; n < i; n++) docs.push(reviewDoc({ itemId: `big/${c.id}`, grade: 1, mode: 'study', at: NOW - DAY + n * MIN, durationMs: 1, reschedule: true }, `${i.toString(16).padStart(8, '0')}${n.toString(16).padStart(8, '0')}`));
    });
    const out = computeDashboard([big], [{ username: 'u', displayName: 'U', docs }], NOW);
    expect(out.failedCards).toHaveLength(FAILED_CARDS);
    expect(out.failedCards.map((c) => c.cardId)).toEqual(['k13', 'k12', 'k11', 'k10', 'k9', 'k8', 'k7', 'k6', 'k5', 'k4']);
  });

  it('uses a student’s own sound settings, and the defaults for unsound ones', () => {
    expect(studentSettings([{ _id: 'settings', type: 'settings', settings: { desiredRetention: 0.85 } } as CouchDoc]).desiredRetention).toBe(0.85);
    expect(studentSettings([{ _id: 'settings', type: 'settings', settings: { desiredRetention: 5 } } as CouchDoc])).toBe(DEFAULT_SETTINGS);
    expect(studentSettings([])).toBe(DEFAULT_SETTINGS);
  });

  it('is the same whatever order the documents come in', () => {
    const shuffled = students.map((s) => ({ ...s, docs: [...s.docs].reverse() }));
    expect(computeDashboard([deck], shuffled, NOW)).toEqual(d);
  });
});
