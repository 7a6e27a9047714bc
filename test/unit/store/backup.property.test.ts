/**
 * Backup import never throws and never half-applies: for arbitrary text, arbitrary JSON and random
 * edits of a real backup, importBackup either refuses with a reason (and the learner's data is
 * exactly as before) or accepts a file whose every record is well formed.
 */
import fc from 'fast-check';
import { closeStore, recordReview, saveDeck, syncDeckItems } from '../../../src/store';
import { exportBackup, importBackup } from '../../../src/store/replace';
import { deckOf, MIN, T0 } from './fixtures';
import { backupText, v1Of } from './backup-files';

let valid: Record<string, unknown>;

beforeAll(async () => {
  await closeStore();
  const deck = deckOf('prop', 3);
  await saveDeck(deck, 'authored', T0);
  await syncDeckItems(deck, T0);
  await recordReview({ itemId: 'prop/card-1', grade: 3, mode: 'study', at: T0, durationMs: 3000 });
  await recordReview({ itemId: 'prop/card-2', grade: 1, mode: 'study', at: T0 + MIN, durationMs: 2000 });
  valid = await v1Of(await exportBackup(T0 + 2 * MIN), T0 + 2 * MIN);
});

beforeEach(async () => {
  await closeStore();
});

/** Sets `path` in a deep copy of `value` to `replacement` (or deletes it when replacement is undefined). */
function edit(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return copy;
    node = next as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

/** Every path to a value inside a JSON value, up to a depth. */
function paths(value: unknown, depth = 4, prefix: (string | number)[] = []): (string | number)[][] {
  if (depth === 0 || typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], depth - 1, [...prefix, k]))];
}

const options = { numRuns: 60, interruptAfterTimeLimit: 20_000 };

test('arbitrary text and JSON are refused with a reason, never thrown', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), async (text) => {
      const result = await importBackup(text, T0);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/\S/);
    }),
    options,
  );
}, 60_000);

test('a refused edit of a real backup changes nothing; an accepted one exports as well-formed data', async () => {
  const allPaths = paths(valid).filter((p) => p.length > 0);
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...allPaths),
      fc.oneof(fc.constant(undefined), fc.jsonValue()),
      async (path, replacement) => {
        const baseline = await backupText(await exportBackup(T0));
        const result = await importBackup(JSON.stringify(edit(valid, path, replacement)), T0);
        if (!result.ok) {
          expect(result.error).toMatch(/nothing was changed/i);
          expect(await backupText(await exportBackup(T0))).toBe(baseline);
        } else {
          const reimport = await importBackup(await exportBackup(T0), T0);
          expect(reimport.ok).toBe(true);
        }
      },
    ),
    options,
  );
}, 90_000);
