import { describe, expect, test } from 'vitest';
import { render, screen, waitFor, configure } from '@testing-library/preact';
import { RichText, hasMarkdown } from '../../../src/ui/RichText';
import { safeHref } from '../../../src/ui/rich-render';

// The machine running the suite may be busy: give IndexedDB and lazy chunks time.
configure({ asyncUtilTimeout: 5000 });

async function renderRich(text: string, inline = false) {
  const { container } = render(<RichText text={text} inline={inline} />);
  await waitFor(() => expect(container.querySelector('[data-rich-ready="true"]')).not.toBeNull());
  return container;
}

/** Nothing in the rendered tree can run script or load anything. */
function expectInert(root: Element) {
  expect(root.querySelectorAll('script, img, svg, iframe, object, embed, style, form, input').length).toBe(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on')).toBe(false);
      expect(attr.value.replace(/\s/g, '').toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
    }
  }
  for (const a of root.querySelectorAll('a')) {
    expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
  }
}

describe('RichText', () => {
  test('plain text renders at once as a paragraph', () => {
    const { container } = render(<RichText text="China saw chip access as leverage." />);
    expect(container.querySelector('p')?.textContent).toBe('China saw chip access as leverage.');
    expect(container.querySelector('[data-rich-ready="true"]')).not.toBeNull();
  });

  test('emphasis, strong, code and line breaks become elements', async () => {
    const root = await renderRich('Some *em* and **strong** with `a<b>`\nsecond line');
    expect(root.querySelector('em')?.textContent).toBe('em');
    expect(root.querySelector('strong')?.textContent).toBe('strong');
    expect(root.querySelector('code')?.textContent).toBe('a<b>');
    expect(root.querySelector('br')).not.toBeNull();
  });

  test('lists render as lists, inline markup inside items', async () => {
    const root = await renderRich('Two points:\n\n- first *one*\n- second\n\n1. a\n2. b');
    expect(screen.getAllByRole('list')).toHaveLength(2);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['first one', 'second', 'a', 'b']);
    expect(root.querySelector('li em')?.textContent).toBe('one');
  });

  test('outside links open in a new tab without an opener', async () => {
    await renderRich('See [the article](https://example.com/a) or mail <mailto:x@example.com>');
    const link = screen.getByRole('link', { name: 'the article' });
    expect(link.getAttribute('href')).toBe('https://example.com/a');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  test('character references show as characters, never as markup', async () => {
    const root = await renderRich('R&amp;D &lt;b&gt;not bold&lt;/b&gt; *x*');
    expect(root.textContent).toContain('R&D <b>not bold</b>');
    expect(root.querySelector('b')).toBeNull();
  });

  test('a reference named like an Object property stays as typed', async () => {
    const root = await renderRich('&constructor; &toString; &valueOf; &amp;');
    expect(root.textContent).toContain('&constructor; &toString; &valueOf; &');
  });

  test('inline mode renders no paragraphs', async () => {
    const root = await renderRich('**Yes**, it is', true);
    expect(root.querySelector('p')).toBeNull();
    expect(root.querySelector('strong')?.textContent).toBe('Yes');
  });

  const payloads = [
    '<script>alert(1)</script>',
    'before <script>document.title="x"</script> after *em*',
    '<img src=x onerror="alert(1)">',
    '<svg onload=alert(1)><circle/></svg>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '<a href="javascript:alert(1)">click</a>',
    '![img](https://example.com/x.png)',
    '![x](x" onerror="alert(1))',
    '<iframe src="https://example.com"></iframe>',
    '[ref]\n\n[ref]: javascript:alert(1)',
    '<https://ok.example/ "onmouseover=alert(1)">',
    '<style>body{display:none}</style>',
    '`<script>alert(1)</script>`',
    '- <img src=x onerror=alert(1)>\n- **<svg onload=alert(1)>**',
  ];

  test.each(payloads)('nothing executable reaches the DOM: %j', async (payload) => {
    const root = await renderRich(payload);
    expectInert(root);
    const inlineRoot = await renderRich(payload, true);
    expectInert(inlineRoot);
  });

  test('a javascript: link keeps its text but loses the link', async () => {
    const root = await renderRich('[click me](javascript:alert(1))');
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toContain('click me');
  });

  test('raw HTML is shown as the characters typed', async () => {
    const root = await renderRich('<img src=x onerror=alert(1)>');
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('helpers', () => {
  test('hasMarkdown spots syntax and leaves plain sentences alone', () => {
    expect(hasMarkdown('A plain sentence, with commas.')).toBe(false);
    expect(hasMarkdown('a *b*')).toBe(true);
    expect(hasMarkdown('- item')).toBe(true);
    expect(hasMarkdown('see https://x.org')).toBe(true);
  });

  test('safeHref allows only http(s) and mailto', () => {
    expect(safeHref('https://a.org/x')).toBe('https://a.org/x');
    expect(safeHref('mailto:a@b.org')).toBe('mailto:a@b.org');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
  });
});
