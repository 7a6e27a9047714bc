/**
 * An image occlusion card's picture with its masks (a lazy chunk, loaded only for occlusion
 * cards): the asked mask highlighted, the others covering or lifted as the card's mode says, and
 * the asked one uncovered on the reveal. The picture keeps its stored shape while it loads, and
 * every mask says in words where it is and, once it shows it, its label, for screen readers.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { maskDescription, maskStates } from '../deck/occlusion';
import type { MediaFile, OcclusionCard } from '../deck/schema';
import { mediaUrl } from './rich-media';
import './occlusion.css';

export interface OcclusionViewProps {
  card: OcclusionCard;
  /** The review item's sub key: the asked mask's id ('' in the editor's preview: none asked). */
  sub: string;
  revealed: boolean;
  /** Show the card's question above the picture (the quiz shows it as its prompt instead). */
  prompt?: boolean;
  /** The deck's media, where the card's picture is listed (else the shown deck's, from `RichDeckContext`). */
  media?: readonly MediaFile[] | undefined;
}

/** What the view itself is given (by LazyOcclusion): the media list found and the question already rendered. */
export interface OcclusionFaceProps {
  card: OcclusionCard;
  sub: string;
  revealed: boolean;
  media: readonly MediaFile[] | undefined;
  /** The question above the picture, or nothing. */
  question: ComponentChildren;
}

const pct = (share: number) => `${(share * 100).toFixed(3)}%`;

/** The card's question and its picture with the masks, as the item and the reveal call for. */
export function OcclusionView({ card, sub, revealed, media, question }: OcclusionFaceProps): JSX.Element {
  const entry = media?.find((m) => m.name === card.image);
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    if (entry) void mediaUrl(entry).then((u) => live && setUrl(u));
    else setUrl(null);
    return () => {
      live = false;
    };
  }, [entry?.sha256]);
  const { width = 4, height = 3 } = entry ?? {};
  return (
    <div class="occlusion" data-mode={card.mode}>
      {question}
      <div class="occlusion-stage" style={{ aspectRatio: `${width} / ${height}`, width: `min(100%, ${width}px)` }}>
        {url ? (
          <img src={url} alt={card.alt} width={width} height={height} decoding="async" draggable={false} />
        ) : (
          <span class="occlusion-missing" role="img" aria-label={card.alt} data-media={url === null ? 'missing' : 'loading'}>
            {url === null ? 'This picture is not on this device.' : ''}
          </span>
        )}
        <ul class="occlusion-masks" aria-label="Boxes on the picture">
          {maskStates(card, sub, revealed).map(({ mask, state }) => (
            <li
              key={mask.id}
              class={`occlusion-mask mask-${state}`}
              data-mask={mask.id}
              aria-current={state === 'asked' || state === 'answer' ? 'true' : undefined}
              style={{ left: pct(mask.x), top: pct(mask.y), width: pct(mask.width), height: pct(mask.height) }}
            >
              <span class="visually-hidden">{maskDescription(mask, state)}</span>
              {state === 'asked' && <span aria-hidden="true">?</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export type OcclusionView = typeof OcclusionView;
