/**
 * The reader (issue 13) on the workbook open in Excel: a {@link WorkbookSource} read through
 * Office.js, handed to the same engine as `cp-audit read` (src/reader/read-case.ts).
 *
 * Three syncs: (1) the sheets, tables and names; (2) each table's range (header and data rows:
 * formulas — a constant's value —, number formats), each range name's cells, each sheet's top block
 * ({@link TOP_ROWS} × {@link TOP_COLS}: the title A1, the header block of spec §1.2 and the fixed
 * cells above the tables that read-backs use — 参数's header values, 表4-2's rule cell); (3) the
 * band row above each table. Cells outside tables, names and the top block read as empty, and so
 * does a formula cell (no read-back reads a computed column). Excel gives "" for an empty cell (read as empty) and a
 * date as its serial number: a number in a date-formatted cell is read as its date text
 * YYYY-MM-DD, as the .xlsx source does.
 */
import type { ReadOptions, ReadResult } from "../../reader/read-case";
import { readCase } from "../../reader/read-case";
import type { SourceName, SourceTable, WorkbookSource } from "../../reader/source";
import type { ReadValue } from "../../worksheets/read-back";
import type { ExcelRunner } from "../../writers/office/excel-run";

const isFormula = (f: unknown): boolean => typeof f === "string" && f.startsWith("=");

/** Whether a number format shows a date (y, d or m outside quotes and brackets, and not a duration or a percent). */
function isDateFormat(fmt: unknown): boolean {
  if (typeof fmt !== "string") return false;
  const bare = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare) || /m/i.test(bare.replace(/[hs][^;]*m|m[^;]*s/gi, ""));
}

/** An Excel serial day (1900 system) as YYYY-MM-DD. */
function serialDate(n: number): string {
  return new Date(Math.round((n - 25569) * 86400000)).toISOString().slice(0, 10);
}

/**
 * A cell of `range.formulas` with its number format as the reader reads it: a constant is its
 * value; a formula cell reads as empty (the reader reads inputs only; a formula's result would need
 * `range.values`, i.e. a calculated workbook — the parameters' default formulas are skipped anyway).
 */
function cellValue(v: unknown, fmt: unknown): ReadValue {
  if (v === null || v === undefined || v === "" || isFormula(v)) return undefined;
  if (typeof v === "number") return isDateFormat(fmt) ? serialDate(v) : v;
  if (typeof v === "string" || typeof v === "boolean") return v;
  return undefined;
}

/** The top block of each sheet loaded for {@link WorkbookSource.cell}: rows 1–8, columns A–L. */
export const TOP_ROWS = 8;
export const TOP_COLS = 12;


/** A snapshot of the open workbook for the reader (three syncs). */
export async function officeSource(context: Excel.RequestContext): Promise<WorkbookSource> {
  const wb = context.workbook;
  const sheets = wb.worksheets.load("items/name");
  const tables = wb.tables.load("items/name");
  const names = wb.names.load("items/name,items/type");
  await context.sync();

  const tableRanges = tables.items.map((t) => {
    const range = t.getRange().load("formulas,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
    const sheet = t.worksheet.load("name");
    return { name: t.name, range, sheet, header: t.getHeaderRowRange().load("formulas") };
  });
  const nameRanges = names.items
    .filter((n) => n.type === "Range")
    .map((n) => {
      const range = n.getRange().load("formulas,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
      return { name: n.name, range, sheet: range.worksheet.load("name") };
    });
  const tops = sheets.items.map((s) => ({ name: s.name, block: s.getRangeByIndexes(0, 0, TOP_ROWS, TOP_COLS).load("formulas,numberFormat") }));
  await context.sync();

  // the band row above each table (the row above the header; none when the header is in row 1)
  const bands = tableRanges.map((t) =>
    t.range.rowIndex > 0 ? context.workbook.worksheets.getItem(t.sheet.name).getRangeByIndexes(t.range.rowIndex - 1, t.range.columnIndex, 1, t.range.columnCount).load("formulas,numberFormat") : null,
  );
  await context.sync();

  const outTables: SourceTable[] = tableRanges.map((t, i) => {
    const fmts = t.range.numberFormat;
    const formulas = t.range.formulas;
    const headers = (t.header.formulas[0] ?? []).map((h) => String(h ?? ""));
    const band = bands[i];
    return {
      name: t.name,
      sheet: t.sheet.name,
      headerRow: t.range.rowIndex,
      left: t.range.columnIndex,
      headers,
      band: band ? band.formulas[0]!.map((v, c) => cellValue(v, band.numberFormat[0]?.[c])) : headers.map(() => undefined),
      rows: formulas.slice(1).map((row, r) => row.map((v, c) => cellValue(v, fmts[r + 1]?.[c]))),
      formulas: formulas.slice(1).map((row) => row.map(isFormula)),
    };
  });
  const outNames: SourceName[] = nameRanges.map((n) => {
    const r = n.range;
    return {
      name: n.name,
      sheet: n.sheet.name,
      top: r.rowIndex,
      left: r.columnIndex,
      bottom: r.rowIndex + r.rowCount - 1,
      right: r.columnIndex + r.columnCount - 1,
      values: r.formulas.flatMap((row, i) => row.map((v, c) => cellValue(v, r.numberFormat[i]?.[c]))),
      formulas: r.formulas.flatMap((row) => row.map(isFormula)),
    };
  });
  const top = new Map(tops.map((s) => [s.name, s.block]));
  const cell = (sheet: string, row: number, col: number): ReadValue => {
    const b = top.get(sheet);
    return b && row < TOP_ROWS && col < TOP_COLS ? cellValue(b.formulas[row]?.[col], b.numberFormat[row]?.[col]) : undefined;
  };
  const outSheets = tops.map((s) => {
    const v = cell(s.name, 0, 0);
    return { name: s.name, title: v === undefined ? undefined : String(v).trim() };
  });
  return { sheets: outSheets, tables: outTables, names: outNames, cell };
}

/**
 * Reads the case of the open workbook (the pane's "read back"): the same engine and problems as
 * `cp-audit read`.
 */
export async function readOpenWorkbook(run: ExcelRunner, opts: ReadOptions = {}): Promise<ReadResult> {
  return run(async (context) => readCase(await officeSource(context), opts));
}
