import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { occlusionCard, occlusionFields, parseOcclusions } from '../../../../src/author/import/anki/occlusion';
import { buildAnkiImport, openAnki, type AnkiImport } from '../../../../src/author/import/anki/read';
import { summarizeReport } from '../../../../src/author/import/anki/report';
import { expandDeck } from '../../../../src/deck/items';
import type { OcclusionCard } from '../../../../src/deck/schema';
import { validateDeck } from '../../../../src/deck/validate';
import { DEFAULT_SETTINGS } from '../../../../src/srs/types';
import * as State from '../../../../src/srs/state';
import { fixture, loadSql } from './helpers';

const NOW = Date.UTC(2024, 0, 1, 12);
let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

describe('parseOcclusions', () => {
  it('reads rectangles, ellipses, polygons and words as boxes in shares of the picture', () => {
    const shapes = parseOcclusions(
      '{{c1::image-occlusion:rect:left=.2:top=.3:width=.1:height=.15:oi=1}}\n' +
        '{{c2::image-occlusion:ellipse:left=.5:top=.1:rx=.1:ry=.05}}\n' +
        '{{c2::image-occlusion:ellipse:left=.0:top=.0:width=.2:height=.3}}\n' +
        '{{c3::image-occlusion:polygon:points=.6,.6 .9,.65 .75,.9}}\n' +
        '{{c0::image-occlusion:text:left=.25:top=.35:text=Time\\: 10\\:30:scale=1}}',
    );
    expect(shapes).toEqual([
      { n: 1, kind: 'rect', x: 0.2, y: 0.3, width: 0.1, height: 0.15, hideAll: true, text: '', turned: false },
      { n: 2, kind: 'ellipse', x: 0.5, y: 0.1, width: 0.2, height: 0.1, hideAll: false, text: '', turned: false },
      { n: 2, kind: 'ellipse', x: 0, y: 0, width: 0.2, height: 0.3, hideAll: false, text: '', turned: false },
      { n: 3, kind: 'polygon', x: 0.6, y: 0.6, width: expect.closeTo(0.3), height: expect.closeTo(0.3), hideAll: false, text: '', turned: false },
      { n: 0, kind: 'text', x: 0.25, y: 0.35, width: 0, height: 0, hideAll: false, text: 'Time: 10:30', turned: false },
    ]);
  });

  it('leaves out shapes it cannot place: no size, too few points, no position', () => {
    expect(
      parseOcclusions(
        '{{c1::image-occlusion:rect:left=.2:top=.3:width=0:height=.1}}{{c1::image-occlusion:polygon:points=.1,.1 .2,.2}}{{c2::image-occlusion:rect:width=.1:height=.1}}{{c2::image-occlusion:square:left=0:top=0}}',
      ),
    ).toEqual([]);
    expect(parseOcclusions('{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2:angle=30}}')[0]?.turned).toBe(true);
  });
});

describe('occlusionCard', () => {
  it('makes one mask per cloze number, the box around its shapes, kept on the picture', () => {
    const shapes = parseOcclusions('{{c2::image-occlusion:rect:left=.8:top=.8:width=.4:height=.4}}{{c1::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}{{c1::image-occlusion:rect:left=.3:top=.2:width=.1:height=.2}}');
    const built = occlusionCard(shapes, 'p.png', 'a plan', {});
    expect(typeof built).toBe('object');
    const { card, notices } = built as Exclude<typeof built, string>;
    expect(card).toMatchObject({ type: 'occlusion', image: 'p.png', alt: 'a plan', mode: 'hide-one' });
    // c1's two rectangles make one box; c2 reaches past the picture's corner and is cut there.
    expect(card.masks.map((m) => [m.id, m.x, m.y, m.width, m.height, m.label])).toEqual([['c1', 0.1, 0.1, 0.3, 0.3, 'Box 1'], ['c2', 0.8, 0.8, 0.2, 0.2, 'Box 2']]);
    expect(notices).toContain('shapes sharing a number became one box around them');
  });

  it('measures shapes given in pixels (Anki\'s first versions) against the picture\'s size', () => {
    const shapes = parseOcclusions('{{c1::image-occlusion:rect:left=20:top=30:width=40:height=15}}');
    const built = occlusionCard(shapes, 'p.png', 'a plan', {}, { width: 200, height: 100 });
    expect(typeof built === 'object' && built.card.masks[0]).toEqual({ id: 'c1', x: 0.1, y: 0.3, width: 0.2, height: 0.15, label: 'Box 1' });
    expect(typeof built === 'object' && built.notices).toContain('shapes measured in pixels were measured against the picture');
    // Without the picture's size, pixels cannot be shares: nothing of them lies on the picture.
    expect(occlusionCard(shapes, 'p.png', 'a plan', {})).toBe('none of its shapes lies on its picture');
  });

  it('keeps words that name a box as its label only, and words outside every box in the description', () => {
    const shapes = parseOcclusions(
      '{{c1::image-occlusion:rect:left=.1:top=.1:width=.3:height=.3}}{{c0::image-occlusion:text:left=.15:top=.15:text=Valve}}{{c0::image-occlusion:text:left=.7:top=.8:text=Figure 2}}',
    );
    const built = occlusionCard(shapes, 'p.png', 'a heart', {});
    expect(typeof built === 'object' && built.card.masks.map((m) => m.label)).toEqual(['Valve']);
    expect(typeof built === 'object' && built.card.alt).toBe('a heart. Words on it: Figure 2');
    const named = occlusionCard(parseOcclusions('{{c1::image-occlusion:rect:left=.1:top=.1:width=.3:height=.3}}{{c0::image-occlusion:text:left=.15:top=.15:text=Valve}}'), 'p.png', 'a heart', {});
    expect(typeof named === 'object' && named.card.alt).toBe('a heart');
    expect(typeof named === 'object' && named.notices.some((n) => /description/.test(n))).toBe(false);
  });

  it('says why there is no card: only words, or nothing on the picture', () => {
    expect(occlusionCard(parseOcclusions('{{c0::image-occlusion:text:left=.1:top=.1:text=Hi}}'), 'p.png', 'x', {})).toBe('its Occlusion field has no shapes to hide');
    expect(occlusionCard(parseOcclusions('{{c1::image-occlusion:rect:left=1.5:top=.1:width=.2:height=.2}}'), 'p.png', 'x', {})).toBe('none of its shapes lies on its picture');
  });

  it('finds the fields of a renamed Image Occlusion note type by where its templates show them', () => {
    const qfmt = '{{#Titel}}<div>{{Titel}}</div>{{/Titel}}<div id="image-occlusion-container">{{Bild}}</div>';
    const nt = { id: 1, name: 'Bildverdeckung', kind: 1 as const, fields: ['Verdeckung', 'Notizen', 'Bild', 'Titel', 'Rückseite'], templates: [{ name: 'x', qfmt, afmt: `${qfmt}{{#Rückseite}}<div>{{Rückseite}}</div>{{/Rückseite}}` }] };
    expect(occlusionFields(nt)).toEqual({ image: 2, header: 3, extra: 4 });
  });
});

