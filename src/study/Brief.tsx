/**
 * The brief: a deck's key points as a one-page list, each with its mastery (new / shaky / solid)
 * in words as well as colour, and a link to study just that point.
 */
import { RichText } from '../ui/RichText';
import type { Mastery } from '../srs/mastery';
import type { BriefPoint } from './mastery';

const LABEL: Record<Mastery, string> = { new: 'New', shaky: 'Shaky', solid: 'Solid' };

export function Brief({ deckId, points }: { deckId: string; points: BriefPoint[] }) {
  if (!points.length) return null;
  const solid = points.filter((p) => p.mastery === 'solid').length;
  return (
    <section class="brief" aria-labelledby="brief-title">
      <h2 id="brief-title">Brief</h2>
      <p class="meta">
        {points.length} key points · {solid} solid
      </p>
      <ol class="brief-list">
        {points.map((p) => (
          <li key={p.id} class={`brief-point mastery-${p.mastery}`}>
            <RichText text={p.text} class="brief-text" />
            <p class="brief-meta">
              <span class={`mastery-badge mastery-badge-${p.mastery}`}>{LABEL[p.mastery]}</span>
              {p.recall !== null && <span class="meta"> · {Math.round(p.recall * 100)} % recall</span>}
              {p.itemIds.length > 0 && (
                <>
                  {' · '}
                  <a href={`/study/${deckId}?keyPoints=${p.id}`} aria-label={`Study this point: ${p.text.replace(/[*_`]/g, '').slice(0, 60)}`}>
                    Study this point
                  </a>
                </>
              )}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
