/**
 * The editor's media: a picture or sound added to a text field (alt text asked first, types
 * refused by name), and an image occlusion card built by pointer and by keyboard, saved with its
 * stored picture, one review item per box.
 */
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Editor } from '../../../src/author/editor/Editor';
import { nextMaskId, nudge, rectBetween } from '../../../src/author/editor/OcclusionEditor';
import { createDeck } from '../../../src/author/data';
import { closeStore, getItems, getStoredDeck } from '../../../src/store';
import { getMediaBytes, sha256Hex } from '../../../src/store/media';
import { at, bundle } from './helpers';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5]);

beforeEach(() => {
  bundle();
  // happy-dom decodes no pictures: this one is 800 × 600 pixels.
  vi.spyOn(HTMLImageElement.prototype, 'decode').mockResolvedValue(undefined);
  vi.spyOn(HTMLImageElement.prototype, 'naturalWidth', 'get').mockReturnValue(800);
  vi.spyOn(HTMLImageElement.prototype, 'naturalHeight', 'get').mockReturnValue(600);
});
afterEach(async () => {
  cleanup();
  await closeStore();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const editor = (id: string) => at(`/author/${id}`, [['/author/:id', Editor]]);
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const card = (n: number) => screen.getByRole('listitem', { name: new RegExp(`^Card ${n}:`) });
const pick = (input: HTMLElement, file: File) => fireEvent.change(input, { target: { files: [file] } });

describe('mask geometry', () => {
  test('keys move by 1% and Shift resizes, never off the picture; drags make rectangles either way', () => {
    const m = { id: 'm1', x: 0.4, y: 0.45, width: 0.2, height: 0.1, label: '' };
    expect(nudge(m, 'ArrowRight', false)).toMatchObject({ x: 0.41, y: 0.45 });
    expect(nudge(m, 'ArrowUp', false)).toMatchObject({ y: 0.44 });
    expect(nudge(m, 'ArrowDown', true)).toMatchObject({ x: 0.4, width: 0.2, height: 0.11 });
    expect(nudge({ ...m, x: 0.8 }, 'ArrowRight', false).x).toBe(0.8);
    expect(nudge({ ...m, width: 0.02 }, 'ArrowLeft', true).width).toBe(0.02);
    expect(rectBetween({ x: 0.5, y: 0.6 }, { x: 0.1, y: 0.2 })).toEqual({ x: 0.1, y: 0.2, width: 0.4, height: 0.4 });
    expect(nextMaskId([{ ...m, id: 'm3' }, { ...m, id: 'piston' }])).toBe('m4');
  });
});

describe('editor media', () => {
  test('a picture added to the front asks for its alt text, then is inserted and stored; an unsupported file is refused by name', async () => {
    const id = await createDeck();
    editor(id);
    const front = await within(await waitFor(() => card(1))).findByRole('textbox', { name: 'Front' });
    type(front, 'What does the chart show?');
    const input = within(card(1)).getByLabelText('Add a picture or sound to Front');
    pick(input, new File(['%PDF'], 'notes.pdf', { type: 'application/pdf' }));
    expect((await within(card(1)).findByRole('alert')).textContent).toMatch(/^"notes.pdf" is of type application\/pdf, which Briefdeck does not take/);
    pick(input, new File([PNG], 'sales chart.png', { type: 'image/png' }));
    const alt = await within(card(1)).findByRole('textbox', { name: /Describe “sales-chart.png” for students who cannot see it/ });
    const insert = within(card(1)).getByRole('button', { name: 'Insert picture' }) as HTMLButtonElement;
    expect(insert.disabled).toBe(true);
    expect((front as HTMLTextAreaElement).value).toBe('What does the chart show?');
    type(alt, 'a bar chart [sales] by year');
    fireEvent.click(insert);
    await waitFor(() => expect((front as HTMLTextAreaElement).value).toBe('What does the chart show?\n![a bar chart (sales) by year](sales-chart.png)'));
    type(within(card(1)).getByRole('textbox', { name: 'Back' }), 'Sales grew.');
    type(screen.getByRole('textbox', { name: 'Title' }), 'Charts');
    fireEvent.click(screen.getByRole('button', { name: /^Save/ }));
    await waitFor(async () => expect((await getStoredDeck(id))?.deck.format).toBe(2));
    const saved = (await getStoredDeck(id))!.deck;
    expect(saved.media).toEqual([{ name: 'sales-chart.png', type: 'image/png', width: 800, height: 600, bytes: PNG.length, sha256: await sha256Hex(PNG) }]);
    expect(await getMediaBytes(await sha256Hex(PNG))).toEqual(PNG);
  });

  test('an occlusion card: a picture, a box added and moved by keyboard, one drawn by pointer, each labelled, saved as one item per box', async () => {
    const id = await createDeck();
    editor(id);
    type(await screen.findByRole('textbox', { name: 'Title' }), 'Engine');
    fireEvent.change(within(card(1)).getByRole('combobox', { name: 'Card type' }), { target: { value: 'occlusion' } });
    const addBox = (await within(card(1)).findByRole('button', { name: 'Add a box' })) as HTMLButtonElement;
    expect(addBox.disabled).toBe(true);
    pick(within(card(1)).getByLabelText('Choose a picture'), new File([PNG], 'engine.png', { type: 'image/png' }));
    await waitFor(() => expect(within(card(1)).getByText('Picture: engine.png')).toBeTruthy());
    type(within(card(1)).getByRole('textbox', { name: 'Alt text: what the picture shows' }), 'a drawing of an engine');
    fireEvent.click(within(card(1)).getByRole('radio', { name: /Hide all, guess one/ }));

    fireEvent.click(within(card(1)).getByRole('button', { name: 'Add a box' }));
    const box = await waitFor(() => {
      const el = within(card(1)).getByRole('button', { name: /^Box 1: no label yet, middle centre/ });
      expect(document.activeElement).toBe(el);
      return el;
    });
    fireEvent.keyDown(box, { key: 'ArrowLeft' });
    fireEvent.keyDown(within(card(1)).getByRole('button', { name: /^Box 1:/ }), { key: 'ArrowRight', shiftKey: true });
    type(within(card(1)).getByRole('textbox', { name: /^Label of box 1/ }), 'Piston');

    const stage = card(1).querySelector<HTMLElement>('.occlusion-editor-stage')!;
    vi.spyOn(stage, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 800, height: 600, right: 800, bottom: 600, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(stage, { clientX: 80, clientY: 60, pointerId: 1 });
    fireEvent.pointerMove(stage, { clientX: 200, clientY: 100, pointerId: 1 });
    fireEvent.pointerUp(stage, { clientX: 240, clientY: 120, pointerId: 1 });
    const label2 = await within(card(1)).findByRole('textbox', { name: /^Label of box 2 \(top left\)/ });
    await waitFor(() => expect(document.activeElement).toBe(label2));
    type(label2, 'Valve');
    // A tap without a drag draws nothing.
    fireEvent.pointerDown(stage, { clientX: 400, clientY: 300, pointerId: 1 });
    fireEvent.pointerUp(stage, { clientX: 401, clientY: 301, pointerId: 1 });
    expect(within(card(1)).queryByRole('button', { name: /^Box 3:/ })).toBeNull();

    // The preview shows the picture as study does, one box asked at a time.
    await waitFor(() => expect(card(1).querySelector('.card-preview img')?.getAttribute('alt')).toBe('a drawing of an engine'));
    expect(card(1).querySelector<HTMLElement>('.card-preview .mask-asked')?.dataset.mask).toBe('m1');
    expect(within(card(1)).getByRole('combobox', { name: 'Review item' }).textContent).toBe('Box 1: PistonBox 2: Valve');

    fireEvent.click(screen.getByRole('button', { name: /^Save/ }));
    await waitFor(async () => expect((await getStoredDeck(id))?.deck.cards[0]?.type).toBe('occlusion'));
    const saved = (await getStoredDeck(id))!.deck;
    expect(saved.format).toBe(2);
    expect(saved.cards[0]).toMatchObject({
      type: 'occlusion',
      image: 'engine.png',
      alt: 'a drawing of an engine',
      mode: 'hide-all',
      masks: [
        { id: 'm1', x: 0.39, y: 0.45, width: 0.21, height: 0.1, label: 'Piston' },
        { id: 'm2', x: 0.1, y: 0.1, width: 0.2, height: 0.1, label: 'Valve' },
      ],
    });
    expect((await getItems(id)).map((i) => i.sub).sort()).toEqual(['m1', 'm2']);
  });
});
