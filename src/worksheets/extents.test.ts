/**
 * The extents validateCase checks against a sheet's 1,048,576 rows and 16,384 columns come from the
 * worksheets' geometry; here the geometry is compared with the sheets actually built (last row and
 * last column holding a cell), so the limits reported at the JSON paths are the real ones.
 */
import { describe, expect, it } from "vitest";
import { resolveParameters, validateCase, type AuditCase } from "./case";
import { economicsGeometry } from "./definitions/economics.worksheet";
import { focusGeometry } from "./definitions/focus-selection.worksheet";
import { balanceGeometry } from "./definitions/material-balance.worksheet";
import { registerGeometry } from "./definitions/option-register.worksheet";
import type { BuildContext } from "./layout";
import type { SheetModel } from "./model";
import { buildWorkbook } from "./workbook";

const caseJson = {
  meta: { title: "extents" },
  parameters: { discountRate: 0.1, evaluationYears: 6 },
  wasteSources: [{ name: "w", quantity: 1, unit: "t/a", category: "废水" }],
  focusSelection: { factors: [{ name: "f1", weight: 1 }, { name: "f2", weight: 2 }], candidates: [{ name: "A", scores: [1, 2] }, { name: "B", scores: [2, 1] }, { name: "C", scores: [3, 3] }] },
  materialBalance: [{ unitOperation: "u", basis: "t/d", inputs: [{ stream: "i", quantity: 2, unit: "t/d" }], outputs: [{ stream: "o", quantity: 1, unit: "t/d" }] }],
  options: [{ id: "A" }, { id: "B" }, { id: "C" }],
  economics: [
    { optionId: "A", investment: 10, annualCashFlow: 3 },
    { optionId: "B", investment: 10, cashFlows: [5, 5, 5] },
    { optionId: "C", investment: 10, cashFlows: [1, null, 20] },
  ],
};

function lastRow(s: SheetModel): number {
  return Math.max(...s.cells.map((c) => c.row));
}
function lastCol(s: SheetModel): number {
  return Math.max(...s.cells.map((c) => c.col));
}

describe("sheet extents used by validateCase", () => {
  const v = validateCase(caseJson);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const c: AuditCase = v.value;
  const book = buildWorkbook(c, { lang: "zh-CN" });
  const sheet = (key: string) => book.sheets.find((s) => s.key === key)!;
  const ctx: BuildContext = { lang: "zh-CN", auditCase: c, params: resolveParameters(c), names: {} as BuildContext["names"] };

  it("focus selection: the last column is 2 per candidate (plus 2 spare) from column C", () => {
    expect(focusGeometry(ctx).lastCol).toBe(2 + 2 * (3 + 2) - 1);
    expect(lastCol(sheet("WS2-11"))).toBe(focusGeometry(ctx).lastCol);
    expect(lastRow(sheet("WS2-11"))).toBe(focusGeometry(ctx).conclusionRow);
  });

  it("options register, economics (with per-year blocks), material balance: geometry's last row = the built sheet's", () => {
    expect(lastRow(sheet("WS4-1"))).toBe(registerGeometry(ctx).lastRow);
    expect(lastRow(sheet("WS5-3"))).toBe(economicsGeometry(ctx).lastRow);
    expect(lastRow(sheet("WS3-4"))).toBe(balanceGeometry(ctx).lastSummary);
  });

  it("waste sources: its rows, then 10 rows (blank, title, header, 5 categories, total, note)", () => {
    const ws = sheet("WS2-6");
    // rows 0..4 header block and table header, max(1 + 3 spare, 5) input rows, then the summary
    expect(lastRow(ws)).toBe(4 + 5 + 10);
  });
});
