/**
 * False statements from key points: one fact changed into a plausible fact of the same kind, so
 * the statement stays grammatical and is wrong only in what a student should know. A number
 * becomes another of the same magnitude and unit, a person another person of the article, an
 * organisation another organisation, a word its antonym, the two sides of a contrast each
 * other ("a sprint, not a marathon"). Places are never swapped: a capital
 * often stands for its country, so the "false" statement could still be true. Pure.
 */
import { antonymSwaps, applyReplacement, contrastSwap, numberVariants } from './facts';
import type { Span } from './terms';

/** The article's people and organisations, by kind, for like-for-like swaps. */
export type NamePool = Map<'person' | 'organization', string[]>;

export interface FalseStatement {
  statement: string;
  /** What was changed, for the explanation. */
  from: string;
  to: string;
}

/** Other names of the same kind and length (in words) as `span`, absent from `text`. */
export function sameKindNames(span: Span, text: string, pool: NamePool): string[] {
  if (span.kind !== 'name' || (span.sub !== 'person' && span.sub !== 'organization')) return [];
  const size = span.text.split(/\s+/).length;
  return (pool.get(span.sub) ?? []).filter(
    (o) => o !== span.text && !text.includes(o) && !o.includes(span.text) && !span.text.includes(o) && o.split(/\s+/).length === size,
  );
}

/**
 * A false version of `text`, trying numbers, names and antonyms in an order that rotates with
 * `turn` (so a deck does not make every false statement the same way); `accept` vets each
 * candidate (the grammar check). Null when no change passes.
 */
export function falsify(text: string, found: Span[], pool: NamePool, turn: number, accept: (s: string) => boolean): FalseStatement | null {
  const numbers = (): FalseStatement[] =>
    found
      .filter((sp) => sp.kind === 'number' && !/[A-Z][\w-]*\s$/.test(text.slice(0, sp.start)))
      .flatMap((sp) => numberVariants(sp.text, 2).map((to) => ({ statement: applyReplacement(text, { ...sp, to }), from: sp.text, to })));
  const names = (): FalseStatement[] =>
    found.flatMap((sp) => {
      // Rotated by turn, so two false statements do not bring in the same name.
      const names = sameKindNames(sp, text, pool);
      const k = names.length ? turn % names.length : 0;
      return [...names.slice(k), ...names.slice(0, k)].map((to) => ({ statement: applyReplacement(text, { ...sp, to }), from: sp.text, to }));
    });
  // In a contrast ("a stopgap, not a solution") the sides swap; an adverb flipped inside one
  // ("never considered a stopgap, not a solution") would not read as a claim at all.
  const contrast = contrastSwap(text);
  const antonyms = (): FalseStatement[] =>
    contrast
      ? [{ statement: applyReplacement(text, contrast), from: contrast.from, to: contrast.to }]
      : antonymSwaps(text).map((r) => ({ statement: applyReplacement(text, r), from: r.from, to: r.to }));
  const makers = [numbers, names, antonyms];
  for (let i = 0; i < makers.length; i++) {
    for (const candidate of makers[(turn + i) % makers.length]!()) {
      if (candidate.statement !== text && accept(candidate.statement)) return candidate;
    }
  }
  return null;
}
