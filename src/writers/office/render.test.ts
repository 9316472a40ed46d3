/**
 * writers/office against the recording fake (test/fakes/excel-fake.ts), on small hand-made models
 * that exercise one rule each. The expected behaviour is Excel's documented one: null in a 2-D
 * array leaves a cell unchanged, text typed into a General cell is coerced, protect() fails on a
 * protected sheet, getItemOrNullObject tells whether a sheet exists.
 */
import { describe, expect, it } from "vitest";
import type { WorkbookModel } from "../../worksheets/model";
import { FakeExcel, asExcelContext, typedInput } from "../../../test/fakes/excel-fake";
import { checkSheetAgainstModel } from "../../../test/helpers/model-check";
import { fakeReader, withoutResultMismatches } from "../../../test/fakes/fake-reader";
import { sheetModel as sheet } from "../../../test/fakes/office-fixtures";
import { needsTextFormat, toRectangles } from "./cells";
import { OfficeWriteError, SheetConflictError, TEMPLATE_MARKER, markerFormula, parseMarkerFormula, renderWorkbook } from "./render";
import { columnWidthPoints } from "./styles";

/** A small parameters sheet and a sheet using it: every feature the writer renders. */
function smallBook(): WorkbookModel {
  const params = sheet({
    key: "PARAMS",
    name: "参数",
    protect: true,
    freeze: { rows: 2, cols: 0 },
    columnWidths: [20, 12, 12],
    merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
    cells: [
      { row: 0, col: 0, value: "参数", style: "title" },
      { row: 1, col: 0, value: "名称", style: "header" },
      { row: 1, col: 1, value: "值", style: "header" },
      { row: 2, col: 0, value: "贴现率 i", style: "label" },
      { row: 2, col: 1, value: 0.12, numberFormat: "0.00%", style: "input" },
      { row: 3, col: 0, value: "企业名称", style: "label" },
      { row: 3, col: 1, value: "", style: "input" },
      { row: 4, col: 0, value: "=10% less water", style: "note" },
      { row: 4, col: 1, value: "2024-05-01", style: "note" },
      { row: 4, col: 2, value: "-5%", style: "note" },
    ],
    print: { orientation: "landscape", repeatRows: { first: 0, last: 1 }, footer: "制表：R&D 部", printArea: { top: 0, left: 0, bottom: 4, right: 1 } },
  });
  const econ = sheet({
    key: "WS5-3",
    name: "经济评估",
    protect: true,
    freeze: { rows: 2, cols: 1 },
    columnWidths: [10, 10, 10, 10],
    cells: [
      { row: 0, col: 0, value: "经济评估", style: "title" },
      { row: 1, col: 0, value: "I", style: "header" },
      { row: 1, col: 1, value: "F", style: "header" },
      { row: 1, col: 2, value: "N", style: "header" },
      { row: 1, col: 3, value: "NPV", style: "header" },
      { row: 2, col: 0, value: 31.67, numberFormat: "0.00", style: "input" },
      { row: 2, col: 1, value: 11.3, numberFormat: "0.00", style: "input" },
      { row: 2, col: 2, formula: 'IF(B3>0,A3/B3,"不可回收")', result: 31.67 / 11.3, numberFormat: "0.00", style: "computed" },
      { row: 2, col: 3, formula: "PV(CP_DiscountRate,10,-B3)-A3", result: 32.1775, numberFormat: "0.00", style: "computed" },
      { row: 3, col: 0, value: null, style: "input" },
      { row: 3, col: 1, value: null, style: "input" },
      { row: 3, col: 2, formula: 'IF(B4>0,A4/B4,"")', result: null, style: "computed" },
      { row: 3, col: 3, formula: 'IF(A4="","",PV(CP_DiscountRate,10,-B4)-A4)', result: null, style: "computed" },
      { row: 4, col: 0, value: "合计", style: "total" },
      { row: 4, col: 3, formula: "SUM(D3:D4)", result: 32.1775, numberFormat: "0.00", style: "total" },
    ],
    validations: [
      { kind: "decimal", range: { top: 2, left: 0, bottom: 3, right: 1 }, min: 0, allowBlank: true, error: "≥ 0" },
      { kind: "list", range: { top: 2, left: 2, bottom: 3, right: 2 }, source: "'参数'!$A$3:$A$4", allowBlank: true },
    ],
    conditionalFormats: [{ range: { top: 2, left: 3, bottom: 3, right: 3 }, formula: "AND(ISNUMBER(D3),D3<0)", style: "bad" }],
  });
  const lists = sheet({ key: "LISTS", name: "列表", hidden: true, cells: [{ row: 0, col: 0, value: "废水" }] });
  return {
    lang: "zh-CN",
    sheets: [params, econ, lists],
    names: [{ name: "CP_DiscountRate", sheet: "参数", ref: { top: 2, left: 1, bottom: 2, right: 1 } }],
  };
}

