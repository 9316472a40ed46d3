/**
 * Addressing cells by table and column (issue 14: "each expected figure read from the cell that
 * must hold it"): a model's table, its data rows, the cell of a column in the row of an id, and
 * the text LibreOffice shows there. Column names come from the table schemas, so a test reads
 * `npv` of option Z-01, not "some cell of the row that happens to be close".
 */
import { columnName, type TableSchema } from "../../src/worksheets/table";
import type { CellModel, Lang, SheetModel, TableModel, WorkbookModel } from "../../src/worksheets/model";

export interface Located {
  sheet: SheetModel;
  table: TableModel;
}

/** The table `name` of a model (and its sheet); throws when absent. */
export function findTable(book: WorkbookModel, name: string): Located {
  for (const sheet of book.sheets) {
    const table = sheet.tables.find((t) => t.name === name);
    if (table) return { sheet, table };
  }
  throw new Error(`no table ${name} in the model`);
}

/** 0-based sheet column of a table column (by its name in the workbook's language). */
export function columnOf(loc: Located, column: string): number {
  const k = loc.table.columns.findIndex((c) => c.name === column);
  if (k < 0) throw new Error(`table ${loc.table.name} has no column "${column}" (${loc.table.columns.map((c) => c.name).join(", ")})`);
  return loc.table.ref.left + k;
}

/** Column name of a schema key in `lang`. */
export function col<K extends string>(schema: TableSchema<K>, key: K, lang: Lang): string {
  return columnName(schema, key, lang);
}

/** The model cell of data row `index` (0-based) of a table column. */
export function cellAt(book: WorkbookModel, table: string, index: number, column: string): CellModel | undefined {
  const loc = findTable(book, table);
  const c = columnOf(loc, column);
  const row = loc.table.ref.top + 1 + index;
  return loc.sheet.cells.find((x) => x.row === row && x.col === c);
}

/** Index of the data row whose `keyColumn` holds `key` (value or cached result); -1 when none. */
export function rowIndexOf(book: WorkbookModel, table: string, keyColumn: string, key: string): number {
  const loc = findTable(book, table);
  const c = columnOf(loc, keyColumn);
  for (let r = loc.table.ref.top + 1; r <= loc.table.ref.bottom; r++) {
    const x = loc.sheet.cells.find((y) => y.row === r && y.col === c);
    if ((x?.value ?? x?.result) === key) return r - loc.table.ref.top - 1;
  }
  return -1;
}

/** What LibreOffice shows (CSV text) at data row `index` of a table column; "" outside the grid. */
export function shownAt(grids: Map<string, string[][]>, book: WorkbookModel, table: string, index: number, column: string): string {
  const loc = findTable(book, table);
  const c = columnOf(loc, column);
  return grids.get(loc.sheet.name)?.[loc.table.ref.top + 1 + index]?.[c] ?? "";
}

/** LibreOffice's texts of a table's data rows (by recalculated grid), as objects keyed by column name. */
export function shownRows(grids: Map<string, string[][]>, book: WorkbookModel, table: string, extraRows = 0): Record<string, string>[] {
  const loc = findTable(book, table);
  const grid = grids.get(loc.sheet.name) ?? [];
  const out: Record<string, string>[] = [];
  for (let r = loc.table.ref.top + 1; r <= loc.table.ref.bottom + extraRows; r++) {
    const row: Record<string, string> = {};
    loc.table.columns.forEach((c, k) => (row[c.name] = grid[r]?.[loc.table.ref.left + k] ?? ""));
    out.push(row);
  }
  return out;
}
