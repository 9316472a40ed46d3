/**
 * Excel tables through Office.js, against the recording fake (which refuses what Excel refuses:
 * a structured reference to a table that does not exist yet, a locked cell on a protected sheet,
 * a request over 5 MB). Expected behaviour: engineering guide §1b/§6 and issue 8 item 7 —
 * tables created after their data with their names and calculated columns, names after their
 * tables; "refresh, keep my entries" keeps every row of the user's tables (typed below, inserted
 * inside) and rewrites only headers, calculated columns and what lies outside the tables; it
 * refuses, writing nothing, when a table no longer matches.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateCase } from "../../worksheets/case";
import { buildWorkbook } from "../../worksheets/workbook";
import { FakeExcel, asExcelContext } from "../../../test/fakes/excel-fake";
import { insertTableRow, stockBook, typeBelowTable, workbookSnapshot } from "../../../test/fakes/office-fixtures";
import { TableLayoutError, renderWorkbook } from "./render";

describe("tables of a hand-made model", () => {
  it("creates the table after its data, names it, writes one formula per calculated column, the summary after the table", async () => {
    const fake = new FakeExcel();
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), stockBook());
    expect(res.created).toEqual(["Use", "Stock"]);
    const t = fake.table("tblStock");
    expect(t.sheet.name).toBe("Stock");
    expect(t.rect).toEqual({ top: 3, left: 0, bottom: 6, right: 4 });
    expect(fake.tableColumns(t)).toEqual(["品名", "数量", "单价", "金额", "排序键"]);
    const amount = '=IF(tblStock[[#This Row],[数量]]="","",tblStock[[#This Row],[数量]]*tblStock[[#This Row],[单价]])';
    expect(t.calculated.get(3)).toBe(amount);
    expect(t.calculated.size).toBe(2);
    for (let r = 4; r <= 6; r++) expect(fake.cell("Stock", r, 3)!.formula).toBe(amount);
    expect(fake.cell("Stock", 4, 0)!.value).toBe("螺栓");
    expect(fake.cell("Stock", 1, 1)!.formula).toBe("=SUM(tblStock[金额])");
    expect([t.style, t.showBandedRows, t.showFilterButton]).toEqual(["TableStyleLight1", false, false]);

    const log = ctx.log;
    const idx = (pred: (c: (typeof log)[number]) => boolean) => log.findIndex(pred);
    const block = idx((c) => c.op === "formulas=" && c.target.includes('worksheets.add("Stock").getRangeByIndexes(0,0,7,5)'));
    const add = idx((c) => c.op === "add" && c.target.endsWith(".tables"));
    const named = idx((c) => c.op === "name=" && c.args[0] === "tblStock");
    const column = idx((c) => c.op === "formulas=" && c.target.includes("columns.getItemAt(3).getDataBodyRange()"));
    const summary = idx((c) => c.op === "formulas=" && JSON.stringify(c.args).includes("SUM(tblStock[金额])"));
    expect([block, add, named, column, summary].every((i) => i >= 0)).toBe(true);
    expect(block).toBeLessThan(add);
    expect(add).toBeLessThan(named);
    expect(named).toBeLessThan(column);
    expect(named).toBeLessThan(summary);
    // the table's address names its sheet (an address without one means the ACTIVE sheet)
    expect(log[add]!.args[0]).toBe("'Stock'!A4:E7");
    // the first block carries no formula that needs the table
    expect(JSON.stringify(log[block]!.args)).not.toContain("tblStock");
    // one N×1 formula array per calculated column over the data body
    expect((log[column]!.args[0] as unknown[][]).length).toBe(3);
  });

  it("adds the table-backed name after its table and the dropdown using it after the name, though its sheet comes first", async () => {
    const fake = new FakeExcel();
    const ctx = fake.newContext();
    await renderWorkbook(asExcelContext(ctx), stockBook());
    expect(fake.names.get("cp_items")!.formula).toBe("=tblStock[品名]");
    expect(fake.sheet("Use").validations.map((v) => v.rule)).toEqual([{ list: { inCellDropDown: true, source: "=CP_Items" } }]);
    const log = ctx.log;
    const named = log.findIndex((c) => c.op === "name=" && c.args[0] === "tblStock");
    const nameAdded = log.findIndex((c) => c.op === "add" && c.target === "workbook.names" && c.args[0] === "CP_Items");
    const rule = log.findIndex((c) => c.op === "rule=" && c.target.includes('"Use"'));
    expect(named).toBeLessThan(nameAdded);
    expect(nameAdded).toBeLessThan(rule);
    // the sheets keep the model's order in the workbook
    expect(fake.sheets.map((s) => s.name)).toEqual(["Use", "Stock"]);
    expect(ctx.syncCount).toBe(3);
  });

  it("sets the row heights and hidden columns of the model, and the footer with '&' escaped", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, stockBook()));
    const s = fake.sheet("Stock");
    expect([...s.rowHeights.entries()]).toEqual([
      [0, 24],
      [3, 30],
    ]);
    expect([...s.hiddenColumns]).toEqual([4]);
    expect(s.pageLayout.leftFooter).toBe("制表：R&&D 审核：QA&&QC");
    expect(s.protected).toBe(false);
  });
});

describe("refresh keeps every row of the user's tables", () => {
  it("a row typed below a table and one inserted inside are kept; calculated columns, headers and summaries are rewritten", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, stockBook()));
    // the user: types a row below the table (it grows), inserts a row inside, edits a row, types
    // over a calculated cell and over the summary formula
    const below = await typeBelowTable(fake, "tblStock", ["垫圈", 100, 0.1, null, null]);
    expect(below).toBe(7);
    expect(fake.table("tblStock").rect.bottom).toBe(7);
    await insertTableRow(fake, "tblStock", 1, ["弹簧", 5, 3, null, null]);
    expect(fake.table("tblStock").rect.bottom).toBe(8);
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Stock");
      ws.getRangeByIndexes(4, 1, 1, 1).values = [[11]];
      ws.getRangeByIndexes(8, 3, 1, 1).values = [[999]];
      ws.getRangeByIndexes(1, 1, 1, 1).values = [[0]];
      await ctx.sync();
    });
    const userRows = [
      ["螺栓", 11, 2],
      ["弹簧", 5, 3],
      ["螺母", 20, 1],
      [null, null, null],
      ["垫圈", 100, 0.1],
    ];
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), stockBook(), { refreshKeys: ["USE", "STOCK"] });
    expect(res.refreshed).toEqual(["Use", "Stock"]);
    expect(ctx.syncCount).toBe(2 + 2);
    const t = fake.table("tblStock");
    expect(t.rect).toEqual({ top: 3, left: 0, bottom: 8, right: 4 });
    userRows.forEach((row, k) => {
      row.forEach((v, j) => expect(fake.cell("Stock", 4 + k, j)?.value ?? null, `row ${k} col ${j}`).toBe(v));
    });
    // calculated columns over every current row, the user's included
    const amount = t.calculated.get(3)!;
    for (let r = 4; r <= 8; r++) expect(fake.cell("Stock", r, 3)!.formula, `row ${r}`).toBe(amount);
    expect(fake.cell("Stock", 1, 1)!.formula).toBe("=SUM(tblStock[金额])");
    expect(fake.tableColumns(t)).toEqual(["品名", "数量", "单价", "金额", "排序键"]);
    // validation and conditional format follow the table down to its current last row
    expect(fake.sheet("Stock").validations.map((v) => v.range)).toEqual([{ top: 4, left: 1, bottom: 8, right: 2 }]);
    expect(fake.sheet("Stock").conditionalFormats.map((c) => c.range)).toEqual([{ top: 4, left: 3, bottom: 8, right: 3 }]);
    // no rule of the refresh touched a cell below the table
    expect(fake.cell("Stock", 9, 0)).toBeUndefined();
  });

  it("a blank row inserted into the power-plant register stays blank: the model's rows are not written over the user's", async () => {
    const json: unknown = JSON.parse(readFileSync(new URL("../../../cases/power-plant-workshop.json", import.meta.url), "utf8"));
    const v = validateCase(json);
    if (!v.ok) throw new Error("case");
    const book = buildWorkbook(v.value, { lang: "zh-CN", keys: ["WS4-1"] });
    const options = book.sheets.find((s) => s.key === "WS4-1")!.tables[0]!;
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, book));
    const first = options.ref.top + 1;
    const ids = () => Array.from({ length: fake.table("tblOptions").rect.bottom - first + 1 }, (_, k) => fake.cell("方案汇总表", first + k, 0)?.value ?? null);
    const before = ids();
    expect(before.slice(0, 2).every((x) => typeof x === "string" && x !== "")).toBe(true);
    // the user makes room for an option between the first two (Insert ▸ Table rows above)
    await insertTableRow(fake, "tblOptions", 1, options.columns.map(() => null));
    const expected = [before[0]!, null, ...before.slice(1)];
    expect(ids()).toEqual(expected);
    await fake.run((ctx) => renderWorkbook(ctx, book, { refreshKeys: book.sheets.map((s) => s.key) }));
    expect(ids()).toEqual(expected);
    // the whole inserted row is still blank in its input columns
    options.columns.forEach((c, j) => {
      if (c.formula === undefined) expect(fake.cell("方案汇总表", first + 1, j)?.value ?? null, c.name).toBeNull();
    });
  });

  it("the register and economics of the real template: appended and inserted rows survive a refresh of every sheet", async () => {
    const book = buildWorkbook(null, { lang: "zh-CN", keys: ["WS5-3"] });
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, book));
    const options = book.sheets.find((s) => s.key === "WS4-1")!.tables[0]!;
    const econ = book.sheets.find((s) => s.key === "WS5-3")!.tables[0]!;
    const width = (t: typeof options) => t.columns.length;
    const inputRow = (t: typeof options, values: Record<string, string | number>) => t.columns.map((c) => (c.formula === undefined ? (values[c.name] ?? null) : null));
    // the user fills the first row, types a row below the table and inserts one inside
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("方案汇总表");
      ws.getRangeByIndexes(options.ref.top + 1, 0, 1, width(options)).values = [inputRow(options, { 方案编号: "F-01", 方案名称: "余热回收", 预计投资: 12 })];
      await ctx.sync();
    });
    await typeBelowTable(fake, "tblOptions", inputRow(options, { 方案编号: "F-99", 方案名称: "新增方案", 预计投资: 3 }));
    await insertTableRow(fake, "tblOptions", 1, inputRow(options, { 方案编号: "F-02", 方案名称: "插入方案", 预计投资: 5 }));
    await typeBelowTable(fake, "tblEconomics", inputRow(econ, { 方案编号: "F-99", 年运行费用节省额P: 1.5 }));
    await insertTableRow(fake, "tblEconomics", 0, inputRow(econ, { 方案编号: "F-02", 年运行费用节省额P: 2 }));
    const optionsBottom = options.ref.bottom + 2;
    const econBottom = econ.ref.bottom + 2;
    expect(fake.table("tblOptions").rect.bottom).toBe(optionsBottom);
    const before = (name: string, top: number, bottom: number, cols: number) =>
      Array.from({ length: bottom - top + 1 }, (_, k) => Array.from({ length: cols }, (_, j) => fake.cell(name, top + k, j)?.value ?? null));
    const optionInputs = before("方案汇总表", options.ref.top + 1, optionsBottom, width(options));

    const res = await fake.run((ctx) => renderWorkbook(ctx, book, { refreshKeys: book.sheets.map((s) => s.key) }));
    expect(res.refreshed).toEqual(book.sheets.map((s) => s.name));
    expect(fake.table("tblOptions").rect.bottom).toBe(optionsBottom);
    expect(fake.table("tblEconomics").rect.bottom).toBe(econBottom);
    // every input cell of every row of the register is what the user left there
    const after = before("方案汇总表", options.ref.top + 1, optionsBottom, width(options));
    options.columns.forEach((c, j) => {
      if (c.formula !== undefined) return;
      after.forEach((row, k) => expect(row[j], `${c.name} row ${k}`).toBe(optionInputs[k]![j]));
    });
    expect(fake.cell("方案汇总表", options.ref.top + 2, 0)!.value).toBe("F-02");
    expect(fake.cell("方案汇总表", optionsBottom, 0)!.value).toBe("F-99");
    expect(fake.cell("经济评估", econ.ref.top + 1, 0)!.value).toBe("F-02");
    expect(fake.cell("经济评估", econBottom, 0)!.value).toBe("F-99");
    // calculated columns on every row of the grown tables
    for (const [t, sheet, bottom] of [[options, "方案汇总表", optionsBottom], [econ, "经济评估", econBottom]] as const) {
      t.columns.forEach((c, j) => {
        if (c.formula === undefined) return;
        for (let r = t.ref.top + 1; r <= bottom; r++) expect(fake.cell(sheet, r, t.ref.left + j)!.formula, `${t.name}.${c.name} row ${r}`).toBe(`=${c.formula}`);
      });
    }
  });
});

describe("refresh refuses, writing nothing, when a table no longer matches the template", () => {
  async function written(): Promise<FakeExcel> {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, stockBook()));
    return fake;
  }
  const cases: [string, (fake: FakeExcel) => Promise<void>, string][] = [
    [
      "renamed",
      (fake) =>
        fake.run(async (ctx) => {
          ctx.workbook.tables.getItem("tblStock").name = "tblMine";
          await ctx.sync();
        }),
      "missing",
    ],
    [
      "converted to a range",
      (fake) =>
        fake.run(async (ctx) => {
          ctx.workbook.tables.getItem("tblStock").convertToRange();
          await ctx.sync();
        }),
      "missing",
    ],
    [
      "a header renamed",
      (fake) =>
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Stock").getRangeByIndexes(3, 2, 1, 1).values = [["价格"]];
          await ctx.sync();
        }),
      "columns",
    ],
    [
      "moved (rebuilt two rows lower)",
      (fake) =>
        fake.run(async (ctx) => {
          ctx.workbook.tables.getItem("tblStock").convertToRange();
          const ws = ctx.workbook.worksheets.getItem("Stock");
          ws.getRangeByIndexes(8, 0, 2, 5).values = [
            ["品名", "数量", "单价", "金额", "排序键"],
            ["螺栓", 1, 1, null, null],
          ];
          ws.tables.add("'Stock'!A9:E10", true).name = "tblStock";
          await ctx.sync();
        }),
      "moved",
    ],
  ];
  it.each(cases)("table %s", async (_what, change, kind) => {
    const fake = await written();
    await change(fake);
    const before = workbookSnapshot(fake);
    const syncs = fake.totalSyncs;
    const err = await fake.run((ctx) => renderWorkbook(ctx, stockBook(), { refreshKeys: ["USE", "STOCK"] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableLayoutError);
    const problems = (err as TableLayoutError).problems;
    expect(problems.map((p) => [p.kind, p.sheet, p.table])).toEqual([[kind, "Stock", "tblStock"]]);
    expect((err as Error).message).toMatch(/Nothing was written/);
    expect(workbookSnapshot(fake)).toEqual(before);
    // only the two probes
    expect(fake.totalSyncs - syncs).toBe(2);
  });

  it("a new sheet whose table name is already used is refused before anything is written", async () => {
    const fake = new FakeExcel();
    const first = buildWorkbook(null, { lang: "zh-CN", keys: ["WS4-1"] });
    await fake.run((ctx) => renderWorkbook(ctx, first));
    const before = workbookSnapshot(fake);
    // "add as new sheets": the register again under a free name, its table name taken
    const again = buildWorkbook(null, { lang: "zh-CN", keys: ["WS4-1"], takenSheetNames: fake.sheets.map((s) => s.name) });
    const err = await fake.run((ctx) => renderWorkbook(ctx, again)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableLayoutError);
    expect((err as TableLayoutError).problems).toContainEqual({ kind: "taken", sheet: "方案汇总表 (2)", table: "tblOptions", actualSheet: "方案汇总表" });
    expect(workbookSnapshot(fake)).toEqual(before);
  });
});
