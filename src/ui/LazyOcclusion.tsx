/**
 * Where an occlusion card's question and picture go: loads the occlusion chunk on first use, so
 * decks without such cards never load it. It is reached through the Markdown renderer's chunk,
 * which the app shell already knows, so the study path gains no entry for it (the budget).
 * Until it is here the picture's alt text holds its place.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { OcclusionView, OcclusionViewProps } from './occlusion';
import { preloadMarkdown } from './RichText';

/** The occlusion view, once its chunk is here. */
export function LazyOcclusion(props: OcclusionViewProps): JSX.Element {
  const [View, setView] = useState<OcclusionView | null>(null);
  useEffect(() => {
    void preloadMarkdown()
      .then((m) => m.occlusionView())
      .then((v) => setView(() => v), () => undefined);
  }, []);
  return View ? <View {...props} /> : <p class="occlusion-loading">{props.card.alt}</p>;
}
