/**
 * Draws the two Teams app icons pixel by pixel and writes them next to this file:
 *   color.png   192×192, a teal rounded square with a white house
 *   outline.png  32×32, the same house in white on a transparent background
 * Run once with `npx tsx manifest/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng, type RgbaImage } from './png.js';

/** The app's accent colour (manifest `accentColor`), also the colour icon's background. */
export const TEAL = { r: 0x00, g: 0x79, b: 0x6b } as const;

/** A shape in unit coordinates: (0,0) is the top-left corner of the icon, (1,1) the bottom-right. */
type Shape = (x: number, y: number) => boolean;

const SUPERSAMPLING = 4;

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number): number =>
    (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
  };
}

function rectangle(left: number, top: number, right: number, bottom: number): Shape {
  return (x, y) => x >= left && x <= right && y >= top && y <= bottom;
}

function roundedSquare(radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
    const dy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
    return dx * dx + dy * dy <= radius * radius;
  };
}

/** A house: a roof, a body and a door cut out of the body. `inset` shrinks it towards the centre. */
function house(inset: number): Shape {
  const s = (v: number): number => 0.5 + (v - 0.5) * (1 - inset);
  const roof = triangle(s(0.5), s(0.16), s(0.1), s(0.5), s(0.9), s(0.5));
  const body = rectangle(s(0.22), s(0.46), s(0.78), s(0.86));
  const door = rectangle(s(0.42), s(0.6), s(0.58), s(0.86));
  return (x, y) => (roof(x, y) || body(x, y)) && !door(x, y);
}

/** The fraction (0..1) of a pixel that a shape covers, sampled on a SUPERSAMPLING² grid. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  let inside = 0;
  for (let i = 0; i < SUPERSAMPLING; i++) {
    for (let j = 0; j < SUPERSAMPLING; j++) {
      const x = (px + (i + 0.5) / SUPERSAMPLING) / size;
      const y = (py + (j + 0.5) / SUPERSAMPLING) / size;
      if (shape(x, y)) inside++;
    }
  }
  return inside / (SUPERSAMPLING * SUPERSAMPLING);
}

function draw(size: number, paint: (px: number, py: number) => [number, number, number, number]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      pixels.set(paint(px, py), (py * size + px) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

/** 192×192 full-colour icon: teal rounded square, white house. */
export function drawColorIcon(): RgbaImage {
  const size = 192;
  const background = roundedSquare(0.2);
  const glyph = house(0.4);
  return draw(size, (px, py) => {
    const alpha = coverage(background, px, py, size);
    if (alpha === 0) return [0, 0, 0, 0];
    const white = coverage(glyph, px, py, size);
    const mix = (channel: number): number => Math.round(channel + (255 - channel) * white);
    return [mix(TEAL.r), mix(TEAL.g), mix(TEAL.b), Math.round(alpha * 255)];
  });
}

/** 32×32 outline icon: only white pixels (with alpha) and fully transparent ones, as Teams requires. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const glyph = house(0.12);
  return draw(size, (px, py) => {
    const alpha = Math.round(coverage(glyph, px, py, size) * 255);
    return alpha === 0 ? [0, 0, 0, 0] : [255, 255, 255, alpha];
  });
}

export const ICON_FILES = {
  'color.png': drawColorIcon,
  'outline.png': drawOutlineIcon,
} as const;

function main(): void {
  const dir = import.meta.dirname;
  for (const [name, drawIcon] of Object.entries(ICON_FILES)) {
    const path = resolve(dir, name);
    writeFileSync(path, encodePng(drawIcon()));
    console.log(`wrote ${path}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
