/**
 * One card in the editor: its type, the fields of that type, key point, tags and explanation,
 * buttons to move or delete it, and the live preview. The card's id is shown but never edited:
 * progress is keyed by it. Part of the lazy authoring chunk.
 */
import { Component } from 'preact';
import { CARD_TYPES, type Card, type CardType, type KeyPoint, type MediaFile } from '../../deck/schema';
import { cardSummary, fieldId, parseTags, TYPE_NAMES, withType } from '../edit-model';
import { CardPreview } from './CardPreview';
import { Field } from './Field';
import type { MediaSlot } from './MediaPicker';
import { OcclusionEditor } from './OcclusionEditor';

export interface CardEditorProps {
  card: Card;
  index: number;
  count: number;
  keyPoints: KeyPoint[];
  errors: Map<string, string[]>;
  /** The deck's media, and how a picked file joins them. */
  media: MediaFile[] | undefined;
  mediaSlot: MediaSlot;
  onChange: (card: Card) => void;
  onMove: (to: number) => void;
  onDelete: () => void;
}

/** The messages that concern one card, as a string: equal strings mean nothing to re-render. */
function cardErrorKey(errors: Map<string, string[]>, index: number): string {
  const prefix = `cards[${index}].`;
  return [...errors].filter(([p]) => p.startsWith(prefix)).map(([p, m]) => `${p}:${m.join('|')}`).join('\n');
}

/**
 * Re-renders a card only when it, its place, the key points or its own messages change, so typing
 * in one card of a long deck does not redraw every preview. The callbacks are left out of the
 * comparison: the editor makes them from the card's index and functional state updates.
 */
// A class rather than preact/compat's memo: compat would also rewrite every onChange app-wide.
export class CardEditor extends Component<CardEditorProps> {
  override shouldComponentUpdate(next: CardEditorProps): boolean {
    const a = this.props;
    return !(
      a.card === next.card &&
      a.index === next.index &&
      a.count === next.count &&
      a.keyPoints === next.keyPoints &&
      a.media === next.media &&
      cardErrorKey(a.errors, a.index) === cardErrorKey(next.errors, next.index)
    );
  }
  override render(props: CardEditorProps) {
    return <CardEditorView {...props} />;
  }
}

function CardEditorView({ card, index, count, keyPoints, errors, media, mediaSlot, onChange, onMove, onDelete }: CardEditorProps) {
  const at = (field: string) => `cards[${index}].${field}`;
  const set = (patch: Partial<Card>) => onChange({ ...card, ...patch } as Card);
  const n = index + 1;
  const summary = cardSummary(card);
  const typeId = fieldId(at('type'));
  const kpId = fieldId(at('keyPoint'));
  const kpErrors = errors.get(at('keyPoint')) ?? [];
  const headingId = `card-${card.id}-heading`;
  return (
    <li class="card-editor" aria-labelledby={headingId}>
      <div class="card-editor-head">
        <h3 id={headingId}>
          Card {n}: <span class="muted">{summary}</span>
        </h3>
        <p class="meta">id {card.id}</p>
        <div class="row-actions">
          <button type="button" class="button" id={`card-${card.id}-up`} onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={`Move up card ${n}`}>
            Move up
          </button>
          <button type="button" class="button" id={`card-${card.id}-down`} onClick={() => onMove(index + 1)} disabled={index === count - 1} aria-label={`Move down card ${n}`}>
            Move down
          </button>
          <button type="button" class="button danger" onClick={onDelete} aria-label={`Delete card ${n}`}>
            Delete
          </button>
        </div>
      </div>
      <div class="card-editor-body">
        <div class="card-fields">
          <div class="field">
            <label for={typeId}>Card type</label>
            <select id={typeId} value={card.type} onChange={(e) => onChange(withType(card, e.currentTarget.value as CardType))}>
              {CARD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_NAMES[t]}
                </option>
              ))}
            </select>
          </div>
          <TypeFields card={card} at={at} errors={errors} set={set} media={media} slot={mediaSlot} />
          <div class={`field${kpErrors.length ? ' invalid' : ''}`}>
            <label for={kpId}>Key point</label>
            <select
              id={kpId}
              value={card.keyPoint ?? ''}
              aria-invalid={kpErrors.length ? 'true' : undefined}
              aria-describedby={kpErrors.length ? `${kpId}-error` : undefined}
              onChange={(e) => set({ keyPoint: e.currentTarget.value || undefined })}
            >
              <option value="">None</option>
              {keyPoints.map((kp, i) => (
                <option key={kp.id} value={kp.id}>
                  {i + 1}. {kp.text.slice(0, 60) || kp.id}
                </option>
              ))}
              {card.keyPoint && !keyPoints.some((k) => k.id === card.keyPoint) && <option value={card.keyPoint}>{card.keyPoint} (missing)</option>}
            </select>
            {kpErrors.length > 0 && (
              <p class="field-error" id={`${kpId}-error`}>
                {kpErrors.join('; ')}
              </p>
            )}
          </div>
          <Field label="Tags" path={at('tags')} value={(card.tags ?? []).join(', ')} errors={errors} commitOnChange hint="Separate tags with commas or spaces." onInput={(v) => set({ tags: parseTags(v) })} />
          <Field label="Explanation (optional)" path={at('explanation')} value={card.explanation ?? ''} errors={errors} multiline rows={2} media={mediaSlot} onInput={(v) => set({ explanation: v })} />
        </div>
        <section class="card-preview-pane" aria-label={`Preview of card ${n}`}>
          <h4>Preview</h4>
          <CardPreview card={card} keyPoint={card.keyPoint ? keyPoints.find((k) => k.id === card.keyPoint)?.text : undefined} />
        </section>
      </div>
    </li>
  );
}

