/**
 * Read aloud: speaks a card's front, then (once revealed) its answer, with the Web Speech API in
 * the deck's language. Where the browser cannot speak, or has no voice for that language, it says
 * so instead of staying silent. A lazy chunk, loaded by the first request to read.
 */
import { clozeNumber, answerText, mcqAnswers } from './card-face';
import { parseCloze } from '../deck/cloze';
import { occlusionFront } from '../deck/occlusion';
import type { Card } from '../deck/schema';

/** Deck text as it should sound: pictures by their alt text, no sounds, formulas, or Markdown marks. */
export function spoken(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, 'Picture: $1.')
    .replace(/\[sound:[^\]]*\]/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\$\$?([^$]+)\$\$?/g, '$1')
    .replace(/[*_`~#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the front asks, in words: a cloze's asked deletion is read as "blank" (or its hint). */
export function frontText(card: Card, sub: string): string {
  switch (card.type) {
    case 'basic':
      return sub === 'reverse' ? card.back : card.front;
    case 'cloze': {
      const asked = clozeNumber(sub);
      return parseCloze(card.text)
        .segments.map((s) => (s.kind === 'text' ? s.text : s.n === asked ? ` blank${s.hint ? ` (${s.hint})` : ''} ` : s.answer))
        .join('');
    }
    case 'mcq':
      return `${card.question} ${card.choices.map((c, i) => `${i + 1}: ${c}.`).join(' ')}`;
    case 'truefalse':
      return `True or false: ${card.statement}`;
    case 'typed':
      return card.question;
    case 'occlusion':
      return occlusionFront(card, sub);
  }
}

/** The answer in words (mcq: the right choices). */
function backText(card: Card, sub: string): string {
  if (card.type === 'mcq') return mcqAnswers(card).map((i) => card.choices[i]).join(', ');
  return answerText(card, sub);
}

/** The voices the browser has, waiting briefly for them to be listed (Chrome lists them late). */
function voices(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => resolve(synth.getVoices());
    synth.addEventListener('voiceschanged', done, { once: true });
    setTimeout(done, 1000);
  });
}

const LANGUAGE_NAMES = typeof Intl !== 'undefined' && 'DisplayNames' in Intl ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;

/**
 * Reads the card aloud: the front, then the answer if it is revealed. Resolves to null once it
 * has started speaking, or to what stops it (no speech in this browser, no voice for the language).
 */
export async function readCard(card: Card, sub: string, revealed: boolean, language = 'en'): Promise<string | null> {
  const synth = typeof speechSynthesis !== 'undefined' ? speechSynthesis : null;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return 'Read aloud is not available in this browser.';
  const primary = language.toLowerCase().split('-')[0]!;
  const all = await voices(synth);
  const voice = all.find((v) => v.lang.toLowerCase() === language.toLowerCase()) ?? all.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === primary);
  if (!voice) {
    const name = LANGUAGE_NAMES?.of(language) ?? language;
    return `Read aloud has no ${name} voice in this browser, so it cannot read this deck.`;
  }
  synth.cancel();
  const parts = [frontText(card, sub), ...(revealed ? [backText(card, sub)] : [])];
  for (const part of parts) {
    const utterance = new SpeechSynthesisUtterance(spoken(part));
    utterance.lang = voice.lang;
    utterance.voice = voice;
    synth.speak(utterance);
  }
  return null;
}

/** Stops reading (a new card, or leaving the screen). */
export function stopReading(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
