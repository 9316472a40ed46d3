// The ribbon's Recalculate command against a recording fake of the narrow Excel surface it uses
// (engineering guide §4: assert the calls made and the number of syncs).
import { describe, expect, test, vi } from "vitest";
import { recalculateWorkbook, type ExcelRun } from "./commands";

function fakeExcel(options: { failSync?: boolean } = {}) {
  const calls: string[] = [];
  let syncs = 0;
  const context = {
    workbook: { application: { calculate: (type: string) => calls.push(`calculate(${type})`) } },
    sync: async () => {
      syncs++;
      if (options.failSync) throw new Error("GeneralException");
    },
  };
  const run: ExcelRun = async (batch) => batch(context as unknown as Excel.RequestContext);
  return { run, calls, syncs: () => syncs };
}

describe("recalculateWorkbook", () => {
  test("asks Excel for a full recalculation in one sync and completes the event", async () => {
    const excel = fakeExcel();
    const completed = vi.fn();
    await recalculateWorkbook({ completed }, excel.run);
    expect(excel.calls).toEqual(["calculate(Full)"]);
    expect(excel.syncs()).toBe(1);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test("completes the event even when Excel refuses (the ribbon button never stays busy)", async () => {
    const excel = fakeExcel({ failSync: true });
    const completed = vi.fn();
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(recalculateWorkbook({ completed }, excel.run)).resolves.toBeUndefined();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
