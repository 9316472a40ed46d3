/**
 * The task pane's Excel actions against the recording fake: insert with the conflict dialogue,
 * settings kept in the workbook, formula at the selection. Expected behaviour: the rules
 * (nothing of the user's is lost; a free name "… (2)"; refresh keeps input) and Excel's
 * documented batch model as the fake implements it.
 */
import { describe, expect, it, vi } from "vitest";
import { buildWorkbook } from "../../worksheets/workbook";
import { FakeExcel } from "../../../test/fakes/excel-fake";
import { DEFAULT_SETTINGS, type AuditSettings } from "../settings";
import {
  insertFormulaAtSelection,
  insertWorksheets,
  renameModelSheet,
  sheetOfNameFormula,
  type ConflictAnswer,
  type ConflictQuestion,
} from "./insert";
import { readSettingsFromWorkbook, saveSettingsToWorkbook } from "./settings";

const HEADLINE = ["WS2-6", "WS2-11", "WS3-4", "WS4-1", "WS5-3", "WS5-4"];

const SETTINGS: AuditSettings = {
  header: { enterprise: "某电厂", auditRound: "第一轮", preparedBy: "张工", checkedBy: "李工", date: "2024-05-01" },
  parameters: { discountRate: 0.12, taxRate: 0.25, depreciationYears: 10, evaluationYears: 10, benchmarkRate: 0.12, balanceTolerance: 0.05 },
};

function never(): Promise<ConflictAnswer> {
  throw new Error("askConflict must not be called");
}

