// Draws build/icon.png (512x512 RGBA): a rounded indigo square, a white star ("Astral") and two
// running-track lanes; and the tray / menu-bar icons in build/tray/ (scripts/build-electron.mjs
// copies them next to main.cjs): tray.png + tray@2x.png (the same picture at 16/32 px, Windows and
// Linux) and trayTemplate.png + trayTemplate@2x.png (a black star silhouette: macOS template images
// follow the menu bar's colours). Pure Node (zlib), no downloads; rerun with `node build/make-icon.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedSquare(x, y) {
  const margin = 24;
  const radius = 96;
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin && dx * dx + dy * dy <= radius * radius;
}

const STAR = (() => {
  const [cx, cy, outer, inner] = [256, 200, 130, 55];
  return Array.from({ length: 10 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? outer : inner;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
  });
})();

function insideStar(x, y) {
  let inside = false;
  for (let i = 0, j = STAR.length - 1; i < STAR.length; j = i++) {
    const [xi, yi] = STAR[i];
    const [xj, yj] = STAR[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onLane(x, y) {
  const distance = Math.hypot(x - 256, y - 700);
  return y > 300 && [(d) => d > 300 && d < 322, (d) => d > 352 && d < 374].some((lane) => lane(distance));
}

function shade(x, y) {
  if (!insideRoundedSquare(x, y)) return [0, 0, 0, 0];
  if (insideStar(x, y)) return [255, 255, 255, 255];
  if (onLane(x, y)) return [255, 176, 64, 255];
  const t = y / SIZE;
  return [Math.round(30 + 29 * t), Math.round(42 + 49 * t), Math.round(120 + 99 * t), 255];
}

/** Renders `shadeFn` (defined on the 512 px canvas) at `size` px with 4x4 supersampling. */
function render(size, shadeFn) {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = SIZE / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = shadeFn((x + (sx + 0.5) / SAMPLES) * scale, (y + (sy + 0.5) / SAMPLES) * scale);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const offset = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = sum[3] === 0 ? 0 : Math.round(sum[c] / sum[3]);
      pixels[offset + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(size, size, pixels);
}

// The template star is drawn a little larger (centred on the whole canvas) to read at 16 px.
const templateShade = (x, y) => (insideStar(256 + (x - 256) * 0.62, 200 + (y - 270) * 0.62) ? [0, 0, 0, 255] : [0, 0, 0, 0]);

const dir = path.dirname(fileURLToPath(import.meta.url));
const outputs = [
  ['icon.png', render(SIZE, shade)],
  ['tray/tray.png', render(16, shade)],
  ['tray/tray@2x.png', render(32, shade)],
  ['tray/trayTemplate.png', render(16, templateShade)],
  ['tray/trayTemplate@2x.png', render(32, templateShade)],
];
mkdirSync(path.join(dir, 'tray'), { recursive: true });
for (const [name, png] of outputs) {
  writeFileSync(path.join(dir, name), png);
  console.log(`wrote build/${name}`);
}
