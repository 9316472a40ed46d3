/**
 * The lists sheet is refreshed by every insert (its items may have grown in a newer version) but
 * without re-freezing, re-hiding or re-protecting it: what the user did to its view is kept
 * (freeze panes and visibility are set on a new sheet only; protection only where the model asks,
 * and the hand-over switch never protects the lists sheet). Checked on the recording fake's calls.
 */
import { describe, expect, it } from "vitest";
import { insertWorksheets } from "../../src/taskpane/excel/insert";
import { DEFAULT_SETTINGS } from "../../src/taskpane/settings";
import { FakeExcel } from "../fakes/excel-fake";

const run = (fake: FakeExcel) => <T,>(b: (c: Excel.RequestContext) => Promise<T>) => fake.run(b);

/** Calls of the given kinds made by the contexts from index `from` on, on any worksheet. */
function callsSince(fake: FakeExcel, from: number, ops: readonly string[]) {
  return fake.contexts.slice(from).flatMap((c) => ops.flatMap((op) => c.calls(op)));
}

describe("lists sheet refresh", () => {
  it("a new lists sheet is frozen and hidden once; a second insert refreshes it without freezing, hiding or protecting", async () => {
    const fake = new FakeExcel();
    await insertWorksheets(run(fake), { keys: ["WS2-6"], lang: "zh-CN", settings: DEFAULT_SETTINGS }, { askConflict: async () => "cancel" });
    const lists = fake.findSheet("列表")!;
    expect(lists.visibility).not.toBe("Visible");
    expect(lists.freeze).not.toBeNull();
    expect(lists.protected).toBe(false);
    // (the calls' targets name the sheet: the first insert froze and hid 列表 through such calls)
    expect(callsSince(fake, 0, ["freezeRows", "visibility="]).filter((c) => c.target.includes("列表")).length).toBe(2);

    // the user shows the lists sheet and unfreezes it to add an item
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("列表");
      ws.visibility = "Visible";
      ws.freezePanes.unfreeze();
      await ctx.sync();
    });

    const from = fake.contexts.length;
    const out = await insertWorksheets(
      run(fake),
      { keys: ["WS4-1"], lang: "zh-CN", settings: DEFAULT_SETTINGS, protect: true },
      { askConflict: async () => "cancel" },
    );
    expect(out.refreshed).toContain("列表");
    const after = fake.findSheet("列表")!;
    expect(after.visibility).toBe("Visible");
    expect(after.freeze).toBeNull();
    // the hand-over switch was on: the new sheet is protected, the lists sheet is not
    expect(fake.findSheet("方案汇总表")!.protected).toBe(true);
    expect(after.protected).toBe(false);
    // no freeze, visibility or protect call reached the lists sheet in the refresh
    const listsTarget = (t: string) => t.includes("列表");
    expect(callsSince(fake, from, ["freezeRows", "freezeColumns", "freezeAt", "visibility=", "protect"]).filter((c) => listsTarget(c.target))).toEqual([]);
  });
});