describe('Image Occlusion notes from a package (image-occlusion.apkg, anki21b)', () => {
  let imp: AnkiImport;
  beforeAll(() => {
    imp = buildAnkiImport(openAnki(fixture('image-occlusion.apkg'), 'image-occlusion.apkg', SQL), { hierarchy: 'decks', settings: DEFAULT_SETTINGS, now: NOW });
  });

  it('become occlusion cards over their picture, with header, back extra and mode', () => {
    expect(imp.report.skipped).toEqual([]);
    expect(summarizeReport(imp.report)).toBe('4 cards in 2 notes, 3 reviews, 2 media files');
    const [deck] = imp.decks;
    expect(validateDeck(deck)).toMatchObject({ ok: true });
    expect(deck!.media?.map((m) => [m.name, m.width, m.height])).toEqual([
      ['heart-diagram.png', 8, 6],
      ['map.png', 6, 6],
    ]);
    const [heart, map] = deck!.cards as OcclusionCard[];
    expect(heart).toMatchObject({
      type: 'occlusion',
      image: 'heart-diagram.png',
      alt: 'heart diagram',
      question: 'Parts of the heart',
      explanation: 'Blood comes in through the **atria**.',
      mode: 'hide-all',
      tags: ['anatomy'],
    });
    // c1: the rectangle, named by the words inside it; c2: the ellipse and the polygon, one box.
    expect(heart!.masks).toEqual([
      { id: 'c1', x: 0.1, y: 0.2, width: 0.3, height: 0.25, label: 'Left atrium' },
      { id: 'c2', x: 0.55, y: 0.1, width: 0.35, height: 0.8, label: 'Box 2' },
    ]);
    expect(map).toMatchObject({ image: 'map.png', alt: 'A map of two islands', mode: 'hide-one' });
    expect(map).not.toHaveProperty('question');
    expect(map!.masks.map((m) => m.id)).toEqual(['c1', 'c2']);
    expect(imp.report.notices[0]).toMatch(/^Image Occlusion: shapes sharing a number became one box around them; ellipses and polygons became the box around them; /);
  });

  it('give one review item per cloze number, with each Anki card\'s history on its own', () => {
    const [deck] = imp.decks;
    const heart = deck!.cards[0]!;
    expect(expandDeck(deck!).map((r) => r.id)).toEqual([`anatomy/${heart.id}#c1`, `anatomy/${heart.id}#c2`, `anatomy/${deck!.cards[1]!.id}#c1`, `anatomy/${deck!.cards[1]!.id}#c2`]);
    expect(imp.reviews.map((r) => [r.itemId, r.grade])).toEqual([
      [`anatomy/${heart.id}#c1`, 3],
      [`anatomy/${heart.id}#c1`, 3],
      [`anatomy/${heart.id}#c2`, 1],
    ]);
    const item = (sub: string) => imp.items.find((i) => i.id === `anatomy/${heart.id}#${sub}`)!;
    expect(item('c1')).toMatchObject({ state: State.Review, fsrs: { reps: 2 } });
    expect(item('c2')).toMatchObject({ state: State.Learning, fsrs: { reps: 1, lapses: 0 } });
  });
});
