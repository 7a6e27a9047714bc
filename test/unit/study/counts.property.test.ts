/**
 * One count everywhere: the number of cards a deck shows before a session (due + new, as home,
 * the deck tile and the deck page show it) is the number the study screen starts from, and the
 * number of answers the session takes; the screen's count falls by exactly one per answer.
 * A card with several parts (cloze deletions, a reversed side) is one card: answering one part
 * puts the others off until tomorrow.
 */
import { afterEach, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import type { Card, Deck } from '../../../src/deck/schema';
import { closeStore, deckCounts, recordReview, syncDeckItems, updateSettings } from '../../../src/store';
import { createSession } from '../../../src/study/session';
import type { Grade } from '../../../src/srs/types';
import { publishDecks } from './fixtures';

const T0 = new Date(2026, 0, 10, 9).getTime();
const DAY = 86_400_000;

afterEach(async () => {
  await closeStore();
  vi.unstubAllGlobals();
});

const cardArb = fc.oneof(
  fc.record({ type: fc.constant('basic' as const), reverse: fc.boolean() }),
  fc.record({ type: fc.constant('cloze' as const), parts: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ type: 'mcq' as const }),
);

function deckFrom(shapes: { type: string; reverse?: boolean; parts?: number }[]): Deck {
  const cards: Card[] = shapes.map((s, i): Card => {
    const id = `c${i}`;
    if (s.type === 'basic') return { id, type: 'basic', front: `Front ${i}`, back: `Back ${i}`, ...(s.reverse ? { reverse: true } : {}) };
    if (s.type === 'cloze')
      return { id, type: 'cloze', text: Array.from({ length: s.parts ?? 1 }, (_, n) => `{{c${n + 1}::word${i}x${n}}}`).join(' and ') };
    return { id, type: 'mcq', question: `Question ${i}?`, choices: ['yes', 'no'], answer: 0 };
  });
  return { id: 'prop', version: 1, title: 'Property deck', cards };
}

/** Yields to timers a few times, so a prefetch of the next card may (or may not) be ready. */
async function settle(turns: number) {
  for (let i = 0; i < turns; i++) await new Promise((r) => setTimeout(r, 0));
}

test('the count shown before a session is the number of answers it takes, falling by one per answer', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(cardArb, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 20 }),
      // Cards studied on day one, to have reviews due (and siblings) on a later day.
      fc.nat({ max: 12 }),
      fc.integer({ min: 1, max: 60 }),
      fc.array(fc.constantFrom<Grade>(2, 3, 4), { minLength: 40, maxLength: 40 }),
      fc.array(fc.nat({ max: 6 }), { minLength: 40, maxLength: 40 }),
      async (shapes, newPerDay, studiedFirst, laterDays, reviewGrades, waits) => {
        globalThis.indexedDB = new IDBFactory();
        localStorage.clear();
        await closeStore();
        const deck = deckFrom(shapes);
        publishDecks([deck]);
        await updateSettings({ newPerDay });
        await syncDeckItems(deck, T0 - DAY * 100);
        // An earlier session: its first cards answered Easy long ago, so some are due now.
        for (let i = 0; i < Math.min(studiedFirst, shapes.length); i++) {
          const first = `prop/c${i}${deck.cards[i]!.type === 'cloze' ? '#c1' : ''}`;
          await recordReview({ itemId: first, grade: 4, mode: 'study', at: T0 - DAY * (100 - i), durationMs: 1 });
        }
        let now = T0 + laterDays * DAY;
        const counts = (await deckCounts(['prop'], now)).prop!;
        const shown = counts.due + counts.learning + counts.new;

        const session = createSession({ deck: 'prop' }, { clock: () => now });
        await session.start();
        const left = () => (session.phase.value === 'card' ? session.remaining.value : 0);
        expect(left()).toBe(shown);
        let answers = 0;
        while (session.phase.value === 'card') {
          expect(answers).toBeLessThan(shown);
          const before = left();
          await settle(waits[answers % waits.length]!);
          now += 10_000;
          session.reveal();
          // New cards answered Easy and reviews anything but Again: each answer is done for today.
          const grade = session.current.value!.item.state === 0 ? 4 : reviewGrades[answers % reviewGrades.length]!;
          await session.grade(grade);
          answers++;
          expect(session.error.value).toBeNull();
          expect(left()).toBe(before - 1);
        }
        expect(answers).toBe(shown);
        session.dispose();
      },
    ),
    { numRuns: 40, interruptAfterTimeLimit: 30_000 },
  );
});
