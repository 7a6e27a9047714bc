/**
 * The gate for documents from the server: the wrong shape, an absurd size or script in the
 * text is quarantined with a reason naming what and where; good documents pass unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventDoc, reviewDoc } from '../../../src/sync/docs';
import { checkIncoming, gate, MAX_DOC_CHARS } from '../../../src/sync/quarantine';

const AT = Date.UTC(2026, 2, 1);
const good = reviewDoc({ itemId: 'cells/nucleus', at: AT, grade: 3, mode: 'study', durationMs: 3000, reschedule: true });
const deck = {
  _id: 'deck:cells',
  _rev: '2-abc',
  type: 'deck',
  editedAt: AT,
  device: 'laptop',
  deck: { id: 'cells', version: 1, title: 'Cells', cards: [{ id: 'nucleus', type: 'basic', front: 'What holds the DNA?', back: 'The nucleus' }] },
};

function reason(doc: unknown): string {
  const r = checkIncoming(doc);
  expect(r.status).toBe('quarantined');
  return r.status === 'quarantined' ? r.reason : '';
}

describe('checkIncoming', () => {
  it('lets well-formed reviews, events, decks and deletions through', () => {
    expect(checkIncoming({ ...good, _rev: '1-a' })).toMatchObject({ status: 'ok', id: good._id });
    expect(checkIncoming(eventDoc({ itemId: 'cells/nucleus#c1', at: AT, kind: 'bury', until: AT + 1 })).status).toBe('ok');
    expect(checkIncoming(deck).status).toBe('ok');
    expect(checkIncoming({ _id: good._id, _rev: '2-b', _deleted: true }).status).toBe('ok');
  });

  it('lets a deck with its origin and kept versions through, and quarantines a version that does not add up', () => {
    expect(checkIncoming({ ...deck, origin: 'authored' }).status).toBe('ok');
    expect(reason({ ...deck, origin: 'class' })).toMatch(/^deck field origin:/);
    const kept = { _id: 'version:deck:cells:2-abc', type: 'version', of: 'deck:cells', rev: '2-abc', keptAt: AT + 1, editedAt: AT, device: 'laptop', deck: deck.deck };
    expect(checkIncoming(kept).status).toBe('ok');
    const settings = { _id: 'version:settings:3-f0', type: 'version', of: 'settings', rev: '3-f0', keptAt: AT, editedAt: AT, device: 'phone', settings: { newPerDay: 5 } };
    expect(checkIncoming(settings).status).toBe('ok');
    expect(reason({ ...kept, _id: 'version:deck:cells:3-abc' })).toMatch(/_id is not version:deck:cells:2-abc/);
    expect(reason({ ...kept, of: 'deck:other', _id: 'version:deck:other:2-abc' })).toMatch(/of is not deck:cells/);
    expect(reason({ ...kept, deck: undefined, settings: {} })).toMatch(/must hold a deck/);
    expect(reason({ ...settings, deck: deck.deck })).toMatch(/must hold settings and no deck/);
    expect(reason({ ...kept, rev: 'x', _id: 'version:deck:cells:x' })).toMatch(/^version field rev:/);
    expect(reason({ ...kept, deck: { ...deck.deck, title: '<script>x</script>' } })).toMatch(/script in its text at deck\.title/);
  });

  it('ignores design documents', () => {
    expect(checkIncoming({ _id: '_design/briefdeck', validate_doc_update: 'function(){}' }).status).toBe('ignored');
  });

  it('quarantines the wrong shape, naming the field', () => {
    expect(reason({ ...good, grade: 5 })).toMatch(/^review field grade:/);
    expect(reason({ ...good, at: 'yesterday' })).toMatch(/^review field at:/);
    expect(reason({ ...good, extra: 1 })).toMatch(/extra/);
    expect(reason({ ...good, itemId: 'cells/other' })).toMatch(/_id does not match/);
    expect(reason(eventDoc({ itemId: 'cells/nucleus', at: AT, kind: 'bury' }))).toMatch(/without until/);
    expect(checkIncoming(eventDoc({ itemId: 'cells/nucleus', at: AT, kind: 'suspend', leech: true })).status).toBe('ok');
    expect(reason(eventDoc({ itemId: 'cells/nucleus', at: AT, kind: 'reset', leech: true }))).toMatch(/a reset event marked leech/);
    expect(reason({ ...eventDoc({ itemId: 'cells/nucleus', at: AT, kind: 'suspend' }), leech: false })).toMatch(/^event field leech:/);
    expect(reason({ _id: 'x', type: 'macro' })).toMatch(/unknown type "macro"/);
    expect(reason({ type: 'review' })).toMatch(/_id/);
    expect(reason([1, 2])).toMatch(/not a JSON object/);
    expect(reason({ ...deck, deck: { ...deck.deck, cards: [] } })).toMatch(/^deck cards/);
    expect(reason({ ...deck, _id: 'deck:other' })).toMatch(/deck:cells/);
    expect(reason({ ...good, _attachments: { 'a.js': {} } })).toMatch(/attachments/);
  });

  it('quarantines an absurd size', () => {
    expect(reason({ ...good, padding: 'x'.repeat(MAX_DOC_CHARS.history) })).toMatch(/characters long, over the 4096/);
    const huge = { ...deck, deck: { ...deck.deck, description: 'y'.repeat(MAX_DOC_CHARS.other) } };
    expect(reason(huge)).toMatch(/over the 2097152/);
  });

  it('quarantines script in any text, naming where', () => {
    const withCard = (back: string) => ({ ...deck, deck: { ...deck.deck, cards: [{ ...deck.deck.cards[0], back }] } });
    expect(reason(withCard('<script>alert(1)</script>'))).toBe('has script in its text at deck.cards[0].back');
    expect(reason(withCard('<img src=x onerror="alert(1)">'))).toMatch(/deck\.cards\[0\]\.back/);
    expect(reason(withCard('[link](javascript:alert(1))'))).toMatch(/script/);
    expect(reason(withCard('[link](&#106;avascript:alert(1))'))).toMatch(/script/);
    expect(reason(withCard('<iframe src="//x">'))).toMatch(/script/);
    expect(reason({ ...deck, device: '<svg onload=alert(1)>' })).toMatch(/at device/);
    expect(checkIncoming(withCard('Scripts in a play are written by a playwright; x < y and y > z.')).status).toBe('ok');
  });

  it('never throws, whatever arrives, and never passes text with a script tag', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = checkIncoming(value);
        expect(['ok', 'ignored', 'quarantined']).toContain(r.status);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        const title = `${before}<script>${after}`;
        expect(checkIncoming({ ...deck, deck: { ...deck.deck, title } }).status).toBe('quarantined');
      }),
    );
  });
});

describe('gate', () => {
  it('splits a batch into documents to apply and quarantined ones with reasons', () => {
    const { ok, quarantined } = gate([good, { ...good, _id: 'review:x', grade: 0 }, { _id: '_design/a' }, deck]);
    expect(ok.map((d) => d._id)).toEqual([good._id, 'deck:cells']);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]!.id).toBe('review:x');
  });
});
