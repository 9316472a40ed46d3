// @vitest-environment jsdom
/**
 * Issue 9's pane behaviours over the recording Excel fake (createExcelActions(fake.run)):
 * retry of the remaining sheets after another workbook became active, "insert as formula" asking
 * before it overwrites, the first step towards the settings tab, focus while and after working,
 * the status region, accessible names that contain the visible label and no internal references
 * in the pane's texts. Expected values come from the issue's rules and the fake's documented
 * Excel behaviour, not from the pane's output.
 */
import "./jsdom-env";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { InsertCallbacks, InsertRequest } from "../../src/taskpane/actions";
import { App } from "../../src/taskpane/App";
import { insertWorksheets } from "../../src/taskpane/excel/insert";
import { STRINGS } from "../../src/taskpane/i18n";
import { caseFromSettings, DEFAULT_SETTINGS } from "../../src/taskpane/settings";
import { buildWorkbook } from "../../src/worksheets/workbook";
import { FakeExcel } from "../fakes/excel-fake";
import { excelPane, fillCalculator, SLOW } from "./excel-pane";
import { fakeReader, withoutResultMismatches } from "../fakes/fake-reader";
import { checkSheetAgainstModel } from "../helpers/model-check";
import { fakeActions } from "./fake-actions";

afterEach(cleanup);

const pane = excelPane;

describe("another workbook became active mid-insert", () => {
  it("says what happened and retries only the remaining sheets, which then match the model", async () => {
    const fake = new FakeExcel();
    pane(fake, "en-US");
    await waitFor(() => expect(fake.totalSyncs).toBe(1), SLOW);
    await userEvent.click(screen.getByRole("button", { name: /Phase 5/ }));
    // survey, probe, then 1 sync per sheet: the 3rd write sync fails (2 sheets written by then)
    fake.failSync("InactiveWorkbook", 4);
    await userEvent.click(screen.getByRole("button", { name: "Insert all worksheets of Option determination" }));
    const status = screen.getByRole("region", { name: "Status" });
    expect(await within(status).findByText(/Another workbook became active/, {}, SLOW)).toBeTruthy();
    // the pane's form was left at its defaults
    const model = buildWorkbook(caseFromSettings(DEFAULT_SETTINGS), { lang: "en-US", keys: ["WS5-1", "WS5-2", "WS5-3", "WS5-4"] });
    // WS5-1 … WS5-4 were requested; the error names what was written, the retry what is left
    const retry = within(status).getByRole("button", { name: /^Retry the remaining (sheet|\d sheets)$/ });
    const left = /Retry the remaining (\d+)? ?sheets?/.exec(retry.textContent ?? "")!;
    const n = left[1] ? Number(left[1]) : 1;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(4);
    const syncsBefore = fake.totalSyncs;
    await userEvent.click(retry);
    await waitFor(() => expect(status.textContent).toMatch(/Done/), SLOW);
    expect(status.textContent).toMatch(/Added: /);
    // no question was asked (the empty sheets the interrupted insert left are ours: completed)
    expect(screen.queryByText("A worksheet of that name already exists")).toBeNull();
    expect(fake.totalSyncs).toBeGreaterThan(syncsBefore);
    for (const s of model.sheets) {
      expect(fake.findSheet(s.name), s.name).toBeDefined();
      expect(withoutResultMismatches(checkSheetAgainstModel(s, fakeReader(fake, s.name))).map((m) => m.message), s.name).toEqual([]);
    }
    expect(fake.sheets.filter((s) => / \(2\)$/.test(s.name))).toEqual([]);
  });

  it("the insert function reports the requested keys not written (remainingKeys)", async () => {
    const fake = new FakeExcel();
    const run = <T,>(b: (c: Excel.RequestContext) => Promise<T>) => fake.run(b);
    // survey (1) + probe (1) + first write sync (parameters, lists) succeed; the next one fails
    fake.failSync("InactiveWorkbook", 3);
    const err = (await insertWorksheets(run, { keys: ["WS4-1", "WS5-3"], lang: "zh-CN", settings: DEFAULT_SETTINGS }, {
      askConflict: async () => "cancel",
    }).catch((e: unknown) => e)) as { remainingKeys?: string[]; written?: string[] };
    expect(err.remainingKeys).toBeDefined();
    const writtenNames = new Set(err.written);
    const names = new Map(buildWorkbook(null, { lang: "zh-CN", keys: ["WS4-1", "WS5-3"] }).sheets.map((s) => [s.key, s.name]));
    expect(err.remainingKeys).toEqual(["WS4-1", "WS5-3"].filter((k) => !writtenNames.has(names.get(k)!)));
    expect(err.remainingKeys!.length).toBeGreaterThan(0);
  });
});

