/**
 * Live preview of a card exactly as a student sees it, through the study screen's own
 * `CardFace`: the question side, then the answer side (cloze deletion filled, the right mcq
 * choice marked). One pair per review item, so every cloze deletion and a reversed side show.
 */
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
  return [''];
}

const subName = (sub: string) => (sub === 'reverse' ? 'Reversed' : sub ? `Deletion ${sub.slice(1)}` : '');

export function CardPreview({ card, keyPoint }: { card: Card; keyPoint?: string | undefined }) {
  const list = subs(card);
  if (!list.length) return <p class="hint">The preview appears once the text has a valid deletion such as {'{{c1::answer}}'}.</p>;
  return (
    <div class="card-preview">
      {list.map((sub) => (
        <div class="preview-pair" key={sub}>
          {subName(sub) && <p class="preview-label">{subName(sub)}</p>}
          <div class="preview-side" inert aria-label={`Question side${subName(sub) ? ` (${subName(sub)})` : ''}`} role="group">
            <p class="preview-label" aria-hidden="true">
              Question
            </p>
            <CardFace card={card} sub={sub} revealed={false} response={null} onResponse={noop} />
          </div>
          <div class="preview-side" inert aria-label={`Answer side${subName(sub) ? ` (${subName(sub)})` : ''}`} role="group">
            <p class="preview-label" aria-hidden="true">
              Answer
            </p>
            <CardFace card={card} sub={sub} revealed response={null} onResponse={noop} keyPoint={keyPoint} />
          </div>
        </div>
      ))}
    </div>
  );
}
