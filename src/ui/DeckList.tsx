/**
 * The list of decks on the home screen: title (a link to the deck page), description, origin,
 * due / new / learning counts and when it was last studied. Without counts (`null`: not read yet)
 * the tiles keep the counts' and the Study link's room empty. No styles or store here: the build
 * prerenders it (HomeView.tsx).
 */
import type { LibraryEntry } from '../library/library';
import type { DeckCounts } from '../store';

/** "today", "yesterday", "3 days ago" or a date. */
export function lastStudiedText(at: number, now: number): string {
  const diff = Math.round((new Date(now).setHours(0, 0, 0, 0) - new Date(at).setHours(0, 0, 0, 0)) / 86_400_000);
  if (diff <= 0) return 'today';
  if (diff === 1) return 'yesterday';
  if (diff < 14) return `${diff} days ago`;
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}

/** A deck's cover colour: a hue from its first tag (decks on one subject share it), or its title. */
export function coverHue(tags: readonly string[] | undefined, title: string): number {
  let h = 0;
  for (const ch of tags?.[0] ?? title) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

/**
 * Gives a cover its hue from script: the page's policy allows no style attribute in markup (the
 * prerendered page has none), and a hydrated page keeps its attributes as the build wrote them.
 */
const hueOf = (hue: number) => (cover: HTMLElement | null) => cover?.style.setProperty('--h', String(hue));

export interface DeckListProps {
  decks: LibraryEntry[];
  counts: Record<string, DeckCounts> | null;
  now: number;
}

export function DeckList({ decks, counts, now }: DeckListProps) {
  if (!decks.length) return <p>No decks yet.</p>;
  return (
    <ul class="deck-list" aria-label="Decks">
      {decks.map(({ summary: d, origin }) => {
        const c = counts?.[d.id];
        return (
          <li key={d.id} class="deck-tile">
            <span class="deck-cover" aria-hidden="true" ref={hueOf(coverHue(d.tags, d.title))}>
              {[...d.title][0]}
            </span>
            <h2>
              <a href={`/deck/${d.id}`} id={`deck-title-${d.id}`}>
                {d.title}
              </a>
            </h2>
            {d.description && <p>{d.description}</p>}
            <p class="meta">
              {d.cardCount} {d.cardCount === 1 ? 'card' : 'cards'} · {d.keyPointCount} key points
              {origin !== 'bundled' && ` · ${origin === 'imported' ? 'imported' : 'your deck'}`}
            </p>
            {/* Kept in every tile, counted or not yet, so the counts and the Study link arrive without moving anything. */}
            <p class="deck-counts">
              {c && !c.started && d.cardCount > 0 && <span class="count count-new">Not started</span>}
              {c?.started && (
                // Learning cards due now are due too: one "due" everywhere, so due + new is what Study takes.
                <>
                  <span class="count count-due">{c.due + c.learning} due</span> · <span class="count count-new">{c.new} new</span>
                  <span class="meta"> · {c.lastStudied ? `studied ${lastStudiedText(c.lastStudied, now)}` : 'not studied yet'}</span>
                </>
              )}
            </p>
            <p class="deck-action">
              {c && (c.due + c.new + c.learning > 0 || (!c.started && d.cardCount > 0)) && (
                // Named "Study" and described by the deck title, so a link search by title finds only the title.
                <a class="study-link" href={`/study/${d.id}`} aria-describedby={`deck-title-${d.id}`}>
                  Study
                </a>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
