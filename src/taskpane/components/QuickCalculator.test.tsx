// @vitest-environment jsdom
/**
 * The quick calculator. Oracle: the spec's worked example E1 (§3.6, published answer): I = 150 万元,
 * F = 32.5 万元/a, n = Y = 10, i = 5 % → N = 4.615 a, NPV = 100.9564 万元 (exact), IRR = 17.2570 %.
 * With t = 0 the derived F equals P, so P = 32.5 reproduces it; D = I/Y = 15.
 */
import "../../../test/taskpane/jsdom-env";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { STRINGS } from "../i18n";
import { QuickCalculator } from "./QuickCalculator";

afterEach(cleanup);

async function fill(values: Record<string, string>): Promise<void> {
  for (const [label, v] of Object.entries(values)) {
    const input = screen.getByLabelText(label);
    await userEvent.clear(input);
    if (v !== "") await userEvent.type(input, v);
  }
}

function resultOf(table: HTMLElement, label: string): string {
  const row = within(table).getByRole("rowheader", { name: label }).closest("tr")!;
  return within(row).getByRole("cell").textContent ?? "";
}

describe.each([
  ["zh-CN", "总投资 I（万元）", "年运行费用节省 P（万元/年）", "税率 t (%)", "贴现率 i (%)", "折旧年限 Y", "结果", "投资偿还期 N（年）", "净现值 NPV", "净现值率 NPVR", "内部收益率 IRR", "年折旧费 D", "年增现金流量 F", "作为公式插入", "要插入的公式"],
  ["en-US", "Investment I (10k CNY)", "Annual savings P (10k CNY/a)", "Tax rate t (%)", "Discount rate i (%)", "Depreciation years Y", "Results", "Payback N (years)", "NPV", "NPVR", "IRR", "Depreciation D", "Annual cash flow F", "Insert as formula", "Formula to insert"],
] as const)("QuickCalculator %s", (lang, lI, lP, lT, lR, lY, lRes, lN, lNPV, lNPVR, lIRR, lD, lF, lInsert, lKind) => {
  it("computes D, F, N, NPV, NPVR, IRR at once (E1)", async () => {
    render(<QuickCalculator t={STRINGS[lang]} host="excel" busy={false} parameters={{}} onInsertFormula={() => {}} />);
    await fill({ [lI]: "150", [lP]: "32.5", [lT]: "0", [lR]: "5", [lY]: "10" });
    const table = screen.getByRole("table", { name: lRes });
    expect(resultOf(table, lD)).toBe("15.00");
    expect(resultOf(table, lF)).toBe("32.50");
    expect(resultOf(table, lN)).toBe("4.62"); // 150/32.5 = 4.615
    expect(resultOf(table, lNPV)).toBe("100.96"); // 100.9564
    expect(resultOf(table, lNPVR)).toBe("67.30 %"); // 100.9564/150
    expect(resultOf(table, lIRR)).toBe("17.26 %"); // 17.2570 %
  });

  it("inserts the matching CP.* formula at the selected cell", async () => {
    const onInsert = vi.fn();
    render(<QuickCalculator t={STRINGS[lang]} host="excel" busy={false} parameters={{}} onInsertFormula={onInsert} />);
    await fill({ [lI]: "150", [lP]: "32.5", [lT]: "25", [lR]: "5", [lY]: "10" });
    await userEvent.click(screen.getByRole("button", { name: lInsert }));
    // CP.ECONOMICS returns a row of 8 values (D, T, E, F, N, NPV, NPVR, IRR): 8 cells
    expect(onInsert).toHaveBeenLastCalledWith("=CP.ECONOMICS(150,32.5,0.05,10,0.25)", 8);
    await userEvent.selectOptions(screen.getByLabelText(lKind), "NPV");
    await userEvent.click(screen.getByRole("button", { name: lInsert }));
    expect(onInsert).toHaveBeenLastCalledWith("=CP.NPV(0.05,150,CP.CASHFLOW(32.5,150,10,0.25),10)", 1);
  });
});

describe("QuickCalculator edge cases", () => {
  it("F = 0: never recovered and no IRR, as texts, NPV still computed", async () => {
    render(<QuickCalculator t={STRINGS["zh-CN"]} host="excel" busy={false} parameters={{}} onInsertFormula={() => {}} />);
    // t = 0, P = 0: F = (0 − 15)·1 + 15 = 0
    await fill({ "总投资 I（万元）": "150", "年运行费用节省 P（万元/年）": "0", "税率 t (%)": "0", "贴现率 i (%)": "5", "折旧年限 Y": "10" });
    const table = screen.getByRole("table", { name: "结果" });
    expect(resultOf(table, "投资偿还期 N（年）")).toBe("不可回收");
    expect(resultOf(table, "内部收益率 IRR")).toBe("无内部收益率");
    expect(resultOf(table, "净现值 NPV")).toBe("-150.00");
  });

  it("I = 0 is core's #DIV/0! shown as an error bar, and nothing to insert", async () => {
    render(<QuickCalculator t={STRINGS["en-US"]} host="excel" busy={false} parameters={{}} onInsertFormula={() => {}} />);
    await fill({ "Investment I (10k CNY)": "0", "Annual savings P (10k CNY/a)": "10", "Tax rate t (%)": "25", "Discount rate i (%)": "5", "Depreciation years Y": "10" });
    expect(screen.getByText(/#DIV\/0!/)).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
    const button = screen.getByRole("button", { name: "Insert as formula" });
    expect(button.hasAttribute("disabled") || button.getAttribute("aria-disabled") === "true").toBe(true);
  });

  it("a field that is not a number is flagged", async () => {
    render(<QuickCalculator t={STRINGS["en-US"]} host="excel" busy={false} parameters={{}} onInsertFormula={() => {}} />);
    await fill({ "Investment I (10k CNY)": "abc" });
    expect(screen.getByText("Enter a number.")).toBeTruthy();
  });

  it("proposes t, i and Y from the parameters; insert is disabled outside Excel", () => {
    render(
      <QuickCalculator t={STRINGS["en-US"]} host="browser" busy={false} parameters={{ taxRate: 0.25, discountRate: 0.12, depreciationYears: 10 }} onInsertFormula={() => {}} />,
    );
    expect(screen.getByLabelText<HTMLInputElement>("Tax rate t (%)").value).toBe("25");
    expect(screen.getByLabelText<HTMLInputElement>("Discount rate i (%)").value).toBe("12");
    expect(screen.getByLabelText<HTMLInputElement>("Depreciation years Y").value).toBe("10");
    expect(screen.getByText("Available inside Excel.")).toBeTruthy();
  });
});
