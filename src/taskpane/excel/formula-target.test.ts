/** What "insert as formula" reads before writing: the cells the formula fills, counted on the recording fake. */
import { describe, expect, it } from "vitest";
import { FakeExcel } from "../../../test/fakes/excel-fake";
import { inspectFormulaTarget } from "./insert";

describe("inspectFormulaTarget", () => {
  it("reads the selected cell and the 7 to its right in one sync; values and formulas count, cells outside do not", async () => {
    const fake = new FakeExcel();
    // D3 selected: D3:K3 is the target; C3 and L3 lie outside it
    fake.seedSheet("Sheet1", { C3: "left", E3: 5, H3: "=1+1", L3: "right" });
    fake.selection = { sheet: "Sheet1", row: 2, col: 3 };
    const before = fake.totalSyncs;
    const target = await fake.run((ctx) => inspectFormulaTarget(ctx, 8));
    expect(fake.totalSyncs - before).toBe(1);
    expect(target).toEqual({ address: "Sheet1!D3:K3", filled: 2 });
  });

  it("a single cell: only the selected cell counts", async () => {
    const fake = new FakeExcel();
    fake.seedSheet("Sheet1", { E3: 5 });
    fake.selection = { sheet: "Sheet1", row: 2, col: 3 };
    expect(await fake.run((ctx) => inspectFormulaTarget(ctx, 1))).toEqual({ address: "Sheet1!D3", filled: 0 });
  });
});
