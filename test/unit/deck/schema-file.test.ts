/** The committed `decks/deck.schema.json` must be what the valibot schema generates today. */
import { describe, expect, it } from 'vitest';
import { deckJsonSchema } from '../../../scripts/deck-schema-json';
import { ARTICLE_DECKS, readJson, readText } from './helpers';

describe('decks/deck.schema.json', () => {
  it('is up to date with src/deck/schema.ts (run `npm run decks:check` to refresh it)', () => {
    expect(readText('decks/deck.schema.json')).toBe(deckJsonSchema());
  });

  it('describes every card type and the required deck fields', () => {
    const schema = readJson('decks/deck.schema.json');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'title', 'cards']));
    const text = JSON.stringify(schema.properties.cards);
    for (const type of ['basic', 'cloze', 'mcq', 'truefalse', 'typed']) expect(text).toContain(`"const":"${type}"`);
  });

  it.each(ARTICLE_DECKS)('%s points its editor at the schema', (file) => {
    expect(readJson(file).$schema).toBe('./deck.schema.json');
  });
});
