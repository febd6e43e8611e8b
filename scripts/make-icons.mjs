#!/usr/bin/env node
// Renders the installers' icons from their SVG sources in build/ — run it after editing
// build/icon.svg or build/backup.svg, and commit what it writes:
//   build/icons/<N>x<N>.png   the Linux icon set (AppImage, deb), 16–512 px
//   build/icon.png            1024 px, the largest rendering
//   build/icon.ico            Windows (NSIS, the executable), 16–256 px
//   build/icon.icns           macOS (the app, the dmg), 16–1024 px
//   build/backup.ico|.icns    the icon of a `.tanoda` backup file (fileAssociations)
// electron-builder 26 uses files that are already in the target format as they are; handing it
// only an SVG or a PNG would make it fetch and run a converter at packaging time, which a
// machine without that download cannot do.
//
// The SVG is rasterised by Debian's Chromium through playwright-core (the browser the end-to-end
// tests use), with a transparent background. ICO and ICNS are written here: both are a short
// directory of PNG images (ICO since Windows Vista, ICNS since macOS 10.7), nothing to convert.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const build = fileURLToPath(new URL('../build/', import.meta.url));

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data, by pixel size (the @2x ones share a size with the next 1x).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];

/** An ICO file: a 6-byte header, one 16-byte entry per image, then the PNGs themselves. */
export function icoOf(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** An ICNS file: 'icns' and the total length, then per image its 4-character type, its length and the PNG. */
export function icnsOf(images) {
  const elements = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

async function rasteriser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage();
  const cache = new Map();
  async function render(svgFile, size) {
    const key = `${svgFile}@${size}`;
    if (!cache.has(key)) {
      const svg = readFileSync(join(build, svgFile)).toString('base64');
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${svg}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      cache.set(key, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return cache.get(key);
  }
  return { render, close: () => browser.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { render, close } = await rasteriser();
  try {
    mkdirSync(join(build, 'icons'), { recursive: true });
    for (const size of LINUX_SIZES) writeFileSync(join(build, 'icons', `${size}x${size}.png`), await render('icon.svg', size));
    writeFileSync(join(build, 'icon.png'), await render('icon.svg', 1024));
    for (const name of ['icon', 'backup']) {
      const ico = [];
      for (const size of ICO_SIZES) ico.push({ size, png: await render(`${name}.svg`, size) });
      writeFileSync(join(build, `${name}.ico`), icoOf(ico));
      const icns = [];
      for (const [type, size] of ICNS_TYPES) icns.push({ type, png: await render(`${name}.svg`, size) });
      writeFileSync(join(build, `${name}.icns`), icnsOf(icns));
    }
    console.log(`icons written to ${build}`);
  } finally {
    await close();
  }
}
