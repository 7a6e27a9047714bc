/** Test decks covering every card type, and a fetch stub that publishes them like the build does. */
import { vi } from 'vitest';
import type { Deck } from '../../../src/deck/schema';
import type { DeckIndex } from '../../../src/deck/catalog-types';
import { summarise } from '../../../src/deck/summary';
import { forgetBundledIndex } from '../../../src/library/library';
import { forgetBundledDecks } from '../../../src/deck/catalog';

export const mixedDeck: Deck = {
  id: 'chips',
  version: 1,
  title: 'Chip access',
  description: 'How access to AI chips was seen.',
  source: { title: 'An article on chips', author: 'A. Writer', publisher: 'Example Press', date: '2025-01', url: 'https://example.com/a' },
  keyPoints: [
    { id: 'leverage', text: 'Chip access is **leverage**.' },
    { id: 'substitutes', text: 'Domestic substitutes lag behind.' },
  ],
  cards: [
    { id: 'basic-one', type: 'basic', keyPoint: 'leverage', front: 'What is chip access?', back: 'Leverage', reverse: true, explanation: 'Both sides use it.' },
    { id: 'cloze-one', type: 'cloze', keyPoint: 'substitutes', text: '{{c1::Huawei::a company}} makes the {{c2::Ascend}} chip.' },
    { id: 'mcq-one', type: 'mcq', keyPoint: 'leverage', question: 'Which firm designs the H20?', choices: ['Nvidia', 'AMD', 'Intel'], answer: 0 },
    { id: 'tf-one', type: 'truefalse', keyPoint: 'substitutes', statement: 'Substitutes are on par.', answer: false },
    { id: 'typed-one', type: 'typed', keyPoint: 'substitutes', question: 'Name the export rule year.', answer: 'October 2022', accept: ['Oct 2022'] },
  ],
};

export const smallDeck: Deck = {
  id: 'small',
  version: 1,
  title: 'Small deck',
  cards: [
    { id: 'a', type: 'basic', front: 'Front A', back: 'Back A' },
    { id: 'b', type: 'basic', front: 'Front B', back: 'Back B' },
  ],
};

/** Serves `/decks/index.json` and `/decks/<id>.json` for the given decks; returns the mock. */
export function publishDecks(decks: Deck[]) {
  forgetBundledIndex();
  forgetBundledDecks();
  const index: DeckIndex = { format: 1, decks: decks.map((d) => summarise(d, `decks/${d.id}.json`)) };
  const files = new Map<string, unknown>([['/decks/index.json', index], ...decks.map((d) => [`/decks/${d.id}.json`, d] as [string, unknown])]);
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname : new URL(input.url).pathname;
    const body = files.get(url.replace(/^https?:\/\/[^/]+/, ''));
    return body === undefined
      ? new Response('not found', { status: 404 })
      : new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
