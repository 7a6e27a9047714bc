/**
 * How long drafting takes: a 2,000-word article made of the evaluation set's articles one after
 * another (headlines dropped), drafted once to warm up and then `runs` times. Used by
 * `npm run deck:draft:eval` and `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';
import { draftFromText } from '../../src/author/draft/draft';
import type { Nlp } from '../../src/author/draft/terms';
import { readEvalSet } from './set';

export interface DraftTiming {
  words: number;
  /** Median wall time, what a teacher waits. */
  medianMs: number;
  /** Median CPU time of the process: the drafter's own work when the machine is shared. */
  cpuMs: number;
}

/** The long article the timing drafts. */
export function longArticle(minWords = 2000): string {
  const bodies = readEvalSet().map((a) => a.text.split('\n').slice(1).join('\n').trim());
  let long = 'A Long Read\n';
  for (let i = 0; long.split(/\s+/).length < minWords; i++) long += `\n${bodies[i % bodies.length]}\n`;
  return long;
}

/** Times `runs` drafts of the long article after one warm-up draft. */
export function timeDraft(runs = 5): DraftTiming {
  const text = longArticle();
  const NLP = nlp as unknown as Nlp;
  draftFromText(text, NLP);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    draftFromText(text, NLP);
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { words: text.split(/\s+/).length, medianMs: median(wall), cpuMs: median(cpu) };
}
