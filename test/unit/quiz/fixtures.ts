/** Small decks for quiz tests, validated so they are real deck-format v1 decks. */
import { validateDeck } from '../../../src/deck/validate';
import type { Deck } from '../../../src/deck/schema';

export function deck(raw: unknown): Deck {
  const r = validateDeck(raw);
  if (!r.ok) throw new Error(`bad fixture: ${JSON.stringify(r.errors)}`);
  return r.deck;
}

/** A mixed deck: every card type, two key points, numbers, names and sentences among the answers. */
export const mixed = deck({
  id: 'chips',
  version: 1,
  title: 'Chips',
  keyPoints: [
    { id: 'access', text: 'China could buy some US chips for a while.' },
    { id: 'self-reliance', text: 'China aimed at self-reliance all along.' },
  ],
  cards: [
    { id: 'b-year', type: 'basic', keyPoint: 'access', front: 'Year the plan was launched?', back: '2015' },
    { id: 'b-year2', type: 'basic', keyPoint: 'access', front: 'Year of the first controls?', back: '2022' },
    { id: 'b-year3', type: 'basic', keyPoint: 'access', front: 'Target year of the plan?', back: '2025' },
    { id: 'b-pct', type: 'basic', keyPoint: 'access', front: 'Share of imports?', back: '40%' },
    { id: 'b-name', type: 'basic', keyPoint: 'self-reliance', front: 'Who makes the A100?', back: 'Nvidia', explanation: 'A US firm.' },
    { id: 'b-name2', type: 'basic', keyPoint: 'self-reliance', front: 'Who makes Ascend chips?', back: 'Huawei' },
    { id: 'b-name3', type: 'basic', keyPoint: 'self-reliance', front: 'Who else designs accelerators?', back: 'Baidu' },
    { id: 'b-name4', type: 'basic', keyPoint: 'self-reliance', front: 'Which firm had to make weaker chips too?', back: 'Intel' },
    {
      id: 'b-sent',
      type: 'basic',
      keyPoint: 'self-reliance',
      front: 'Why were imports a stopgap?',
      back: 'Because depending on foreign technology for something as strategic as AI could never last long.',
    },
    { id: 'mcq-one', type: 'mcq', keyPoint: 'access', question: 'Which chip?', choices: ['A100', 'Z80', '6502', 'M1'], answer: 0 },
    {
      id: 'mcq-multi',
      type: 'mcq',
      keyPoint: 'self-reliance',
      question: 'Which firms? (Pick all.)',
      choices: ['Huawei', 'Xiaomi', 'SenseTime', 'Lenovo', 'Baidu'],
      answer: [0, 2, 4],
    },
    { id: 'tf', type: 'truefalse', keyPoint: 'access', statement: 'Chips settled everything.', answer: false },
    {
      id: 'typed',
      type: 'typed',
      question: "What was China's goal?",
      answer: 'self-sufficiency',
      accept: ['self-reliance', 'technological independence'],
    },
    { id: 'cz', type: 'cloze', keyPoint: 'access', text: 'Firms such as {{c1::SenseTime}} and {{c2::Lenovo::a PC maker}} grew.' },
  ],
});
