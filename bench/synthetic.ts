/**
 * A seeded, synthetic collection for the benchmark: decks of basic cards, their review items in
 * every state, and a review log spread over the past year. Pure: returns data, stores nothing.
 */
import type { Deck } from '../src/deck/schema';
import { mulberry32 } from '../src/quiz/random';
import { itemId } from '../src/deck/items';
import { withQueue } from '../src/srs/queue';
import type { FsrsState, Grade, ItemRecord, ReviewRecord } from '../src/srs/types';
import type { StoredDeck } from '../src/store/schema';

const DAY = 86_400_000;

export interface Collection {
  decks: StoredDeck[];
  items: ItemRecord[];
  reviews: ReviewRecord[];
}

export interface CollectionSize {
  cards: number;
  reviews: number;
  decks?: number;
  seed?: number;
}

/** Builds `cards` items over `decks` decks (one basic card each) and `reviews` log entries. */
export function syntheticCollection(size: CollectionSize, now: number): Collection {
  const { decks, items, random } = syntheticCards(size, now);
  const reviews: ReviewRecord[] = [];
  for (const slice of syntheticReviews(items, size.reviews, now, random, size.reviews)) reviews.push(...slice);
  return { decks, items, reviews };
}

/**
 * The decks and their items of a synthetic collection, with the random stream `syntheticReviews`
 * goes on with (so a collection built in slices is the very one built at once).
 */
export function syntheticCards(size: CollectionSize, now: number): { decks: StoredDeck[]; items: ItemRecord[]; random: () => number } {
  const random = mulberry32(size.seed ?? 42);
  const deckCount = size.decks ?? 20;
  const perDeck = Math.ceil(size.cards / deckCount);
  const decks: StoredDeck[] = [];
  const items: ItemRecord[] = [];
  for (let d = 0; d < deckCount; d++) {
    const deckId = `bench-${String(d).padStart(2, '0')}`;
    const cards: Deck['cards'] = [];
    for (let c = 0; c < perDeck && items.length < size.cards; c++) {
      const cardId = `c-${c}`;
      cards.push({ id: cardId, type: 'basic', front: `Deck ${d}, question ${c}: what is term ${c}?`, back: `Term ${c} of deck ${d}` });
      items.push(syntheticItem(deckId, cardId, random, now));
    }
    decks.push({
      deck: { format: 1, id: deckId, version: 1, title: `Benchmark deck ${d}`, cards },
      origin: 'imported',
      updated: now,
    });
  }
  return { decks, items, random };
}

/**
 * `total` log entries over the past year, in time order, handed out `sliceSize` at a time: a
 * million answers with their items' states before and after do not fit in a page's memory at once.
 */
export function* syntheticReviews(
  items: readonly ItemRecord[],
  total: number,
  now: number,
  random: () => number,
  sliceSize: number,
): Generator<ReviewRecord[]> {
  const studied = items.filter((i) => i.state !== 0);
  const start = now - 365 * DAY;
  // Each item's latest answer: the next one is given to the item as that answer left it, as in the app.
  const latest = new Map<string, ReviewRecord>();
  let slice: ReviewRecord[] = [];
  for (let r = 0; r < total; r++) {
    const item = studied[Math.floor(random() * studied.length)]!;
    const previous = latest.get(item.id);
    const before = previous
      ? withQueue({ ...previous.before, fsrs: previous.after, due: previous.after.due, state: previous.after.state }, previous.at)
      : item;
    // The log ends a day before now, so today's daily limits start fresh for the measured session.
    const at = start + Math.floor((r / total) * 364 * DAY);
    const p = random();
    const grade: Grade = p < 0.1 ? 1 : p < 0.15 ? 2 : p < 0.9 ? 3 : 4;
    const scheduled = 1 + Math.floor(random() * 60);
    const after: FsrsState = { ...item.fsrs, due: at + scheduled * DAY, scheduled_days: scheduled, last_review: at, state: 2 };
    const review: ReviewRecord = {
      id: r + 1,
      itemId: item.id,
      deckId: item.deckId,
      cardId: item.cardId,
      grade,
      mode: random() < 0.9 ? 'study' : 'quiz',
      at,
      durationMs: 2000 + Math.floor(random() * 10_000),
      before,
      after,
    };
    slice.push(review);
    latest.set(item.id, review);
    if (slice.length === sliceSize) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length) yield slice;
}

function syntheticItem(deckId: string, cardId: string, random: () => number, now: number): ItemRecord {
  const p = random();
  // 15 % new, 5 % in (re)learning, 80 % in review with due dates from 20 days ago to 4 months ahead.
  const state = p < 0.15 ? 0 : p < 0.2 ? (random() < 0.5 ? 1 : 3) : 2;
  const scheduled = state === 2 ? 1 + Math.floor(random() * 120) : 0;
  const due =
    state === 0 ? now - DAY : state === 2 ? now + Math.floor((random() * 140 - 20) * DAY) : now + Math.floor((random() - 0.5) * 3_600_000);
  const fsrs: FsrsState = {
    due,
    stability: state === 0 ? 0 : 1 + random() * 200,
    difficulty: state === 0 ? 0 : 2 + random() * 7,
    elapsed_days: scheduled,
    scheduled_days: scheduled,
    learning_steps: 0,
    reps: state === 0 ? 0 : 1 + Math.floor(random() * 20),
    lapses: state === 0 ? 0 : Math.floor(random() * 3),
    state: state as FsrsState['state'],
    ...(state === 0 ? {} : { last_review: due - Math.max(scheduled, 1) * DAY }),
  };
  return withQueue(
    {
      id: itemId(deckId, cardId),
      deckId,
      cardId,
      sub: '',
      fsrs,
      due,
      state: fsrs.state,
      suspended: false,
      buriedUntil: 0,
      leech: false,
      orphaned: false,
      created: now - 400 * DAY,
    },
    now,
  );
}
