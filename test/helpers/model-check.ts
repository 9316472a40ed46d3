/**
 * One check for both writers (engineering guide §4: "one model, written by both writers, checked the same
 * way"): every cell of a SheetModel is compared with what a writer produced, read back through a small
 * `CellReader` (ExcelJS for the .xlsx file here; the Office.js writer's recording fake for the add-in).
 */
import ExcelJS from "exceljs";
import { a1 } from "../../src/worksheets/a1";
import type { CellValue, SheetModel } from "../../src/worksheets/model";
import { parseSpreadsheetNumber } from "./libreoffice";

/** What a writer's output holds at one cell. `value` is the literal value or a formula's cached result. */
export interface ReadCell {
  value?: unknown;
  /** The formula as stored, with or without "=" and "_xlfn." prefixes. Absent/"" for a literal. */
  formula?: string;
  /** Number format code; absent, "" or "General" for the default. */
  numberFormat?: string;
  /**
   * True for a cell covered by a merge (not its top-left cell). Such a cell shows nothing: only its
   * emptiness is checked, not its number format (writers give it the top-left cell's style, as Excel does).
   */
  covered?: boolean;
}

/** Reads one 0-based cell of the written sheet. */
export type CellReader = (row: number, col: number) => ReadCell;

export interface Mismatch {
  sheet: string;
  /** A1 address of the cell. */
  address: string;
  field: "value" | "formula" | "result" | "numberFormat" | "recalculated";
  expected: unknown;
  actual: unknown;
  /** "WS2-11!C5 result: expected 600, got 0" */
  message: string;
}

export interface CheckOptions {
  /** Relative tolerance for numbers (default 0: exact; ExcelJS round-trips doubles exactly). */
  rel?: number;
  /** Absolute tolerance for numbers (default 0). */
  abs?: number;
}

/**
 * Formula text without the writer's decorations: leading "=", `_xlfn.` and `_xlfn._xlws.` prefixes
 * (outside string literals). `=_xlfn.RANK.EQ(B2,B:B)` → `RANK.EQ(B2,B:B)`.
 */
export function normalizeFormula(f: string): string {
  const body = f.startsWith("=") ? f.slice(1) : f;
  // Split on string literals so a prefix-looking text inside quotes is kept.
  return body
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/_xlfn\.(?:_xlws\.)?/gi, "")))
    .join("");
}

function isDefaultFormat(f: string | undefined): boolean {
  return f === undefined || f === "" || f === "General";
}

function sameValue(expected: CellValue, actual: unknown, opts: CheckOptions): boolean {
  if (expected === null) return actual === null || actual === undefined || actual === "";
  if (typeof expected === "number") {
    if (typeof actual !== "number" || !Number.isFinite(actual)) return false;
    const tol = Math.max(opts.abs ?? 0, (opts.rel ?? 0) * Math.abs(expected));
    return Math.abs(actual - expected) <= tol;
  }
  return actual === expected;
}

/**
 * Compares every model cell of `sheet` with `read(row, col)` and returns the differences (empty = match):
 * - literal cells: the value (strings exactly, numbers within `opts`, booleans, null ↔ blank/"") and that
 *   no formula was written (E12: "=10% less water" must stay text);
 * - formula cells: the formula modulo "=" and "_xlfn." prefixes, and the cached result (null ↔ "");
 * - every cell not covered by a merge: the number format (model absent ↔ absent/""/"General").
 */
