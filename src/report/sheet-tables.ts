/**
 * A worksheet of the built workbook (SheetModel) as the tables of the report: each Excel table
 * (ListObject) becomes one report table with its header (column name, and the band text above it
 * — unit, symbol or rule — as a second line), its data rows (empty growth rows dropped) and the
 * values formatted as the sheet shows them; the summary block above the tables and sheets that
 * are forms (参数, 表2-1) become a compact grid of their non-empty cells.
 *
 * Dropped, so that every table is readable on an A4 page: hidden helper columns (rank keys, start
 * values: `SheetModel.hiddenColumns`), columns outside the print area, and columns whose data
 * cells are all blank (the 检查 column of a clean table, empty month bars).
 */
import { displayWidth } from "../worksheets/i18n";
import { TABLE_TOP } from "../worksheets/layout";
import type { CellModel, Lang, SheetModel, TableModel } from "../worksheets/model";
import { formatCell } from "./format";

/** One table of the report, as text. */
export interface ReportTable {
  /** Caption above the table: the sheet's title (表N-M and title), a part number for a second table. */
  caption: string;
  /** Header texts, one per column ("\n" separates the lines). */
  header: string[];
  /** Body rows: texts, one per column; `bold` rows are headers or totals inside a grid. */
  rows: { cells: string[]; bold?: boolean }[];
  /** Column widths in characters (one per column; a CJK character counts 2): what the longest entry needs. */
  widths: number[];
  /** The Excel table's name (tblOptions); undefined for a summary or form grid. */
  tableName?: string;
  /**
   * True when the table is printed transposed (too wide for a landscape page and only a few
   * rows): one column per data row, headed by its first cell; one row per column of the sheet,
   * the column's header in the first cell.
   */
  transposed?: boolean;
}

/** Characters of a landscape A4 line at 五号 (10.5 pt) between 2.54 cm margins, less the cells' padding. */
export const LANDSCAPE_CHARS = 130;
/** Characters of a portrait A4 line at 五号 between 2.54 cm margins. */
export const PORTRAIT_CHARS = 84;
/** Room a cell's padding and borders take, in characters. */
export const CELL_PADDING = 2.5;
/** Most rows a table may have to be printed transposed. */
const TRANSPOSE_MAX_ROWS = 6;

/** The characters a table needs on a line: its columns' widths and their padding. */
export function lineWidth(widths: readonly number[]): number {
  return widths.reduce((a, w) => a + w + CELL_PADDING, 0);
}

/**
 * Width of a column in characters: its longest data entry (a line of it), its header's longest
 * line up to 10 (headers wrap), at least 4 and at most 30 (longer texts wrap).
 */
function columnWidth(header: string, cells: readonly string[]): number {
  const longest = (t: string) => Math.max(0, ...t.split("\n").map(displayWidth));
  const data = Math.max(0, ...cells.map(longest));
  return Math.min(30, Math.max(4, data, Math.min(10, longest(header))));
}

/** The table with rows and columns exchanged (see {@link ReportTable.transposed}). */
function transpose(t: ReportTable): ReportTable {
  const header = [t.header[0] ?? "", ...t.rows.map((r) => r.cells[0] ?? "")];
  const rows = t.header.slice(1).map((h, i) => ({ cells: [h, ...t.rows.map((r) => r.cells[i + 1] ?? "")] }));
  const widths = header.map((h, c) => columnWidth(c === 0 ? "" : h, rows.map((r) => r.cells[c]!)));
  return { ...t, header, rows, widths, transposed: true };
}

/** The table as printed: transposed when it is too wide for a landscape line and has only a few rows. */
function fitted(t: ReportTable): ReportTable {
  if (lineWidth(t.widths) <= LANDSCAPE_CHARS || t.rows.length === 0 || t.rows.length > TRANSPOSE_MAX_ROWS || t.header.length === 0) return t;
  return transpose(t);
}

/** Index of a sheet's cells by position. */
export class CellGrid {
  private readonly byPos = new Map<string, CellModel>();
  constructor(readonly sheet: SheetModel) {
    for (const c of sheet.cells) this.byPos.set(`${c.row},${c.col}`, c);
  }
  cell(row: number, col: number): CellModel | undefined {
    return this.byPos.get(`${row},${col}`);
  }
  /** The value core gives the cell: a formula's cached result, else the literal value. */
  value(row: number, col: number): CellModel["value"] {
    const c = this.cell(row, col);
    if (!c) return undefined;
    return c.formula !== undefined ? c.result : c.value;
  }
  /** The cell as the sheet shows it ("" when blank). */
  text(row: number, col: number): string {
    const c = this.cell(row, col);
    if (!c) return "";
    return formatCell(this.value(row, col), c.numberFormat).trim();
  }
  /** Whether column `col` is printed: not a hidden helper, inside the print area. */
  printed(col: number): boolean {
    if (this.sheet.hiddenColumns.includes(col)) return false;
    const area = this.sheet.print?.printArea;
    return !area || (col >= area.left && col <= area.right);
  }
  get lastRow(): number {
    return this.sheet.cells.reduce((m, c) => Math.max(m, c.row), -1);
  }
}

