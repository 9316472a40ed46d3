// CP.CONVERT loads core/units (mathjs and the audit unit table) on its first call, so that mathjs is not part of
// the task pane's start-up JavaScript (issue 9). Until then it returns a Promise (Excel awaits it like any async
// custom function); the values and errors are those of the synchronous calls after the load.
import { afterEach, describe, expect, test, vi } from "vitest";
import { expectCfError } from "./cf-helpers";

type CP = typeof import("../../src/functions/functions");

/** functions.ts as a fresh module: core/units not loaded yet. */
async function freshFunctions(): Promise<CP> {
  vi.resetModules();
  return import("../../src/functions/functions");
}

afterEach(() => {
  vi.doUnmock("../../src/core/units");
  vi.resetModules();
});

describe("CP.CONVERT loads the unit table on its first call", () => {
  test("the first calls return Promises of the value; later calls return the value itself", async () => {
    const CP = await freshFunctions();
    const first = CP.convert(12.5, "t", "kg");
    const second = CP.convert(1200, "t/a", "kg/d");
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBeInstanceOf(Promise);
    expect(await first).toBe(12500);
    const perDay = await second;
    expect(Math.abs((perDay as number) - 3287.671233)).toBeLessThan(5e-7);
    // loaded: synchronous from now on, the same values
    expect(CP.convert(12.5, "t", "kg")).toBe(12500);
    expect(CP.convert(1200, "t/a", "kg/d")).toBe(perDay);
  });

  test("errors are the same before and after the load (ton refused, text value, other kind)", async () => {
    const CP = await freshFunctions();
    const calls: [unknown, unknown, unknown][] = [
      [1, "ton", "kg"],
      ["1,2", "t", "kg"],
      [1, "m3", "t"],
      [1, null, "kg"],
    ];
    const lazy = await Promise.all(calls.map(async (args) => CP.convert(...args)));
    const eager = calls.map((args) => CP.convert(...args));
    expect(eager.some((r) => r instanceof Promise)).toBe(false);
    expect(lazy).toEqual(eager);
    expectCfError(lazy[0], "#VALUE!", /ton/);
    expectCfError(lazy[1], "#VALUE!", /"1,2"/);
    expectCfError(lazy[2], "#VALUE!", /kind/);
  });

  test("a unit table that cannot be loaded gives #N/A (never a throw or a rejected Promise), and the next call tries again", async () => {
    let fail = true;
    vi.resetModules();
    vi.doMock("../../src/core/units", async (importOriginal) => {
      if (fail) throw new Error("Loading chunk units failed");
      return importOriginal();
    });
    const CP = await import("../../src/functions/functions");
    const r = await CP.convert(1, "t", "kg");
    expectCfError(r, "#N/A", /unit table could not be loaded.*recalculate/);
    fail = false;
    vi.resetModules(); // the mocked module's failed evaluation is not cached by the app, only by vitest's registry
    expect(await CP.convert(1, "t", "kg")).toBe(1000);
  });
});