describe("typed-input emulation of the fake (what Excel does to a string in a General cell)", () => {
  it("turns formulas, numbers, percentages, booleans and ISO dates into non-text", () => {
    expect(typedInput("=1+1").formula).toBe("=1+1");
    expect(typedInput("12").value).toBe(12);
    expect(typedInput("-5%").value).toBe(-0.05);
    expect(typedInput("TRUE").value).toBe(true);
    expect(typedInput("+3 t/a").formula).toBe("=+3 t/a");
    // 2024-05-01 is serial 45413 in Excel's 1900 date system.
    expect(typedInput("2024-05-01").value).toBe(45413);
    expect(typedInput("锅炉工段").value).toBe("锅炉工段");
  });
  it("needsTextFormat covers every string the emulation would coerce", () => {
    for (const s of ["=1+1", "12", "-5%", "TRUE", "+3 t/a", "2024-05-01", "#N/A", "1e5", " 7 "]) {
      const t = typedInput(s);
      expect(t.value === s && t.formula === null && !t.error, s).toBe(false);
      expect(needsTextFormat(s), s).toBe(true);
    }
    expect(needsTextFormat("锅炉工段")).toBe(false);
    expect(needsTextFormat("")).toBe(false);
  });
});

describe("toRectangles", () => {
  it("covers exactly the given cells with merged runs", () => {
    const cells = [
      { row: 0, col: 0 },
      { row: 0, col: 1 },
      { row: 1, col: 0 },
      { row: 1, col: 1 },
      { row: 3, col: 4 },
      { row: 2, col: 1 },
    ];
    const rects = toRectangles(cells);
    expect(rects).toEqual([
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 2, left: 1, bottom: 2, right: 1 },
      { top: 3, left: 4, bottom: 3, right: 4 },
    ]);
  });
});

