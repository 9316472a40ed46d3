// @vitest-environment jsdom
/**
 * The whole pane inside "Excel": <App> with the real Excel actions over the recording fake
 * (createExcelActions(fake.run)). What the user does in the pane ends up in the workbook, the
 * user's own sheet is never touched, settings come from and go to the workbook.
 */
import "./jsdom-env";
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { buildWorkbook } from "../../src/worksheets/workbook";
import { FakeExcel } from "../fakes/excel-fake";
import { excelPane, fillCalculator, SLOW } from "./excel-pane";
import { fakeReader, withoutResultMismatches } from "../fakes/fake-reader";
import { checkSheetAgainstModel } from "../helpers/model-check";

afterEach(cleanup);

const pane = excelPane;

describe("App + Excel actions + recording fake", () => {
  it("Insert all of phase 5 writes the model of the entered settings, in one sync per sheet", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1", { A1: "用户的数据" });
    const sheet1 = fake.snapshot("Sheet1");
    pane(fake);
    await waitFor(() => expect(fake.totalSyncs).toBe(1), SLOW); // settings read on open: no CP_* names → 1 sync
    await userEvent.click(screen.getByRole("tab", { name: "审核信息与参数" }));
    await userEvent.type(await screen.findByLabelText("企业名称"), "某电厂"); // the tab's chunk loads on first selection
    await userEvent.type(screen.getByLabelText("贴现率 i (%)"), "12");
    await userEvent.click(screen.getByRole("tab", { name: "工作表" }));
    await userEvent.click(screen.getByRole("button", { name: /第五阶段/ }));
    const before = fake.totalSyncs;
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    expect(await screen.findByText(/已添加：/, {}, SLOW)).toBeTruthy();
    const syncs = fake.totalSyncs - before;
    // survey + probe + 参数, 方案汇总表 (linked), 方案初步筛选 (linked by the register's status), 投资费用, 运行费用和收益, 经济评估, 可行性分析, 逐年现金流量 (linked), 列表
    expect(syncs).toBe(11);
    const model = buildWorkbook(
      { meta: { title: "某电厂", enterprise: "某电厂" }, parameters: { discountRate: 0.12, taxRate: 0.25, depreciationYears: 10, balanceTolerance: 0.05 } },
      { lang: "zh-CN", keys: ["WS5-1", "WS5-2", "WS5-3", "WS5-4"] },
    );
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...model.sheets.map((s) => s.name)]);
    for (const s of model.sheets) {
      expect(withoutResultMismatches(checkSheetAgainstModel(s, fakeReader(fake, s.name))).map((m) => m.message)).toEqual([]);
    }
    expect(fake.snapshot("Sheet1")).toEqual(sheet1);
  });

  it("a foreign sheet of the same name: the pane asks; 'add new' leaves it untouched", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("审核重点权重计分", { A1: "我的评分", B2: 7 });
    const mine = fake.snapshot("审核重点权重计分");
    pane(fake);
    await userEvent.click(screen.getByRole("button", { name: /第二阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "插入 权重总和计分排序法确定审核重点" }));
    expect(await screen.findByText("已存在同名工作表", {}, SLOW)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "另存为新工作表（…(2)）" }));
    expect(await screen.findByText(/已添加：/, {}, SLOW)).toBeTruthy();
    expect(fake.snapshot("审核重点权重计分")).toEqual(mine);
    expect(fake.sheets.some((s) => /^审核重点权重计分 ?\(2\)$/.test(s.name))).toBe(true);
  });

  it("reads the parameters back when the pane opens and saves edits into the same cells", async () => {
    const fake = new FakeExcel();
    const first = pane(fake, "en-US");
    await userEvent.click(screen.getByRole("tab", { name: "Audit & parameters" }));
    await userEvent.type(await screen.findByLabelText("Enterprise"), "Plant B");
    await userEvent.type(screen.getByLabelText("Discount rate i (%)"), "12");
    await userEvent.click(screen.getByRole("button", { name: "Save to workbook" }));
    expect(await screen.findByText("Parameters saved to the workbook.", {}, SLOW)).toBeTruthy();
    expect(fake.findSheet("Parameters")).toBeDefined();
    first.unmount();

    // a new pane (e.g. the file reopened) finds them in the workbook, not in browser storage
    pane(fake, "en-US");
    await userEvent.click(screen.getByRole("tab", { name: "Audit & parameters" }));
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>("Enterprise").value).toBe("Plant B"), SLOW);
    expect(screen.getByLabelText<HTMLInputElement>("Discount rate i (%)").value).toBe("12");
    await userEvent.clear(screen.getByLabelText("Discount rate i (%)"));
    await userEvent.type(screen.getByLabelText("Discount rate i (%)"), "8");
    await userEvent.click(screen.getByRole("button", { name: "Save to workbook" }));
    expect(await screen.findByText("Parameters saved to the workbook.", {}, SLOW)).toBeTruthy();
    const name = fake.names.get("cp_discountrate")!;
    expect(fake.cell("Parameters", name.target!.rect.top, name.target!.rect.left)!.value).toBe(0.08);
    expect(fake.sheets.filter((s) => s.name.startsWith("Parameters")).length).toBe(1);
    expect(window.localStorage.length).toBe(0);
  });

  it("saving the settings re-reads the workbook: a parameter typed into the sheet meanwhile survives a save of another field", async () => {
    const fake = new FakeExcel();
    const first = pane(fake, "en-US");
    await userEvent.click(screen.getByRole("tab", { name: "Audit & parameters" }));
    await userEvent.type(await screen.findByLabelText("Discount rate i (%)"), "12");
    await userEvent.click(screen.getByRole("button", { name: "Save to workbook" }));
    expect(await screen.findByText("Parameters saved to the workbook.", {}, SLOW)).toBeTruthy();
    first.unmount();
    pane(fake, "en-US");
    await userEvent.click(screen.getByRole("tab", { name: "Audit & parameters" }));
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>("Discount rate i (%)").value).toBe("12"), SLOW);
    // while the pane is open, the user types 8 % into the Parameters sheet
    const rate = fake.names.get("cp_discountrate")!.target!.rect;
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Parameters").getRangeByIndexes(rate.top, rate.left, 1, 1).values = [[0.08]];
      await ctx.sync();
    });
    // … and then changes only the enterprise in the pane and saves
    await userEvent.type(screen.getByLabelText("Enterprise"), "Plant C");
    await userEvent.click(screen.getByRole("button", { name: "Save to workbook" }));
    expect(await screen.findByText("Parameters saved to the workbook.", {}, SLOW)).toBeTruthy();
    expect(fake.cell("Parameters", rate.top, rate.left)!.value).toBe(0.08);
    expect(fake.cell("Parameters", 1, 1)!.value).toBe("Plant C");
    // the form shows what the workbook holds now
    expect(screen.getByLabelText<HTMLInputElement>("Discount rate i (%)").value).toBe("8");
  });

  it("a write refused by Excel shows the advice for its code, also in a Chinese Excel", async () => {
    const fake = new FakeExcel();
    fake.messageLanguage = "zh";
    pane(fake);
    await waitFor(() => expect(fake.totalSyncs).toBe(1), SLOW);
    await userEvent.click(screen.getByRole("button", { name: /第四阶段/ }));
    // the user switches to another workbook while the sheets are written: the 2nd write sync fails
    fake.failSync("InactiveWorkbook", 3);
    await userEvent.click(screen.getByRole("button", { name: "插入 方案汇总表" }));
    expect(await screen.findByText(/写入期间切换到了另一个工作簿/, {}, SLOW)).toBeTruthy();
    // the lists sheet goes first (the parameters sheet's region and convention dropdowns read it)
    expect(screen.getByText(/已写入：列表。请切换回此工作簿/)).toBeTruthy();
    // 方案汇总表 was requested and not written: one sheet to retry
    expect(screen.getByRole("button", { name: "重试其余 1 张工作表" })).toBeTruthy();
  });

  it("the calculator's formula lands in the selected cell", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1");
    fake.selection = { sheet: "Sheet1", row: 2, col: 3 };
    pane(fake, "en-US");
    await fillCalculator();
    await userEvent.click(screen.getByRole("button", { name: "Insert as formula" }));
    expect(await screen.findByText("Formula written to Sheet1!D3.", {}, SLOW)).toBeTruthy();
    expect(fake.cell("Sheet1", 2, 3)!.formula).toBe("=CP.ECONOMICS(31.67,15.03,0.12,10,0.25)");
  });
});
