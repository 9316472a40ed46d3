/**
 * Cell-level helpers of the Office.js writer: which strings need the text format, and grouping of
 * scattered cells into a few rectangles so that a format is set once per block, not once per cell.
 */
import type { CellModel, RangeRef, SheetModel } from "../../worksheets/model";

/**
 * True when Excel would not keep `s` as the literal text if it were typed into a General cell:
 * a leading "=", "+", "-" or "@" (formula), an error literal ("#N/A"), TRUE/FALSE, or any ASCII
 * string holding a digit (numbers "1e5", percentages "12%", dates "2024-05-01", times "8:30",
 * fractions "1/2"). Such strings get the number format "@" before they are written
 * (engineering guide §6), so the model's "a string value is always text" holds in Excel too.
 * Deliberately wide: a false positive only costs a Text format on a text cell.
 */
export function needsTextFormat(s: string): boolean {
  if (s === "") return false;
  if (/^[=+\-@]/.test(s)) return true;
  const t = s.trim();
  if (t.startsWith("#")) return true;
  if (/^(true|false)$/i.test(t)) return true;
  return /\d/.test(t) && /^[\x20-\x7e]*$/.test(t);
}

/** Bounding box (0-based, inclusive) of a sheet's cells; null when the sheet has no cells. */
export function boundingBox(cells: readonly { row: number; col: number }[]): RangeRef | null {
  if (cells.length === 0) return null;
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const c of cells) {
    if (c.row < top) top = c.row;
    if (c.col < left) left = c.col;
    if (c.row > bottom) bottom = c.row;
    if (c.col > right) right = c.col;
  }
  return { top, left, bottom, right };
}

/** The sheet's block written as one 2-D array: from A1 to the last used row and column. */
export function sheetBlock(sheet: SheetModel): RangeRef | null {
  const box = boundingBox(sheet.cells);
  if (!box) return null;
  return { top: 0, left: 0, bottom: box.bottom, right: box.right };
}

/**
 * Covers a set of cells exactly with few rectangles: maximal horizontal runs per row, then runs
 * with the same columns on consecutive rows merged into one rectangle. Order is top-down.
 */
export function toRectangles(cells: readonly { row: number; col: number }[]): RangeRef[] {
  const byRow = new Map<number, number[]>();
  for (const c of cells) {
    const cols = byRow.get(c.row);
    if (cols) cols.push(c.col);
    else byRow.set(c.row, [c.col]);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const open = new Map<string, RangeRef>(); // "left:right" → rectangle still growing downwards
  const done: RangeRef[] = [];
  for (const row of rows) {
    const cols = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const runs: { left: number; right: number }[] = [];
    for (const col of cols) {
      const last = runs[runs.length - 1];
      if (last && last.right === col - 1) last.right = col;
      else runs.push({ left: col, right: col });
    }
    const seen = new Set<string>();
    for (const run of runs) {
      const k = `${run.left}:${run.right}`;
      seen.add(k);
      const r = open.get(k);
      if (r && r.bottom === row - 1) r.bottom = row;
      else {
        if (r) done.push(r);
        open.set(k, { top: row, left: run.left, bottom: row, right: run.right });
      }
    }
    for (const [k, r] of open) {
      if (!seen.has(k) && r.bottom < row) {
        done.push(r);
        open.delete(k);
      }
    }
  }
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Groups cells by a key (e.g. style token) and returns the rectangles of each group. */
export function rectanglesBy<K>(cells: readonly CellModel[], key: (c: CellModel) => K | undefined): Map<K, RangeRef[]> {
  const groups = new Map<K, CellModel[]>();
  for (const c of cells) {
    const k = key(c);
    if (k === undefined) continue;
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const out = new Map<K, RangeRef[]>();
  for (const [k, g] of groups) out.set(k, toRectangles(g));
  return out;
}

/** Length of a string in UTF-8 bytes (how the request travels to Excel on the web). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated bytes a value adds to a request: its JSON in UTF-8. */
export function jsonBytes(x: unknown): number {
  return utf8Bytes(JSON.stringify(x) ?? "");
}

/** A formula without its string literals ("…" → ""), so names inside texts are not taken for references. */
function withoutStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/**
 * Names of the tables a formula refers to by structured reference (`tblOptions[方案编号]`,
 * `tblEconomics[[#This Row],[总投资I]]`), upper-cased. A table name is an identifier directly
 * followed by "["; sheet names never contain "[" (engineering guide §6).
 */
export function tablesReferenced(formula: string): string[] {
  const out = new Set<string>();
  for (const m of withoutStrings(formula).matchAll(/([\p{L}_\\][\p{L}\p{N}_.\\]*)\[/gu)) out.add(m[1]!.toUpperCase());
  return [...out];
}

/** Identifiers of a formula outside string literals, upper-cased (function names, defined names, …). */
export function identifiers(formula: string): string[] {
  const out = new Set<string>();
  for (const m of withoutStrings(formula).matchAll(/[\p{L}_\\][\p{L}\p{N}_.\\]*/gu)) out.add(m[0].toUpperCase());
  return [...out];
}
