/**
 * What the reader (issue 13) needs of a workbook, independent of where it comes from: an .xlsx
 * file ({@link ./xlsx-source}) or the workbook open in Excel (the pane, through Office.js).
 *
 * A source is a snapshot: the sheets (name, title cell A1), every Excel table (name, sheet, header
 * names, the band row above the header, the data rows with their position) and the workbook-scoped
 * defined names that refer to cells on a sheet. Positions are 0-based; {@link cellAddress} gives
 * the A1 text ("'表4-1'!C7") that problems name.
 */
import { colLetter } from "../worksheets/a1";
import type { ReadValue } from "../worksheets/read-back";

/** One Excel table as the workbook holds it (a deleted row is simply not there; added rows are). */
export interface SourceTable {
  /** the table's name (`tblOptions`) */
  name: string;
  /** the sheet it is on (as named now: the user may have renamed it) */
  sheet: string;
  /** 0-based row of the header row */
  headerRow: number;
  /** 0-based column of the table's first column */
  left: number;
  /** header names, left to right */
  headers: string[];
  /** cells of the row above the header, one per column (the band: units, or the focus weights) */
  band: ReadValue[];
  /** data rows (no totals row), each one cell per column; formula cells give their cached result */
  rows: ReadValue[][];
  /** whether a cell holds a formula, by data row and column (a typed input is not one) */
  formulas?: boolean[][];
}

/** A workbook-scoped defined name that refers to cells of one sheet. */
export interface SourceName {
  name: string;
  sheet: string;
  /** 0-based rectangle */
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** the cells' values, row by row (a single cell: one value) */
  values: ReadValue[];
  /** whether each cell holds a formula (same order as values) */
  formulas: boolean[];
}

/** A sheet of the workbook. */
export interface SourceSheet {
  name: string;
  /** the title cell A1 (the sheet's title in our layout), trimmed text or undefined */
  title: string | undefined;
}

/** The workbook the reader reads, as a snapshot. */
export interface WorkbookSource {
  sheets: SourceSheet[];
  tables: SourceTable[];
  names: SourceName[];
  /** The value of a cell (0-based) of a sheet; undefined when empty or the sheet is absent. */
  cell(sheet: string, row: number, col: number): ReadValue;
}

/** "'表4-1'!C7": a cell of a sheet as a problem names it (the sheet quoted as Excel quotes it). */
export function cellAddress(sheet: string, row: number, col: number): string {
  return `${quote(sheet)}!${colLetter(col)}${row + 1}`;
}

/** A sheet name as a reference writes it: quoted unless it is letters, digits and _ only. */
export function quote(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * Normalises a cell value to a {@link ReadValue}: numbers, texts (not trimmed), booleans; a date
 * becomes its text YYYY-MM-DD (the case files keep dates as texts); an error value (#N/A) becomes
 * its text; rich text its plain text.
 */
export function toReadValue(v: unknown): ReadValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") return v === "" ? undefined : v;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("result" in o || "formula" in o || "sharedFormula" in o) return toReadValue(o.result);
    if (Array.isArray(o.richText)) return toReadValue((o.richText as { text?: string }[]).map((r) => r.text ?? "").join(""));
    if ("error" in o) return String(o.error);
    if ("text" in o) return toReadValue(o.text);
  }
  return undefined;
}
