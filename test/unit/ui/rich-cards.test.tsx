/**
 * Rich elements in format 2 decks: pictures (<img> with alt, room kept from the stored size, tap
 * to enlarge), sounds (play button, R replays), math (<math> elements; invalid TeX shows its
 * source), and the XSS corpus for media names, alt texts, SVG and TeX.
 */
import { describe, expect, test, vi, afterEach } from 'vitest';
import { render, screen, waitFor, fireEvent } from '@testing-library/preact';
import { RichText, RichDeckContext } from '../../../src/ui/RichText';
import type { RichDeck } from '../../../src/ui/rich-render';
import { closeStore } from '../../../src/store';
import { saveDeckWithMedia, sha256Hex } from '../../../src/store/media';
import { renderTex } from '../../../src/ui/math';
import { setMediaPrefs } from '../../../src/ui/media-prefs';
import { deckOf } from '../store/fixtures';

afterEach(async () => {
  vi.restoreAllMocks();
  await closeStore();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0]);

const deck = async (): Promise<RichDeck> => ({
  format: 2,
  media: [
    { name: 'chart.png', type: 'image/png', width: 640, height: 480, sha256: await sha256Hex(PNG) },
    { name: 'draw.svg', type: 'image/svg+xml', width: 300, height: 100, sha256: await sha256Hex(SVG) },
    { name: 'say.mp3', type: 'audio/mpeg', sha256: await sha256Hex(MP3) },
  ],
});

async function stored(): Promise<RichDeck> {
  const d = await deck();
  const full = { ...deckOf('rich', 1), format: 2 as const, media: d.media! };
  await saveDeckWithMedia(full, new Map([['chart.png', PNG], ['draw.svg', SVG], ['say.mp3', MP3]]), 'imported');
  return d;
}

function show(text: string, d: RichDeck | undefined, inline = false) {
  return render(
    <RichDeckContext.Provider value={d}>
      <RichText text={text} inline={inline} />
    </RichDeckContext.Provider>,
  ).container;
}

/** Nothing in the tree can run script: no script/svg/iframe elements, handlers or script URLs. */
function expectInert(root: Element) {
  expect(root.querySelectorAll('script, svg, iframe, object, embed, style, foreignObject').length).toBe(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on')).toBe(false);
      expect(attr.name).not.toBe('href');
      // Attributes that load or link: only blob: URLs and the app's own files.
      if (['src', 'srcset', 'action', 'formaction', 'xlink:href', 'data'].includes(attr.name)) expect(attr.value).toMatch(/^(blob:|\/decks\/media\/[0-9a-f]{64}$)/);
    }
  }
}

describe('pictures', () => {
  test('a listed picture renders as <img> with its alt text, in a box of its stored shape', async () => {
    const root = show('Look: ![A bar chart of chip sales](chart.png)', await stored());
    await waitFor(() => expect(root.querySelector('img')).not.toBeNull());
    const img = screen.getByRole('img', { name: 'A bar chart of chip sales' });
    expect(img.tagName).toBe('IMG');
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(img.getAttribute('width')).toBe('640');
    expect(img.getAttribute('height')).toBe('480');
    const box = root.querySelector<HTMLElement>('.rich-image')!;
    expect(box.style.aspectRatio.replace(/\s/g, '')).toBe('640/480');
  });

  test('its room is kept before the picture loads (nothing shifts when it appears)', async () => {
    const root = show('![A bar chart](chart.png)', await deck());
    await waitFor(() => expect(root.querySelector('.rich-image')).not.toBeNull());
    const box = root.querySelector<HTMLElement>('.rich-image')!;
    expect(box.style.aspectRatio.replace(/\s/g, '')).toBe('640/480');
  });

  test('tapping it opens the full-size view', async () => {
    await stored();
    show('![A bar chart](chart.png)', await deck());
    const button = await screen.findByRole('button', { name: 'Enlarge picture: A bar chart' });
    const dialog = document.querySelector('dialog')!;
    const open = vi.fn();
    (dialog as unknown as { showModal: () => void }).showModal = open;
    fireEvent.click(button);
    expect(open).toHaveBeenCalled();
    expect(dialog.querySelector('img')!.getAttribute('alt')).toBe('A bar chart');
  });

  test('a bundled deck’s picture not in IndexedDB comes from the published file by hash', async () => {
    // A file this device never stored (the object URLs of stored ones are kept for the page's life).
    const d: RichDeck = { format: 2, media: [{ name: 'chart.png', type: 'image/png', width: 2, height: 1, sha256: await sha256Hex(new Uint8Array([1])) }] };
    const root = show('![A bar chart](chart.png)', d);
    await waitFor(() => expect(root.querySelector('img')).not.toBeNull());
    const img = screen.getByRole('img', { name: 'A bar chart' });
    expect(img.getAttribute('src')).toBe(`/decks/media/${d.media![0]!.sha256}`);
  });

  test('an SVG is only ever an <img>, never markup', async () => {
    const root = show('![A drawing](draw.svg)', await stored());
    const img = await screen.findByRole('img', { name: 'A drawing' });
    await waitFor(() => expect(root.querySelector('img')).not.toBeNull());
    expect(root.querySelector('img')!.getAttribute('src')).toMatch(/^blob:/);
    expectInert(root);
    expect(img).toBeTruthy();
  });

  test('format 1 text, and names the deck does not list, stay the characters typed', async () => {
    const v1 = show('![A bar chart](chart.png)', { media: (await deck()).media });
    await waitFor(() => expect(v1.querySelector('[data-rich-ready="true"]')).not.toBeNull());
    expect(v1.textContent).toBe('![A bar chart](chart.png)');
    const unknown = show('![x](nothing.png)', await deck());
    await waitFor(() => expect(unknown.querySelector('[data-rich-ready="true"]')).not.toBeNull());
    expect(unknown.querySelector('img')).toBeNull();
    expect(unknown.textContent).toBe('![x](nothing.png)');
  });
});