/** The band row above a table's header (unit, symbol or rule texts, band inputs such as the focus weights); undefined when the header is the first row below the header block. */
function bandRowOf(t: TableModel): number | undefined {
  const r = t.ref.top - 1;
  return r >= TABLE_TOP ? r : undefined;
}

function captionOf(sheet: SheetModel, index: number, count: number, lang: Lang): string {
  if (count <= 1) return sheet.title;
  return lang === "zh-CN" ? `${sheet.title}（${index + 1}/${count}）` : `${sheet.title} (${index + 1}/${count})`;
}

/** The report table of one Excel table of `sheet`. */
function tableOf(grid: CellGrid, t: TableModel, caption: string): ReportTable | undefined {
  const band = bandRowOf(t);
  const dataRows: number[] = [];
  for (let r = t.ref.top + 1; r <= t.ref.bottom; r++) {
    let any = false;
    for (let c = t.ref.left; c <= t.ref.right && !any; c++) if (grid.printed(c) && grid.text(r, c) !== "") any = true;
    if (any) dataRows.push(r);
  }
  const cols: number[] = [];
  for (let c = t.ref.left; c <= t.ref.right; c++) {
    if (!grid.printed(c)) continue;
    // a column blank in every row says nothing (a clean 检查 column); a table without rows keeps its header
    if (dataRows.length > 0 && dataRows.every((r) => grid.text(r, c) === "")) continue;
    cols.push(c);
  }
  if (cols.length === 0) return undefined;
  const header = cols.map((c) => {
    const name = t.columns[c - t.ref.left]?.name ?? grid.text(t.ref.top, c);
    const b = band === undefined ? "" : grid.text(band, c);
    return b ? `${name}\n${b}` : name;
  });
  const rows = dataRows.map((r) => ({ cells: cols.map((c) => grid.text(r, c)) }));
  return fitted({ caption, header, rows, widths: header.map((h, i) => columnWidth(h, rows.map((r) => r.cells[i]!))), tableName: t.name });
}

/** The non-empty printed cells of rows `from`..`to` as a compact grid (empty rows and columns dropped). */
function gridOf(grid: CellGrid, from: number, to: number, caption: string): ReportTable | undefined {
  const rows: number[] = [];
  const colSet = new Set<number>();
  for (let r = from; r <= to; r++) {
    let any = false;
    for (const cell of grid.sheet.cells) {
      if (cell.row !== r || !grid.printed(cell.col) || grid.text(r, cell.col) === "") continue;
      any = true;
      colSet.add(cell.col);
    }
    if (any) rows.push(r);
  }
  if (rows.length === 0) return undefined;
  const cols = [...colSet].sort((a, b) => a - b);
  const body = rows.map((r) => ({
    cells: cols.map((c) => grid.text(r, c)),
    bold: cols.some((c) => {
      const s = grid.cell(r, c)?.style;
      return (s === "header" || s === "total" || s === "meta") && grid.text(r, c) !== "";
    }),
  }));
  return { caption, header: [], rows: body, widths: cols.map((_, i) => columnWidth("", body.map((r) => r.cells[i]!))) };
}

/**
 * The report tables of a sheet, top to bottom: the summary block above its tables (if any), then
 * each Excel table left to right; a sheet without tables (a form) as one grid.
 * @param sheet a sheet of buildWorkbook's model
 * @param lang the workbook's language (caption part numbers)
 */
export function sheetTables(sheet: SheetModel, lang: Lang): ReportTable[] {
  const grid = new CellGrid(sheet);
  const out: ReportTable[] = [];
  const tables = [...sheet.tables].sort((a, b) => a.ref.left - b.ref.left);
  if (tables.length === 0) {
    const g = gridOf(grid, TABLE_TOP, grid.lastRow, sheet.title);
    return g ? [g] : [];
  }
  const firstTop = Math.min(...tables.map((t) => bandRowOf(t) ?? t.ref.top));
  const summaryCaption = lang === "zh-CN" ? `${sheet.title}（汇总）` : `${sheet.title} (summary)`;
  const summary = firstTop > TABLE_TOP ? gridOf(grid, TABLE_TOP, firstTop - 1, summaryCaption) : undefined;
  if (summary) out.push(summary);
  tables.forEach((t, i) => {
    const rt = tableOf(grid, t, captionOf(sheet, i, tables.length, lang));
    if (rt) out.push(rt);
  });
  return out;
}
