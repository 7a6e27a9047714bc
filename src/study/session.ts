/**
 * One study session as a signals model: which card is up, whether its answer is shown, the grade
 * intervals, progress, undo, bury/suspend, leeches and the summary. Part of the main bundle.
 * Decks are loaded once per session, and only those whose cards are shown, so grading a card costs
 * one store write and one index query, never a reload of the library. Views read the signals and
 * call the intents; they never touch the store themselves.
 */
import { batch, signal } from '@preact/signals';
import type { Card, Deck } from '../deck/schema';
import { getDeck, listDecks } from '../library/library';
import { previewIntervals } from '../srs/scheduler';
import { MAX_DURATION_MS, type Grade, type ItemId, type ItemRecord, type Settings } from '../srs/types';
import { createPrefetch } from './prefetch';
import { sameShowing, savedCard, saveShownCard, type ShownCard } from './resume';
import {
  decksToSync,
  getItem,
  getSettings,
  nextStudyItem,
  prepareGrade,
  recordReview,
  syncDeckItems,
  unburyDue,
  undoDepth,
  undoLastReview,
} from '../store';
import * as Rating from '../srs/rating';

/** Suspending and burying, loaded on the first use (off the study path). */
const hold = () => import('../store/hold');

export type Phase = 'loading' | 'card' | 'done' | 'error';

export interface SessionScope {
  /** A deck id, or `all` for every deck in the library. */
  deck: string;
  /** Only these items (a focused session: missed cards, shaky key points); limits do not apply. */
  itemIds?: ItemId[];
  /** Only the cards of these key points (resolved against the deck once it is loaded). */
  keyPoints?: string[];
}

export interface Current {
  item: ItemRecord;
  /** What the screen needs of the card's deck: id, title, and the card's key point if any. */
  deck: ShownCard['deck'];
  card: Card;
  /** When the card was shown, to time the answer. */
  shownAt: number;
}

/** How long an intent runs before its controls are shown disabled. */
const SHOW_BUSY_AFTER_MS = 100;

export interface SessionOptions {
  clock?: () => number;
  /** Resolves a key-point filter to item ids (kept out of the main bundle by the caller if large). */
  keyPointItems?: (deck: Deck, keyPoints: string[]) => ItemId[];
}

