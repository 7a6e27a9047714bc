/**
 * Live preview of a card exactly as a student sees it, through the study screen's own
 * `CardFace`: the question side, then the answer side (cloze deletion filled, the right mcq
 * choice marked), for one review item at a time: a list picks the cloze deletion or reversed side.
 */
import { useId, useState } from 'preact/hooks';
import { parseCloze } from '../../deck/cloze';
import type { Card } from '../../deck/schema';
import { CardFace } from '../../study/CardFace';

const noop = () => undefined;

/** Review items of a card, by sub-id ('' / 'reverse' / 'c1'…), without touching the store. */
function subs(card: Card): string[] {
  if (card.type === 'basic') return card.reverse ? ['', 'reverse'] : [''];
  if (card.type === 'cloze') {
    const { numbers, problems } = parseCloze(card.text);
    return problems.length || !numbers.length ? [] : numbers.map((n) => `c${n}`);
  }
  if (card.type === 'occlusion') return card.masks.map((m) => m.id);
  return [''];
}

function subName(card: Card, sub: string): string {
  if (card.type === 'occlusion') {
    const i = card.masks.findIndex((m) => m.id === sub);
    return `Box ${i + 1}${card.masks[i]?.label ? `: ${card.masks[i].label}` : ''}`;
  }
  return sub === 'reverse' ? 'Reversed' : sub ? `Deletion ${sub.slice(1)}` : '';
}

/**
 * One review item at a time, picked from a list: showing every deletion of a cloze card at once
 * renders each deletion once per item, a cost that grows with the square of the deletions.
 */
export function CardPreview({ card, keyPoint }: { card: Card; keyPoint?: string | undefined }) {
  const [chosen, setChosen] = useState('');
  const pickId = useId();
  const list = subs(card);
  if (!list.length) {
    if (card.type === 'occlusion') return <p class="hint">The preview appears once the picture has a box.</p>;
    return <p class="hint">The preview appears once the text has a valid deletion such as {'{{c1::answer}}'}.</p>;
  }
  const sub = list.includes(chosen) ? chosen : list[0]!;
  const name = subName(card, sub);
  return (
    <div class="card-preview">
      {list.length > 1 && (
        <p class="preview-pick">
          <label for={pickId}>Review item</label>{' '}
          <select id={pickId} value={sub} onChange={(e) => setChosen(e.currentTarget.value)}>
            {list.map((s) => (
              <option key={s} value={s}>
                {subName(card, s) || 'Front to back'}
              </option>
            ))}
          </select>
        </p>
      )}
      <div class="preview-pair">
        {name && <p class="preview-label">{name}</p>}
        <div class="preview-side" inert aria-label={`Question side${name ? ` (${name})` : ''}`} role="group">
          <p class="preview-label" aria-hidden="true">
            Question
          </p>
          <CardFace card={card} sub={sub} revealed={false} response={null} onResponse={noop} />
        </div>
        <div class="preview-side" inert aria-label={`Answer side${name ? ` (${name})` : ''}`} role="group">
          <p class="preview-label" aria-hidden="true">
            Answer
          </p>
          <CardFace card={card} sub={sub} revealed response={null} onResponse={noop} keyPoint={keyPoint} />
        </div>
      </div>
    </div>
  );
}
