/** Read aloud: front then answer in the deck's language, and a clear word when there is no voice. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { frontText, readCard, spoken } from '../../../src/study/read-aloud';
import { SoundSettings } from '../../../src/settings/SoundSettings';
import { mediaPrefs } from '../../../src/ui/media-prefs';
import type { Card } from '../../../src/deck/schema';

class Utterance {
  lang = '';
  voice: unknown = null;
  constructor(readonly text: string) {}
}

function stubSpeech(langs: string[]) {
  const spokenList: Utterance[] = [];
  const synth = {
    getVoices: () => langs.map((lang) => ({ lang, name: lang })),
    speak: (u: Utterance) => spokenList.push(u),
    cancel: vi.fn(),
    addEventListener: vi.fn(),
  };
  vi.stubGlobal('speechSynthesis', synth);
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
  return { spokenList, synth };
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

const basic: Card = { id: 'b', type: 'basic', front: 'What does **this** show? ![A bar chart](chart.png) [sound:s.mp3]', back: 'Growth $x^2$' };

describe('read aloud', () => {
  test('speaks the front, then the answer once revealed, with a voice of the deck’s language', async () => {
    const { spokenList, synth } = stubSpeech(['en-US', 'fr-FR']);
    expect(await readCard(basic, '', true, 'fr')).toBeNull();
    expect(synth.cancel).toHaveBeenCalled();
    expect(spokenList.map((u) => [u.text, u.lang])).toEqual([
      ['What does this show? Picture: A bar chart.', 'fr-FR'],
      ['Growth x^2', 'fr-FR'],
    ]);
  });

  test('speaks only the front before the reveal; a cloze’s asked deletion is a blank', async () => {
    const { spokenList } = stubSpeech(['en-GB']);
    const cloze: Card = { id: 'c', type: 'cloze', text: '{{c1::Huawei}} and {{c2::Baidu::a search firm}} made chips.' };
    await readCard(cloze, 'c2', false, 'en');
    expect(spokenList.map((u) => u.text)).toEqual(['Huawei and blank (a search firm) made chips.']);
    expect(frontText(cloze, 'c1')).toContain(' blank ');
  });

  test('says so when the browser has no voice for the deck’s language', async () => {
    const { spokenList } = stubSpeech(['en-US']);
    expect(await readCard(basic, '', false, 'pt-BR')).toMatch(/no .*Portuguese.* voice in this browser/);
    expect(spokenList).toEqual([]);
  });

  test('says so when the browser cannot speak at all', async () => {
    vi.stubGlobal('speechSynthesis', undefined);
    expect(await readCard(basic, '', false, 'en')).toMatch(/not available in this browser/);
  });

  test('spoken text drops sounds, link targets and Markdown marks', () => {
    expect(spoken('See [the *article*](https://x.org) [sound:a.mp3] `code`')).toBe('See the article code');
  });
});

describe('sound settings', () => {
  test('each switch is kept on this device', () => {
    render(<SoundSettings />);
    fireEvent.click(screen.getByRole('checkbox', { name: /sounds when it is shown/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Read every card aloud/ }));
    expect(mediaPrefs()).toEqual({ autoplayFront: true, autoplayBack: false, autoRead: true });
    expect((screen.getByRole('checkbox', { name: /answer’s sounds/ }) as HTMLInputElement).checked).toBe(false);
  });
});
