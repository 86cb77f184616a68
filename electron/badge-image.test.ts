import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BADGE_SIZE, badgePixels, badgePng, badgeText } from './badge-image';

/** Decodes the PNGs encodePng writes (8-bit RGBA, filter 0 on every row). */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, rgba };
}

const pixel = (rgba: Uint8Array, x: number, y: number) => [...rgba.subarray((y * BADGE_SIZE + x) * 4, (y * BADGE_SIZE + x) * 4 + 4)];

describe('taskbar badge image', () => {
  it('shows the count up to 9, then 9+, and nothing for zero', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-1)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(10)).toBe('9+');
    expect(badgePng(0)).toBeNull();
  });

  it('is a valid 32x32 PNG: a red disc, transparent corners, white digits', () => {
    const png = badgePng(3);
    expect(png).not.toBeNull();
    const { width, height, rgba } = decode(png as Buffer);
    expect([width, height]).toEqual([BADGE_SIZE, BADGE_SIZE]);
    expect(pixel(rgba, 0, 0)[3]).toBe(0);
    expect(pixel(rgba, 3, 16)).toEqual([214, 40, 40, 255]);
    const white = [...Array(BADGE_SIZE * BADGE_SIZE).keys()].filter((i) => rgba[i * 4] === 255 && rgba[i * 4 + 1] === 255).length;
    expect(white).toBeGreaterThan(40);
  });

  it('draws different counts differently and keeps the text inside the disc', () => {
    const one = badgePixels(1);
    const many = badgePixels(42);
    expect(one).not.toEqual(many);
    for (const pixels of [one, many, badgePixels(8)]) {
      for (let y = 0; y < BADGE_SIZE; y++) {
        for (let x = 0; x < BADGE_SIZE; x++) {
          const [r, g, , a] = pixel(pixels as Uint8Array, x, y);
          if (r === 255 && g === 255) expect(Math.hypot(x - 15.5, y - 15.5)).toBeLessThan(15);
          if (a === 0) expect(Math.hypot(x - 15.5, y - 15.5)).toBeGreaterThan(14);
        }
      }
    }
  });
});
