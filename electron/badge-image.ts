/**
 * Draws the Windows taskbar overlay badge: a red disc with the count in white ("9+" above nine),
 * as a 32x32 PNG for `nativeImage.createFromBuffer(png, { scaleFactor: 2 })` (16 px at 100 %).
 * Windows has no numeric badge API (macOS and Linux launchers get `app.setBadgeCount`), so the
 * number is drawn here with a 3x5 pixel font; pure Node, no image library, testable.
 */
import zlib from 'node:zlib';

export const BADGE_SIZE = 32;

// 3x5 glyphs, one string per row, '#' = ink.
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

/** The text on the badge: the count up to 9, then "9+". Empty for 0 (no badge). */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 9 ? '9+' : String(Math.floor(count));
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes straight RGBA pixels (row by row) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The badge's RGBA pixels (BADGE_SIZE x BADGE_SIZE), or null when there is nothing to show. */
export function badgePixels(count: number): Uint8Array | null {
  const text = badgeText(count);
  if (text === '') return null;
  const size = BADGE_SIZE;
  const pixels = new Uint8Array(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = Math.hypot(x - centre, y - centre) <= radius;
      if (inside) pixels.set([214, 40, 40, 255], (y * size + x) * 4);
    }
  }
  const scale = text.length === 1 ? 4 : 3;
  const glyphWidth = 3 * scale;
  const gap = scale;
  const textWidth = text.length * glyphWidth + (text.length - 1) * gap;
  const left = Math.round((size - textWidth) / 2);
  const top = Math.round((size - 5 * scale) / 2);
  [...text].forEach((char, index) => {
    const glyph = GLYPHS[char] ?? [];
    glyph.forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const x = left + index * (glyphWidth + gap) + gx * scale + dx;
            const y = top + gy * scale + dy;
            pixels.set([255, 255, 255, 255], (y * size + x) * 4);
          }
        }
      });
    });
  });
  return pixels;
}

/** The overlay badge as a PNG, or null for 0 (clear the overlay). */
export function badgePng(count: number): Buffer | null {
  const pixels = badgePixels(count);
  return pixels === null ? null : encodePng(BADGE_SIZE, BADGE_SIZE, pixels);
}
