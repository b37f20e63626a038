#!/usr/bin/env node
// Renders Jiyn's PNG app icons from SVG with Debian's Chromium (playwright-core).
//
//   node scripts/make-icons.mjs
//
// Run by hand when the design changes; the PNGs in public/icons/ are checked in.
// Needs the npm packages in tests/e2e (scripts/setup.sh installs them).
//
// Designs:
//   - "any": public/favicon.svg as it is (teal rounded square, transparent corners,
//     yellow centre, white dots around it);
//   - "maskable": the same content on a full-bleed teal square, scaled down so that
//     everything lies well inside the maskable safe zone (a centred circle whose
//     radius is 40% of the icon size). The outermost dot reaches 24/64 of the size
//     from the centre in the favicon; scaled by 0.8 it reaches 19.2/64 = 30%.
//     The Apple touch icon uses this design too (iOS rounds the corners itself and
//     shows transparency as black).

import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser } from '../tests/e2e/lib/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC = path.join(ROOT, 'public');
const OUT = path.join(PUBLIC, 'icons');

const TEAL = '#0b5d6b';
const MASKABLE_SCALE = 0.8;

/** The favicon's drawing without its background square (64 × 64 user units). */
function contentOf(faviconSvg) {
  const inner = faviconSvg
    .replace(/^[\s\S]*?<svg[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/<rect[^>]*\/>/, '');
  if (inner.includes('<rect')) throw new Error('favicon.svg: expected exactly one background <rect>');
  return inner;
}

function anySvg(faviconSvg) {
  return faviconSvg;
}

function maskableSvg(faviconSvg) {
  const s = MASKABLE_SCALE;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    `<rect width="64" height="64" fill="${TEAL}"/>` +
    `<g transform="translate(32 32) scale(${s}) translate(-32 -32)">${contentOf(faviconSvg)}</g>` +
    '</svg>'
  );
}

const ICONS = [
  { file: 'icon-192.png', size: 192, svg: anySvg },
  { file: 'icon-512.png', size: 512, svg: anySvg },
  { file: 'maskable-512.png', size: 512, svg: maskableSvg },
  { file: 'apple-touch-icon-180.png', size: 180, svg: maskableSvg },
];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  const signature = '89504e470d0a1a0a';
  if (buf.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

async function main() {
  const favicon = await fsp.readFile(path.join(PUBLIC, 'favicon.svg'), 'utf8');
  await fsp.mkdir(OUT, { recursive: true });
  const session = await launchBrowser({ viewport: { width: 512, height: 512 } });
  try {
    const { page } = session;
    for (const icon of ICONS) {
      const svg = icon.svg(favicon).replace(
        '<svg ',
        `<svg width="${icon.size}" height="${icon.size}" style="display:block" `,
      );
      await page.setViewportSize({ width: icon.size, height: icon.size });
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;background:transparent}</style></head>` +
          `<body>${svg}</body></html>`,
      );
      const file = path.join(OUT, icon.file);
      await page.screenshot({
        path: file,
        omitBackground: true,
        clip: { x: 0, y: 0, width: icon.size, height: icon.size },
      });
      const { width, height } = pngSize(await fsp.readFile(file));
      if (width !== icon.size || height !== icon.size) {
        throw new Error(`${icon.file}: rendered ${width}x${height}, expected ${icon.size}x${icon.size}`);
      }
      console.log(`make-icons: ${path.relative(ROOT, file)} ${width}x${height}`);
    }
    if (session.consoleErrors.length > 0) throw new Error(session.consoleErrors.join('\n'));
  } finally {
    await session.close();
  }
}

main().catch((err) => {
  console.error(`make-icons: ${err.stack || err.message}`);
  process.exit(1);
});
