/**
 * Draws the app icon, build/icon.png (1024 × 1024, RGBA): two funding lines drifting apart on
 * the terminal's dark ground. electron-builder makes the macOS .icns and the Windows .ico from
 * it. Run `node build/icon.ts` after changing the drawing; the PNG is committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
type Rgb = [number, number, number];
const GROUND: Rgb = [11, 14, 19];
const LINES: Array<{ colour: Rgb; points: Array<[number, number]> }> = [
  { colour: [63, 185, 80], points: [[180, 600], [360, 520], [520, 560], [700, 380], [850, 300]] },
  { colour: [248, 81, 73], points: [[180, 640], [360, 690], [520, 650], [700, 760], [850, 800]] },
];
const LINE_HALF_WIDTH = 34;
const CORNER = 200;

function distanceToSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

/** Coverage of the rounded square at a pixel, anti-aliased over one pixel. */
function groundAlpha(x: number, y: number): number {
  const cx = Math.max(CORNER, Math.min(SIZE - CORNER, x));
  const cy = Math.max(CORNER, Math.min(SIZE - CORNER, y));
  return Math.max(0, Math.min(1, CORNER - Math.hypot(x - cx, y - cy) + 0.5));
}

function pixel(x: number, y: number): [number, number, number, number] {
  let colour: Rgb = GROUND;
  for (const line of LINES) {
    const d = Math.min(...line.points.slice(1).map((p, i) => distanceToSegment(x, y, line.points[i], p)));
    const cover = Math.max(0, Math.min(1, LINE_HALF_WIDTH - d + 0.5));
    colour = colour.map((c, i) => Math.round(c * (1 - cover) + line.colour[i] * cover)) as Rgb;
  }
  return [...colour, Math.round(255 * groundAlpha(x + 0.5, y + 0.5))];
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

export function iconPng(): Buffer {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) rows.set(pixel(x, y), y * (SIZE * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (import.meta.main) {
  writeFileSync(new URL('icon.png', import.meta.url), iconPng());
  console.log('wrote build/icon.png');
}