export function checkSheetAgainstModel(sheet: SheetModel, read: CellReader, opts: CheckOptions = {}): Mismatch[] {
  const out: Mismatch[] = [];
  const add = (row: number, col: number, field: Mismatch["field"], expected: unknown, actual: unknown) => {
    const address = a1(row, col);
    out.push({
      sheet: sheet.name,
      address,
      field,
      expected,
      actual,
      message: `${sheet.name}!${address} ${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    });
  };
  for (const c of sheet.cells) {
    const got = read(c.row, c.col);
    const gotFormula = got.formula === undefined || got.formula === "" ? undefined : got.formula;
    if (c.formula !== undefined) {
      if (gotFormula === undefined || normalizeFormula(gotFormula) !== normalizeFormula(c.formula)) {
        add(c.row, c.col, "formula", c.formula, gotFormula);
      }
      if (c.result === undefined || !sameValue(c.result, got.value, opts)) add(c.row, c.col, "result", c.result, got.value);
    } else {
      if (gotFormula !== undefined) add(c.row, c.col, "formula", undefined, gotFormula);
      if (!sameValue(c.value ?? null, got.value, opts)) add(c.row, c.col, "value", c.value ?? null, got.value);
    }
    const fmtOk =
      got.covered === true ||
      (isDefaultFormat(c.numberFormat) ? isDefaultFormat(got.numberFormat) : got.numberFormat === c.numberFormat);
    if (!fmtOk) add(c.row, c.col, "numberFormat", c.numberFormat, got.numberFormat);
  }
  return out;
}

/**
 * CellReader over a worksheet that ExcelJS read back from a file (`wb.xlsx.load(bytes)`).
 * Formula cells give `{ formula, value: cached result }`; shared formulas are expanded by ExcelJS;
 * rich text is joined; error values give their text ("#N/A").
 */
export function exceljsReader(ws: ExcelJS.Worksheet): CellReader {
  return (row, col) => {
    const cell = ws.findCell(row + 1, col + 1);
    if (cell === undefined) return {};
    const numberFormat = cell.numFmt;
    // A merged cell other than the top-left one is empty in the file (ExcelJS's `value` would show the master's).
    if (cell.type === ExcelJS.ValueType.Merge && cell.master !== cell) return { value: null, numberFormat, covered: true };
    const v = cell.value as unknown;
    if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      const o = v as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; error?: string };
      if (o.formula !== undefined || o.sharedFormula !== undefined) {
        // `cell.result`, not `value.result`: ExcelJS's value copy drops falsy results (0, false, "").
        const raw = cell.result as unknown;
        const result = raw !== null && typeof raw === "object" && "error" in raw ? (raw as { error: string }).error : raw;
        return { formula: cell.formula, value: result, numberFormat };
      }
      if (o.richText) return { value: o.richText.map((r) => r.text).join(""), numberFormat };
      if (o.error !== undefined) return { value: o.error, numberFormat };
    }
    return { value: v, numberFormat };
  };
}

/** Loads .xlsx bytes with ExcelJS (a reader independent of how the file was written). */
export async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS's typings want its own Buffer (an ArrayBuffer); a Uint8Array's exact bytes are what it reads.
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  await wb.xlsx.load(ab);
  return wb;
}

/**
 * The serial number of a date as LibreOffice's CSV export shows a date-formatted cell: `2024-05-06`
 * (the cell's yyyy-mm-dd) or `05/06/2024` (MM/DD/YYYY, its default); null for another text.
 */
export function dateTextSerial(text: string): number | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const ymd = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null;
  if (!ymd) return null;
  return (Date.UTC(Number(ymd[0]), Number(ymd[1]) - 1, Number(ymd[2])) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * Compares a sheet's model with LibreOffice's recalculation of the written file (`recalculate` of a
 * `stripCachedValues` copy, one grid per sheet). For every model cell, the CSV text must show:
 * - formula cells: the model's cached `result` (so core and the native formula agree): numbers within
 *   rel/abs (a date-formatted cell's date text read as its serial number, {@link dateTextSerial}),
 *   and otherwise numbers within
 *   rel/abs (default 1e-12 each; the CSV carries 15 significant digits; "8%" reads as 0.08), booleans as
 *   TRUE/FALSE, strings exactly, null as "";
 * - literal cells: the value itself (a text beginning with "=" stays that text: E12).
 * Returns the differences (field "recalculated"); an empty list means LibreOffice agrees.
 */
export function checkRecalculatedAgainstModel(
  sheet: SheetModel,
  grid: string[][] | undefined,
  opts: CheckOptions = {},
): Mismatch[] {
  const rel = opts.rel ?? 1e-12;
  const abs = opts.abs ?? 1e-12;
  const out: Mismatch[] = [];
  if (grid === undefined) {
    return [{ sheet: sheet.name, address: "", field: "recalculated", expected: "a CSV grid", actual: undefined, message: `${sheet.name}: no recalculated grid` }];
  }
  for (const c of sheet.cells) {
    const expected: CellValue = c.formula !== undefined ? (c.result ?? null) : (c.value ?? null);
    const text = grid[c.row]?.[c.col] ?? "";
    let ok: boolean;
    if (expected === null) ok = text === "";
    else if (typeof expected === "boolean") ok = text === (expected ? "TRUE" : "FALSE");
    else if (typeof expected === "string") ok = text === expected;
    else {
      const n = c.numberFormat?.includes("yy") ? (dateTextSerial(text) ?? parseSpreadsheetNumber(text)) : parseSpreadsheetNumber(text);
      ok = n !== null && Math.abs(n - expected) <= Math.max(abs, rel * Math.abs(expected));
    }
    if (!ok) {
      const address = a1(c.row, c.col);
      out.push({
        sheet: sheet.name,
        address,
        field: "recalculated",
        expected,
        actual: text,
        message: `${sheet.name}!${address}${c.formula !== undefined ? ` (=${c.formula})` : ""}: model ${JSON.stringify(expected)}, LibreOffice ${JSON.stringify(text)}`,
      });
    }
  }
  return out;
}
