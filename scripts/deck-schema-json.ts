/** Builds `decks/deck.schema.json` from the valibot schema, so the two can never disagree. */
import { toJsonSchema } from '@valibot/to-json-schema';
import { DeckSchema } from '../src/deck/schema.ts';

export function deckJsonSchema(): string {
  const schema = toJsonSchema(DeckSchema, { errorMode: 'throw' }) as Record<string, unknown>;
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...schema, $id: 'https://briefdeck.app/deck.schema.json', title: 'Briefdeck deck (formats 1 and 2)' }, null, 2)}\n`;
}
