/**
 * The evaluation set: one `.txt` file per article in `articles/`, the article (headline first),
 * then a "## Key points" heading and one "- key point" per line, written by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ARTICLES_DIR = join(import.meta.dirname, 'articles');
const HEADING = /^## Key points\s*$/m;

export interface EvalArticle {
  name: string;
  /** The article as a teacher would paste it. */
  text: string;
  keyPoints: string[];
}

/** Parses one article file; `file` names it in errors. */
export function parseEvalArticle(file: string, raw: string): EvalArticle {
  const parts = raw.split(HEADING);
  if (parts.length !== 2) throw new Error(`${file}: needs exactly one "## Key points" heading after the article`);
  const keyPoints = parts[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      if (!l.startsWith('- ')) throw new Error(`${file}: key point line ${i + 1} must start with "- ", found "${l.slice(0, 40)}"`);
      return l.slice(2).trim();
    });
  if (!keyPoints.length) throw new Error(`${file}: lists no key points`);
  if (!parts[0]!.trim()) throw new Error(`${file}: has no article before "## Key points"`);
  return { name: file.replace(/\.txt$/, ''), text: parts[0]!.trim(), keyPoints };
}

/** Every article of the set, by file name. */
export function readEvalSet(dir = ARTICLES_DIR): EvalArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseEvalArticle(f, readFileSync(join(dir, f), 'utf8')));
}
