/**
 * Renders the app icons from the one source mark, `public/icon.svg`, with Debian's Chromium
 * (playwright-core): the manifest icons (192, 512), a maskable 512 whose mark sits inside the
 * safe zone, the apple-touch-icon (180, opaque: iOS fills transparency with black), a 96 px icon
 * for shortcuts and `favicon.ico` (16 + 32). Run `npx tsx scripts/icons.ts` after editing the SVG
 * and commit the PNGs; the build only copies them.
 */
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/browser';

const PUBLIC = resolve(import.meta.dirname, '..', 'public');
/** Fills the maskable icon's bleed area; the same blue as the mark's own background. */
const ACCENT = '#1f5fbf';

interface Target {
  file: string;
  size: number;
  /** Fraction of the canvas the mark covers (centred). */
  scale: number;
  /** Background behind the mark, or transparent. */
  background?: string;
  icoOnly?: boolean;
}

const TARGETS: Target[] = [
  { file: 'icon-192.png', size: 192, scale: 1 },
  { file: 'icon-512.png', size: 512, scale: 1 },
  // Maskable: launchers crop to a circle of 80% diameter, so the mark shrinks to fit in it
  // and the blue runs to the edges.
  { file: 'icon-maskable-512.png', size: 512, scale: 0.8, background: ACCENT },
  { file: 'apple-touch-icon.png', size: 180, scale: 0.86, background: ACCENT },
  { file: 'icon-96.png', size: 96, scale: 1 },
  // Only packed into favicon.ico, not written on their own.
  { file: 'favicon-32.png', size: 32, scale: 1, icoOnly: true },
  { file: 'favicon-16.png', size: 16, scale: 1, icoOnly: true },
];

/** An ICO file holding PNG images (supported by every current browser and OS). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

async function main() {
  const svg = readFileSync(resolve(PUBLIC, 'icon.svg'), 'utf8');
  if (!svg.includes('<svg')) throw new Error('public/icon.svg: is not an SVG document');
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const rendered = new Map<string, Buffer>();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const t of TARGETS) {
      await page.setViewportSize({ width: t.size, height: t.size });
      const inner = Math.round(t.size * t.scale);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;width:${t.size}px;height:${t.size}px;display:grid;place-items:center;background:${t.background ?? 'transparent'}">` +
          `<img src="${dataUrl}" width="${inner}" height="${inner}" alt=""></body></html>`,
      );
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({ omitBackground: !t.background, clip: { x: 0, y: 0, width: t.size, height: t.size } });
      rendered.set(t.file, png);
      if (t.icoOnly) continue;
      writeFileSync(resolve(PUBLIC, t.file), png);
      console.log(`public/${t.file}  ${t.size}x${t.size}  ${png.length} bytes`);
    }
  } finally {
    await browser.close();
  }
  const favicon = ico([
    { size: 16, png: rendered.get('favicon-16.png')! },
    { size: 32, png: rendered.get('favicon-32.png')! },
  ]);
  writeFileSync(resolve(PUBLIC, 'favicon.ico'), favicon);
  console.log(`public/favicon.ico  16+32  ${favicon.length} bytes`);
}

main().catch((err: Error) => {
  console.error(`icons: ${err.message}`);
  process.exit(1);
});
