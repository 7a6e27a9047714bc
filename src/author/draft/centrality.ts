/**
 * How central each sentence is to the article, by LexRank (Erkan & Radev, 2004), small enough
 * to read: each sentence is a TF-IDF vector of its content words; two sentences are similar by
 * the cosine of their vectors; a sentence is central when it is similar to many sentences that
 * are themselves central (a PageRank walk over the similarity graph). Words that appear in
 * every sentence weigh little (IDF), so a sentence scores by sharing the article's *distinctive*
 * vocabulary with the rest of it. Pure.
 */
import { contentStems } from './words';

export interface Centrality {
  /** One score per sentence; they sum to 1. */
  scores: number[];
  /** Cosine similarity of two sentences' TF-IDF vectors (0…1). */
  similarity(a: number, b: number): number;
  /** Inverse document frequency of a stem across sentences (0 for unknown stems). */
  idf(stem: string): number;
  /** Per-stem weight across the article: term frequency × IDF. */
  weight(stem: string): number;
}

/** Scores sentences; `damping` is PageRank's usual 0.85. */
export function centrality(sentences: string[], damping = 0.85, iterations = 50): Centrality {
  const n = sentences.length;
  const bags = sentences.map((s) => contentStems(s));
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  for (const bag of bags) {
    for (const w of bag) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const w of new Set(bag)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const idf = (w: string) => (df.has(w) ? Math.log((n + 1) / df.get(w)!) : 0);
  const vectors = bags.map((bag) => {
    const v = new Map<string, number>();
    for (const w of bag) v.set(w, (v.get(w) ?? 0) + 1);
    for (const [w, c] of v) v.set(w, c * idf(w));
    return v;
  });
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)));
  const sim: number[][] = vectors.map((a, i) =>
    vectors.map((b, j) => {
      if (i === j || !norms[i] || !norms[j]) return 0;
      let dot = 0;
      for (const [w, x] of a) dot += x * (b.get(w) ?? 0);
      return dot / (norms[i]! * norms[j]!);
    }),
  );
  // Row-normalised similarities are the walk's transition probabilities.
  const rowSums = sim.map((row) => row.reduce((s, x) => s + x, 0));
  let scores: number[] = new Array(n).fill(n ? 1 / n : 0);
  for (let it = 0; it < iterations; it++) {
    const next: number[] = new Array(n).fill((1 - damping) / n);
    for (let i = 0; i < n; i++) {
      const row = sim[i]!;
      const sum = rowSums[i]!;
      // A sentence similar to nothing spreads its score evenly (the usual dangling-node rule).
      if (!sum) for (let j = 0; j < n; j++) next[j]! += (damping * scores[i]!) / n;
      else for (let j = 0; j < n; j++) next[j]! += (damping * scores[i]! * row[j]!) / sum;
    }
    scores = next;
  }
  return {
    scores,
    similarity: (a, b) => sim[a]?.[b] ?? 0,
    idf,
    weight: (w) => (tf.get(w) ?? 0) * idf(w),
  };
}
