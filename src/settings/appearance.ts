/**
 * Applies the appearance settings to the page: theme (a `data-theme` attribute on <html> that
 * overrides prefers-color-scheme; absent for "system"), text size and reduced motion. Main
 * bundle, tiny: it runs before the first screen so there is no flash of the wrong theme for long.
 */
import type { Settings } from '../srs/types';
import { getSettings, onStoreChange } from '../store';

export type Appearance = Pick<Settings, 'theme' | 'textScale' | 'reduceMotion'>;

export function applyAppearance(s: Appearance, root: HTMLElement = document.documentElement): void {
  if (s.theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', s.theme);
  // Percent of the browser's own size, so the learner's system text size still counts.
  root.style.fontSize = s.textScale === 1 ? '' : `${Math.round(s.textScale * 1000) / 10}%`;
  if (s.reduceMotion) root.setAttribute('data-reduce-motion', 'true');
  else root.removeAttribute('data-reduce-motion');
}

/** Applies the stored appearance now and after every settings change (also from other tabs). */
export function startAppearance(): () => void {
  const apply = () =>
    getSettings().then(
      (s) => applyAppearance(s),
      // Storage unavailable: the defaults (system theme) already apply.
      () => undefined,
    );
  void apply();
  return onStoreChange((change) => {
    if (!change.deckIds.length) void apply();
  });
}