interface TypeFieldsProps {
  card: Card;
  at: (field: string) => string;
  errors: Map<string, string[]>;
  set: (patch: Partial<Card>) => void;
  media: MediaFile[] | undefined;
  slot: MediaSlot;
}

function TypeFields({ card, at, errors, set, media, slot }: TypeFieldsProps) {
  switch (card.type) {
    case 'basic':
      return (
        <>
          <Field label="Front" path={at('front')} value={card.front} errors={errors} multiline media={slot} onInput={(v) => set({ front: v })} />
          <Field label="Back" path={at('back')} value={card.back} errors={errors} multiline media={slot} onInput={(v) => set({ back: v })} />
          <div class="field check">
            <input id={fieldId(at('reverse'))} type="checkbox" checked={!!card.reverse} onChange={(e) => set({ reverse: e.currentTarget.checked })} />
            <label for={fieldId(at('reverse'))}>Also ask back to front</label>
          </div>
        </>
      );
    case 'cloze':
      return (
        <Field
          label="Cloze text"
          path={at('text')}
          value={card.text}
          errors={errors}
          multiline
          rows={4}
          media={slot}
          hint="Mark each gap as {{c1::answer}} or {{c1::answer::hint}}; c2, c3… make more review items."
          onInput={(v) => set({ text: v })}
        />
      );
    case 'mcq':
      return <McqFields card={card} at={at} errors={errors} set={set} media={media} slot={slot} />;
    case 'occlusion':
      return <OcclusionEditor card={card} at={at} errors={errors} set={set} media={media} slot={slot} />;
    case 'truefalse':
      return (
        <>
          <Field label="Statement" path={at('statement')} value={card.statement} errors={errors} multiline media={slot} onInput={(v) => set({ statement: v })} />
          <fieldset class="field">
            <legend>The statement is</legend>
            <label class="inline">
              <input type="radio" name={`${card.id}-tf`} checked={card.answer} onChange={() => set({ answer: true })} /> True
            </label>
            <label class="inline">
              <input type="radio" name={`${card.id}-tf`} checked={!card.answer} onChange={() => set({ answer: false })} /> False
            </label>
          </fieldset>
        </>
      );
    case 'typed':
      return (
        <>
          <Field label="Question" path={at('question')} value={card.question} errors={errors} multiline media={slot} onInput={(v) => set({ question: v })} />
          <Field label="Answer" path={at('answer')} value={card.answer} errors={errors} onInput={(v) => set({ answer: v })} />
          <Field
            label="Other accepted answers"
            path={at('accept')}
            value={(card.accept ?? []).join('\n')}
            errors={errors}
            multiline
            rows={2}
            hint="One per line."
            onInput={(v) => set({ accept: v.split('\n').filter((x, i, all) => x.trim() || i === all.length - 1) })}
          />
        </>
      );
  }
}

function McqFields({ card, at, errors, set, slot }: TypeFieldsProps & { card: Extract<Card, { type: 'mcq' }> }) {
  const right = Array.isArray(card.answer) ? card.answer : [card.answer];
  const setRight = (i: number, on: boolean) => {
    const next = on ? [...new Set([...right, i])].sort((a, b) => a - b) : right.filter((x) => x !== i);
    set({ answer: next.length === 1 ? next[0]! : next });
  };
  const removeChoice = (i: number) => {
    const choices = card.choices.filter((_, j) => j !== i);
    const shifted = right.filter((x) => x !== i).map((x) => (x > i ? x - 1 : x));
    set({ choices, answer: shifted.length === 1 ? shifted[0]! : shifted.length ? shifted : 0 });
  };
  const answerErrors = [...errors.entries()].filter(([p]) => p === at('answer') || p.startsWith(`${at('answer')}[`)).flatMap(([, m]) => m);
  const choicesErrors = errors.get(at('choices')) ?? [];
  return (
    <>
      <Field label="Question" path={at('question')} value={card.question} errors={errors} multiline media={slot} onInput={(v) => set({ question: v })} />
      <fieldset class="field" aria-describedby={answerErrors.length || choicesErrors.length ? `${fieldId(at('choices'))}-error` : undefined}>
        <legend>Choices (tick every right one)</legend>
        {card.choices.map((choice, i) => (
          <div class="choice-row" key={i}>
            <input
              type="checkbox"
              id={`${fieldId(at(`choices[${i}]`))}-right`}
              checked={right.includes(i)}
              onChange={(e) => setRight(i, e.currentTarget.checked)}
              aria-label={`Choice ${i + 1} is right`}
            />
            <Field label={`Choice ${i + 1}`} path={at(`choices[${i}]`)} value={choice} errors={errors} onInput={(v) => set({ choices: card.choices.map((c, j) => (j === i ? v : c)) })} />
            <button type="button" class="button" onClick={() => removeChoice(i)} aria-label={`Remove choice ${i + 1}`} disabled={card.choices.length <= 2}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" class="button" onClick={() => set({ choices: [...card.choices, ''] })} disabled={card.choices.length >= 8}>
          Add choice
        </button>
        {(answerErrors.length > 0 || choicesErrors.length > 0) && (
          <p class="field-error" id={`${fieldId(at('choices'))}-error`}>
            {[...choicesErrors, ...answerErrors].join('; ')}
          </p>
        )}
      </fieldset>
    </>
  );
}