describe("insert as formula", () => {
  it("says it fills 8 cells, asks before overwriting a non-empty one of them, and cancel leaves them", async () => {
    const fake = new FakeExcel();
    // D3 selected; K3 is the 8th cell of D3:K3 (the row CP.ECONOMICS fills)
    fake.seedSheet("Sheet1", { K3: "keep me" });
    fake.selection = { sheet: "Sheet1", row: 2, col: 3 };
    pane(fake, "en-US");
    await fillCalculator();
    expect(screen.getByText("Fills 8 cells in a row: the selected cell and the 7 to its right.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Insert as formula" }));
    const status = screen.getByRole("region", { name: "Status" });
    expect(await within(status).findByText("Overwrite cells?", {}, SLOW)).toBeTruthy();
    expect(within(status).getByText(/1 of the 8 cells the formula fills \(Sheet1!D3:K3\) is not empty/)).toBeTruthy();
    // the question's first answer has the focus
    expect(document.activeElement?.textContent).toBe("Overwrite");
    await userEvent.click(within(status).getByRole("button", { name: "Cancel" }));
    expect(await within(status).findByText("Nothing was written.")).toBeTruthy();
    expect(fake.cell("Sheet1", 2, 3)).toBeUndefined();
    expect(fake.cell("Sheet1", 2, 10)!.value).toBe("keep me");

    await userEvent.click(screen.getByRole("button", { name: "Insert as formula" }));
    await userEvent.click(await within(status).findByRole("button", { name: "Overwrite" }, SLOW));
    expect(await within(status).findByText("Formula written to Sheet1!D3.", {}, SLOW)).toBeTruthy();
    expect(fake.cell("Sheet1", 2, 3)!.formula).toBe("=CP.ECONOMICS(31.67,15.03,0.12,10,0.25)");
  });

  it("a single-cell formula into an empty cell: no question", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1", { E3: "right of the target, not in it" });
    fake.selection = { sheet: "Sheet1", row: 2, col: 3 };
    pane(fake, "en-US");
    await fillCalculator();
    await userEvent.selectOptions(screen.getByLabelText("Formula to insert"), "NPV");
    expect(screen.getByText("Fills the selected cell.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Insert as formula" }));
    expect(await screen.findByText("Formula written to Sheet1!D3.", {}, SLOW)).toBeTruthy();
    expect(screen.queryByText("Overwrite cells?")).toBeNull();
  });
});

describe("first step, focus, status", () => {
  it("a workbook without parameters: the first step leads to the settings tab", async () => {
    const fake = new FakeExcel();
    pane(fake);
    const first = await screen.findByText("第一步：审核信息与参数", {}, SLOW);
    expect(first).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "打开审核信息与参数" }));
    expect(screen.getByRole("tab", { name: "审核信息与参数" }).getAttribute("aria-selected")).toBe("true");
    expect(await screen.findByLabelText("企业名称", {}, SLOW)).toBeTruthy();
  });

  it("a workbook with parameters: no first step", async () => {
    const actions = fakeActions("excel", { readSettings: vi.fn(async () => DEFAULT_SETTINGS) });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("tab", { name: "审核信息与参数" }));
    expect(await screen.findByText("已从本工作簿读取参数。", {}, SLOW)).toBeTruthy();
    await userEvent.click(screen.getByRole("tab", { name: "工作表" }));
    expect(screen.queryByText("第一步：审核信息与参数")).toBeNull();
  });

  it("focus never falls to the page body: the status while working, the result when done", async () => {
    let finish: () => void = () => {};
    const actions = fakeActions("excel", {
      insertWorksheets: vi.fn(async (_req: InsertRequest, cb: InsertCallbacks) => {
        cb.onProgress?.({ done: 0, total: 2, sheet: "参数" });
        await new Promise<void>((r) => (finish = r));
        return { created: ["参数"], refreshed: [], syncs: 3, cancelled: false };
      }),
    });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("button", { name: /第二阶段/ }));
    const button = screen.getByRole("button", { name: "插入 权重总和计分排序法确定审核重点" });
    await userEvent.click(button);
    const status = screen.getByRole("region", { name: "状态" });
    await waitFor(() => expect(document.activeElement).toBe(status));
    expect(document.activeElement).not.toBe(document.body);
    finish();
    expect(await within(status).findByText(/已添加：参数/)).toBeTruthy();
    expect(document.activeElement).toBe(status);
  });

  it("saving the settings keeps the focus on the save button (disabled but focusable while it works)", async () => {
    let finish: () => void = () => {};
    const actions = fakeActions("excel", {
      saveSettings: vi.fn(async () => {
        await new Promise<void>((r) => (finish = r));
        return "saved" as const;
      }),
    });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("tab", { name: "审核信息与参数" }));
    const save = await screen.findByRole("button", { name: "保存到工作簿" }, SLOW);
    await userEvent.click(save);
    await waitFor(() => expect(save.getAttribute("aria-disabled")).toBe("true"));
    expect(document.activeElement).toBe(save);
    // a second click while saving does nothing
    await userEvent.click(save);
    finish();
    expect(await screen.findByText("参数已保存到工作簿。")).toBeTruthy();
    expect(actions.saveSettings).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(save);
  });
});

describe("accessible names and texts", () => {
  for (const lang of ["zh-CN", "en-US"] as const) {
    it(`${lang}: every button's accessible name contains its visible label`, async () => {
      render(<App actions={fakeActions("excel", { displayLanguage: lang })} />);
      for (const phase of screen.getAllByRole("button", { name: lang === "zh-CN" ? /^第.阶段/ : /^Phase \d/ })) {
        if (phase.getAttribute("aria-expanded") !== "true") await userEvent.click(phase);
      }
      const buttons = screen.getAllByRole("button");
      expect(buttons.length).toBeGreaterThan(15);
      for (const b of buttons) {
        const label = b.getAttribute("aria-label");
        const visible = (b.textContent ?? "").replace(/\s+/g, " ").trim();
        if (label === null || visible === "" || visible === "×") continue;
        expect(label, `button "${visible}"`).toContain(visible);
      }
    });
  }

  it("no internal reference (spec sections, issue numbers) in any text of the pane", () => {
    const texts: string[] = [];
    for (const strings of Object.values(STRINGS)) {
      for (const v of Object.values(strings)) {
        if (typeof v === "string") texts.push(v);
        else if (typeof v === "function") texts.push(String((v as (...a: unknown[]) => unknown)(["x"], 2, 3, "y")));
      }
    }
    for (const text of texts) {
      expect(text).not.toMatch(/规范第|§|\bspec\b|\bissue\b|#\d/i);
    }
  });
});
