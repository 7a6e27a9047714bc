// @vitest-environment node
/** `decks:check` as a teacher runs it: a real process, its exit code and what it prints. */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

function check(...files: string[]) {
  const run = spawnSync('npx', ['tsx', 'scripts/decks-check.ts', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const FIVE = 'test/fixtures/decks/five-mistakes.json';
const SYNTAX = 'test/fixtures/decks/missing-comma.json';

describe('npx tsx scripts/decks-check.ts', () => {
  // One process for both broken fixtures: starting tsx is the slow part.
  let broken: ReturnType<typeof check>;
  beforeAll(() => {
    broken = check(FIVE, SYNTAX);
  }, 60_000);

  it('exits 1 when a deck has mistakes', () => {
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
  });

  it('prints one "file: path: message" line per mistake', () => {
    const lines = broken.stderr.split('\n').filter((l) => l.startsWith(`${FIVE}: `));
    expect(lines).toHaveLength(5);
    const paths = lines.map((l) => l.slice(FIVE.length + 2).split(': ')[0]);
    expect(paths.sort()).toEqual(['cards[0].reverse', 'cards[1].choices', 'cards[2].text', 'cards[3].keyPoint', 'language']);
    expect(lines).toContain(`${FIVE}: cards[1].choices: needs at least 2 choices`);
    expect(lines).toContain(`${FIVE}: cards[3].keyPoint: refers to key point "supply-chain", which is not in keyPoints`);
  });

  it('names the line and column of a JSON syntax error', () => {
    expect(broken.stderr).toContain(`${SYNTAX}: deck: is not valid JSON (line 5, column 3)`);
    expect(broken.stderr).toMatch(/^6 errors in 2 file\(s\)$/m);
  });

  it('passes the bundled article decks and exits 0', () => {
    const { status, stdout, stderr } = check('decks/article-full.json', 'decks/article-brief.json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ok {2}article-full: \d+ cards, 14 key points, 1 media file$/m);
    expect(stdout).toMatch(/^ok {2}article-brief: \d+ cards, 7 key points$/m);
  }, 60_000);
});