describe("insertWorksheets", () => {
  it("inserts the headline set into a new workbook in 1 survey + 1 probe + 1 sync per sheet, without asking", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1");
    const progress: number[] = [];
    const out = await insertWorksheets((b) => fake.run(b), { keys: HEADLINE, lang: "zh-CN", settings: SETTINGS }, {
      askConflict: never,
      onProgress: (p) => progress.push(p.done),
    });
    expect(out.cancelled).toBe(false);
    // the register's status looks up the screening (issue 11): 方案初步筛选 comes with it; the economics takes I and P
    // from 表5-1/5-2; the focus sheet's suggestions read 表2-10; the balance brings 表3-2, 表3-3 and the component and water
    // balances; WS2-6 is two sheets (the inventory and the waste streams by year, whose specific generation reads 年度数据)
    expect(out.created).toEqual([
      "参数", "年度数据", "废弃物产生源清单", "废弃物流历年情况", "备选审核重点情况", "审核重点权重计分", "单元操作", "实测计划及数据", "物料平衡", "组分平衡", "水平衡",
      "方案汇总表", "方案初步筛选", "投资费用", "运行费用和收益", "经济评估", "可行性分析", "逐年现金流量", "列表",
    ]);
    // 1 survey + 1 probe + 19 sheets
    expect(out.syncs).toBe(21);
    expect(fake.totalSyncs).toBe(21);
    expect(progress).toEqual(Array.from({ length: 19 }, (_, k) => k + 1));
    expect(out.lang).toBe("zh-CN");
    // no protection unless asked for
    expect(fake.sheets.filter((sh) => sh.protected).map((sh) => sh.name)).toEqual([]);
    expect(fake.cell("参数", 1, 1)!.value).toBe("某电厂");
  });

  it("a foreign sheet of the same name: asks, then adds a free name and leaves the user's sheet alone", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("经济评估", { A1: "我自己的经济评估", B2: 99 });
    const before = fake.snapshot("经济评估");
    const ask = vi.fn(async (): Promise<ConflictAnswer> => "addNew");
    const out = await insertWorksheets((b) => fake.run(b), { keys: ["WS5-3"], lang: "zh-CN", settings: SETTINGS }, { askConflict: ask });
    expect(ask).toHaveBeenCalledWith({ foreign: ["经济评估"], ours: [] });
    expect(fake.snapshot("经济评估")).toEqual(before);
    const added = out.created.find((n) => n.startsWith("经济评估") && n !== "经济评估");
    expect(added).toBeDefined();
    expect(added).toMatch(/\(2\)$/);
  });

  it("a sheet of the same name appearing between the survey and the write is still never touched", async () => {
    const fake = new FakeExcel();
    let calls = 0;
    const run = async <T,>(b: (c: Excel.RequestContext) => Promise<T>): Promise<T> => {
      const out = await fake.run(b);
      // the user adds a sheet right after the survey
      if (++calls === 1) fake.seedSheet("经济评估", { A1: "刚刚新建", B1: 5 });
      return out;
    };
    const ask = vi.fn(async (): Promise<ConflictAnswer> => "addNew");
    const out = await insertWorksheets(run, { keys: ["WS5-3"], lang: "zh-CN", settings: SETTINGS }, { askConflict: ask });
    expect(ask).toHaveBeenCalledWith({ foreign: ["经济评估"], ours: [] });
    expect(fake.cell("经济评估", 0, 0)!.value).toBe("刚刚新建");
    expect(fake.sheet("经济评估").cells.size).toBe(2);
    expect(out.created.some((n) => /^经济评估 ?\(2\)$/.test(n))).toBe(true);
  });

  it("cancel writes nothing", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("经济评估", { A1: "x" });
    const out = await insertWorksheets((b) => fake.run(b), { keys: ["WS5-3"], lang: "zh-CN", settings: SETTINGS }, {
      askConflict: async () => "cancel",
    });
    expect(out).toMatchObject({ cancelled: true, created: [], refreshed: [] });
    expect(fake.sheets.map((s) => s.name)).toEqual(["经济评估"]);
    expect(fake.names.size).toBe(0);
  });

  it("a sheet inserted earlier: refresh keeps what the user typed", async () => {
    const fake = new FakeExcel();
    const run = <T,>(b: (c: Excel.RequestContext) => Promise<T>) => fake.run(b);
    await insertWorksheets(run, { keys: ["WS5-3"], lang: "zh-CN", settings: SETTINGS }, { askConflict: never });
    const model = buildWorkbook(null, { lang: "zh-CN", keys: ["WS5-3"] }).sheets.find((s) => s.key === "WS5-3")!;
    const input = model.cells.find((c) => c.style === "input" && c.formula === undefined)!;
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("经济评估").getRangeByIndexes(input.row, input.col, 1, 1).values = [["用户输入"]];
      await ctx.sync();
    });
    const ask = vi.fn(async (): Promise<ConflictAnswer> => "refresh");
    const out = await insertWorksheets(run, { keys: ["WS5-3"], lang: "zh-CN", settings: SETTINGS }, { askConflict: ask });
    expect(ask).toHaveBeenCalledWith({ foreign: [], ours: ["经济评估"] });
    expect(out.refreshed).toContain("经济评估");
    expect(out.created).toEqual([]);
    expect(fake.cell("经济评估", input.row, input.col)!.value).toBe("用户输入");
  });

  it("refreshing the whole headline set after a question stays within 12 syncs", async () => {
    const fake = new FakeExcel();
    const run = <T,>(b: (c: Excel.RequestContext) => Promise<T>) => fake.run(b);
    await insertWorksheets(run, { keys: ["PARAMS", ...HEADLINE], lang: "zh-CN", settings: SETTINGS }, { askConflict: never });
    const ask = vi.fn(async (_q: ConflictQuestion): Promise<ConflictAnswer> => "refresh");
    const before = fake.totalSyncs;
    const out = await insertWorksheets(run, { keys: ["PARAMS", ...HEADLINE], lang: "zh-CN", settings: SETTINGS }, { askConflict: ask });
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask.mock.calls[0]![0].ours.length).toBe(7);
    expect(out.refreshed.length).toBe(8);
    // survey 2 + render probes 2 + 8 sheets
    expect(out.syncs).toBe(12);
    expect(fake.totalSyncs - before).toBe(12);
  });

  it("linked sheets and the parameters sheet of ours that were not asked for stay exactly as they are", async () => {
    const fake = new FakeExcel();
    const run = <T,>(b: (c: Excel.RequestContext) => Promise<T>) => fake.run(b);
    await insertWorksheets(run, { keys: ["WS4-1"], lang: "zh-CN", settings: SETTINGS }, { askConflict: never });
    const register = buildWorkbook(null, { lang: "zh-CN", keys: ["WS4-1"] }).sheets.find((s) => s.key === "WS4-1")!;
    const input = register.cells.find((c) => c.style === "input" && c.formula === undefined)!;
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("方案汇总表").getRangeByIndexes(input.row, input.col, 1, 1).values = [["F-01"]];
      await ctx.sync();
    });
    const registerBefore = fake.snapshot("方案汇总表");
    const paramsBefore = fake.snapshot("参数");
    // WS5-3 links to WS4-1: the register is reused, not rewritten; other parameters in the pane do not overwrite the sheet
    const out = await insertWorksheets(
      run,
      { keys: ["WS5-3"], lang: "zh-CN", settings: { ...SETTINGS, parameters: { discountRate: 0.05 } } },
      { askConflict: never },
    );
    expect(out.created).toEqual(["投资费用", "运行费用和收益", "经济评估", "逐年现金流量"]);
    expect(out.refreshed).toEqual(["列表"]);
    expect(fake.snapshot("方案汇总表")).toEqual(registerBefore);
    expect(fake.snapshot("参数")).toEqual(paramsBefore);
    // survey 2 (names, markers) + render 2 probes + 5 sheets written (投资费用, 运行费用和收益, 经济评估, 逐年现金流量, 列表)
    expect(out.syncs).toBe(9);
  });

  it("writes into the parameters and lists sheets the workbook already has: new sheets follow the workbook's language", async () => {
    const fake = new FakeExcel();
    const run = <T,>(b: (c: Excel.RequestContext) => Promise<T>) => fake.run(b);
    await insertWorksheets(run, { keys: [], lang: "zh-CN", settings: SETTINGS }, { askConflict: never });
    expect(fake.sheets.map((s) => s.name)).toEqual(["参数", "列表"]);
    // the pane is in English, the workbook's lists tables are Chinese (their column names are in
    // every structured reference): the new sheet is built in Chinese
    const out = await insertWorksheets(run, { keys: ["WS4-1"], lang: "en-US", settings: SETTINGS }, { askConflict: never });
    expect(out.lang).toBe("zh-CN");
    expect(out.created).toEqual(["方案汇总表", "方案初步筛选"]); // the register's status looks up the screening
    expect(fake.findSheet("Parameters")).toBeUndefined();
    expect(fake.findSheet("Lists")).toBeUndefined();
    expect(fake.tables.filter((t) => t.name === "tblListCategory").length).toBe(1);
  });

  it("the hand-over switch protects the sheets but the lists (inputs editable); a protected table cannot grow", async () => {
    const fake = new FakeExcel();
    const run = <T,>(b: (c: Excel.RequestContext) => Promise<T>) => fake.run(b);
    await insertWorksheets(run, { keys: ["WS4-1"], lang: "zh-CN", settings: SETTINGS, protect: true }, { askConflict: never });
    expect(fake.sheets.map((s) => [s.name, s.protected])).toEqual([
      ["参数", true],
      ["方案汇总表", true],
      ["方案初步筛选", true],
      ["列表", false],
    ]);
    const t = fake.table("tblOptions");
    // the user can type into the table's input cells …
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("方案汇总表").getRangeByIndexes(t.rect.top + 1, 0, 1, 1).values = [["F-01"]];
      await ctx.sync();
    });
    expect(fake.cell("方案汇总表", t.rect.top + 1, 0)!.value).toBe("F-01");
    // … but not below the table: Excel refuses (AccessDenied) and the table does not grow
    const bottom = t.rect.bottom;
    const err = await fake
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem("方案汇总表").getRangeByIndexes(bottom + 1, 0, 1, 1).values = [["F-99"]];
        await ctx.sync();
      })
      .catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe("AccessDenied");
    expect(fake.table("tblOptions").rect.bottom).toBe(bottom);
  });
});

