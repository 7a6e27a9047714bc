/** Shared deck test data: a small valid deck with every card type, and the bundled article decks. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateDeck, type DeckError } from '../../../src/deck/validate';

/** The repository root; `import.meta.url` is not a file URL under the DOM test environment. */
export const ROOT = resolve(import.meta.dirname, '../../..');
export const fromRoot = (path: string) => resolve(ROOT, path);
export const readText = (path: string) => readFileSync(fromRoot(path), 'utf8');
export const readJson = (path: string): any => JSON.parse(readText(path));

/** A fresh, valid deck using all five card types; tests mutate their own copy. */
export function validDeck(): any {
  return {
    $schema: './deck.schema.json',
    format: 1,
    id: 'sample',
    version: 1,
    title: 'Sample deck',
    description: 'A small deck that passes every rule.',
    language: 'en',
    tags: ['sample'],
    source: { title: 'An article', author: 'A. Writer', publisher: 'A Publisher', date: '2024-05-01', url: 'https://example.org/a' },
    keyPoints: [
      { id: 'first', text: 'The first point.' },
      { id: 'second', text: 'The second point.' },
    ],
    cards: [
      { id: 'basic-1', type: 'basic', keyPoint: 'first', front: 'Front', back: 'Back', reverse: true, explanation: 'Why.' },
      { id: 'cloze-1', type: 'cloze', keyPoint: 'first', text: 'The {{c1::A100::a GPU}} and {{c2::Huawei}}.' },
      { id: 'mcq-1', type: 'mcq', keyPoint: 'second', question: 'Which?', choices: ['One', 'Two', 'Three'], answer: 1 },
      { id: 'tf-1', type: 'truefalse', keyPoint: 'second', statement: 'It is so.', answer: true },
      { id: 'typed-1', type: 'typed', keyPoint: 'second', question: 'Name it', answer: 'A100', accept: ['Nvidia A100'] },
    ],
  };
}

/** Index of each card type in `validDeck().cards`. */
export const AT = { basic: 0, cloze: 1, mcq: 2, truefalse: 3, typed: 4 } as const;

/** The errors `validateDeck` reports for a valid deck after `change`; fails the test if it passes. */
export function errorsAfter(change: (deck: any) => void): DeckError[] {
  const deck = validDeck();
  change(deck);
  const result = validateDeck(deck);
  if (result.ok) throw new Error('expected the deck to be rejected, but it passed');
  return result.errors;
}

export const ARTICLE_DECKS = ['decks/article-full.json', 'decks/article-brief.json'] as const;

/** A valid format 2 deck with one image and one sound, referred to from its first card. */
export function mediaDeck(): any {
  const deck = validDeck();
  deck.format = 2;
  deck.media = [
    { name: 'chart.png', type: 'image/png', width: 640, height: 480 },
    { name: 'say.mp3', type: 'audio/mpeg' },
  ];
  deck.cards[0].front = 'What does this show? ![A bar chart of chip sales by year](chart.png)';
  deck.cards[0].back = 'Sales [sound:say.mp3]';
  return deck;
}
