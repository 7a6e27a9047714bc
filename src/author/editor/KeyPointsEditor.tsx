/**
 * The deck's key points: add, edit, move and delete. A new key point gets an id once; removing
 * one detaches the cards that referred to it (the validator would otherwise flag them).
 */
import type { Deck, KeyPoint } from '../../deck/schema';
import { move } from '../edit-model';
import { randomSuffix } from '../ids';
import { Field } from './Field';
import { focusSoon } from './focus';

export function KeyPointsEditor({ deck, errors, onChange }: { deck: Deck; errors: Map<string, string[]>; onChange: (deck: Deck) => void }) {
  const points = deck.keyPoints ?? [];
  const setPoints = (keyPoints: KeyPoint[], cards = deck.cards) => onChange({ ...deck, keyPoints, cards });
  const add = () => {
    const taken = new Set(points.map((p) => p.id));
    let id = `kp-${randomSuffix(4)}`;
    while (taken.has(id)) id = `kp-${randomSuffix(4)}`;
    setPoints([...points, { id, text: '' }]);
    focusSoon(`f-keyPoints-${points.length}-text`);
  };
  const remove = (i: number) => {
    const gone = points[i]!.id;
    const cards = deck.cards.map((c) => {
      if (c.keyPoint !== gone) return c;
      const { keyPoint: _gone, ...rest } = c;
      return rest as typeof c;
    });
    setPoints(points.filter((_, j) => j !== i), cards);
  };
  const shift = (i: number, to: number, button: 'up' | 'down') => {
    setPoints(move(points, i, to));
    focusSoon(`kp-${points[i]!.id}-${button}`, `kp-${points[i]!.id}-${button === 'up' ? 'down' : 'up'}`);
  };
  return (
    <section class="editor-section" aria-labelledby="kp-heading">
      <h2 id="kp-heading">Key points</h2>
      {errors.get('keyPoints')?.map((m) => (
        <p class="field-error" key={m}>
          keyPoints: {m}
        </p>
      ))}
      {points.length === 0 && <p class="hint">No key points yet: the one-page brief and the key-point mastery view use them.</p>}
      <ol class="kp-list">
        {points.map((kp, i) => (
          <li key={kp.id} class="kp-row">
            <Field label={`Key point ${i + 1}`} path={`keyPoints[${i}].text`} value={kp.text} errors={errors} multiline rows={2} onInput={(v) => setPoints(points.map((p, j) => (j === i ? { ...p, text: v } : p)))} />
            {errors.get(`keyPoints[${i}].id`) && <p class="field-error">{errors.get(`keyPoints[${i}].id`)!.join('; ')}</p>}
            <div class="row-actions">
              <button type="button" class="button" id={`kp-${kp.id}-up`} disabled={i === 0} onClick={() => shift(i, i - 1, 'up')} aria-label={`Move up key point ${i + 1}`}>
                Move up
              </button>
              <button type="button" class="button" id={`kp-${kp.id}-down`} disabled={i === points.length - 1} onClick={() => shift(i, i + 1, 'down')} aria-label={`Move down key point ${i + 1}`}>
                Move down
              </button>
              <button type="button" class="button danger" onClick={() => remove(i)} aria-label={`Delete key point ${i + 1}`}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" class="button" onClick={add}>
        Add key point
      </button>
    </section>
  );
}
