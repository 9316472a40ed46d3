#!/usr/bin/env node
// Writes the add-in icons assets/icon-{16,32,64,80}.png (and logo-filled.png, 300×300): a green rounded
// square with "CP" in white. No image library needed: the PNG is encoded here with node:zlib.
// Run: node scripts/make-icons.mjs   (the PNGs are committed; rerun only to change the design)
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "assets");

// 5×7 glyphs, '#' = ink.
const GLYPHS = {
  C: [" ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### "],
  P: ["#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "],
};

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function encodePng(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function icon(size) {
  const radius = Math.max(2, Math.round(size * 0.18));
  const green = [16, 124, 65, 255]; // Excel green
  const white = [255, 255, 255, 255];
  const clear = [0, 0, 0, 0];
  // Text block: "C P" = 5 + 1 + 5 columns, 7 rows; scale to ~70 % of the width.
  const cols = 11;
  const rows = 7;
  const scale = Math.max(1, Math.floor((size * 0.72) / cols));
  const textW = cols * scale;
  const textH = rows * scale;
  const ox = Math.floor((size - textW) / 2);
  const oy = Math.floor((size - textH) / 2);
  const ink = (x, y) => {
    const gx = Math.floor((x - ox) / scale);
    const gy = Math.floor((y - oy) / scale);
    if (gx < 0 || gy < 0 || gx >= cols || gy >= rows || x < ox || y < oy) return false;
    if (gx < 5) return GLYPHS.C[gy][gx] === "#";
    if (gx === 5) return false;
    return GLYPHS.P[gy][gx - 6] === "#";
  };
  const inside = (x, y) => {
    const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
    const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
    return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius * radius;
  };
  return encodePng(size, (x, y) => (!inside(x, y) ? clear : ink(x, y) ? white : green));
}

mkdirSync(outDir, { recursive: true });
for (const size of [16, 32, 64, 80]) writeFileSync(join(outDir, `icon-${size}.png`), icon(size));
writeFileSync(join(outDir, "logo-filled.png"), icon(300));
console.log("icons written to", outDir);