describe("renameModelSheet / sheetOfNameFormula", () => {
  it("renames the sheet and every reference to it", () => {
    const book = buildWorkbook(null, { lang: "en-US", keys: ["WS5-3"] });
    const renamed = renameModelSheet(book, "PARAMS", "参数");
    expect(renamed.sheets[0]!.name).toBe("参数");
    const all = JSON.stringify(renamed);
    expect(all).not.toContain("'Parameters'!");
    expect(renamed.names.every((n) => !("sheet" in n) || n.sheet !== "Parameters")).toBe(true);
  });
  it("reads the sheet of a defined name's formula", () => {
    expect(sheetOfNameFormula("='参数'!$C$6")).toBe("参数");
    expect(sheetOfNameFormula("=Params!$C$6")).toBe("Params");
    expect(sheetOfNameFormula("='It''s'!$A$1")).toBe("It's");
    expect(sheetOfNameFormula('="WS2-11"')).toBeNull();
  });
});

describe("settings kept in the workbook", () => {
  it("a workbook without parameters reads as null and save reports it", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1", { A1: 1 });
    expect(await fake.run((ctx) => readSettingsFromWorkbook(ctx))).toBeNull();
    expect(await fake.run((ctx) => saveSettingsToWorkbook(ctx, SETTINGS))).toBe(false);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("round-trips header and parameters through the parameters sheet and the CP_* names", async () => {
    const fake = new FakeExcel();
    await insertWorksheets((b) => fake.run(b), { keys: [], lang: "zh-CN", settings: SETTINGS }, { askConflict: never });
    expect(await fake.run((ctx) => readSettingsFromWorkbook(ctx))).toEqual(SETTINGS);

    const changed: AuditSettings = {
      header: { ...SETTINGS.header, enterprise: "=not a formula", date: "2025-01-15" },
      parameters: { discountRate: 0.08, taxRate: 0.33, depreciationYears: 12, balanceTolerance: 0.03 },
    };
    expect(await fake.run((ctx) => saveSettingsToWorkbook(ctx, changed))).toBe(true);
    const back = await fake.run((ctx) => readSettingsFromWorkbook(ctx));
    // n, i_b and quota went back to their default formulas (=CP_DepreciationYears …): read as undefined
    expect(back).toEqual(changed);
    // no protection by default, and saving adds none
    expect(fake.sheet("参数").protected).toBe(false);
    const n = [...fake.names.values()].find((x) => x.name === "CP_EvaluationYears")!;
    expect(fake.cell("参数", n.target!.rect.top, n.target!.rect.left)!.formula).toBe("=CP_DepreciationYears");
  });

  it("saving only the changed fields keeps a parameter the user typed into the sheet meanwhile", async () => {
    const fake = new FakeExcel();
    await insertWorksheets((b) => fake.run(b), { keys: [], lang: "zh-CN", settings: SETTINGS }, { askConflict: never });
    const rate = fake.names.get("cp_discountrate")!.target!.rect;
    // the user types 8 % into the parameters sheet
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("参数").getRangeByIndexes(rate.top, rate.left, 1, 1).values = [[0.08]];
      await ctx.sync();
    });
    // the pane, opened before that edit, still holds 12 %; the user changed only the enterprise
    const form: AuditSettings = { ...SETTINGS, header: { ...SETTINGS.header, enterprise: "某热电厂" } };
    const ctx = fake.newContext();
    expect(await saveSettingsToWorkbook(ctx as unknown as Excel.RequestContext, form, ["enterprise"])).toBe(true);
    expect(fake.cell("参数", rate.top, rate.left)!.value).toBe(0.08);
    const back = await fake.run((c) => readSettingsFromWorkbook(c));
    expect(back!.header.enterprise).toBe("某热电厂");
    expect(back!.parameters.discountRate).toBe(0.08);
    // exactly one cell written (the enterprise header cell), after the names and protection syncs
    expect(ctx.calls("formulas=").length).toBe(1);
    expect(ctx.syncCount).toBe(3);
  });

  it("saving with nothing changed writes nothing", async () => {
    const fake = new FakeExcel();
    await insertWorksheets((b) => fake.run(b), { keys: [], lang: "zh-CN", settings: SETTINGS }, { askConflict: never });
    const before = fake.snapshot("参数");
    const ctx = fake.newContext();
    expect(await saveSettingsToWorkbook(ctx as unknown as Excel.RequestContext, DEFAULT_SETTINGS, [])).toBe(true);
    expect(ctx.calls("formulas=")).toEqual([]);
    expect(fake.snapshot("参数")).toEqual(before);
  });

  it("reads a date the user typed as a date serial back as yyyy-mm-dd", async () => {
    const fake = new FakeExcel();
    await insertWorksheets((b) => fake.run(b), { keys: [], lang: "en-US", settings: DEFAULT_SETTINGS }, { askConflict: never });
    await fake.run(async (ctx) => {
      // Excel turns a typed 2024-05-01 into serial 45413
      ctx.workbook.worksheets.getItem("Parameters").getRangeByIndexes(2, 5, 1, 1).values = [["2024-05-01"]];
      await ctx.sync();
    });
    const s = await fake.run((ctx) => readSettingsFromWorkbook(ctx));
    expect(fake.cell("Parameters", 2, 5)!.value).toBe(45413);
    expect(s!.header.date).toBe("2024-05-01");
  });
});

describe("insertFormulaAtSelection", () => {
  it("writes the formula into the selected cell in one sync and returns its address", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1");
    fake.selection = { sheet: "Sheet1", row: 4, col: 1 };
    const ctx = fake.newContext();
    const address = await insertFormulaAtSelection(ctx as unknown as Excel.RequestContext, "=CP.NPV(0.12,31.67,11.3,10)");
    expect(address).toBe("Sheet1!B5");
    expect(ctx.syncCount).toBe(1);
    expect(fake.cell("Sheet1", 4, 1)!.formula).toBe("=CP.NPV(0.12,31.67,11.3,10)");
  });
});
