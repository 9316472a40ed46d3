/**
 * The SheetModel: the plain-JSON description of a generated workbook that both writers render
 * (writers/xlsx with ExcelJS, writers/office with Excel.run). Documented in docs/MODEL.md.
 *
 * Conventions (engineering guide §1):
 * - rows and columns are 0-based indexes; ranges are inclusive.
 * - formulas are invariant English syntax, WITHOUT the leading "=" and WITHOUT "_xlfn." prefixes
 *   (each writer adds what its target needs).
 * - a formula cell carries `result`: core's value, written as the cached result so that viewers
 *   that do not recalculate still show numbers. `null` means the formula yields an empty text "".
 * - rates, NPVR, IRR and relative errors are decimals shown as % by `numberFormat`.
 * - a string value is always text, even when it begins with "=", "+" or "-" (writers store it as text).
 */

/** A cell's literal value or a formula's cached result. `null` is a blank cell / empty-text result. */
export type CellValue = string | number | boolean | null;

/** UI language of labels and sheet names. */
export type Lang = "zh-CN" | "en-US";

/**
 * Visual role of a cell; each writer maps a token to fill, font, border and lock state.
 * - input: typed by the user (unlocked, yellow fill)
 * - computed: formula (locked, light blue-grey fill)
 * - lookup: linked from another sheet (locked, light green fill)
 * - total: computed total/summary (locked, bold)
 */
export type StyleToken =
  | "title"
  | "meta"
  | "header"
  | "label"
  | "input"
  | "computed"
  | "lookup"
  | "total"
  | "note";

/** Inclusive 0-based rectangle on one sheet. */
export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface CellModel {
  /** 0-based row index. */
  row: number;
  /** 0-based column index. */
  col: number;
  /** Literal value (a label, a parameter, an input value). Absent on formula cells. */
  value?: CellValue;
  /** Invariant English formula without "=" and without "_xlfn.". */
  formula?: string;
  /** Cached result of `formula` (core's value). Required when `formula` is set. */
  result?: CellValue;
  /** Excel number format code, e.g. "0.00", "0.00%", "@". */
  numberFormat?: string;
  style?: StyleToken;
}

/** Data validation on a rectangle. List sources are ranges on the hidden lists sheet, never inline lists. */
export type ValidationModel =
  | {
      kind: "list";
      range: RangeRef;
      /** Absolute reference formula without "=", e.g. `'列表'!$A$2:$A$6` or a defined name. */
      source: string;
      allowBlank: boolean;
      prompt?: string;
      error?: string;
    }
  | {
      kind: "decimal" | "whole";
      range: RangeRef;
      min?: number;
      max?: number;
      allowBlank: boolean;
      prompt?: string;
      error?: string;
    };

/** Visual effect of a conditional format. */
export type ConditionalStyle = "bad" | "good" | "highlight" | "warn";

/** Formula-based conditional format; `formula` is relative to the range's top-left cell, no "=". */
export interface ConditionalFormatModel {
  range: RangeRef;
  formula: string;
  style: ConditionalStyle;
}

export interface PrintModel {
  orientation: "portrait" | "landscape";
  /** Rows (0-based, inclusive) repeated at the top of every printed page. */
  repeatRows?: { first: number; last: number };
  /** Footer text; writers add the page fields (第 &P 页 共 &N 页). */
  footer?: string;
  /**
   * The printed part of the sheet (0-based, inclusive); absent = the used range. Set where helper
   * columns (rank keys) sit right of the visible table and must not be printed.
   */
  printArea?: RangeRef;
}

/**
 * One column of an Excel table (ListObject). `name` is the header cell's text (one line; the
 * writers put it into the header cell and the table part). `formula` makes it a calculated column:
 * the invariant English formula (no "=") in canonical structured references
 * (`tblOptions[[#This Row],[预计投资]]`) that Excel repeats in every row, also in rows the user adds;
 * the cells of the column carry the same formula in the model, each with its cached result.
 */
export interface TableColumnModel {
  name: string;
  formula?: string;
}

/**
 * An Excel table (ListObject) on a sheet: the header row is `ref.top`, the data rows follow down to
 * `ref.bottom` (no totals row: totals live outside the table and refer to whole columns, so a row
 * the user appends is counted). `name` is stable ASCII (docs/MODEL.md lists every table).
 */
export interface TableModel {
  name: string;
  ref: RangeRef;
  columns: TableColumnModel[];
}

export interface SheetModel {
  /** Stable internal id: "PARAMS", "LISTS", "WS2-11", "WS3-4", "WS5-3", ... */
  key: string;
  /** Final, legal, unique Excel sheet name (≤ 31 UTF-16 units, none of []:*?/\). */
  name: string;
  /** Title shown in the sheet's first row. */
  title: string;
  /** Sparse list of cells; at most one per (row, col). */
  cells: CellModel[];
  /** Column widths in characters, index = column. */
  columnWidths: number[];
  merges: RangeRef[];
  /** Frozen rows above / columns left of the scroll area. */
  freeze?: { rows: number; cols: number };
  validations: ValidationModel[];
  conditionalFormats: ConditionalFormatModel[];
  /**
   * Protect the sheet without a password (only "input" cells stay unlocked). False by default: a
   * protected sheet stops its tables from growing; true only for a hand-over the user asked for
   * (`cp-audit build --protect`, the pane's switch).
   */
  protect: boolean;
  hidden?: boolean;
  print?: PrintModel;
  /** Excel tables of the sheet (ListObjects). */
  tables: TableModel[];
  /** Explicit row heights in points (rows not listed keep the default height), sorted by row. */
  rowHeights: { row: number; height: number }[];
  /** Helper columns (0-based) that stay hidden: rank keys, start values; never printed. */
  hiddenColumns: number[];
}

/**
 * A workbook-scoped defined name: a cell or range (`CP_DiscountRate` → '参数'!$C$6) or, with
 * `formula`, a structured reference to a whole table column (`CP_OptionIds` → `tblOptions[方案编号]`),
 * which data validation and conditional formats accept only through a name.
 */
export type NamedRangeModel =
  | {
      name: string;
      /** Name of the sheet the range is on. */
      sheet: string;
      ref: RangeRef;
    }
  | {
      name: string;
      /** Invariant English formula without "=", e.g. `tblOptions[方案编号]`. */
      formula: string;
    };

export interface WorkbookModel {
  lang: Lang;
  sheets: SheetModel[];
  names: NamedRangeModel[];
}
