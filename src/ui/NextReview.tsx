/**
 * Home's word on when to come back once nothing is due: "Next review: tomorrow, 9 cards", and
 * how many new cards today's limit holds back. Its own chunk, loaded only when nothing is due.
 */
import { useEffect, useState } from 'preact/hooks';
import { nextReview, type NextReview as Next } from '../store/next-review';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "today at 14:05", "tomorrow" or "Mon 3 Mar", in the learner's locale. */
export function whenText(at: number, now: number): string {
  const day = (t: number) => new Date(t).toDateString();
  if (day(at) === day(now)) return `today at ${new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(at)}`;
  if (day(at) === day(now + 86_400_000)) return 'tomorrow';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(at);
}

/** The sentences home shows for `next` (null: nothing is scheduled). */
export function nextReviewText(next: Next | null, now: number): string[] {
  if (!next) return ['Nothing is scheduled: every card is suspended or there are none.'];
  const lines = [`Next review: ${whenText(next.at, now)}, ${plural(next.cards, 'card')}.`];
  if (next.newHeldBack > 0)
    lines.push(
      `${plural(next.newHeldBack, 'new card')} wait${next.newHeldBack === 1 ? 's' : ''}: you met today’s ${next.newPerDay} (the daily limit, in Settings).`,
    );
  return lines;
}

/** The note itself, read for the given decks at `now`. */
export default function NextReview({ deckIds, now }: { deckIds: string[]; now: number }) {
  const [lines, setLines] = useState<string[] | null>(null);
  const key = deckIds.join('\n');
  useEffect(() => {
    let live = true;
    nextReview(deckIds, now).then(
      (next) => live && setLines(nextReviewText(next, now)),
      () => live && setLines(null),
    );
    return () => {
      live = false;
    };
  }, [key, now]);
  return <>{lines?.map((l) => <span key={l} class="next-review">{l} </span>)}</>;
}
