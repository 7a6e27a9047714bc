/**
 * Where an occlusion card's question and picture go: loads the occlusion chunk on first use, so
 * decks without such cards never load it. It is reached through the Markdown renderer's chunk,
 * which the app shell already knows, so the study path gains no entry for it (the budget).
 * Until it is here the picture's alt text holds its place.
 */
import type { JSX } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { OCCLUSION_QUESTION } from '../deck/occlusion';
import type { OcclusionView, OcclusionViewProps } from './occlusion';
import { preloadMarkdown, RichDeckContext, RichText } from './RichText';

/** The occlusion view, once its chunk is here. */
export function LazyOcclusion({ card, sub, revealed, media, prompt = true }: OcclusionViewProps): JSX.Element {
  const [View, setView] = useState<OcclusionView | null>(null);
  const shown = useContext(RichDeckContext);
  useEffect(() => {
    void preloadMarkdown()
      .then((m) => m.occlusionView())
      .then((v) => setView(() => v), () => undefined);
  }, []);
  // The question is rendered here, where RichText lives, so the view's chunk does not import it back.
  const question = prompt ? <RichText text={card.question ?? OCCLUSION_QUESTION} class="prompt" /> : null;
  return View ? <View card={card} sub={sub} revealed={revealed} media={media ?? shown?.media} question={question} /> : <p class="occlusion-loading">{card.alt}</p>;
}
