import { crc32, deflateSync } from 'node:zlib';

/**
 * The app's two icons, drawn in code so the package needs no binary files: a 192×192 colour icon (white "V"
 * on the accent colour) and a 32×32 outline icon (white "V" on transparent), as Teams asks.
 */
export const ACCENT_COLOR = '#1F4E8C';

type Rgba = [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    const offset = y * (size * 4 + 1);
    rows[offset] = 0; // filter: none
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      rows.set([r, g, b, a], offset + 1 + x * 4);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether a point (in 0..1 units) lies on the "V". */
function onV(u: number, v: number, stroke: number): boolean {
  return (
    distanceToSegment(u, v, 0.25, 0.25, 0.5, 0.75) <= stroke ||
    distanceToSegment(u, v, 0.75, 0.25, 0.5, 0.75) <= stroke
  );
}

function hex(color: string): [number, number, number] {
  const value = Number.parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export function colorIcon(accent = ACCENT_COLOR): Buffer {
  const [r, g, b] = hex(accent);
  return png(192, (x, y) =>
    onV((x + 0.5) / 192, (y + 0.5) / 192, 0.07) ? [255, 255, 255, 255] : [r, g, b, 255],
  );
}

export function outlineIcon(): Buffer {
  return png(32, (x, y) => (onV((x + 0.5) / 32, (y + 0.5) / 32, 0.08) ? [255, 255, 255, 255] : [0, 0, 0, 0]));
}
