/**
 * Reading an edited workbook back into the case file (issue 13): the contract each worksheet
 * definition fulfils, one place per worksheet.
 *
 * The reader (src/reader/) finds each table of ours by its stable table name (`tblOptions`), its
 * columns by header name in either language (zh-CN or en-US, whatever the workbook was built
 * in), never by cell position; rows the user added are read, deleted rows are gone, renamed
 * sheets do not matter. A table definition states, in {@link TableReadBack}, how one data row
 * becomes one row of the case file (the JSON the CLI reads, cases/README.md) and where the rows
 * go in the case. Sheets that are not tables (the parameters sheet's named cells) state it in
 * {@link SheetReadBack}.
 *
 * Nothing is guessed: a value the reader cannot use (a text in a number column, a required
 * column missing) is reported with the sheet and the cell (A1) through {@link CellReader.num} and
 * friends, and the reader then writes no case.
 */

import type { BuiltKey } from "./layout";
import type { Lang } from "./model";

/** The case file (JSON object, cases/README.md) being rebuilt; sections are set by the definitions. */
export type CaseDraft = Record<string, unknown>;

/** A value of a cell as read: text, number, boolean, or undefined when empty (formula cells: their result). */
export type ReadValue = string | number | boolean | undefined;

/** The cells of one data row of a table, by column key. */
export interface CellReader<K extends string> {
  /** The trimmed text of the cell (a number is given as its text); undefined when empty. */
  text(key: K): string | undefined;
  /**
   * The number in the cell; undefined when empty. A text that is not a number is reported
   * ("sheet!C7: 数值列含文字 …") and gives undefined.
   */
  num(key: K): number | undefined;
  /** The raw value. */
  raw(key: K): ReadValue;
  /** Whether the workbook's table has this column (a column the user deleted is absent). */
  has(key: K): boolean;
  /** Reports a problem with this row's cell of `key` (sheet and cell are added). */
  problem(key: K, message: string): void;
  /** This row's cell under the header `header` (dynamic columns: one per focus factor); undefined when no such column. */
  byHeader(header: string): ReadValue;
  /** The number under the header `header`, as {@link num} (a text is reported); undefined when empty or no such column. */
  numByHeader(header: string): number | undefined;
  /** Header names of the workbook's table, left to right (as {@link TableReader.headers}). */
  headers(): string[];
}

/** The table as a whole, for what is not per row (band inputs such as the focus weights, dynamic columns). */
export interface TableReader<K extends string> {
  /** The band cell above the header of `key` (the focus table's weights). */
  band(key: K): ReadValue;
  /** The band cell above the column headed `header` (dynamic columns); undefined when no such column. */
  bandByHeader(header: string): ReadValue;
  /** Header names of the workbook's table, left to right (dynamic columns: one per focus factor). */
  headers(): string[];
  /** The cells of data row `i` by header name (dynamic columns). */
  byHeader(i: number, header: string): ReadValue;
  /** Number of data rows. */
  rowCount(): number;
  /** Reports a problem (sheet and table are added). */
  problem(message: string): void;
}

/** How a table's rows go back into the case file. */
export interface TableReadBack<K extends string> {
  /** The case-file row of one data row; undefined for a row holding nothing the case keeps (an empty row). */
  row(c: CellReader<K>): unknown;
  /** Puts the rows read (in table order, empty rows dropped) into the draft case. */
  store(draft: CaseDraft, rows: unknown[], table: TableReader<K>): void;
}

/** The workbook as a whole, for sheets that are not tables. */
export interface BookReader {
  /** The value of a workbook-scoped defined name that refers to one cell (`CP_DiscountRate`); undefined when absent or empty. */
  name(definedName: string): ReadValue;
  /** Reports a problem (where: "sheet!A1" or a name). */
  problem(where: string, message: string): void;
  /** The values of the cells a defined name refers to, row by row (`CP_QuotaYears`: three); [] when absent. */
  names(definedName: string): ReadValue[];
  /** Whether the (first) cell of a defined name holds a formula (a default that follows another cell, not a typed value). */
  isFormula(definedName: string): boolean;
  /** "'参数'!C6": where a defined name's first cell is, for problems; the name itself when absent. */
  where(definedName: string): string;
  /**
   * A cell (0-based) of the sheet of `key` where the reader found it, for the fixed header block of
   * spec §1.2 (企业名称 … on the parameters sheet, rows 0–3); undefined when the sheet is absent.
   */
  cell(key: BuiltKey, row: number, col: number): ReadValue;
  /** "'方案初步筛选'!C5": the A1 address of that cell, for problems. */
  address(key: BuiltKey, row: number, col: number): string;
  /** The workbook's language (detected from its table headers). */
  lang: Lang;
}

/** How a sheet that is not (only) tables goes back into the case file. */
export interface SheetReadBack {
  read(book: BookReader, draft: CaseDraft): void;
}
