/**
 * The occlusion view on the study card and in the quiz: the stored picture as an <img> with its
 * alt text, masks placed in shares of the picture, the asked one highlighted and uncovered on the
 * reveal, and each mask's words for screen readers.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { render, screen, waitFor } from '@testing-library/preact';
import { closeStore } from '../../../src/store';
import { saveDeckWithMedia, sha256Hex } from '../../../src/store/media';
import { CardFace } from '../../../src/study/CardFace';
import { RichDeckContext } from '../../../src/ui/RichText';
import { QuestionView } from '../../../src/quiz/QuestionView';
import { buildQuiz } from '../../../src/quiz/engine';
import type { Deck, OcclusionCard } from '../../../src/deck/schema';

afterEach(async () => {
  await closeStore();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 3]);

async function storedDeck(mode: OcclusionCard['mode']): Promise<Deck> {
  const card: OcclusionCard = {
    id: 'engine',
    type: 'occlusion',
    image: 'engine.png',
    alt: 'a labelled drawing of an engine',
    mode,
    masks: [
      { id: 'piston', x: 0.1, y: 0.1, width: 0.2, height: 0.1, label: 'Piston' },
      { id: 'valve', x: 0.7, y: 0.1, width: 0.2, height: 0.1, label: 'Valve' },
      { id: 'crank', x: 0.4, y: 0.8, width: 0.3, height: 0.15, label: 'Crankshaft' },
    ],
  };
  const deck: Deck = {
    format: 2,
    id: 'parts',
    version: 1,
    title: 'Engine parts',
    media: [{ name: 'engine.png', type: 'image/png', width: 800, height: 600, sha256: await sha256Hex(PNG) }],
    cards: [card],
  };
  return saveDeckWithMedia(deck, new Map([['engine.png', PNG]]), 'imported');
}

function face(deck: Deck, sub: string, revealed: boolean) {
  return (
    <RichDeckContext.Provider value={deck}>
      <CardFace card={deck.cards[0]!} sub={sub} revealed={revealed} response={null} onResponse={() => undefined} />
    </RichDeckContext.Provider>
  );
}

const masks = (root: Element) => [...root.querySelectorAll<HTMLElement>('.occlusion-mask')];

describe('occlusion on the study card', () => {
  test('hide-all: the stored picture, every mask covering, the asked one highlighted and never named', async () => {
    const deck = await storedDeck('hide-all');
    const { container, rerender } = render(face(deck, 'valve', false));
    const img = await waitFor(() => {
      const found = container.querySelector('img');
      if (!found) throw new Error('no picture yet');
      return found;
    });
    expect(img.alt).toBe('a labelled drawing of an engine');
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    const stage = container.querySelector<HTMLElement>('.occlusion-stage')!;
    expect(stage.style.aspectRatio).toBe('800 / 600');
    expect(masks(container).map((m) => m.className)).toEqual(['occlusion-mask mask-covered', 'occlusion-mask mask-asked', 'occlusion-mask mask-covered']);
    const asked = container.querySelector<HTMLElement>('[aria-current="true"]')!;
    expect(asked.dataset.mask).toBe('valve');
    expect(asked.style.left).toBe('70.000%');
    expect(asked.style.width).toBe('20.000%');
    expect(screen.getByRole('list', { name: 'Boxes on the picture' })).toBeTruthy();
    expect(asked.textContent).toContain('Asked: the highlighted box, top right');
    // Before the reveal no label of a covered or asked mask is on the card.
    expect(container.textContent).not.toMatch(/Valve|Piston|Crankshaft/);
    expect(screen.getByText('What does the highlighted box hide?')).toBeTruthy();

    rerender(face(deck, 'valve', true));
    await waitFor(() => expect(container.querySelector('.mask-answer')).toBeTruthy());
    expect(container.querySelector('.mask-answer')!.textContent).toBe('Answer, top right: Valve');
    expect(container.querySelector('.card-back')!.textContent).toContain('Valve');
    // The others stay covered, still without their labels.
    expect(container.querySelectorAll('.mask-covered')).toHaveLength(2);
    expect(container.textContent).not.toMatch(/Piston|Crankshaft/);
  });

  test('hide-one: only the asked mask covers; the others read their labels to screen readers', async () => {
    const deck = await storedDeck('hide-one');
    const { container } = render(face(deck, 'crank', false));
    await waitFor(() => expect(masks(container)).toHaveLength(3));
    expect(masks(container).map((m) => m.className.replace('occlusion-mask ', ''))).toEqual(['mask-open', 'mask-open', 'mask-asked']);
    expect(masks(container)[0]!.textContent).toBe('Piston, top left');
    expect(masks(container)[2]!.textContent).not.toContain('Crankshaft');
  });

  test('a picture not on this device says so, and the masks still read', async () => {
    const deck = await storedDeck('hide-all');
    const gone: Deck = { ...deck, media: [{ ...deck.media![0]!, sha256: 'f'.repeat(64) }] };
    const { container } = render(face(gone, 'piston', false));
    // Not stored: the published bundled file is tried instead (a deck bundled with the app).
    await waitFor(() => expect(container.querySelector('img')?.getAttribute('src')).toBe(`/decks/media/${'f'.repeat(64)}`));
    const unlisted: Deck = { ...deck, media: [] };
    const second = render(face(unlisted, 'piston', false));
    await waitFor(() => expect(second.container.querySelector('[data-media="missing"]')?.textContent).toBe('This picture is not on this device.'));
    expect(second.container.querySelector('[data-media="missing"]')!.getAttribute('aria-label')).toBe('a labelled drawing of an engine');
    expect(masks(second.container)).toHaveLength(3);
  });
});

describe('occlusion in the quiz', () => {
  test('the question shows the picture with the asked mask; the answer uncovers it', async () => {
    const deck = await storedDeck('hide-all');
    const [q] = buildQuiz([deck], { length: 5, seed: 3 });
    const props = { question: q!, number: 1, total: 3, selection: [], text: '', isLast: false, onToggle: () => undefined, onText: () => undefined, onAnswer: () => undefined, onNext: () => undefined };
    const { container, rerender } = render(<QuestionView {...props} checked={null} />);
    await waitFor(() => expect(container.querySelector('img')?.alt).toBe('a labelled drawing of an engine'));
    expect(container.querySelector<HTMLElement>('.mask-asked')!.dataset.mask).toBe(q!.sub);
    rerender(<QuestionView {...props} checked={{ correct: true, verdict: 'exact', given: q!.answerText }} />);
    await waitFor(() => expect(container.querySelector<HTMLElement>('.mask-answer')?.dataset.mask).toBe(q!.sub));
  });
});

describe('occlusion and the XSS corpus', () => {
  const payloads = ['"><script>alert(1)</script>', "' onerror='alert(1)", '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '<svg onload=alert(1)>'];

  test('labels, alt text and the question are text: nothing in them becomes markup, handlers or links', async () => {
    const deck = await storedDeck('hide-one');
    const card = deck.cards[0] as OcclusionCard;
    const hostile: Deck = {
      ...deck,
      cards: [{ ...card, alt: payloads[0]!, question: `${payloads[2]} [x](javascript:alert(1))`, masks: card.masks.map((m, i) => ({ ...m, label: payloads[i + 1]! })) }],
    };
    for (const [sub, revealed] of [['piston', false], ['valve', true]] as const) {
      const { container, unmount } = render(face(hostile, sub, revealed));
      await waitFor(() => expect(container.querySelector('.occlusion img')).toBeTruthy());
      await waitFor(() => expect(container.querySelector('[data-rich-ready="false"]')).toBeNull());
      expect(container.querySelectorAll('script, svg, iframe, object, embed, a').length).toBe(0);
      expect(container.querySelectorAll('img')).toHaveLength(1);
      for (const el of container.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.name.startsWith('on')).toBe(false);
          if (attr.name === 'src') expect(attr.value).toMatch(/^blob:/);
        }
      }
      expect(container.querySelector('img')!.getAttribute('alt')).toBe(payloads[0]);
      unmount();
    }
  });
});
