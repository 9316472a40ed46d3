/**
 * Small hand-made models and user actions for the Office.js writer's tests (its own fixtures;
 * test/writers/sample-model.ts belongs to the xlsx writer's tests).
 */
import type { SheetModel, WorkbookModel } from "../../src/worksheets/model";
import type { FakeExcel } from "./excel-fake";

/** A SheetModel with every list empty, overridden by `partial`. */
export function sheetModel(partial: Partial<SheetModel> & Pick<SheetModel, "key" | "name">): SheetModel {
  return {
    title: partial.name,
    cells: [],
    columnWidths: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    protect: false,
    tables: [],
    rowHeights: [],
    hiddenColumns: [],
    ...partial,
  };
}

/**
 * One sheet "Stock" with a title, a summary above a table (a total over a whole column) and the
 * table tblStock (A4:E7): 品名, 数量 and 单价 typed, 金额 = 数量 × 单价 and the helper 排序键
 * calculated, column E (排序键) hidden. A defined name CP_Items over the 品名 column feeds a list
 * validation on a sheet "Use" that comes BEFORE "Stock" in the workbook. Footer with "&".
 *
 *      A            B        C       D        E
 *  0   库存表
 *  1   合计金额     =SUM(tblStock[金额])
 *  2
 *  3   品名         数量     单价    金额     排序键          ← header row (table from row 3)
 *  4   螺栓         10       2       =…       =…
 *  5   螺母         20       1       =…       =…
 *  6   (empty)                       =…       =…
 */
export function stockBook(): WorkbookModel {
  const amount = "IF(tblStock[[#This Row],[数量]]=\"\",\"\",tblStock[[#This Row],[数量]]*tblStock[[#This Row],[单价]])";
  const rankKey = "IF(ISNUMBER(tblStock[[#This Row],[金额]]),tblStock[[#This Row],[金额]],\"\")";
  const rows: [string | null, number | null, number | null, number | string | null, number | string | null][] = [
    ["螺栓", 10, 2, 20, 20],
    ["螺母", 20, 1, 20, 20],
    [null, null, null, null, null],
  ];
  const cells: SheetModel["cells"] = [
    { row: 0, col: 0, value: "库存表", style: "title" },
    { row: 1, col: 0, value: "合计金额", style: "label" },
    { row: 1, col: 1, formula: "SUM(tblStock[金额])", result: 40, numberFormat: "0.00", style: "total" },
    { row: 3, col: 0, value: "品名", style: "header" },
    { row: 3, col: 1, value: "数量", style: "header" },
    { row: 3, col: 2, value: "单价", style: "header" },
    { row: 3, col: 3, value: "金额", style: "header" },
    { row: 3, col: 4, value: "排序键", style: "header" },
  ];
  rows.forEach(([name, qty, price, amt, key], k) => {
    const r = 4 + k;
    cells.push({ row: r, col: 0, value: name, style: "input" });
    cells.push({ row: r, col: 1, value: qty, numberFormat: "0", style: "input" });
    cells.push({ row: r, col: 2, value: price, numberFormat: "0.00", style: "input" });
    cells.push({ row: r, col: 3, formula: amount, result: amt === null ? null : amt, numberFormat: "0.00", style: "computed" });
    cells.push({ row: r, col: 4, formula: rankKey, result: key === null ? null : key, style: "computed" });
  });
  const stock = sheetModel({
    key: "STOCK",
    name: "Stock",
    cells,
    columnWidths: [12, 8, 8, 10, 8],
    merges: [{ top: 0, left: 0, bottom: 0, right: 3 }],
    freeze: { rows: 4, cols: 1 },
    tables: [
      {
        name: "tblStock",
        ref: { top: 3, left: 0, bottom: 6, right: 4 },
        columns: [{ name: "品名" }, { name: "数量" }, { name: "单价" }, { name: "金额", formula: amount }, { name: "排序键", formula: rankKey }],
      },
    ],
    rowHeights: [
      { row: 0, height: 24 },
      { row: 3, height: 30 },
    ],
    hiddenColumns: [4],
    validations: [{ kind: "decimal", range: { top: 4, left: 1, bottom: 6, right: 2 }, min: 0, allowBlank: true, error: "≥ 0" }],
    conditionalFormats: [{ range: { top: 4, left: 3, bottom: 6, right: 3 }, formula: "AND(ISNUMBER($D5),$D5>100)", style: "warn" }],
    print: { orientation: "portrait", repeatRows: { first: 3, last: 3 }, footer: "制表：R&D 审核：QA&QC" },
  });
  const use = sheetModel({
    key: "USE",
    name: "Use",
    cells: [
      { row: 0, col: 0, value: "领用", style: "title" },
      { row: 1, col: 0, value: null, style: "input" },
      { row: 1, col: 1, formula: "COUNTA(CP_Items)", result: 2, style: "computed" },
    ],
    validations: [{ kind: "list", range: { top: 1, left: 0, bottom: 1, right: 0 }, source: "CP_Items", allowBlank: true }],
  });
  // "Use" comes first in the workbook although its dropdown needs the table of "Stock"
  return { lang: "zh-CN", sheets: [use, stock], names: [{ name: "CP_Items", formula: "tblStock[品名]" }] };
}

/** Types a row of values just below a table (Excel makes the table grow over it). Not recorded as the add-in's. */
export async function typeBelowTable(fake: FakeExcel, table: string, values: (string | number | null)[]): Promise<number> {
  const t = fake.table(table);
  const row = t.rect.bottom + 1;
  await fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(t.sheet.name).getRangeByIndexes(row, t.rect.left, 1, values.length).values = [values];
    await ctx.sync();
  });
  return row;
}

/** Inserts a row inside a table at data row `index` with `values` (Table ▸ Insert rows above). */
export async function insertTableRow(fake: FakeExcel, table: string, index: number, values: (string | number | null)[]): Promise<void> {
  await fake.run(async (ctx) => {
    // a blank cell is "" in the values of rows.add
    ctx.workbook.tables.getItem(table).rows.add(index, [values.map((v) => v ?? "")]);
    await ctx.sync();
  });
}

/** Every sheet, name and table of the workbook, comparable (for "nothing was written"). */
export function workbookSnapshot(fake: FakeExcel): unknown {
  return {
    sheets: fake.sheets.map((s) => fake.snapshot(s.name)),
    names: [...fake.names.values()].map((n) => [n.name, n.formula]),
    tables: fake.tables.map((t) => [t.name, t.sheet.name, { ...t.rect }]),
  };
}
