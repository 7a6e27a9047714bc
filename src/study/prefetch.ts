/**
 * The card after the one on screen, fetched with its deck while the learner answers, so that
 * grading costs one write and no queue query or deck read. Taken only if nothing could have
 * changed the pick in between: no other tab wrote, no learning card fell due, and today's limits
 * still leave room for it.
 */
import type { Deck } from '../deck/schema';
import * as State from '../srs/state';
import type { ItemRecord } from '../srs/types';
import { nextStudyItem, onRemoteStoreChange, type NextStudy } from '../store';

/** A study session's prefetch of its next card. */
export function createPrefetch(now: () => number, deckFor: (id: string) => Promise<Deck | null>) {
  let prefetch: { after: ItemRecord; result: Promise<NextStudy | null>; generation: number } | null = null;
  /** Counts other tabs' writes: a prefetch made before one of them is stale. */
  let remoteWrites = 0;
  const stopRemote = onRemoteStoreChange(() => {
    remoteWrites++;
  });

  return {
    /** Fetches the pick that follows `item` among `deckIds`. */
    start(item: ItemRecord, deckIds: string[]) {
      const result = nextStudyItem({ deckIds }, now(), { excludeCards: [`${item.deckId}/${item.cardId}`] })
        .then(async (r) => {
          // Its deck too: the first card of a deck would otherwise read the whole deck after the grade.
          if (r?.item) await deckFor(r.item.deckId);
          return r;
        })
        .catch(() => null);
      prefetch = { after: item, result, generation: remoteWrites };
    },

    /** Drops what was fetched (another card is up). */
    clear() {
      prefetch = null;
    },

    /** The prefetched pick, if it is still what the store would answer after `graded` was graded at `at`. */
    async take(graded: ItemRecord, at: number): Promise<Extract<NextStudy, { item: ItemRecord }> | null> {
      const p = prefetch;
      prefetch = null;
      if (!p || p.after.id !== graded.id) return null;
      const r = await p.result;
      if (!r?.item || p.generation !== remoteWrites) return null;
      if (r.learningSoon != null && r.learningSoon <= at && !State.isLearning(r.item.state)) return null;
      // The grade used one of today's new or review slots: the pick must still fit in what is left.
      const used = (s: number) => (graded.state === s ? 1 : 0);
      if (r.item.state === State.New && r.remaining.new - used(State.New) < 1) return null;
      if (r.item.state === State.Review && r.remaining.review - used(State.Review) < 1) return null;
      return r;
    },

    /** Stops listening to other tabs. */
    dispose() {
      stopRemote();
      prefetch = null;
    },
  };
}
