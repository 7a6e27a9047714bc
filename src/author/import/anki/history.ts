/**
 * Anki's review log → Briefdeck's: each answer (`revlog` rows with a grade) is replayed through
 * ts-fsrs in time order, so every item's state is what Briefdeck's own scheduler would have made
 * of the same answers. Manual reschedules carry no answer and are left out. Suspended and buried
 * cards stay so; a reviewed card whose history was deleted in Anki keeps its interval. Pure and
 * clock-injected.
 */
import { expandDeck } from '../../../deck/items';
import { gradeItem, newItem } from '../../../srs/scheduler';
import { withQueue } from '../../../srs/queue';
import { nextStudyDayStart } from '../../../srs/day';
import * as State from '../../../srs/state';
import { MAX_DURATION_MS, type Grade, type ItemRecord, type ReviewRecord, type Settings } from '../../../srs/types';
import type { AnkiCollection } from '../../anki/types';
import type { Conversion } from './convert';

export interface History {
  /** Items with progress (answered, suspended or buried); others start new when the deck is stored. */
  items: ItemRecord[];
  /** The imported answers, oldest first, without store keys. */
  reviews: ReviewRecord[];
  /** Review cards with no answers in the log: their Anki interval was kept. */
  withoutHistory: number;
  /** Log rows left out: manual reschedules, and answers of cards that were not imported. */
  ignored: number;
}

const DAY = 86_400_000;

/** Replays the collection's log onto the converted decks' items. `now` is epoch ms. */
export function replayHistory(col: AnkiCollection, conv: Conversion, settings: Settings, now: number): History {
  const refs = new Map(conv.decks.flatMap((d) => expandDeck(d).map((r) => [r.id, r] as const)));
  const items = new Map<string, ItemRecord>();
  const reviews: ReviewRecord[] = [];
  let ignored = 0;
  for (const r of col.revlog) {
    const id = conv.itemOf.get(r.cid);
    const ref = id ? refs.get(id) : undefined;
    if (!ref || r.ease < 1 || r.ease > 4 || r.type === 4 || r.type === 5) {
      ignored++;
      continue;
    }
    const at = r.id;
    const before = items.get(ref.id) ?? newItem(ref, at);
    const { item } = gradeItem(before, r.ease as Grade, at, settings, { fuzz: false });
    items.set(ref.id, item);
    reviews.push({
      itemId: ref.id,
      deckId: ref.deckId,
      cardId: ref.cardId,
      grade: r.ease as Grade,
      mode: 'study',
      at,
      durationMs: Math.max(0, Math.min(r.time, MAX_DURATION_MS)),
      before,
      after: item.fsrs,
    });
  }
  let withoutHistory = 0;
  const buriedUntil = nextStudyDayStart(now, settings.dayStartHour);
  for (const c of col.cards) {
    const id = conv.itemOf.get(c.id);
    const ref = id ? refs.get(id) : undefined;
    if (!ref) continue;
    let item = items.get(ref.id);
    if (!item && c.type === 2 && c.ivl > 0) {
      // Reviewed in Anki but its log was cleared: keep the interval it had.
      const due = (col.crt + c.due * 86_400) * 1000;
      const fresh = newItem(ref, now);
      const fsrs = { ...fresh.fsrs, due, stability: c.ivl, difficulty: 5, scheduled_days: c.ivl, reps: c.reps, lapses: c.lapses, state: State.Review as 2, last_review: due - c.ivl * DAY };
      item = { ...fresh, fsrs, due, state: fsrs.state };
      withoutHistory++;
    }
    if (c.queue === -1 || c.queue === -2 || c.queue === -3) item ??= newItem(ref, now);
    if (!item) continue;
    if (c.queue === -1) item = { ...item, suspended: true };
    if (c.queue === -2 || c.queue === -3) item = { ...item, buriedUntil };
    items.set(ref.id, withQueue(item, now));
  }
  return { items: [...items.values()], reviews, withoutHistory, ignored };
}
