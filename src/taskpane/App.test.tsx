// @vitest-environment jsdom
/**
 * The task pane with fake actions (Testing Library, queries by role and label), in both languages.
 * Expected texts are the phase and worksheet names of the catalogue (spec §1.1) and the pane's own
 * strings; expected numbers in the calculator come from the spec's worked example E3 (§3.6).
 */
import "../../test/taskpane/jsdom-env";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeActions } from "../../test/taskpane/fake-actions";
import type { ConflictAnswer, InsertCallbacks } from "./actions";
import { OfficeWriteError, TableLayoutError } from "../writers/office/render";
import { CATALOGUE } from "../worksheets/catalogue";
import { App } from "./App";

afterEach(cleanup);

/** Disabled as assistive technology sees it (attribute or aria-disabled). */
function isDisabled(el: HTMLElement): boolean {
  return el.hasAttribute("disabled") || el.getAttribute("aria-disabled") === "true";
}

function valueOf(el: HTMLElement): string {
  return (el as HTMLInputElement).value;
}

describe("App in Excel, zh-CN", () => {
  it("shows the 7 phases with their worksheets, every one insertable (all 41 are built)", async () => {
    render(<App actions={fakeActions("excel")} />);
    const nav = screen.getByRole("navigation", { name: "审核阶段" });
    // the 2016 Measures' phase names by default (spec §8.2)
    for (const name of ["审核准备", "预审核", "审核", "方案的产生和筛选", "方案的确定", "方案的实施", "持续清洁生产"]) {
      expect(within(nav).getByRole("button", { name: new RegExp(`^第.阶段 · ${name}\\s?可用工作表`) })).toBeTruthy();
    }
    await userEvent.click(within(nav).getByRole("button", { name: /第二阶段 · 预审核/ }));
    const list = screen.getByRole("list", { name: /第二阶段/ });
    expect(within(list).getByText("废弃物产生源清单（企业历年废弃物流情况）")).toBeTruthy();
    expect(isDisabled(within(list).getByRole("button", { name: "插入 权重总和计分排序法确定审核重点" }))).toBe(false);
    expect(isDisabled(within(list).getByRole("button", { name: "插入 企业简述" }))).toBe(false);
    // phase 6 (issue 12): its worksheets are built and can be inserted
    await userEvent.click(within(nav).getByRole("button", { name: /第六阶段 · 方案的实施/ }));
    const list6 = screen.getByRole("list", { name: /第六阶段/ });
    expect(within(list6).getByText("方案实施计划/进度表")).toBeTruthy();
    expect(within(list6).queryByLabelText("方案实施计划/进度表: 即将推出")).toBeNull();
    expect(isDisabled(within(list6).getByRole("button", { name: "插入 方案实施计划/进度表" }))).toBe(false);
  });

  it("Insert all of a phase inserts its built worksheets with the entered parameters, showing progress", async () => {
    let finish: () => void = () => {};
    const insertWorksheets = vi.fn(
      (_req: Parameters<ReturnType<typeof fakeActions>["insertWorksheets"]>[0], cb: InsertCallbacks) =>
        new Promise<{ created: string[]; refreshed: string[]; syncs: number; cancelled: boolean }>((resolve) => {
          cb.onProgress?.({ done: 1, total: 3, sheet: "参数" });
          finish = () => resolve({ created: ["参数", "经济评估", "列表"], refreshed: [], syncs: 4, cancelled: false });
        }),
    );
    const actions = fakeActions("excel", { insertWorksheets });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("tab", { name: "审核信息与参数" }));
    await userEvent.type(await screen.findByLabelText("企业名称"), "某电厂"); // the tab's chunk loads on first selection
    await userEvent.type(screen.getByLabelText("贴现率 i (%)"), "12");
    await userEvent.click(screen.getByRole("tab", { name: "工作表" }));
    await userEvent.click(screen.getByRole("button", { name: /第五阶段 · 方案的确定/ }));
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    expect(insertWorksheets).toHaveBeenCalledTimes(1);
    const req = insertWorksheets.mock.calls[0]![0];
    expect(req.keys).toEqual(["WS5-1", "WS5-2", "WS5-3", "WS5-4"]);
    expect(req.lang).toBe("zh-CN");
    expect(req.settings.header.enterprise).toBe("某电厂");
    expect(req.settings.parameters.discountRate).toBe(0.12);
    expect(await screen.findByRole("progressbar")).toBeTruthy();
    expect(screen.getByText("已写入 1 / 3：参数")).toBeTruthy();
    finish();
    expect(await screen.findByText(/已添加：参数、经济评估、列表。/)).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("asks before touching a taken name and passes the answer on", async () => {
    let answer: ConflictAnswer | undefined;
    const insertWorksheets = vi.fn(async (_req: unknown, cb: InsertCallbacks) => {
      answer = await cb.askConflict({ foreign: ["经济评估"], ours: [] });
      return { created: answer === "addNew" ? ["经济评估 (2)"] : [], refreshed: [], syncs: 5, cancelled: answer === "cancel" };
    });
    render(<App actions={fakeActions("excel", { insertWorksheets })} />);
    await userEvent.click(screen.getByRole("button", { name: /第五阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "插入 方案经济评估指标汇总表" }));
    expect(await screen.findByText("已存在同名工作表")).toBeTruthy();
    expect(screen.getByText(/工作簿中已有 「经济评估」，并非由本加载项创建，不会被改动。/)).toBeTruthy();
    // refresh is only offered for sheets of ours
    expect(screen.queryByRole("button", { name: "更新模板，保留我填写的内容" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "另存为新工作表（…(2)）" }));
    expect(answer).toBe("addNew");
    expect(await screen.findByText(/已添加：经济评估 \(2\)。/)).toBeTruthy();
  });

  it("every failure is a MessageBar that says what to do, chosen by the Office error's code", async () => {
    // what Excel throws on a protected sheet: code AccessDenied, a localised generic message
    const denied = Object.assign(new Error("您无法执行请求的操作。"), { code: "AccessDenied" });
    const insertWorksheets = vi.fn(async () => {
      throw new OfficeWriteError("经济评估", [], denied);
    });
    render(<App actions={fakeActions("excel", { insertWorksheets })} />);
    await userEvent.click(screen.getByRole("button", { name: /第五阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    expect(await screen.findByText("出错了")).toBeTruthy();
    expect(screen.getByText(/撤消工作表保护/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "关闭" }));
    expect(screen.queryByText("出错了")).toBeNull();
  });

  it("a message that merely mentions protection, without Excel's code, gets the general advice", async () => {
    const insertWorksheets = vi.fn(async () => {
      throw new Error("Writing sheet '经济评估' failed: the sheet is protected (AccessDenied)");
    });
    render(<App actions={fakeActions("excel", { insertWorksheets })} />);
    await userEvent.click(screen.getByRole("button", { name: /第五阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    expect(await screen.findByText("出错了")).toBeTruthy();
    expect(screen.queryByText(/撤消工作表保护/)).toBeNull();
    expect(screen.getByText(/出错前已完成的工作表保留在工作簿中/)).toBeTruthy();
  });

  it("a refused refresh lists what no longer matches", async () => {
    const insertWorksheets = vi.fn(async () => {
      throw new TableLayoutError([{ kind: "missing", sheet: "经济评估", table: "tblEconomics" }]);
    });
    render(<App actions={fakeActions("excel", { insertWorksheets })} />);
    await userEvent.click(screen.getByRole("button", { name: /第五阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    expect(await screen.findByText(/未写入任何内容.*“经济评估”上缺少表 tblEconomics/)).toBeTruthy();
  });

  it("the hand-over switch is off by default and asks the insert to protect when on", async () => {
    const actions = fakeActions("excel");
    render(<App actions={actions} />);
    const toggle = screen.getByRole("switch", { name: "交接时保护插入的工作表" });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/受保护的表不能扩展/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: /第五阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    await waitFor(() => expect(actions.insertWorksheets).toHaveBeenCalledTimes(1));
    expect(actions.insertWorksheets.mock.calls[0]![0].protect).toBeUndefined();
    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    await waitFor(() => expect(actions.insertWorksheets).toHaveBeenCalledTimes(2));
    expect(actions.insertWorksheets.mock.calls[1]![0].protect).toBe(true);
  });

  it("the 术语版本 switch: 2001 gives the handbook's phase names and 审计 titles, and the insert is built with those terms", async () => {
    const actions = fakeActions("excel");
    render(<App actions={actions} />);
    const terms = screen.getByRole("combobox", { name: "术语版本" });
    expect((terms as HTMLSelectElement).value).toBe("2016");
    await waitFor(() => expect((terms as HTMLSelectElement).disabled).toBe(false)); // the settings are read first
    await userEvent.selectOptions(terms, "2001");
    const nav = screen.getByRole("navigation", { name: "审核阶段" });
    // spec §8.2: 筹划和组织, 预评估, 评估, 方案产生和筛选, 可行性分析, 方案实施, 持续清洁生产; 审核 → 审计 in the titles
    for (const name of ["筹划和组织", "预评估", "评估", "方案产生和筛选", "可行性分析", "方案实施", "持续清洁生产"]) {
      expect(within(nav).getByRole("button", { name: new RegExp(`^第.阶段 · ${name}\\s?可用工作表`) })).toBeTruthy();
    }
    await userEvent.click(within(nav).getByRole("button", { name: /第二阶段 · 预评估/ }));
    expect(screen.getByRole("button", { name: "插入 权重总和计分排序法确定审计重点" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: /第五阶段 · 可行性分析/ }));
    await userEvent.click(screen.getByRole("button", { name: "全部插入「可行性分析」的工作表" }));
    await waitFor(() => expect(actions.insertWorksheets).toHaveBeenCalledTimes(1));
    expect(actions.insertWorksheets.mock.calls[0]![0].terminology).toBe("2001");
  });

  it("refuses to write with an invalid parameter and shows the field", async () => {
    const actions = fakeActions("excel");
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("tab", { name: "审核信息与参数" }));
    await userEvent.type(await screen.findByLabelText("税率 t (%)"), "{selectall}abc");
    await userEvent.click(screen.getByRole("tab", { name: "工作表" }));
    await userEvent.click(screen.getByRole("button", { name: /第五阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "全部插入「方案的确定」的工作表" }));
    expect(actions.insertWorksheets).not.toHaveBeenCalled();
    expect(await screen.findByText("请先更正标出的字段。")).toBeTruthy();
    expect(screen.getByText("请输入数字。")).toBeTruthy();
  });
});

describe("keyboard", () => {
  it("phases open with Enter and worksheets insert with Space, no mouse needed", async () => {
    const actions = fakeActions("excel", { displayLanguage: "en-US" });
    render(<App actions={actions} />);
    const header = screen.getByRole("button", { name: /^Phase 4 · Option generation/ });
    header.focus();
    await userEvent.keyboard("{Enter}");
    const insert = screen.getByRole("button", { name: "Insert Options register" });
    insert.focus();
    await userEvent.keyboard(" ");
    await waitFor(() => expect(actions.insertWorksheets).toHaveBeenCalledTimes(1));
    expect(actions.insertWorksheets.mock.calls[0]![0].keys).toEqual(["WS4-1"]);
  });

  it("every input has a label", async () => {
    render(<App actions={fakeActions("excel", { displayLanguage: "en-US" })} />);
    for (const tab of ["Audit & parameters", "Quick calculator"]) {
      await userEvent.click(screen.getByRole("tab", { name: tab }));
      for (const input of await screen.findAllByRole("textbox")) { // the tab's chunk loads on first selection
        const id = input.getAttribute("id");
        const labelled = input.getAttribute("aria-labelledby") ?? (id ? document.querySelector(`label[for="${id}"]`)?.id : null);
        expect(labelled, input.outerHTML).toBeTruthy();
      }
    }
  });
});

describe("settings kept in the workbook", () => {
  it("reads them back from the workbook when the pane opens, and saves them on request", async () => {
    const actions = fakeActions("excel", {
      displayLanguage: "en-US",
      readSettings: vi.fn(async () => ({
        header: { enterprise: "Plant B", auditRound: "Round 1", preparedBy: "Zhang", checkedBy: "", date: "2024-05-01" },
        parameters: { discountRate: 0.07, taxRate: 0.25, depreciationYears: 10, balanceTolerance: 0.05 },
      })),
    });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("tab", { name: "Audit & parameters" }));
    await waitFor(() => expect(valueOf(screen.getByLabelText("Enterprise"))).toBe("Plant B"));
    expect(valueOf(screen.getByLabelText("Discount rate i (%)"))).toBe("7");
    expect(valueOf(screen.getByLabelText("Evaluation years n"))).toBe("");
    expect(screen.getByText("Parameters read from this workbook.")).toBeTruthy();
    await userEvent.clear(screen.getByLabelText("Discount rate i (%)"));
    await userEvent.type(screen.getByLabelText("Discount rate i (%)"), "8");
    await userEvent.click(screen.getByRole("button", { name: "Save to workbook" }));
    await waitFor(() => expect(actions.saveSettings).toHaveBeenCalledTimes(1));
    const [saved, lang] = actions.saveSettings.mock.calls[0]!;
    expect(lang).toBe("en-US");
    expect(saved.parameters.discountRate).toBe(0.08);
    expect(saved.header.enterprise).toBe("Plant B");
    expect(await screen.findByText("Parameters saved to the workbook.")).toBeTruthy();
  });

  it("a failed read is an error bar with advice; the form stays usable", async () => {
    const actions = fakeActions("excel", {
      displayLanguage: "en-US",
      readSettings: vi.fn(async () => {
        throw new Error("GeneralException");
      }),
    });
    render(<App actions={actions} />);
    expect(await screen.findByText(/Could not read the parameters from the workbook: GeneralException You can still enter them here./)).toBeTruthy();
  });
});

describe("language", () => {
  it("follows Office's display language and can be switched", async () => {
    render(<App actions={fakeActions("excel", { displayLanguage: "en-GB" })} />);
    expect(screen.getByRole("navigation", { name: "Audit phases" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Phase 3 · Audit/ })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText("Language"), "zh-CN");
    expect(screen.getByRole("navigation", { name: "审核阶段" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /第三阶段 · 审核/ })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText("语言"), "en-US");
    expect(screen.getByRole("tab", { name: "Quick calculator" })).toBeTruthy();
  });

  it("zh-TW and zh-HK show Chinese; other languages English", async () => {
    render(<App actions={fakeActions("excel", { displayLanguage: "zh-TW" })} />);
    expect(screen.getByRole("tab", { name: "快速计算" })).toBeTruthy();
    cleanup();
    render(<App actions={fakeActions("excel", { displayLanguage: "de-DE" })} />);
    expect(screen.getByRole("tab", { name: "Quick calculator" })).toBeTruthy();
  });
});

describe("outside Excel", () => {
  it("says so and offers the download of a phase's workbook", async () => {
    const actions = fakeActions("browser", { displayLanguage: "en-US" });
    render(<App actions={actions} />);
    expect(screen.getByText("Not running inside Excel")).toBeTruthy();
    expect(actions.readSettings).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: /Phase 2 · Pre-audit/ }));
    expect(screen.queryByRole("button", { name: /^Insert/ })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Download workbook (.xlsx) of Pre-audit" }));
    await waitFor(() => expect(actions.downloadWorkbook).toHaveBeenCalledTimes(1));
    const req = actions.downloadWorkbook.mock.calls[0]![0];
    // every built sheet of phase 2, in catalogue order (the headline two among them)
    const phase2 = CATALOGUE.filter((w) => w.phase === 2 && w.built).map((w) => w.key);
    expect(phase2).toEqual(expect.arrayContaining(["WS2-1", "WS2-6", "WS2-11"]));
    expect(req).toMatchObject({ keys: phase2, lang: "en-US", fileName: "cp-audit-phase-2.xlsx" });
    expect(await screen.findByText(/Saved cp-audit-phase-2.xlsx/)).toBeTruthy();
  });

  it("downloads the chosen worksheets", async () => {
    const actions = fakeActions("browser", { displayLanguage: "zh-CN" });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("button", { name: /第二阶段/ }));
    await userEvent.click(screen.getByRole("checkbox", { name: "选择 权重总和计分排序法确定审核重点" }));
    await userEvent.click(screen.getByRole("button", { name: /第三阶段/ }));
    await userEvent.click(screen.getByRole("checkbox", { name: /选择 审核重点物料平衡/ }));
    expect(screen.getByRole("region", { name: "已选择 2 张工作表" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "下载所选 (.xlsx)" }));
    await waitFor(() => expect(actions.downloadWorkbook).toHaveBeenCalledTimes(1));
    expect(actions.downloadWorkbook.mock.calls[0]![0].keys).toEqual(["WS2-11", "WS3-4"]);
  });

  it("a failed download is an error bar", async () => {
    const actions = fakeActions("browser", {
      displayLanguage: "zh-CN",
      downloadWorkbook: vi.fn(async () => {
        throw new Error("out of memory");
      }),
    });
    render(<App actions={actions} />);
    await userEvent.click(screen.getByRole("button", { name: /第二阶段/ }));
    await userEvent.click(screen.getByRole("button", { name: "下载工作簿 (.xlsx)：预审核" }));
    expect(await screen.findByText("无法生成 .xlsx 文件：out of memory 请刷新页面后重试。")).toBeTruthy();
  });
});