describe("renderWorkbook into an empty workbook", () => {
  it("writes every cell as the model says (same checker as writers/xlsx) in 1 + one sync per sheet", async () => {
    const fake = new FakeExcel();
    const book = smallBook();
    const result = await fake.run((ctx) => renderWorkbook(ctx, book));
    expect(result.syncs).toBe(1 + book.sheets.length);
    expect(fake.totalSyncs).toBe(1 + book.sheets.length);
    expect(result.created).toEqual(["参数", "经济评估", "列表"]);
    for (const s of book.sheets) {
      const mismatches = withoutResultMismatches(checkSheetAgainstModel(s, fakeReader(fake, s.name)));
      expect(mismatches.map((m) => m.message)).toEqual([]);
    }
  });

  it("keeps text that looks like a formula, a date or a number as text (E12)", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, smallBook()));
    const c = (col: number) => fake.cell("参数", 4, col)!;
    expect(c(0).formula).toBeNull();
    expect(c(0).value).toBe("=10% less water");
    expect(c(1).value).toBe("2024-05-01");
    expect(c(2).value).toBe("-5%");
    // The model's (General) format is restored after the text was stored.
    expect(c(0).numberFormat).toBe("General");
  });

  it("writes formulas with '=' through range.formulas as whole blocks of the exact shape", async () => {
    const fake = new FakeExcel();
    const ctx = fake.newContext();
    await renderWorkbook(asExcelContext(ctx), smallBook());
    expect(fake.cell("经济评估", 2, 3)!.formula).toBe("=PV(CP_DiscountRate,10,-B3)-A3");
    const writes = ctx.calls("formulas=");
    // one 2-D block per sheet: 参数 5×3, 经济评估 5×4, 列表 1×1
    expect(writes.map((w) => w.target)).toEqual([
      expect.stringContaining("getRangeByIndexes(0,0,5,3)"),
      expect.stringContaining("getRangeByIndexes(0,0,5,4)"),
      expect.stringContaining("getRangeByIndexes(0,0,1,1)"),
    ]);
    // one sheet per batch: batch 1 writes 参数, batch 2 经济评估, batch 3 列表
    expect(writes.map((w) => w.batch)).toEqual([1, 2, 3]);
    // calculation suspended in every write batch
    expect([...ctx.suspendedBatches].sort()).toEqual([1, 2, 3]);
  });

  it("renders styles, validations, conditional formats, names, freeze panes, widths, merges, print, hidden, protection", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, smallBook()));
    const p = fake.sheet("参数");
    const e = fake.sheet("经济评估");
    expect(fake.cell("参数", 2, 1)!.fill).toBe("#FFF2CC");
    expect(fake.cell("参数", 2, 1)!.locked).toBe(false);
    expect(fake.cell("参数", 2, 0)!.locked).toBe(true);
    expect(fake.cell("经济评估", 2, 2)!.fill).toBe("#DDEBF7");
    expect(fake.cell("经济评估", 4, 3)!.bold).toBe(true);
    expect(p.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(p.freeze).toEqual({ rows: 2, cols: 0 });
    expect(e.freeze).toEqual({ rows: 2, cols: 1 });
    // a width of 20 characters of Calibri 11's "0" (7 px) plus 5 px padding: (20·7 + 5) px · 0.75 pt/px = 108.75 pt
    expect(p.columnWidths.get(0)).toBe(108.75);
    expect(columnWidthPoints(10)).toBe(56.25); // (10·7 + 5) px · 0.75 pt/px
    expect(p.protected).toBe(true);
    expect(e.protected).toBe(true);
    expect(fake.sheet("列表").visibility).toBe("Hidden");
    expect(p.pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$2",
      printArea: "$A$1:$B$5",
      // "&" starts a header/footer code: the user's "&" is written "&&" (as writers/xlsx does)
      leftFooter: "制表：R&&D 部",
      centerFooter: "",
      rightFooter: "第 &P 页 共 &N 页",
    });
    expect(e.validations.map((v) => v.rule)).toEqual([
      { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } },
      { list: { inCellDropDown: true, source: "='参数'!$A$3:$A$4" } },
    ]);
    expect(e.conditionalFormats).toEqual([
      { range: { top: 2, left: 3, bottom: 3, right: 3 }, type: "Custom", formula: "=AND(ISNUMBER(D3),D3<0)", fill: "#FFC7CE", fontColor: "#9C0006" },
    ]);
    expect(fake.names.get("cp_discountrate")!.formula).toBe("='参数'!$B$3");
    expect(parseMarkerFormula(p.names.get(TEMPLATE_MARKER.toLowerCase())!.formula)).toBe("PARAMS");
    expect(fake.activeSheet).toBe("参数");
  });

  it("pageLayout: false leaves the print setup (ExcelApi 1.9) out", async () => {
    const fake = new FakeExcel();
    const ctx = fake.newContext();
    await renderWorkbook(asExcelContext(ctx), smallBook(), { pageLayout: false });
    expect(ctx.log.filter((c) => c.target.includes("pageLayout"))).toEqual([]);
    expect(fake.sheet("参数").pageLayout).toEqual({});
  });

  it("reports progress after each sheet", async () => {
    const fake = new FakeExcel();
    const seen: string[] = [];
    await fake.run((ctx) => renderWorkbook(ctx, smallBook(), { onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.sheet}`) }));
    expect(seen).toEqual(["1/3 参数", "2/3 经济评估", "3/3 列表"]);
  });

  it("blocks of a small request stay in one sync (maxCellsPerBlock splits the 2-D block only)", async () => {
    const fake = new FakeExcel();
    const big = sheet({
      key: "BIG",
      name: "Big",
      cells: Array.from({ length: 100 }, (_, r) => ({ row: r, col: 0, value: r })),
    });
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), { lang: "en-US", sheets: [big], names: [] }, { maxCellsPerBlock: 30 });
    expect(res.syncs).toBe(2);
    expect(ctx.calls("formulas=").length).toBe(4);
    expect(fake.cell("Big", 99, 0)!.value).toBe(99);
  });

  it("a sheet whose request would exceed the budget is sent in several syncs, each under Excel's 5 MB", async () => {
    // 12,000 rows × 8 columns of 40 CJK characters: about 12 MB of values (issue 14: 2,000 options
    // already made a 4 MB request); Excel on the web refuses a request over 5 MB.
    const text = (r: number, c: number) => `${"审核方案说明文字".repeat(5)}${r}-${c}`;
    const rows = 12_000;
    const cells = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < 8; c++) cells.push({ row: r, col: c, value: text(r, c), style: "input" as const });
    const big = sheet({ key: "BIG", name: "Big", cells });
    const fake = new FakeExcel();
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), { lang: "zh-CN", sheets: [big], names: [] });
    // the fake measured every request: several write syncs, none over the limit
    const writes = ctx.requestBytes.slice(1);
    expect(writes.length).toBeGreaterThanOrEqual(6);
    expect(res.syncs).toBe(ctx.syncCount);
    for (const b of ctx.requestBytes) expect(b).toBeLessThan(5_000_000);
    expect(writes.reduce((a, b) => a + b, 0)).toBeGreaterThan(10_000_000);
    expect(fake.cell("Big", rows - 1, 7)!.value).toBe(text(rows - 1, 7));
    expect(fake.cell("Big", 0, 0)!.value).toBe(text(0, 0));
  });

  it("the fake refuses a request over 5 MB as Excel on the web does (what the splitting avoids)", async () => {
    const cells = Array.from({ length: 60_000 }, (_, r) => ({ row: r, col: 0, value: "审核方案说明文字".repeat(5) }));
    const fake = new FakeExcel();
    const err = await fake
      .run((ctx) => renderWorkbook(ctx, { lang: "zh-CN", sheets: [sheet({ key: "BIG", name: "Big", cells })], names: [] }, { maxRequestBytes: 50_000_000 }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeWriteError);
    expect(((err as OfficeWriteError).cause as { code: string }).code).toBe("RequestPayloadSizeLimitExceeded");
    // nothing of the refused request was applied
    expect(fake.findSheet("Big")).toBeUndefined();
  });
});

describe("non-destructive: a workbook that already has a sheet of the same name", () => {
  it("never touches a foreign sheet: conflict reported before any write, with the names taken", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("经济评估", { A1: "我的数据", B2: 42, C3: "=B2*2" });
    fake.seedSheet("Sheet1", { A1: 1 });
    const before = fake.snapshot("经济评估");
    const err = await fake.run((ctx) => renderWorkbook(ctx, smallBook())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetConflictError);
    const conflict = err as SheetConflictError;
    expect(conflict.conflicts).toEqual([{ key: "WS5-3", name: "经济评估", existingTemplateKey: null, refreshable: false }]);
    expect(conflict.takenSheetNames).toEqual(["经济评估", "Sheet1"]);
    expect(fake.snapshot("经济评估")).toEqual(before);
    // nothing else was written either
    expect(fake.sheets.map((s) => s.name)).toEqual(["经济评估", "Sheet1"]);
    expect(fake.names.size).toBe(0);
  });

  it("refuses to refresh a foreign sheet even when asked", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("经济评估", { A1: "我的数据" });
    const before = fake.snapshot("经济评估");
    await expect(fake.run((ctx) => renderWorkbook(ctx, smallBook(), { refreshKeys: ["WS5-3"] }))).rejects.toBeInstanceOf(SheetConflictError);
    expect(fake.snapshot("经济评估")).toEqual(before);
  });

  it("a template sheet written earlier is a conflict too unless its refresh is asked for", async () => {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, smallBook()));
    const err = (await fake.run((ctx) => renderWorkbook(ctx, smallBook())).catch((e: unknown) => e)) as SheetConflictError;
    expect(err.conflicts.map((c) => [c.key, c.refreshable])).toEqual([
      ["PARAMS", true],
      ["WS5-3", true],
      ["LISTS", true],
    ]);
  });
});

describe("refresh of a sheet the add-in wrote earlier", () => {
  async function writtenAndFilled(): Promise<FakeExcel> {
    const fake = new FakeExcel();
    await fake.run((ctx) => renderWorkbook(ctx, smallBook()));
    // The user fills input cells (the sheets are protected; input cells are unlocked) and types
    // beside the template.
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("经济评估");
      ws.getRangeByIndexes(3, 0, 1, 2).values = [[73.82, 21.5]];
      ws.getRangeByIndexes(2, 1, 1, 1).values = [[12]];
      const p = ctx.workbook.worksheets.getItem("参数");
      p.getRangeByIndexes(2, 1, 1, 1).values = [[0.08]];
      p.getRangeByIndexes(3, 1, 1, 1).values = [["某电厂"]];
      await ctx.sync();
    });
    return fake;
  }

  it("keeps every user-entered input value and rewrites the template's own cells", async () => {
    const fake = await writtenAndFilled();
    // The user damaged a computed cell (possible after unprotecting): refresh restores it.
    fake.sheet("经济评估").protected = false;
    fake.cell("经济评估", 2, 2)!.formula = null;
    fake.cell("经济评估", 2, 2)!.value = 0;
    fake.sheet("经济评估").protected = true;

    const book = smallBook();
    const ctx = fake.newContext();
    const res = await renderWorkbook(asExcelContext(ctx), book, { refreshKeys: ["PARAMS", "WS5-3", "LISTS"] });
    expect(res.refreshed).toEqual(["参数", "经济评估", "列表"]);
    expect(res.created).toEqual([]);
    expect(res.syncs).toBe(2 + book.sheets.length);
    expect(fake.cell("经济评估", 3, 0)!.value).toBe(73.82);
    expect(fake.cell("经济评估", 3, 1)!.value).toBe(21.5);
    expect(fake.cell("经济评估", 2, 1)!.value).toBe(12);
    expect(fake.cell("参数", 2, 1)!.value).toBe(0.08);
    expect(fake.cell("参数", 3, 1)!.value).toBe("某电厂");
    expect(fake.cell("经济评估", 2, 2)!.formula).toBe('=IF(B3>0,A3/B3,"不可回收")');
    // protected again, and no duplicate conditional formats or names
    expect(fake.sheet("经济评估").protected).toBe(true);
    expect(fake.sheet("经济评估").conditionalFormats.length).toBe(1);
    expect(res.namesKept).toEqual(["CP_DiscountRate"]);
    expect(res.namesAdded).toEqual([]);
    // the protected sheets were unprotected first (protect() on a protected sheet fails)
    expect(ctx.calls("unprotect").length).toBe(2);
  });

  it("overwriteInputKeys lets the pane save new parameters into PARAMS", async () => {
    const fake = await writtenAndFilled();
    await fake.run((ctx) => renderWorkbook(ctx, smallBook(), { refreshKeys: ["PARAMS", "WS5-3", "LISTS"], overwriteInputKeys: ["PARAMS"] }));
    expect(fake.cell("参数", 2, 1)!.value).toBe(0.12);
    expect(fake.cell("经济评估", 3, 0)!.value).toBe(73.82);
  });

  it("replaces a broken (#REF!) defined name of ours, keeps a sound one", async () => {
    const fake = new FakeExcel();
    fake.names.set("cp_discountrate", { name: "CP_DiscountRate", formula: "=#REF!$B$3" });
    const res = await fake.run((ctx) => renderWorkbook(ctx, smallBook()));
    expect(res.namesAdded).toEqual(["CP_DiscountRate"]);
    expect(fake.names.get("cp_discountrate")!.formula).toBe("='参数'!$B$3");
  });
});

describe("marker formula", () => {
  it("round-trips keys with quotes", () => {
    expect(markerFormula("WS2-11")).toBe('="WS2-11"');
    expect(parseMarkerFormula(markerFormula('a"b'))).toBe('a"b');
    expect(parseMarkerFormula("='参数'!$A$1")).toBeNull();
  });
});
