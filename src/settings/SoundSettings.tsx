/**
 * Settings for pictures-and-sound decks and reading aloud: autoplay of a card's sounds on the
 * front and on the answer, and reading every card aloud. Kept on this device (see
 * `ui/media-prefs.ts`).
 */
import { useState } from 'preact/hooks';
import { mediaPrefs, setMediaPrefs, type MediaPrefs } from '../ui/media-prefs';

const OPTIONS: { key: keyof MediaPrefs; label: string }[] = [
  { key: 'autoplayFront', label: 'Play a card’s sounds when it is shown' },
  { key: 'autoplayBack', label: 'Play the answer’s sounds when it is revealed' },
  { key: 'autoRead', label: 'Read every card aloud, then its answer' },
];

export function SoundSettings() {
  const [prefs, setPrefs] = useState(mediaPrefs);
  return (
    <fieldset>
      <legend>Sound and reading aloud</legend>
      {OPTIONS.map((o) => (
        <label key={o.key} class="choice-line">
          <input type="checkbox" checked={prefs[o.key]} onChange={(e) => setPrefs(setMediaPrefs({ [o.key]: e.currentTarget.checked }))} />
          {o.label}
        </label>
      ))}
      <p class="hint">
        Key <kbd>R</kbd> replays a card’s sound. Read aloud (in the card menu) uses your browser’s voices in the deck’s language.
      </p>
    </fieldset>
  );
}
