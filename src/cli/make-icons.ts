// npm run package uses the committed icons; this script is how they were drawn. Regenerate them with
//   node --import tsx src/cli/make-icons.ts [DIR]      (default: manifest/)
//
// Haven's mark: a roof sheltering a heart. The colour icon is the mark in white on a calm teal square
// (192×192); the outline icon is the same mark in pure white on a fully transparent background
// (32×32), as Teams requires. Shapes are described geometrically and rendered with supersampling, so
// edges are smooth and the output is the same on every machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/** The colour icon's background, top and bottom of a gentle vertical gradient; also the manifest's accentColor. */
export const TEAL_TOP = [0x1b, 0x8f, 0x88] as const;
export const TEAL_BOTTOM = [0x0e, 0x6b, 0x66] as const;
export const ACCENT_COLOR = '#127C76';

type Point = readonly [number, number];

// The mark, in a unit square (y downwards). Roof: a thick chevron with rounded ends and apex.
const ROOF: readonly Point[] = [
  [0.17, 0.53],
  [0.5, 0.23],
  [0.83, 0.53],
];
const ROOF_WIDTH = 0.09;
// Heart: the implicit curve (x² + y² − 1)³ − x²y³ ≤ 0 (y upwards), spanning x ∈ ±1.14, y ∈ [−1, 1.24].
const HEART_CENTRE: Point = [0.5, 0.655];
const HEART_SCALE = 0.15;

function distanceToSegment(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inRoof(u: number, v: number): boolean {
  for (let i = 1; i < ROOF.length; i++) {
    if (distanceToSegment(u, v, ROOF[i - 1]!, ROOF[i]!) <= ROOF_WIDTH / 2) return true;
  }
  return false;
}

function inHeart(u: number, v: number): boolean {
  // Centre the curve's vertical extent (−1 … 1.24) on HEART_CENTRE.
  const x = (u - HEART_CENTRE[0]) / HEART_SCALE;
  const y = -(v - HEART_CENTRE[1]) / HEART_SCALE + 0.12;
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}

/** Whether a point of the unit square (y downwards) is inside Haven's mark. */
export function inMark(u: number, v: number): boolean {
  return inRoof(u, v) || inHeart(u, v);
}

/**
 * Fraction of each pixel covered by the mark, sampled on a grid of samples×samples points per pixel.
 * `zoom` enlarges the mark about the centre (the small outline icon needs less margin).
 */
export function markCoverage(size: number, samples: number, zoom: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (inMark(0.5 + (x - 0.5) / zoom, 0.5 + (y - 0.5) / zoom)) hits++;
        }
      }
      out[py * size + px] = hits / (samples * samples);
    }
  }
  return out;
}

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/** 192×192, fully opaque: the white mark on a teal gradient. */
export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const cover = markCoverage(size, 6, 1);
  for (let y = 0; y < size; y++) {
    const t = y / (size - 1);
    const bg = [mix(TEAL_TOP[0], TEAL_BOTTOM[0], t), mix(TEAL_TOP[1], TEAL_BOTTOM[1], t), mix(TEAL_TOP[2], TEAL_BOTTOM[2], t)];
    for (let x = 0; x < size; x++) {
      const c = cover[y * size + x]!;
      const i = (y * size + x) * 4;
      png.data[i] = mix(bg[0]!, 255, c);
      png.data[i + 1] = mix(bg[1]!, 255, c);
      png.data[i + 2] = mix(bg[2]!, 255, c);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32×32: the mark in pure white, anti-aliased through alpha only, on a fully transparent background. */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const cover = markCoverage(size, 8, 1.2);
  for (let i = 0; i < size * size; i++) {
    const alpha = Math.round(cover[i]! * 255);
    png.data[i * 4] = 255;
    png.data[i * 4 + 1] = 255;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = alpha;
  }
  return png;
}

export function writeIcons(dir: string): { color: string; outline: string } {
  mkdirSync(dir, { recursive: true });
  const color = join(dir, 'color.png');
  const outline = join(dir, 'outline.png');
  writeFileSync(color, PNG.sync.write(drawColorIcon()));
  writeFileSync(outline, PNG.sync.write(drawOutlineIcon()));
  return { color, outline };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'manifest');
  const written = writeIcons(dir);
  process.stdout.write(`Wrote ${written.color} and ${written.outline}\n`);
}