describe('sounds', () => {
  test('a play button plays the sound; R replays it; autoplay follows the setting', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
    setMediaPrefs({ autoplayFront: true });
    show('Hear it [sound:say.mp3]', await stored());
    const button = await screen.findByRole('button', { name: /Play sound/ });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await waitFor(() => expect(play).toHaveBeenCalledTimes(1)); // autoplay on the front
    fireEvent.click(button);
    expect(play).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(document.body, { key: 'r' });
    expect(play).toHaveBeenCalledTimes(3);
    expect(document.querySelector('audio')!.getAttribute('src')).toMatch(/^blob:/);
    setMediaPrefs({ autoplayFront: false });
  });
});

describe('math', () => {
  test('$…$ and $$…$$ render as <math> elements', async () => {
    const root = show('Area $\\pi r^2$ and $$\\frac{a}{b}$$', { format: 2 });
    await waitFor(() => expect(root.querySelectorAll('math')).toHaveLength(2));
    const [inline, display] = [...root.querySelectorAll('math')];
    expect(inline!.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML');
    expect(inline!.textContent).toContain('π');
    expect(display!.querySelector('mfrac')).not.toBeNull();
    expect(display!.getAttribute('display')).toBe('block');
  });

  test('money stays money', async () => {
    const root = show('It cost $5 and then $10.', { format: 2 });
    await waitFor(() => expect(root.querySelector('[data-rich-ready="true"]')).not.toBeNull());
    expect(root.querySelector('math')).toBeNull();
    expect(root.textContent).toBe('It cost $5 and then $10.');
  });

  test('invalid TeX shows its source and a short message, never a blank', async () => {
    const root = show('Broken $\\frac{1$ here', { format: 2 });
    await waitFor(() => expect(root.querySelector('.math-error')).not.toBeNull());
    expect(root.querySelector('.math-error code')!.textContent).toBe('$\\frac{1$');
    expect(root.querySelector('.math-error small')!.textContent).toMatch(/formula not shown: .+/);
  });

  test('format 1 text keeps its dollar signs as typed', async () => {
    const root = show('Say $x$', undefined);
    await waitFor(() => expect(root.querySelector('[data-rich-ready="true"]')).not.toBeNull());
    expect(root.querySelector('math')).toBeNull();
    expect(root.textContent).toBe('Say $x$');
  });
});

describe('XSS corpus: media and TeX', () => {
  const tex = [
    '\\href{javascript:alert(1)}{click}',
    '\\url{javascript:alert(1)}',
    '\\htmlClass{x}{y}',
    '\\style{background:url(javascript:alert(1))}{x}',
    '\\includegraphics{https://evil.example/x.png}',
    '\\text{<img src=x onerror=alert(1)>}',
    '\\mathrm{\\unicode{60}script\\unicode{62}}',
  ];
  test.each(tex)('TeX %j renders nothing executable', async (source) => {
    const root = show(`$${source}$`, { format: 2 });
    await waitFor(() => expect(root.querySelector('math, .math-error')).not.toBeNull());
    expectInert(root);
    expect(root.querySelector('a, img')).toBeNull();
    const direct = renderTex(source, false);
    if (direct.ok) {
      expect(direct.node.querySelectorAll('*').length).toBeGreaterThan(0);
      for (const el of [direct.node, ...direct.node.querySelectorAll('*')]) expect(el.getAttribute('href')).toBeNull();
    }
  });

  const alts = ['"><script>alert(1)</script>', "' onerror='alert(1)", '<img src=x onerror=alert(1)>', 'javascript:alert(1)'];
  test.each(alts)('an alt text %j is only ever text', async (alt) => {
    const root = show(`![${alt}](chart.png)`, await stored());
    await waitFor(() => expect(root.querySelector('img')).not.toBeNull());
    expectInert(root);
    expect(root.querySelectorAll('img')).toHaveLength(2); // the picture and its full-size view
    expect(root.querySelector('script')).toBeNull();
  });

  const names = ['../chart.png', 'javascript:alert(1).png', '"><svg onload=alert(1)>.png', 'chart.png"onerror="alert(1)'];
  test.each(names)('a media name %j the deck does not list loads nothing', async (name) => {
    const root = show(`![pic](${name}) [sound:${name}]`, await deck());
    await waitFor(() => expect(root.querySelector('[data-rich-ready="true"]')).not.toBeNull());
    expect(root.querySelector('img, audio')).toBeNull();
    expectInert(root);
  });
});
