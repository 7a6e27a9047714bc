/**
 * Where an occlusion card's picture goes: loads the occlusion chunk on first use, so decks
 * without such cards never load it. Until then the picture's alt text holds its place.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { OcclusionView, OcclusionViewProps } from './occlusion';

let view: OcclusionView | null = null;

/** The occlusion view, once its chunk is here. */
export function LazyOcclusion(props: OcclusionViewProps): JSX.Element {
  const [View, setView] = useState(() => view);
  useEffect(() => {
    if (!View) void import('./occlusion').then((m) => setView(() => (view = m.OcclusionView)), () => undefined);
  }, []);
  return View ? <View {...props} /> : <p class="occlusion-loading">{props.card.alt}</p>;
}
