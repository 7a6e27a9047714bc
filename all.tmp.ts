import nlp from 'compromise';
import { readdirSync, readFileSync } from 'node:fs';
import { draftFromText } from './src/author/draft/draft';
const files = (process.argv[2] ? [process.argv[2]] : readdirSync('scripts/draft-eval/articles').map((f) => 'scripts/draft-eval/articles/' + f));
for (const f of files) {
  const d = draftFromText(readFileSync(f, 'utf8').split(/^## Key points$/m)[0]!, nlp as any);
  console.log('==', f.split('/').pop());
  const ix = Object.fromEntries(d.keyPoints.map((k, i) => [k.id, i + 1]));
  d.keyPoints.forEach((k, i) => console.log(`KP${i + 1} | ${k.text}`));
  for (const { card: c } of d.cards) console.log(`  ${c.type.padEnd(9)} KP${ix[c.keyPoint!]} | ` + (c.type === 'cloze' ? c.text : c.type === 'truefalse' ? `${c.statement} [${c.answer}]` : c.type === 'mcq' ? `${c.question} [${c.choices.map((x, i) => (i === c.answer ? '*' : '') + x).join(' / ')}]` : c.type === 'basic' ? `${c.front} => ${c.back}` : ''));
}
