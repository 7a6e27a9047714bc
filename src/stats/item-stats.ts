/**
 * Stats that come from the review items' current state rather than the log: the due forecast,
 * card states per deck and key-point mastery. Pure: no DOM, no IndexedDB.
 * Orphaned items (their card left the deck) are left out everywhere; suspended items only
 * appear in the "suspended" count.
 */
import { groupMastery, itemMastery, type KeyPointMastery, type Mastery, type RecallFn } from '../srs/mastery';
import * as State from '../srs/state';
import type { ItemRecord } from '../srs/types';
import { studyDayNumber } from '../srs/day';
import { checkDayStartHour, dayLabel, studyDayStartOf } from './days';

export interface ForecastDay {
  day: number;
  /** Calendar date of the study day, `YYYY-MM-DD`. */
  date: string;
  /** Items due that day; the first day also holds everything already overdue. */
  count: number;
}

/** Due items per study day for the next `days` days (today first), from the items' due times. */
export function forecast(
  items: Iterable<ItemRecord>,
  opts: { now: number; dayStartHour: number; days?: number },
): ForecastDay[] {
  const days = opts.days ?? 30;
  checkDayStartHour(opts.dayStartHour);
  const today = studyDayNumber(opts.now, opts.dayStartHour);
  // Items come in no particular order, so find each one's day among precomputed day starts
  // (bounds[i] is where day i ends) rather than building a Date per item.
  const bounds: number[] = [];
  for (let i = 1; i <= days; i++) bounds.push(studyDayStartOf(today + i, opts.dayStartHour));
  const counts = new Array<number>(days).fill(0);
  for (const item of items) {
    // New items are not "due": they wait for the daily new-card limit.
    if (item.orphaned || item.suspended || item.state === State.New) continue;
    // A buried item comes back when its burial ends.
    const due = Math.max(item.due, item.buriedUntil || 0);
    if (!(due < bounds[days - 1]!)) continue;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (due < bounds[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
  }
  return counts.map((count, i) => ({ day: today + i, date: dayLabel(today + i), count }));
}

export interface CardStates {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  /** Suspended items, whatever their state; they are not counted in the four states. */
  suspended: number;
  total: number;
}

const STATE_KEYS = ['new', 'learning', 'review', 'relearning'] as const;

export function emptyCardStates(): CardStates {
  return { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, total: 0 };
}

/** Item counts per state, per deck. */
export function cardStates(items: Iterable<ItemRecord>): Record<string, CardStates> {
  const out: Record<string, CardStates> = {};
  for (const item of items) {
    if (item.orphaned) continue;
    const c = (out[item.deckId] ??= emptyCardStates());
    c.total++;
    if (item.suspended) c.suspended++;
    else {
      const key = STATE_KEYS[item.state];
      if (!key) throw new RangeError(`item ${item.id}: state must be 0, 1, 2 or 3, got ${String(item.state)}`);
      c[key]++;
    }
  }
  return out;
}


/** A key point as the stats screen shows it. */
export interface KeyPointStats extends KeyPointMastery {
  /** Items of the key point's cards, by their own mastery. */
  items: Record<Mastery, number>;
  /** Ids of the shaky items, to study them. */
  shakyItemIds: string[];
}

export interface DeckShape {
  id: string;
  title: string;
  keyPoints?: { id: string; text: string }[];
  cards: { id: string; keyPoint?: string }[];
}

/**
 * Mastery of each key point of a deck, from the items of the cards that cite it.
 * A key point is new while none of its items has been studied, shaky when any studied item
 * is shaky, solid when every studied item is solid. Suspended and orphaned items are left out.
 */
export function keyPointMastery(
  deck: DeckShape,
  items: Iterable<ItemRecord>,
  now: number,
  recall: RecallFn,
): KeyPointStats[] {
  const points = deck.keyPoints ?? [];
  const byId = new Map<string, KeyPointStats>();
  for (const kp of points) {
    byId.set(kp.id, { id: kp.id, text: kp.text, mastery: 'new', items: { new: 0, shaky: 0, solid: 0 }, shakyItemIds: [] });
  }
  const cardPoint = new Map<string, KeyPointStats>();
  for (const card of deck.cards) {
    const kp = card.keyPoint !== undefined ? byId.get(card.keyPoint) : undefined;
    if (kp) cardPoint.set(card.id, kp);
  }
  for (const item of items) {
    if (item.deckId !== deck.id || item.orphaned || item.suspended) continue;
    const kp = cardPoint.get(item.cardId);
    if (!kp) continue;
    const m = itemMastery(item, now, recall);
    kp.items[m]++;
    if (m === 'shaky') kp.shakyItemIds.push(item.id);
  }
  for (const kp of byId.values()) {
    kp.mastery = groupMastery(kp.items);
  }
  return [...byId.values()];
}