export function createSession(scope: SessionScope, options: SessionOptions = {}) {
  const now = options.clock ?? Date.now;
  /**
   * The card this scope showed last, on screen from the first render while the store opens. The
   * session stays busy meanwhile (nothing can be graded); the first card the store picks replaces
   * it, unless it is the same card in the same state, which then simply stays.
   */
  let preview: ShownCard | null = scope.itemIds?.length || scope.keyPoints?.length ? null : savedCard(scope.deck, now());
  const phase = signal<Phase>(preview ? 'card' : 'loading');
  const error = signal<string | null>(null);
  const current = signal<Current | null>(preview && { item: preview.item, deck: preview.deck, card: preview.card, shownAt: now() });
  const revealed = signal(false);
  const intervals = signal<Record<Grade, { due: number; label: string }> | null>(null);
  /** Cards left today, the one on screen included. */
  const remaining = signal(preview?.remaining ?? 0);
  const reviewed = signal(0);
  const again = signal(0);
  const timeMs = signal(0);
  const nextDue = signal<number | null>(null);
  /** The item that just became a leech, until the learner moves on. */
  const leech = signal<Current | null>(null);
  const notice = signal<string | null>(null);
  const busy = signal(!!preview);
  /** The deck's title once loaded (kept after the last card, for the summary). */
  const title = signal<string | null>(preview && scope.deck !== 'all' ? preview.deck.title : null);

  /** The decks in scope, in library order (new cards come deck by deck in that order). */
  let deckIds: string[] = [];
  /** Decks loaded so far: only those whose cards are shown (or had to be synced). */
  const decks = new Map<string, Deck>();
  let settings: Settings | null = null;
  let focus: ItemId[] | undefined;
  /** Grades given in this session, newest last, so undo can take back the counters too. */
  const history: { itemId: ItemId; grade: Grade; durationMs: number }[] = [];

  async function deckFor(id: string): Promise<Deck | null> {
    let deck = decks.get(id);
    if (!deck) {
      deck = (await getDeck(id)) ?? undefined;
      if (deck) decks.set(id, deck);
    }
    return deck ?? null;
  }

  function fail(e: unknown) {
    batch(() => {
      error.value = e instanceof Error ? e.message : String(e);
      phase.value = 'error';
    });
  }

  /** Items of a focused session that still need an answer (a card answered Again comes back). */
  function focusLeft(): ItemId[] | undefined {
    if (!focus) return undefined;
    const done = new Set<ItemId>();
    for (const h of history) {
      if (h.grade === Rating.Again) done.delete(h.itemId);
      else done.add(h.itemId);
    }
    return focus.filter((id) => !done.has(id));
  }

  const prefetch = createPrefetch(now, deckFor);

  function startPrefetch(item: ItemRecord) {
    prefetch.clear();
    // Focused sessions are small and follow their own order: they ask the store each time.
    if (focus || phase.value !== 'card') return;
    prefetch.start(item, deckIds);
  }

  /** Remembers what this scope shows now for the next start (after the screen has updated). */
  function remember(shown: ShownCard | null, graded: ItemId | undefined) {
    if (focus) return;
    const at = now();
    setTimeout(() => saveShownCard(scope.deck, shown, at, graded), 0);
  }

  // `apply` runs in the same batch as the card change, so counters and card never disagree on screen.
  // `graded`: the card answered (or put away) just before, which no saved start may show any more.
  /** Decks whose items this session brought in line with their cards after a missing card. */
  const repaired = new Set<string>();
  async function show(item: ItemRecord, apply?: () => void, graded?: ItemId): Promise<void> {
    const deck = await deckFor(item.deckId);
    const card = deck?.cards.find((c) => c.id === item.cardId);
    if (deck && !card && !repaired.has(deck.id)) {
      // An item whose card is gone (its deck changed under it): bring the deck's items in line
      // with its cards, whatever the sync mark says, tell the learner, and go on to the next card.
      repaired.add(deck.id);
      await syncDeckItems(deck, now(), true);
      notice.value = `A missing card of “${deck.title}” was skipped and its deck repaired.`;
      return next(apply, graded);
    }
    if (!deck || !card) throw new Error(`The card "${item.cardId}" of deck "${item.deckId}" could not be found.`);
    const shown: ShownCard = {
      item,
      card,
      deck: { id: deck.id, title: deck.title, keyPoints: deck.keyPoints?.filter((k) => k.id === card.keyPoint), format: deck.format, media: deck.media, language: deck.language },
      remaining: 0,
    };
    // The saved card on screen is the store's pick too: it stays as it is (answer shown or not).
    const kept = preview && sameShowing(preview, shown) ? current.value : null;
    preview = null;
    const same = !!kept;
    const at = kept ? kept.shownAt : now();
    batch(() => {
      apply?.();
      current.value = { item, deck: shown.deck, card, shownAt: at };
      if (!same) revealed.value = false;
      intervals.value = settings ? previewIntervals(item, at, settings) : null;
      phase.value = 'card';
    });
    remember({ ...shown, remaining: remaining.value }, graded);
    // Once this card is on screen (their requests would otherwise share the main thread with the
    // render): what grading it reads, and the card after it.
    prefetch.clear();
    setTimeout(() => {
      if (current.value?.item !== item) return;
      void prepareGrade(item.id).catch(() => undefined);
      startPrefetch(item);
    }, 0);
  }

  async function next(apply?: () => void, graded?: ItemId) {
    const left = focusLeft();
    const result =
      left && !left.length
        ? ({ item: null, nextDue: null } as const)
        : await nextStudyItem(left ? { deckIds, itemIds: left } : { deckIds }, now());
    if (result.item) {
      const left = result.remaining.new + result.remaining.learning + result.remaining.review;
      await show(
        result.item,
        () => {
          apply?.();
          remaining.value = left;
        },
        graded,
      );
    } else {
      remember(null, graded);
      batch(() => {
        apply?.();
        current.value = null;
        remaining.value = 0;
        nextDue.value = result.nextDue;
        phase.value = 'done';
      });
    }
  }

  /** Whether an intent is running (`busy` shows it only once it takes a while). */
  let working = false;

  /**
   * Serialises intents: a second key press while a grade is being written is ignored. `first`:
   * the start, which runs even while a saved card holds the session busy. An intent shows the
   * controls disabled only once it takes longer than SHOW_BUSY_AFTER_MS: a grade takes a few
   * milliseconds, and does not flash them (nor re-render the screen twice while its write is on
   * its way).
   */
  async function run(task: () => Promise<void>, first = false) {
    if ((working || busy.value) && !first) return;
    working = true;
    const slow = setTimeout(() => (busy.value = true), SHOW_BUSY_AFTER_MS);
    try {
      await task();
    } catch (e) {
      fail(e);
    } finally {
      clearTimeout(slow);
      working = false;
      busy.value = false;
    }
  }

  return {
    phase,
    error,
    current,
    revealed,
    intervals,
    remaining,
    reviewed,
    again,
    timeMs,
    nextDue,
    leech,
    notice,
    busy,
    title,
    /** Whether the store still holds a grade of this tab to take back. */
    canUndo: () => undoDepth() > 0,

    /** Stops listening to other tabs; call when the session's screen goes away. */
    dispose() {
      prefetch.dispose();
    },

    /**
     * Finds the decks in scope, brings the items of any deck whose cards changed up to date, and
     * shows the first card. Only decks that changed, and the deck of the card shown, are loaded:
     * the library's summaries say which item fingerprint each deck needs.
     */
    start: () =>
      run(async () => {
        const at = now();
        let wanted: { id: string; items?: string | undefined }[], stale: string[];
        if (scope.deck === 'all') {
          // Every read the first card waits for goes out at once: the settings, the library, the
          // decks' sync marks, and the buried cards whose day is over (which the queue then skips).
          const listed = listDecks().then((all) => all.map((e) => ({ id: e.summary.id, items: e.summary.items })));
          const unburied = listed.then((w) => unburyDue(w.map((d) => d.id), at));
          [settings, wanted, stale] = await Promise.all([getSettings(), listed, decksToSync(listed), unburied]);
        } else {
          const [s, deck] = await Promise.all([getSettings(), deckFor(scope.deck)]);
          settings = s;
          if (!deck) throw new Error(`There is no deck "${scope.deck}" on this device.`);
          title.value = deck.title;
          wanted = [{ id: deck.id }];
          // One deck is loaded already, and its sync checks its own mark: no need to ask first.
          stale = [scope.deck];
        }
        // Decks that changed are synced; a deck that is gone leaves the scope.
        const found = await Promise.all(stale.map((id) => deckFor(id)));
        await Promise.all(found.map((deck) => deck && syncDeckItems(deck, at)));
        const gone = new Set(stale.filter((_, i) => !found[i]));
        deckIds = wanted.map((w) => w.id).filter((id) => !gone.has(id));
        if (scope.itemIds?.length) focus = scope.itemIds;
        else if (scope.keyPoints?.length && options.keyPointItems) {
          const deck = decks.get(scope.deck);
          focus = deck ? options.keyPointItems(deck, scope.keyPoints) : [];
        }
        try {
          await next();
        } finally {
          preview = null;
        }
      }, true),

    reveal() {
      if (phase.value === 'card' && !revealed.value) revealed.value = true;
    },

    grade: (grade: Grade) =>
      run(async () => {
        const cur = current.value;
        if (phase.value !== 'card' || !cur || !revealed.value) return;
        const at = now();
        const durationMs = Math.min(Math.max(0, at - cur.shownAt), MAX_DURATION_MS);
        const result = await recordReview({ itemId: cur.item.id, grade, mode: 'study', at, durationMs });
        history.push({ itemId: cur.item.id, grade, durationMs });
        const counted = () => {
          reviewed.value++;
          if (grade === Rating.Again) again.value++;
          timeMs.value += durationMs;
          leech.value = result.becameLeech ? { ...cur, item: result.item } : null;
          notice.value = null;
        };
        const ready = await prefetch.take(cur.item, at);
        if (ready) {
          const left = ready.remaining.new + ready.remaining.learning + ready.remaining.review;
          await show(
            ready.item,
            () => {
              counted();
              remaining.value = Math.max(0, left - ready.pending.new - ready.pending.review);
            },
            cur.item.id,
          );
        } else await next(counted, cur.item.id);
      }),

    /** Takes back the newest grade of this tab (repeatable) and shows that card again. */
    undo: () =>
      run(async () => {
        let review;
        try {
          review = await undoLastReview();
        } catch (e) {
          // Refused (answered again in another tab) or failed: the session itself is fine.
          notice.value = e instanceof Error ? e.message : String(e);
          return;
        }
        if (!review) {
          notice.value = 'Nothing to undo.';
          return;
        }
        const last = history[history.length - 1];
        const ours = !!last && last.itemId === review.itemId;
        if (ours) history.pop();
        const item = (await getItem(review.itemId)) ?? review.before;
        await show(item, () => {
          if (ours && last) {
            reviewed.value--;
            if (last.grade === Rating.Again) again.value--;
            timeMs.value -= last.durationMs;
          }
          // The card taken back is to answer again (the one that was up, if any, stays in the queue).
          remaining.value++;
          leech.value = null;
          notice.value = 'Last grade undone.';
        });
      }),

    /** Hides the current card (and its siblings) until the next study day. */
    bury: () =>
      run(async () => {
        const cur = current.value;
        if (!cur) return;
        await (await hold()).buryCard(cur.item.deckId, cur.item.cardId, now());
        notice.value = 'Card buried until tomorrow.';
        await next(undefined, cur.item.id);
      }),

    /** Suspends the current card. */
    suspend: () =>
      run(async () => {
        const cur = current.value;
        if (!cur) return;
        await (await hold()).setSuspended([cur.item.id], true);
        notice.value = 'Card suspended. Unsuspend it from the deck page.';
        await next(undefined, cur.item.id);
      }),

    /** A new leech is suspended by the scheduler; the learner may choose to keep studying it. */
    keepLeech: () =>
      run(async () => {
        const cur = leech.value;
        if (!cur) return;
        await (await hold()).setSuspended([cur.item.id], false);
        batch(() => {
          leech.value = null;
          notice.value = 'The card stays in your reviews.';
        });
      }),
  };
}

export type StudySession = ReturnType<typeof createSession>;
