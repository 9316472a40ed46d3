#!/usr/bin/env node
// Writes the add-in icons into assets/ (no image library needed: the PNG is encoded here with node:zlib):
//   icon-<size>.png    the add-in and its "CP Audit" (task pane) button and group: a green rounded square
//                      with "CP" in white; also the manifest's IconUrl (32) and HighResolutionIconUrl (64)
//   recalc-<size>.png  the "Recalculate" button (Application.calculate, src/commands): the same green
//                      square with a white clockwise refresh arrow, so the two buttons differ
//   logo-filled.png    300×300, the listing logo
// Sizes: every size of Microsoft's add-in command icon guidance, 16, 20, 24, 32, 40, 48, 64 and 80 px
// (Icon element of the add-in only manifest: 16, 32, 80 required, the five others supported; the Monoline
// guidelines: 16, 20 and 32 px are the absolutely required 100 % sizes). Each size is drawn at its own
// pixel grid, not scaled down from a large image.
// Run: node scripts/make-icons.mjs [outDir]   (default assets/; the PNGs are committed, and
// test/functions/manifest.test.ts checks that this script still writes exactly them)
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = process.argv[2] ?? join(root, "assets");

/** Icon sizes of the add-in command guidance (px). */
const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];

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

const GREEN = [16, 124, 65, 255]; // Excel green
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

/** The shared base: is pixel (x, y) inside the rounded square of an icon of `size` px? */
function roundedSquare(size) {
  const radius = Math.max(2, Math.round(size * 0.18));
  return (x, y) => {
    const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
    const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
    return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius * radius;
  };
}

/** "CP" in white on the green base (the add-in, its task-pane button and its ribbon group). */
function icon(size) {
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
  const inside = roundedSquare(size);
  return encodePng(size, (x, y) => (!inside(x, y) ? CLEAR : ink(x, y) ? WHITE : GREEN));
}

/**
 * A white clockwise refresh arrow on the same green base (the "Recalculate" button): a ring from
 * 2 o'clock round to 12 o'clock, with an arrowhead at 12 o'clock pointing right. Edges are
 * anti-aliased (4 × 4 samples per pixel, white blended over the green).
 */
function recalcIcon(size) {
  const inside = roundedSquare(size);
  const c = size / 2;
  const r = size * 0.26; // ring radius (centre line)
  const w = Math.max(1.75, size * 0.11); // stroke width
  const gapDeg = 80; // the ring is open from 12 o'clock clockwise to here
  const head = { half: w * 1.55, length: w * 1.9 }; // arrowhead: half its base, its length
  // arrowhead at 12 o'clock (x = c, y = c - r): base across the ring, tip towards +x (clockwise)
  const A = [c, c - r - head.half];
  const B = [c, c - r + head.half];
  const T = [c + head.length, c - r];
  const cross = (p, q, x, y) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const inHead = (x, y) => {
    const d1 = cross(A, B, x, y);
    const d2 = cross(B, T, x, y);
    const d3 = cross(T, A, x, y);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
  };
  const inRing = (x, y) => {
    const dx = x - c;
    const dy = y - c;
    if (Math.abs(Math.hypot(dx, dy) - r) > w / 2) return false;
    // angle clockwise from 12 o'clock, 0..360
    const deg = ((Math.atan2(dx, -dy) * 180) / Math.PI + 360) % 360;
    return deg >= gapDeg;
  };
  const N = 4;
  return encodePng(size, (x, y) => {
    if (!inside(x, y)) return CLEAR;
    let hits = 0;
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const sx = x + (i + 0.5) / N;
        const sy = y + (j + 0.5) / N;
        if (inRing(sx, sy) || inHead(sx, sy)) hits++;
      }
    const a = hits / (N * N);
    return [0, 1, 2].map((k) => Math.round(GREEN[k] + (WHITE[k] - GREEN[k]) * a)).concat(255);
  });
}

mkdirSync(outDir, { recursive: true });
for (const size of ICON_SIZES) {
  writeFileSync(join(outDir, `icon-${size}.png`), icon(size));
  writeFileSync(join(outDir, `recalc-${size}.png`), recalcIcon(size));
}
writeFileSync(join(outDir, "logo-filled.png"), icon(300));
console.log("icons written to", outDir);
