// @vitest-environment node
/**
 * One type scale and one spacing rhythm: every stylesheet takes its font sizes and its margins,
 * paddings and gaps from the tokens in src/ui/global.css, never from ad-hoc values.
 */
import { expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '..', '..', '..', 'src');
const sheets = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.css')).map((f) => join(SRC, f));
const tokens = readFileSync(join(SRC, 'ui', 'global.css'), 'utf8');

/** Every `selector { … prop: value … }` declaration of a sheet, comments dropped. */
function declarations(css: string): { selector: string; prop: string; value: string }[] {
  const out: { selector: string; prop: string; value: string }[] = [];
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const block of plain.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    for (const d of block[2]!.split(';')) {
      const m = /^\s*([a-z-]+)\s*:\s*([\s\S]+?)\s*$/.exec(d);
      if (m) out.push({ selector: block[1]!.trim(), prop: m[1]!, value: m[2]! });
    }
  }
  return out;
}

test('the scale and the rhythm are defined once, in ascending steps', () => {
  const sizes = [...tokens.matchAll(/--fs-(\w+): ([0-9.]+)rem/g)].map((m) => Number(m[2]));
  const spaces = [...tokens.matchAll(/--sp-(\d): ([0-9.]+)rem/g)].map((m) => Number(m[2]));
  expect(sizes.length).toBeGreaterThanOrEqual(5);
  expect(spaces.length).toBeGreaterThanOrEqual(5);
  expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  expect(spaces).toEqual([...spaces].sort((a, b) => a - b));
  // Quarter-rem steps: the rhythm stays on a 4 px grid at the default text size.
  for (const s of spaces) expect((s * 4) % 1, `${s}rem`).toBe(0);
});

test('every font size comes from the type scale', () => {
  const stray: string[] = [];
  for (const file of sheets) {
    for (const d of declarations(readFileSync(file, 'utf8'))) {
      if (d.prop !== 'font-size' || /^(inherit|var\(--fs-\w+\)|min\(var\(--fs-\w+\), [0-9.]+vw\))$/.test(d.value)) continue;
      // Chart labels are in the SVG's own units, which scale with the chart: rem would scale them twice.
      if (/\.axis$/.test(d.selector) && /^\d+px$/.test(d.value)) continue;
      stray.push(`${relative(SRC, file)}: ${d.selector} { font-size: ${d.value} }`);
    }
  }
  expect(stray).toEqual([]);
});

test('every margin, padding and gap comes from the spacing rhythm', () => {
  const stray: string[] = [];
  for (const file of sheets) {
    for (const d of declarations(readFileSync(file, 'utf8'))) {
      if (!/^(margin|padding|gap|row-gap|column-gap)(-[a-z]+)?$/.test(d.prop) || d.prop.startsWith('--')) continue;
      // Left after the tokens: zeros, auto, hairline pixels, safe-area insets and calc() around them.
      const rest = d.value.replace(/var\(--[\w-]+\)|env\([\w-]+\)|\b0\b|auto|!important|\b\d+px\b|calc|[-+()\s]/g, '');
      if (rest) stray.push(`${relative(SRC, file)}: ${d.selector} { ${d.prop}: ${d.value} }`);
    }
  }
  expect(stray).toEqual([]);
});
