// The one mapping point CpError → CustomFunctions.Error (engineering guide §3). The stub of the runtime global
// (test/setup/custom-functions-stub.ts) carries the ErrorCode values Excel documents: invalidValue "#VALUE!",
// notAvailable "#N/A", divisionByZero "#DIV/0!", invalidNumber "#NUM!".
import { describe, expect, test } from "vitest";
import { CpError } from "../core/errors";
import { cell, excelError, row, toExcelError } from "./excel-errors";

describe("toExcelError", () => {
  test.each(["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"] as const)("CpError %s keeps its code and message", (code) => {
    const e = toExcelError(new CpError(code, `because of ${code}`));
    expect(e).toBeInstanceOf(CustomFunctions.Error);
    expect(e.code).toBe(code);
    expect(e.message).toBe(`because of ${code}`);
  });
  test("a CpError from another module copy (matched by shape) is mapped too", () => {
    const foreign = Object.assign(new Error("rate must be > −1"), { name: "CpError", code: "#NUM!" });
    expect(toExcelError(foreign).code).toBe("#NUM!");
  });
  test("unknown exceptions become #VALUE! internal error", () => {
    const e = toExcelError(new TypeError("x is undefined"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("internal error: x is undefined");
    expect(toExcelError("boom").message).toBe("internal error: boom");
  });
  test("excelError uses the runtime's ErrorCode members", () => {
    expect(excelError("#N/A", "m").code).toBe(CustomFunctions.ErrorCode.notAvailable);
    expect(excelError("#DIV/0!", "m").code).toBe(CustomFunctions.ErrorCode.divisionByZero);
  });
});

describe("cell", () => {
  test("values pass; −0 becomes 0", () => {
    expect(cell(() => 1.5)).toBe(1.5);
    expect(cell(() => true)).toBe(true);
    expect(Object.is(cell(() => -0), 0)).toBe(true);
  });
  test("a thrown CpError is returned as the Excel error, not thrown", () => {
    const r = cell(() => {
      throw new CpError("#DIV/0!", "ΣIn = 0");
    });
    expect(r).toBeInstanceOf(CustomFunctions.Error);
    expect((r as CustomFunctions.Error).code).toBe("#DIV/0!");
  });
  test("NaN and ±Infinity never reach a cell: #NUM! naming the result as an internal error (core never returns one)", () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const r = cell(() => bad, "NPV") as CustomFunctions.Error;
      expect(r.code).toBe("#NUM!");
      expect(r.message).toMatch(/^internal error: NPV is not a finite number/);
    }
  });
});

describe("row", () => {
  test("a 1×n row with per-element errors kept and non-finite elements turned into #NUM!", () => {
    const na = excelError("#N/A", "not recovered");
    const r = row(() => [1, na, NaN]) as unknown[][];
    expect(r).toHaveLength(1);
    expect(r[0]![0]).toBe(1);
    expect(r[0]![1]).toBe(na);
    expect((r[0]![2] as CustomFunctions.Error).code).toBe("#NUM!");
  });
  test("a failure of the whole computation is one error", () => {
    const r = row(() => {
      throw new CpError("#VALUE!", "rate is required");
    });
    expect((r as CustomFunctions.Error).message).toBe("rate is required");
  });
});
