/**
 * Gathers what the stats need from the store and the deck library: settings, decks, their items,
 * the quiz history, and the review-log figures.
 *
 * The review-log figures come from the store's per-deck, per-study-day aggregates
 * (`reviewBuckets`), which the store keeps with every answer, undo, import and reset, so a first
 * load reads one small record per deck and day studied rather than the whole log, and
 * `statsFromBuckets` derives the figures from them. The store rebuilds them from the log when the day start or time zone changed or they no longer add up to it,
 * reporting how far along that read is.
 *
 * A deck's items (for the forecast, card states and mastery) are kept per deck for the life of
 * the page and dropped when the store says that deck (or anything) changed, in this tab or another.
 */
import { getItems, getSettings, onStoreChange } from '../store';
import { listQuizzes } from '../store/quizzes';
import { reviewBuckets } from '../store/buckets';
import { getDeck, listDecks } from '../library/library';
import type { Deck } from '../deck/schema';
import type { ItemRecord } from '../srs/types';
import { statsFromBuckets } from './bucket-fold';
import { assembleStats, type Stats } from './compute';

/**
 * `partial`: the review-log figures are final but the items are still being read, so the
 * forecast, card states and key-point mastery are not known yet (see `onPartial`).
 */
export type LoadedStats = { ok: true; stats: Stats; deck: Deck | null; partial?: true } | { ok: false; missingDeck: string };

/** Items by deck id, as last read; entries are dropped by the store's change notices. */
const keptItems = new Map<string, Promise<ItemRecord[]>>();
let watching = false;

/** Forgets every kept deck's items (tests; the store's change notices do it too). */
export function forgetKeptStats(): void {
  keptItems.clear();
}

function watch(): void {
  if (watching) return;
  watching = true;
  onStoreChange((change) => {
    // No deck ids: settings, an import or a reset — anything may have changed.
    if (change.deckIds.length === 0) keptItems.clear();
    else for (const id of change.deckIds) keptItems.delete(id);
  });
}

function itemsOf(deckId: string): Promise<ItemRecord[]> {
  let items = keptItems.get(deckId);
  if (!items) {
    items = getItems(deckId);
    keptItems.set(deckId, items);
    // A failed read is not kept: the next load asks again.
    items.catch(() => {
      if (keptItems.get(deckId) === items) keptItems.delete(deckId);
    });
  }
  return items;
}

/** Reviews read so far, of how many in the log; reported while a long log is read (a rebuild of the buckets). */
export type StatsProgress = (read: number, total: number) => void;

/**
 * Stats of every deck in the library, or of one deck when `deckId` is given. Reading a big
 * collection's items the first time takes a while (about a second for 20,000 on a laptop), so when
 * some deck's items are not kept yet, `onPartial` first receives the stats without them: what
 * comes from the review log is complete and can be shown at once.
 */
export async function loadStats(
  now: number,
  deckId?: string,
  onProgress?: StatsProgress,
  onPartial?: (partial: Extract<LoadedStats, { ok: true }>) => void,
): Promise<LoadedStats> {
  watch();
  const [settings, quizzes, summaries, buckets] = await Promise.all([
    getSettings(),
    listQuizzes(deckId),
    deckId !== undefined ? Promise.resolve(null) : listDecks().then((entries) => entries.map((e) => e.summary)),
    getSettings().then((s) => reviewBuckets(s.dayStartHour, onProgress)),
  ]);
  const ids = summaries ? summaries.map((d) => d.id) : [deckId!];
  // Whole decks (for key points) and their items are read side by side.
  const loading = Promise.all(ids.map((id) => getDeck(id))).then((all) => all.filter((d): d is Deck => d !== null));
  const reading = ids.some((id) => !keptItems.has(id));
  const items = Promise.all(ids.map((id) => itemsOf(id)));
  items.catch(() => undefined);
  const log = statsFromBuckets(buckets, { dayStartHour: settings.dayStartHour, now, deckIds: deckId !== undefined ? [deckId] : null });
  const assemble = (decks: Deck[], items: ItemRecord[]) =>
    assembleStats(log, { items, decks, quizzes, settings, now, ...(deckId !== undefined ? { deckIds: [deckId] } : {}) });
  if (summaries && reading && onPartial) {
    // The library's summaries are enough for what the log gives (titles); key points wait for the decks.
    const shallow = summaries.map((d): Deck => ({ id: d.id, version: d.version, title: d.title, cards: [] }));
    onPartial({ ok: true, stats: assemble(shallow, []), deck: null, partial: true });
  }
  const decks = await loading;
  if (deckId !== undefined && !decks.length) return { ok: false, missingDeck: deckId };
  const deck = deckId !== undefined ? decks[0]! : null;
  if (!summaries && reading && onPartial) onPartial({ ok: true, stats: assemble(decks, []), deck, partial: true });
  return { ok: true, stats: assemble(decks, (await items).flat()), deck };
}
