/**
 * `npm run deck:draft -- article.txt > draft.json`: drafts a deck from an article with the same
 * modules the app's drafter uses, every proposal accepted, and prints it as deck JSON that passes
 * `npm run decks:check`. A summary of key points and cards goes to stderr, so stdout stays a file.
 */
import { fstatSync, ftruncateSync, readFileSync, writeSync } from 'node:fs';
import nlp from 'compromise';
import { acceptAll, draftFromText } from '../src/author/draft/draft';
import { deckToJson } from '../src/author/export';
import { formatError } from '../src/deck/validate';
import type { Nlp } from '../src/author/draft/terms';

/**
 * `npm run` prints its "> briefdeck@… deck:draft" banner on stdout, so with `> draft.json` the file
 * would not be JSON. When stdout is a regular file holding exactly that banner and nothing else,
 * the deck is written from the start of the file instead; any other stdout is written as usual.
 */
function writeDeck(json: string): void {
  const env = process.env;
  try {
    const stat = fstatSync(1);
    if (stat.isFile() && env.npm_lifecycle_event === 'deck:draft' && env.npm_lifecycle_script) {
      const args = process.argv.slice(2);
      const banner = `\n> ${env.npm_package_name}@${env.npm_package_version} deck:draft\n> ${env.npm_lifecycle_script}${args.length ? ` ${args.join(' ')}` : ''}\n`;
      // npm ends the banner with one more line break when it prints it.
      if (stat.size === Buffer.byteLength(banner) || stat.size === Buffer.byteLength(banner) + 1) {
        ftruncateSync(1, 0);
        writeSync(1, json, 0);
        return;
      }
    }
  } catch {
    // Not a file, or not ours to rewrite: plain output below.
  }
  process.stdout.write(json);
}

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0) {
  console.error('usage: npm run deck:draft -- article.txt > draft.json');
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (err) {
  console.error(`${file}: cannot be read (${(err as Error).message})`);
  process.exit(1);
}
if (!/\S/.test(text)) {
  console.error(`${file}: is empty; an article is needed to draft a deck`);
  process.exit(1);
}
const draft = draftFromText(text, nlp as unknown as Nlp);
const result = acceptAll(draft);
if (!result.ok) {
  for (const e of result.errors) console.error(`${file}: ${formatError(e)}`);
  process.exit(1);
}
writeDeck(deckToJson(result.deck));
const counts = draft.cards.reduce<Record<string, number>>((m, p) => ((m[p.kind] = (m[p.kind] ?? 0) + 1), m), {});
console.error(`drafted ${result.deck.id}: ${draft.keyPoints.length} key points, ${draft.cards.length} cards (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')})`);
