/**
 * Word-level helpers shared by the drafter's steps: tokens, a light stemmer, stop words.
 * Pure and dependency-free so the centrality score is cheap and the same in the CLI and the app.
 */

/** Function words: never a key term, never a cloze deletion on their own. */
export const STOP_WORDS = new Set(
  (
    'a an the and or but nor so yet for of in on at to from by with without about as into onto over under ' +
    'after before between through during than then that this these those there here it its it\'s they them their ' +
    'theirs we us our you your he him his she her i me my mine is are was were be been being am do does did ' +
    'done have has had having will would shall should can could may might must not no yes if while when where ' +
    'which who whom whose what why how all any both each few more most other some such only own same too very ' +
    'just also even still well much many again ever never often always already quite rather really simply ' +
    'one ones up down out off further once what\'s here\'s there\'s hi'
  ).split(' '),
);

/** Lowercase word tokens, apostrophes and inner hyphens kept ("self-sufficiency", "it's"). */
export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? [];
}

/** A deliberately small stemmer: plural and common verb endings, so "chips"/"chip" and "restrictions"/"restriction" meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  return word;
}

/** Stemmed content words of a text. */
export function contentStems(text: string): string[] {
  return tokens(text)
    .filter((w) => !STOP_WORDS.has(w) && !/^\d+$/.test(w))
    .map(stem);
}
