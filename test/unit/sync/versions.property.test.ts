// @vitest-environment node
/**
 * Choosing between two devices' edits, on a real (in-memory) PouchDB: whatever order the
 * revisions arrive in, every device shows the same one, the latest edit by time; settling on any
 * of them leaves one live branch holding its content; every revision not chosen is retrievable.
 */
import './pouch-self';
import fc from 'fast-check';
import PouchDB, { type Database, type Doc } from 'pouchdb-browser';
import memoryAdapter from 'pouchdb-adapter-memory';
import { describe, expect, it } from 'vitest';
import { liveRevisions } from '../../../src/sync/edited';
import { contentOf, type DeckDoc } from '../../../src/sync/edited-docs';
import { chooseVersion, editConflicts, keptVersions } from '../../../src/sync/versions';

(PouchDB as unknown as { plugin(p: unknown): void }).plugin(memoryAdapter);

const T = 1_800_000_000_000;
let dbs = 0;
const quiet = () => undefined;

/** One device's edit, as a branch off the first revision. */
const edit = fc.record({
  hash: fc.stringMatching(/^[0-9a-f]{12}$/),
  editedAt: fc.integer({ min: T, max: T + 20 }),
  device: fc.constantFrom('phone001', 'laptop01', 'tablet01'),
  title: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,11}$/),
});
const edits = fc.uniqueArray(edit, { selector: (e) => e.hash, minLength: 2, maxLength: 4 });

function branch(e: { hash: string; editedAt: number; device: string; title: string }): Doc {
  const doc: DeckDoc & { _revisions: unknown } = {
    _id: 'deck:cells',
    _rev: `2-${e.hash}`,
    _revisions: { start: 2, ids: [e.hash, 'base'] },
    type: 'deck',
    origin: 'authored',
    editedAt: e.editedAt,
    device: e.device,
    deck: { id: 'cells', version: 1, title: e.title, cards: [{ id: 'c1', type: 'basic', front: 'Q', back: 'A' }] },
  };
  return doc as unknown as Doc;
}

/** A device that received the branches in this order, each in its own replication. */
async function deviceWith(docs: Doc[]): Promise<Database> {
  const db = new PouchDB(`versions-${++dbs}`, { adapter: 'memory' });
  const bulk = db.bulkDocs as unknown as (docs: Doc[], options: { new_edits: false }) => Promise<unknown>;
  for (const doc of docs) await bulk.call(db, [doc], { new_edits: false });
  return db;
}

describe('choosing between edits on two devices', () => {
  it('shows the same latest edit whatever the order; settling leaves one branch; the others stay retrievable', async () => {
    await fc.assert(
      fc.asyncProperty(
        edits.chain((es) => fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length }), fc.nat({ max: es.length - 1 }))),
        async ([es, shuffled, pick]) => {
          const a = await deviceWith(es.map(branch));
          const b = await deviceWith(shuffled.map(branch));
          try {
            const [onA] = await editConflicts(a, 'phone001');
            const [onB] = await editConflicts(b, 'phone001');
            expect(onB!.shown).toEqual(onA!.shown);
            const latest = Math.max(...es.map((e) => e.editedAt));
            expect(onA!.shown.editedAt).toBe(latest);
            expect([onA!.shown, ...onA!.others].map((v) => v.rev).sort()).toEqual(es.map((e) => `2-${e.hash}`).sort());

            const chosen = es[pick]!;
            await chooseVersion(a, 'phone001', 'deck:cells', `2-${chosen.hash}`, T + 100);
            const live = await liveRevisions(a, 'deck:cells', quiet);
            expect(live!.revisions).toHaveLength(1);
            expect(contentOf(live!.revisions[0]!)).toBe(contentOf(branch(chosen) as unknown as DeckDoc));
            expect(await editConflicts(a, 'phone001')).toEqual([]);
            const kept = await keptVersions(a, 'phone001', 'deck:cells');
            expect(kept.map((k) => k.rev).sort()).toEqual(es.filter((e) => e !== chosen).map((e) => `2-${e.hash}`).sort());
          } finally {
            await Promise.all([a.destroy(), b.destroy()]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
