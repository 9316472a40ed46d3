/** A1-reference helpers for formulas in the SheetModel (0-based indexes in, Excel text out). */
import type { RangeRef } from "./model";

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function colLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** (row 0, col 0) → "A1"; `abs` gives "$A$1". */
export function a1(row: number, col: number, abs = false): string {
  return abs ? `$${colLetter(col)}$${row + 1}` : `${colLetter(col)}${row + 1}`;
}

/** Range → "A1:C3" (or a single "A1"); `abs` makes both ends absolute. */
export function rangeA1(r: RangeRef, abs = false): string {
  const tl = a1(r.top, r.left, abs);
  if (r.top === r.bottom && r.left === r.right) return tl;
  return `${tl}:${a1(r.bottom, r.right, abs)}`;
}

/** Sheet name quoted for a formula: '参数' (single quotes doubled inside). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "'参数'!$C$6" style reference to a cell or range on another sheet. */
export function sheetRef(sheet: string, ref: RangeRef | string, abs = true): string {
  const a = typeof ref === "string" ? ref : rangeA1(ref, abs);
  return `${quoteSheet(sheet)}!${a}`;
}

/** Convenience constructor for a RangeRef. */
export function rect(top: number, left: number, bottom = top, right = left): RangeRef {
  return { top, left, bottom, right };
}
