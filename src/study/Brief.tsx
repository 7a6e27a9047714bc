/**
 * The brief: a deck's key points as a one-page list, each with its mastery (new / shaky / solid)
 * in words as well as colour, and a link to study just that point.
 */
import { RichText } from '../ui/RichText';
import type { Mastery } from '../srs/mastery';
import type { BriefPoint } from './mastery';

const LABEL: Record<Mastery, string> = { new: 'New', shaky: 'Shaky', solid: 'Solid' };

const pct = (r: number) => `${Math.round(r * 100)} % recall`;

/** Why a point has its mastery, in words that agree with it: cards still in their steps, or recall. */
export function masteryReason(p: Pick<BriefPoint, 'mastery' | 'recall' | 'weakest' | 'learning'>): string {
  if (p.mastery === 'new') return '';
  if (p.learning > 0) return ` · ${p.learning} ${p.learning === 1 ? 'card' : 'cards'} still being learnt`;
  if (p.mastery === 'shaky') return p.weakest === null ? ' · some cards not studied yet' : ` · weakest card at ${pct(p.weakest)}`;
  return p.recall === null ? '' : ` · ${pct(p.recall)}`;
}

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
              <span class="meta">{masteryReason(p)}</span>
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
