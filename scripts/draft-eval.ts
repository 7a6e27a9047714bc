/**
 * `npm run deck:draft:eval`: drafts every article of `scripts/draft-eval/articles/` and reports, per
 * article and overall, key-point recall and precision against the key points written by hand,
 * link accuracy, the share of true statements among true/false cards, a grammar check of every
 * generated statement and key point, how long key points are against their sentences, and the
 * time to draft a 2,000-word article. Exits 1 when a target is missed (recall ≥ 85%, links 100%,
 * true share 40–60%, no grammar failure, ≤ 1 s). The matching rule is documented in
 * `scripts/draft-eval/metrics.ts` and README.md there.
 */
import nlp from 'compromise';
import { draftFromText } from '../src/author/draft/draft';
import { grammarProblems } from '../src/author/draft/grammar';
import type { Nlp } from '../src/author/draft/terms';
import { generatedStatements, keyPointLengths, scoreDraft, type ArticleScore, type KeyPointLengths } from './draft-eval/metrics';
import { KEY_POINT_WORDS } from '../src/author/draft/shorten';
import { readEvalSet } from './draft-eval/set';
import { timeDraft } from './draft-eval/timing';

const NLP = nlp as unknown as Nlp;

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '–');

const articles = readEvalSet();
const total: ArticleScore = { keyPoints: 0, cards: 0, covered: 0, matched: 0, linkedRight: 0, linkedElsewhere: 0, trueCount: 0, trueFalse: 0 };
const failures: string[] = [];
const lengths: KeyPointLengths = { keyPoints: 0, sentenceWords: 0, keyPointWords: 0, shortened: 0, withinCap: 0 };
let statements = 0;
const rows: string[][] = [['article', 'key points', 'words', 'shortened', 'cards', 'recall', 'precision', 'links', 'true share', 'grammar']];
const avg = (words: number, n: number) => (n ? (words / n).toFixed(1) : '–');
for (const a of articles) {
  const draft = draftFromText(a.text, NLP);
  const s = scoreDraft(draft, a.keyPoints);
  for (const k of Object.keys(total) as (keyof ArticleScore)[]) total[k] += s[k];
  const l = keyPointLengths(draft);
  for (const k of Object.keys(lengths) as (keyof KeyPointLengths)[]) lengths[k] += l[k];
  const said = generatedStatements(draft);
  statements += said.length;
  let bad = 0;
  for (const st of said) {
    const problems = grammarProblems(NLP, st.text, { fragment: st.fragment });
    if (problems.length) {
      bad++;
      failures.push(`${a.name}: ${st.text}\n    ${problems.join('; ')}`);
    }
  }
  rows.push([a.name, `${draft.keyPoints.length} (${a.keyPoints.length} by hand)`, `${avg(l.sentenceWords, l.keyPoints)} → ${avg(l.keyPointWords, l.keyPoints)}`, `${l.shortened}/${l.keyPoints}`, String(s.cards), pct(s.covered, s.keyPoints), pct(s.matched, s.cards), pct(s.linkedRight, s.matched), `${s.trueCount}/${s.trueFalse}`, `${said.length - bad}/${said.length}`]);
}
const recall = total.covered / total.keyPoints;
const links = total.matched ? total.linkedRight / total.matched : 1;
const trueShare = total.trueFalse ? total.trueCount / total.trueFalse : 0;
rows.push(['overall', '', `${avg(lengths.sentenceWords, lengths.keyPoints)} → ${avg(lengths.keyPointWords, lengths.keyPoints)}`, `${lengths.shortened}/${lengths.keyPoints}`, String(total.cards), pct(total.covered, total.keyPoints), pct(total.matched, total.cards), pct(total.linkedRight, total.matched), pct(total.trueCount, total.trueFalse), `${statements - failures.length}/${statements}`]);

const timing = timeDraft(5);

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log(`\nkey points: ${avg(lengths.sentenceWords, lengths.keyPoints)} words on average in the article's sentences, ${avg(lengths.keyPointWords, lengths.keyPoints)} as drafted; ${pct(lengths.shortened, lengths.keyPoints)} rewritten shorter, ${pct(lengths.withinCap, lengths.keyPoints)} within ${KEY_POINT_WORDS} words`);
console.log(`linked to a key point drafted from another sentence: ${total.linkedElsewhere}`);
console.log(`drafting a ${timing.words}-word article: median ${timing.medianMs.toFixed(0)} ms of 5 runs, ${timing.cpuMs.toFixed(0)} ms of CPU (target ≤ 1000 ms)`);
if (failures.length) console.log(`\ngrammar check failures:\n  ${failures.join('\n  ')}`);

const missed = [
  recall < 0.85 && `recall ${pct(total.covered, total.keyPoints)} < 85%`,
  (links < 1 || total.linkedElsewhere > 0) && `link accuracy ${pct(total.linkedRight, total.matched)} < 100%`,
  (trueShare < 0.4 || trueShare > 0.6) && `true share ${pct(total.trueCount, total.trueFalse)} outside 40–60%`,
  failures.length > 0 && `${failures.length} statements fail the grammar check`,
  timing.medianMs > 1000 && `drafting took ${timing.medianMs.toFixed(0)} ms > 1000 ms`,
].filter(Boolean);
if (missed.length) {
  console.log(`\ntargets missed: ${missed.join('; ')}`);
  process.exit(1);
}
console.log('\nall targets met');
