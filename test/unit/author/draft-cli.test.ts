import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDeckJson } from '../../../src/deck/validate';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('npm run deck:draft', () => {
  test('prints a deck that validates, with $schema and format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draft-cli-'));
    try {
      const file = join(dir, 'article.txt');
      writeFileSync(
        file,
        'Tides and the Moon\n\nThe Moon pulls on the oceans, so the water bulges toward it. A tide is the regular rise and fall of the sea. ' +
          'Most coasts see two high tides a day because the Earth turns under two bulges. In 1687, Isaac Newton explained tides with gravity. ' +
          'Spring tides happen when the Sun and the Moon line up, and neap tides happen when they pull at right angles.',
      );
      const out = execFileSync(TSX, ['scripts/draft.ts', file], { cwd: ROOT, encoding: 'utf8' });
      const result = parseDeckJson(out);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.deck).toMatchObject({ $schema: 'https://briefdeck.app/deck.schema.json', format: 1, title: 'Tides and the Moon' });
      expect(result.deck.cards.length).toBeGreaterThan(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('a missing file is an error naming it', () => {
    const run = spawnSync(TSX, ['scripts/draft.ts', '/no/such/article.txt'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('/no/such/article.txt: cannot be read');
    expect(run.stdout).toBe('');
  }, 60_000);
});
