/**
 * When a learner with nothing to study now should come back, and how many cards that day brings:
 * home's "Next review: tomorrow, 9 cards". Read-only; loaded with the screens that say it, never
 * on the study path. Counts are of cards, as every screen counts (a card's parts count once).
 */
import { nextStudyDayStart, studyDayStart } from '../srs/day';
import { QUEUE } from '../srs/queue';
import { inTransaction } from './db';
import { getSettings } from './settings';

export interface NextReview {
  /** When the first card falls due (a learning step, a review, or the next day's new cards). */
  at: number;
  /** Cards to study on that study day, within its daily limits. */
  cards: number;
  /** New cards today's new-card limit holds back until the next study day. */
  newHeldBack: number;
  /** The daily new-card limit, to name in the explanation. */
  newPerDay: number;
}

const cardOf = (key: IDBValidKey) => String(key).split('#')[0]!;

/** The next time there is something to study in the decks after `now`, or null if nothing is scheduled. */
export async function nextReview(deckIds: string[], now: number): Promise<NextReview | null> {
  const settings = await getSettings();
  const today = studyDayStart(now, settings.dayStartHour);
  const tomorrow = nextStudyDayStart(now, settings.dayStartHour);
  return inTransaction(['items', 'reviews'], 'readonly', async (tx) => {
    const index = tx.objectStore('items').index('by-deck-queue-due');
    const range = (deckId: string, queue: number, to = Infinity) => IDBKeyRange.bound([deckId, queue, -Infinity], [deckId, queue, to]);
    const perDeck = await Promise.all(
      deckIds.map(async (deckId) => {
        const [learning, review, fresh, buried, newToday] = await Promise.all([
          index.getAll(range(deckId, QUEUE.learning), 1),
          index.getAll(IDBKeyRange.bound([deckId, QUEUE.review, now], [deckId, QUEUE.review, Infinity]), 1),
          index.getAllKeys(range(deckId, QUEUE.new)),
          index.getAll(range(deckId, QUEUE.buried)),
          tx.objectStore('reviews').index('by-limit').count(IDBKeyRange.bound([deckId, 'study', 0, today], [deckId, 'study', 0, Infinity])),
        ]);
        // Buried parts come back on the next study day: a new one as a new card, any other as due.
        const buriedNew = new Set(buried.filter((i) => i.state === 0).map((i) => i.deckId + '/' + i.cardId));
        const buriedDue = new Set(buried.filter((i) => i.state !== 0).map((i) => i.deckId + '/' + i.cardId));
        return { deckId, learning: learning[0]?.due, review: review[0]?.due, fresh: new Set(fresh.map(cardOf)), buriedNew, buriedDue, newToday };
      }),
    );
    const newCards = perDeck.reduce((n, d) => n + d.fresh.size, 0);
    const newToday = perDeck.reduce((n, d) => n + d.newToday, 0);
    // New cards and buried parts wait for the next study day; learning and review cards for their time.
    const times = perDeck.flatMap((d) => [d.learning, d.review]).filter((t): t is number => t !== undefined);
    if (newCards > 0 || perDeck.some((d) => d.buriedNew.size + d.buriedDue.size > 0)) times.push(tomorrow);
    if (!times.length) return null;
    const at = Math.max(now, Math.min(...times));
    const end = nextStudyDayStart(at, settings.dayStartHour);
    const later = at >= tomorrow;
    let due = 0;
    let fresh = 0;
    for (const d of perDeck) {
      const [learning, review] = await Promise.all([
        index.getAllKeys(range(d.deckId, QUEUE.learning, end)),
        index.getAllKeys(IDBKeyRange.bound([d.deckId, QUEUE.review, -Infinity], [d.deckId, QUEUE.review, end], false, true)),
      ]);
      const cards = new Set([...learning, ...review].map(cardOf));
      if (later) for (const c of d.buriedDue) cards.add(c);
      due += Math.min(cards.size, settings.reviewsPerDay);
      const waiting = later ? new Set([...d.fresh, ...d.buriedNew]) : d.fresh;
      fresh += [...waiting].filter((c) => !cards.has(c)).length;
    }
    const newLeft = Math.max(0, settings.newPerDay - (later ? 0 : newToday));
    return {
      at,
      cards: due + Math.min(fresh, newLeft),
      newHeldBack: Math.max(0, newCards - Math.max(0, settings.newPerDay - newToday)),
      newPerDay: settings.newPerDay,
    };
  });
}
