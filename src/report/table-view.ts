/**
 * Reading a table of the built workbook model by table name and column name, for the key-figure
 * sentences: the values are core's (the cells' cached results, which test/cases.test.ts checks
 * against LibreOffice's recalculation), the texts formatted as the sheet shows them.
 */
import type { CellValue, Lang, SheetModel, TableModel, WorkbookModel } from "../worksheets/model";
import { columnName, type TableSchema } from "../worksheets/table";
import { tr, type L } from "../worksheets/i18n";
import { CellGrid } from "./sheet-tables";

/** One data row: values and shown texts by column name. */
export interface ViewRow {
  /** core's value of the column's cell; undefined when the table has no such column */
  value(column: string): CellValue | undefined;
  /** the cell as the sheet shows it ("" when blank or absent) */
  text(column: string): string;
  /** the value when it is a finite number */
  num(column: string): number | undefined;
}

/** The non-empty data rows of a table of the model (rows whose printed cells are all blank are growth rows). */
export class TableView {
  readonly rows: ViewRow[];
  readonly sheet: SheetModel;
  private constructor(sheet: SheetModel, table: TableModel) {
    this.sheet = sheet;
    const grid = new CellGrid(sheet);
    const colOf = new Map(table.columns.map((c, i) => [c.name, table.ref.left + i]));
    const rows: ViewRow[] = [];
    for (let r = table.ref.top + 1; r <= table.ref.bottom; r++) {
      let any = false;
      for (let c = table.ref.left; c <= table.ref.right && !any; c++) if (grid.printed(c) && grid.text(r, c) !== "") any = true;
      if (!any) continue;
      const row = r;
      rows.push({
        value: (name) => (colOf.has(name) ? grid.value(row, colOf.get(name)!) : undefined),
        text: (name) => (colOf.has(name) ? grid.text(row, colOf.get(name)!) : ""),
        num: (name) => {
          const v = colOf.has(name) ? grid.value(row, colOf.get(name)!) : undefined;
          return typeof v === "number" && Number.isFinite(v) ? v : undefined;
        },
      });
    }
    this.rows = rows;
  }

  /** The table named `name` in `book`, or undefined when its sheet is not built. */
  static of(book: WorkbookModel, name: string): TableView | undefined {
    for (const s of book.sheets) {
      const t = s.tables.find((x) => x.name === name);
      if (t) return new TableView(s, t);
    }
    return undefined;
  }
}

/** Column names of `schema` in `lang`, by key: `cols.npv` → "净现值NPV". */
export function columnsOf<K extends string>(schema: TableSchema<K>, lang: Lang): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(schema.columns) as K[]) out[k] = columnName(schema, k, lang);
  return out;
}

/** A label's text in `lang`. */
export function text(lang: Lang, label: L): string {
  return tr(lang, label);
}
