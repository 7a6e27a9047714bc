/**
 * The edited documents' pure parts: every setting is either the learner's (synced) or the
 * device's, content compares equal whatever order keys were written in, and a revision set aside
 * as a version comes back as the same content.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';
import { asVersion, canonical, contentOf, DEVICE_SETTINGS, fromVersion, SYNCED_SETTINGS, syncedPart, type DeckDoc, type SettingsDoc } from '../../../src/sync/edited-docs';

const deckDoc: DeckDoc = {
  _id: 'deck:cells',
  _rev: '3-abc',
  type: 'deck',
  origin: 'authored',
  editedAt: 1_800_000_000_000,
  device: 'a1b2c3d4',
  deck: { id: 'cells', version: 2, title: 'Cells', cards: [{ id: 'c1', type: 'basic', front: 'Q', back: 'A' }] },
};

describe('edited documents', () => {
  it('sorts every setting into synced or kept on the device, none in both', () => {
    const all = Object.keys(DEFAULT_SETTINGS).sort();
    expect([...SYNCED_SETTINGS, ...DEVICE_SETTINGS].sort()).toEqual(all);
    expect(syncedPart({ ...DEFAULT_SETTINGS, theme: 'dark', textScale: 1.25 })).not.toHaveProperty('theme');
    expect(syncedPart(DEFAULT_SETTINGS)).toHaveProperty('newPerDay', 20);
  });

  it('writes equal values as equal text, whatever the order of their keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonical(reversed)).toBe(canonical(value));
      }),
    );
    expect(canonical({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('keeps a revision as a version that restores the same content, as a new edit', () => {
    const kept = asVersion(deckDoc, 1_800_000_100_000);
    expect(kept).toMatchObject({ _id: 'version:deck:cells:3-abc', of: 'deck:cells', rev: '3-abc', editedAt: deckDoc.editedAt, device: 'a1b2c3d4' });
    const back = fromVersion(kept, 1_800_000_200_000, 'ffff0000');
    expect(contentOf(back)).toBe(contentOf(deckDoc));
    expect(back).toMatchObject({ _id: 'deck:cells', editedAt: 1_800_000_200_000, device: 'ffff0000' });
    expect(back._rev).toBeUndefined();

    const settings: SettingsDoc = { _id: 'settings', _rev: '2-ff', type: 'settings', editedAt: 1, device: 'x', settings: { newPerDay: 7, dayStartHour: 3 } };
    const again = fromVersion(asVersion(settings, 2), 3, 'y');
    expect(again).toMatchObject({ _id: 'settings', type: 'settings', settings: { newPerDay: 7, dayStartHour: 3 } });
    expect(contentOf(again)).toBe(contentOf(settings));
    expect(contentOf(again)).not.toBe(contentOf({ ...settings, settings: { newPerDay: 8, dayStartHour: 3 } }));
  });
});
