import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { KEY_POINT_WORDS, shortenKeyPoint, standsAlone } from '../../../src/author/draft/shorten';
import type { Nlp } from '../../../src/author/draft/terms';

const NLP = nlp as unknown as Nlp;
const short = (s: string) => shortenKeyPoint(NLP, s);
const wordCount = (s: string) => s.split(/\s+/).length;

describe('shortenKeyPoint', () => {
  it.each([
    ['In fact, the harbour froze twice that winter.', 'The harbour froze twice that winter.'],
    ['However, most of the grain rotted before it reached the coast.', 'Most of the grain rotted before it reached the coast.'],
    ["From the farmers' vantage point, the new dam was a gift.", 'The new dam was a gift.'],
    ['According to the town council, the bridge will reopen in May.', 'The bridge will reopen in May.'],
    ['In the eyes of many sailors, the lighthouse saved the port.', 'The lighthouse saved the port.'],
    ['The argument from within the guild is that apprentices learn faster on the job.', 'Apprentices learn faster on the job.'],
    ['Many in the valley would say that the orchards matter more than the mine.', 'The orchards matter more than the mine.'],
    ['It is often said that the railway emptied the villages.', 'The railway emptied the villages.'],
    ['While the company lost money in its first year, the ferry service grew every month after that.', 'The ferry service grew every month after that.'],
    ['Although the glaciers are retreating, the river still flooded the lower fields last spring.', 'The river still flooded the lower fields last spring.'],
    ['"Small schools keep teachers longer than large ones."', 'Small schools keep teachers longer than large ones.'],
    ['The clinic (opened by two nurses) treated four hundred patients in its first month.', 'The clinic treated four hundred patients in its first month.'],
  ])('rewrites %j', (sentence, expected) => {
    expect(short(sentence)).toBe(expected);
  });

  it('drops frames one after another', () => {
    expect(short('In fact, according to the port authority, the new cranes unload a ship in a single day.')).toBe('The new cranes unload a ship in a single day.');
  });

  it('drops trailing tails while the key point is longer than the cap', () => {
    const long = 'The council planted nine hundred oak trees along the ring road in the spring of that year, hoping to cut the noise from lorries.';
    const out = short(long);
    expect(out).toBe('The council planted nine hundred oak trees along the ring road in the spring of that year.');
    expect(wordCount(out)).toBeLessThanOrEqual(KEY_POINT_WORDS);
  });

  it('drops a trailing relative clause and an attribution tail only while over the cap', () => {
    expect(short('The museum moved its whole collection of maps and letters to a dry basement under the library, which the mayor had offered.')).toBe(
      'The museum moved its whole collection of maps and letters to a dry basement under the library.',
    );
    expect(short('The new tram line carries twice as many riders as the old bus route did in its busiest years, the operator said.')).toBe(
      'The new tram line carries twice as many riders as the old bus route did in its busiest years.',
    );
    // The claim's own negation stays when its tail goes.
    expect(short('The storm did not damage the old harbour wall, which the masons had rebuilt with granite blocks from the northern quarry.')).toBe(
      'The storm did not damage the old harbour wall.',
    );
    // Under the cap, a tail is left alone: it is part of a claim that is already short.
    expect(short('The bakery sells bread at dawn, which suits the fishermen.')).toBe('The bakery sells bread at dawn, which suits the fishermen.');
  });

  it.each([
    // A tail holding a negation or a contrast is part of the claim.
    'The mill kept grinding grain for the whole valley through the long dry summer, never stopping for repairs or holidays.',
    'The decline came not from the weather but from the new canal, which carried grain faster than any cart on the road.',
    // The frame "Many would say" leaves only a quotation without a verb: the sentence stays.
    'Many on the island would say, "Not this year."',
    // Dropping the concession would leave "they" naming nothing.
    'While the new rules allowed some imports, they pushed the mills to build their own looms.',
    // The frame holds a negation, so it is part of the claim.
    'Few would not say that the market square needs more shade.',
    // Short, plain claims need nothing.
    'Bees carry pollen between flowers of the same kind.',
    'Two years after the town added a deposit on bottles, the share of bottles returned rose from half to nine in ten.',
  ])('keeps %j as it is', (sentence) => {
    expect(short(sentence)).toBe(sentence);
  });

  it('never cuts the main clause away as if it were a tail', () => {
    const s = 'Five years after the school opened its garden for lessons in biology and cooking, the share of pupils eating vegetables at lunch doubled.';
    expect(short(s)).toBe(s);
  });

  it('never returns a fragment', () => {
    const sentences = [
      'From the start, the plan was simple.',
      'However, running.',
      'While the tide was low, walking across.',
      'The argument from within the club is that.',
      'According to the report, a number of boats.',
    ];
    for (const s of sentences) {
      const out = short(s);
      if (out !== s) expect(standsAlone(NLP, out), out).toBe(true);
    }
    expect(short('However, running.')).toBe('However, running.');
    expect(short('While the tide was low, walking across.')).toBe('While the tide was low, walking across.');
  });

  it('adds a full stop when the sentence had none', () => {
    expect(short('Meanwhile, the orchard doubled its harvest')).toBe('The orchard doubled its harvest.');
  });
});

describe('standsAlone', () => {
  it.each([
    ['The river floods each spring.', true],
    ['Relying on one supplier was always a risk.', true],
    ['They rebuilt the bridge in stone.', true],
    ['Two years after the town built the dam.', false],
    ['When the canal opened in the spring.', false],
    ['"Not this year."', false],
    ['A stopgap measure, not a permanent solution.', false],
    ['Runs.', false],
  ])('%j → %s', (text, expected) => {
    expect(standsAlone(NLP, text)).toBe(expected);
  });
});
