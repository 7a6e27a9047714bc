/**
 * Choosing between revisions of a document edited on two devices: the latest edit by time is
 * shown whatever order the revisions come in, the others stay retrievable, and settling on any
 * one of them writes its content on the current branch and closes every other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRevs, latestEdit, settleOn } from '../../../src/sync/conflicts';
import type { EditedDoc } from '../../../src/sync/docs';

interface DeckDoc extends EditedDoc {
  title: string;
}

const revision = fc.record({
  _id: fc.constant('deck:cells'),
  _rev: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[0-9a-f]{8}$/)).map(([g, h]) => `${g}-${h}`),
  editedAt: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
  device: fc.constantFrom('phone', 'laptop', 'tablet'),
  title: fc.string({ maxLength: 10 }),
});
const revisions = fc.uniqueArray(revision, { selector: (r) => r._rev, minLength: 1, maxLength: 6 });

describe('conflicts between edits', () => {
  it('shows the latest edit by time, whatever the order, and keeps all the others', () => {
    fc.assert(
      fc.property(
        revisions.chain((revs) => fc.tuple(fc.constant(revs), fc.shuffledSubarray(revs, { minLength: revs.length, maxLength: revs.length }))),
        ([revs, shuffled]) => {
          const a = latestEdit<DeckDoc>(revs);
          const b = latestEdit<DeckDoc>(shuffled);
          expect(b.winner).toEqual(a.winner);
          expect(a.winner.editedAt).toBe(Math.max(...revs.map((r) => r.editedAt)));
          expect([a.winner, ...a.others].map((r) => r._rev).sort()).toEqual(revs.map((r) => r._rev).sort());
        },
      ),
    );
  });

  it('breaks a tie in time by the higher revision, as CouchDB does', () => {
    const a = { _id: 'd', _rev: '3-aaa', editedAt: 5, device: 'phone', title: 'A' };
    const b = { _id: 'd', _rev: '3-bbb', editedAt: 5, device: 'laptop', title: 'B' };
    const c = { _id: 'd', _rev: '10-000', editedAt: 5, device: 'tablet', title: 'C' };
    expect(latestEdit<DeckDoc>([a, b]).winner.title).toBe('B');
    expect(latestEdit<DeckDoc>([a, b, c]).winner.title).toBe('C');
    expect(compareRevs('10-000', '9-fff')).toBeGreaterThan(0);
  });

  it('settling on any revision writes its content on the current branch and deletes the other branches', () => {
    fc.assert(
      fc.property(
        revisions.chain((revs) => fc.tuple(fc.constant(revs), fc.constantFrom(...revs), fc.constantFrom(...revs))),
        ([revs, current, chosen]) => {
          const writes = settleOn<DeckDoc>(current, revs, chosen, 1_800_000_000_000, 'phone');
          const deleted = writes.filter((w) => w._deleted).map((w) => w._rev).sort();
          expect(deleted).toEqual(revs.filter((r) => r._rev !== current._rev).map((r) => r._rev).sort());
          const kept = writes.filter((w) => !w._deleted) as DeckDoc[];
          if (chosen._rev === current._rev) {
            expect(kept).toEqual([]);
          } else {
            expect(kept).toHaveLength(1);
            expect(kept[0]).toMatchObject({ _rev: current._rev, title: chosen.title, device: 'phone' });
            expect(kept[0]!.editedAt).toBeGreaterThanOrEqual(chosen.editedAt);
          }
        },
      ),
    );
  });
});
