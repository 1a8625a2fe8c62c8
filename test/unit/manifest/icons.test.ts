import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../../src/cli/make-icons.ts';
import { iconProblems } from '../../../src/cli/package-app.ts';
import { MANIFEST_DIR } from './helpers.ts';

const read = (name: string) => PNG.sync.read(readFileSync(join(MANIFEST_DIR, name)));
const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

describe('Haven icons (manifest/*.png)', () => {
  it('colour icon is 192×192, fully opaque, teal with a white mark', () => {
    const png = read('color.png');
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    const colours = new Set<string>();
    let white = 0;
    for (let i = 0; i < 192 * 192; i++) {
      const [r, g, b, a] = pixel(png, i % 192, Math.floor(i / 192));
      assert.equal(a, 255, 'opaque');
      colours.add(`${r},${g},${b}`);
      if (r === 255 && g === 255 && b === 255) white++;
    }
    const [r, g, b] = pixel(png, 4, 4);
    assert.ok(g! > r! + 80 && b! > r! + 80, `teal background, got rgb(${r}, ${g}, ${b})`);
    // A deliberate mark, not noise: a solid white shape covering a sensible share of the icon.
    assert.ok(white > 192 * 192 * 0.08 && white < 192 * 192 * 0.4, `white share ${white / (192 * 192)}`);
    assert.deepEqual(pixel(png, 96, 130), [255, 255, 255, 255], 'the heart fills the middle');
    assert.deepEqual(iconProblems('color', 'color.png', readFileSync(join(MANIFEST_DIR, 'color.png'))), []);
  });

  it('outline icon is 32×32, white on a fully transparent background', () => {
    const png = read('outline.png');
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    let visible = 0;
    for (let i = 0; i < 32 * 32; i++) {
      const [r, g, b, a] = pixel(png, i % 32, Math.floor(i / 32));
      if (a! > 0) {
        visible++;
        assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i} is white`);
      }
    }
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ] as const)
      assert.equal(pixel(png, x, y)[3], 0, 'corners are transparent');
    assert.ok(visible > 100 && visible < 600, `visible pixels ${visible}`);
    assert.deepEqual(iconProblems('outline', 'outline.png', readFileSync(join(MANIFEST_DIR, 'outline.png'))), []);
  });

  it('the committed icons are what src/cli/make-icons.ts draws', () => {
    assert.ok(Buffer.from(drawColorIcon().data).equals(Buffer.from(read('color.png').data)), 'color.png is up to date');
    assert.ok(Buffer.from(drawOutlineIcon().data).equals(Buffer.from(read('outline.png').data)), 'outline.png is up to date');
  });

  it('the icon check refuses wrong sizes, colour in the outline, no transparency and non-PNG data', () => {
    const solid = (width: number, rgba: number[]) => {
      const png = new PNG({ width, height: width });
      for (let i = 0; i < width * width; i++) png.data.set(rgba, i * 4);
      return PNG.sync.write(png);
    };
    assert.match(iconProblems('color', 'c.png', solid(32, [0, 128, 128, 255])).join(), /must be 192×192 pixels \(it is 32×32\)/);
    assert.match(iconProblems('outline', 'o.png', solid(192, [255, 255, 255, 0])).join(), /must be 32×32 pixels/);
    assert.match(iconProblems('outline', 'o.png', solid(32, [255, 255, 255, 255])).join(), /must have a transparent background/);
    assert.match(iconProblems('outline', 'o.png', solid(32, [255, 255, 255, 0])).join(), /is empty/);

    const tinted = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'outline.png')));
    const i = tinted.data.findIndex((v, idx) => idx % 4 === 3 && v === 255) - 3;
    tinted.data.set([200, 255, 255, 255], i);
    assert.match(
      iconProblems('outline', 'o.png', PNG.sync.write(tinted)).join(),
      /1 visible pixel\(s\) are not white \(first at x=\d+, y=\d+: rgb\(200, 255, 255\)\)/,
    );
    assert.match(iconProblems('color', 'c.png', Buffer.from('GIF89a')).join(), /is not a readable PNG/);
  });
});
