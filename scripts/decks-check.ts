/**
 * `npm run decks:check [files…]`: validates decks (`.json` or `.briefdeck` bundles) (default: every file in decks/) and prints
 * each error with its file and JSON path. With no files it also refreshes `decks/deck.schema.json`
 * and reports the index the build will publish. Exits 1 on any error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DECKS_DIR, bundledDeckFiles, checkDeckFile } from './deck-files';
import { hashErrors } from '../src/deck/bundle';
import { formatError } from '../src/deck/validate';
import { deckJsonSchema } from './deck-schema-json';

const args = process.argv.slice(2);
const files = args.length ? args.map((f) => resolve(f)) : bundledDeckFiles();
const checked = files.map((f) => checkDeckFile(f, !args.length));
// A bundle's files must also be the ones its deck's hashes name.
for (const c of checked) {
  if (c.deck && c.files) for (const e of await hashErrors(c.deck, c.files)) c.errors.push(`${c.file}: ${formatError(e)}`);
}
const errors = checked.flatMap((c) => c.errors);

for (const c of checked) {
  if (c.deck && !c.errors.length) {
    const n = c.deck.media?.length ?? 0;
    const media = n ? `, ${n} media file${n === 1 ? '' : 's'}` : '';
    console.log(`ok  ${c.deck.id}: ${c.deck.cards.length} cards, ${c.deck.keyPoints?.length ?? 0} key points${media}`);
  }
}

if (!args.length && !errors.length) {
  const schemaFile = join(DECKS_DIR, 'deck.schema.json');
  const schema = deckJsonSchema();
  if (!existsSync(schemaFile) || readFileSync(schemaFile, 'utf8') !== schema) {
    writeFileSync(schemaFile, schema);
    console.log('wrote decks/deck.schema.json');
  }
  const count = checked.filter((c) => c.deck).length;
  console.log(`index: ${count} bundled deck${count === 1 ? '' : 's'} (published as decks/index.json by the build)`);
}

if (errors.length) {
  for (const line of errors) console.error(line);
  console.error(`\n${errors.length} error${errors.length === 1 ? '' : 's'} in ${checked.filter((c) => c.errors.length).length} file(s)`);
  process.exit(1);
}
