/**
 * Sound and read-aloud preferences, kept on this device (localStorage) rather than in the synced
 * settings record: only format 2 decks use them, and the study path stays free of their code.
 */
const KEY = 'briefdeck:media-prefs:1';

export interface MediaPrefs {
  /** Play a card's sounds when its front is shown. */
  autoplayFront: boolean;
  /** Play the answer's sounds when it is revealed. */
  autoplayBack: boolean;
  /** Read each card aloud, front then back. */
  autoRead: boolean;
}

const DEFAULTS: MediaPrefs = { autoplayFront: false, autoplayBack: false, autoRead: false };

/** The saved preferences (defaults where none are saved or storage is unavailable). */
export function mediaPrefs(): MediaPrefs {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<MediaPrefs>;
    return {
      autoplayFront: saved.autoplayFront === true,
      autoplayBack: saved.autoplayBack === true,
      autoRead: saved.autoRead === true,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Saves a change to the preferences. */
export function setMediaPrefs(change: Partial<MediaPrefs>): MediaPrefs {
  const next = { ...mediaPrefs(), ...change };
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Private mode without storage: the choice holds for this page only.
  }
  return next;
}
