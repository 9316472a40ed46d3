// Argument coercion rules (coerce.ts): what Excel hands a custom function for `any` / `any[][]` arguments
// (omitted optional → null, range → rows of cells, blank cell → null, "" from a formula) and what we make of it.
// Expected behaviour: edge-cases.md E06 (blank year = 0), E07 (blank skipped), E08 (defaults), E09 (text never a number).
import { describe, expect, test } from "vitest";
import { CpError } from "../core/errors";
import { cashFlowsArg, cashFlowsInput, isSingleCell, optionalBoolean, optionalNumber, requiredNumber, requiredText, vector, yearlyFlows } from "./coerce";

function expectCp(fn: () => unknown, code: string, re: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CpError);
  expect((caught as CpError).code).toBe(code);
  expect((caught as CpError).message).toMatch(re);
}

describe("requiredNumber", () => {
  test("numbers pass, also from a 1×1 range", () => {
    expect(requiredNumber(0.12, "rate")).toBe(0.12);
    expect(requiredNumber([[7]], "rate")).toBe(7);
    expect(requiredNumber(-0, "rate")).toBe(-0);
  });
  test("E09: text is #VALUE!, never parsed (\"1,2\" is not 12, \"12\" is not 12)", () => {
    expectCp(() => requiredNumber("1,2", "rate"), "#VALUE!", /rate must be a number, not the text "1,2"/);
    expectCp(() => requiredNumber("12", "investment"), "#VALUE!", /investment .*text "12"/);
  });
  test("booleans, blanks, NaN, ±Infinity, ranges and error values are #VALUE!", () => {
    expectCp(() => requiredNumber(true, "rate"), "#VALUE!", /logical value TRUE/);
    expectCp(() => requiredNumber(null, "rate"), "#VALUE!", /rate is required/);
    expectCp(() => requiredNumber(undefined, "rate"), "#VALUE!", /rate is required/);
    expectCp(() => requiredNumber("", "rate"), "#VALUE!", /rate is required/);
    expectCp(() => requiredNumber([[null]], "rate"), "#VALUE!", /rate is required/);
    expectCp(() => requiredNumber(NaN, "rate"), "#VALUE!", /finite/);
    expectCp(() => requiredNumber(Infinity, "rate"), "#VALUE!", /finite/);
    expectCp(() => requiredNumber([[1, 2]], "rate"), "#VALUE!", /single number, not a range/);
    expectCp(() => requiredNumber({ code: "#N/A" }, "rate"), "#VALUE!", /error value \(#N\/A\)/);
  });
});

describe("optional arguments (E08)", () => {
  test("null and undefined take the default; a given value wins; text is #VALUE!", () => {
    expect(optionalNumber(null, "guess", 0.1)).toBe(0.1);
    expect(optionalNumber(undefined, "guess", 0.1)).toBe(0.1);
    expect(optionalNumber(undefined, "years", undefined)).toBeUndefined();
    expect(optionalNumber(0, "guess", 0.1)).toBe(0); // 0 is a value, not "omitted"
    expectCp(() => optionalNumber("0,5", "tolerance", 0.05), "#VALUE!", /tolerance .*"0,5"/);
    expectCp(() => optionalNumber("", "tolerance", 0.05), "#VALUE!", /empty text/);
  });
  test("booleans: default, TRUE/FALSE, numbers like Excel's logical tests, text refused", () => {
    expect(optionalBoolean(null, "lowerIsBetter", false)).toBe(false);
    expect(optionalBoolean(undefined, "lowerIsBetter", true)).toBe(true);
    expect(optionalBoolean(true, "lowerIsBetter", false)).toBe(true);
    expect(optionalBoolean(0, "lowerIsBetter", true)).toBe(false);
    expect(optionalBoolean(2, "lowerIsBetter", false)).toBe(true);
    expectCp(() => optionalBoolean("TRUE", "lowerIsBetter", false), "#VALUE!", /TRUE or FALSE, not the text/);
  });
});

describe("requiredText", () => {
  test("trims; blank and non-text are #VALUE!", () => {
    expect(requiredText(" t/a ", "fromUnit")).toBe("t/a");
    expectCp(() => requiredText("  ", "fromUnit"), "#VALUE!", /required/);
    expectCp(() => requiredText(12, "fromUnit"), "#VALUE!", /must be a text/);
  });
});

describe("ranges: one row or one column", () => {
  test("a column, a row, a 1×1 range and a bare number", () => {
    expect(vector([[1], [2], [3]], "inputs")).toEqual([1, 2, 3]);
    expect(vector([[1, 2, 3]], "inputs")).toEqual([1, 2, 3]);
    expect(vector([[5]], "inputs")).toEqual([5]);
    expect(vector(5, "inputs")).toEqual([5]);
  });
  test("blank cells (null, undefined, \"\") stay blank: the caller decides", () => {
    expect(vector([[100], [null], [""], [undefined], [50]], "inputs")).toEqual([100, null, null, null, 50]);
  });
  test("2-D blocks, ragged, empty and nested arrays are #VALUE!", () => {
    expectCp(() => vector([[1, 2], [3, 4]], "inputs"), "#VALUE!", /one row or one column \(got 2 rows × 2 columns\)/);
    expectCp(() => vector([[1], [2, 3]], "inputs"), "#VALUE!", /rectangular/);
    expectCp(() => vector([], "inputs"), "#VALUE!", /empty range/);
    expectCp(() => vector([[]], "inputs"), "#VALUE!", /empty range/);
    expectCp(() => vector([[[1]]], "inputs"), "#VALUE!", /single values/);
    expectCp(() => vector(null, "inputs"), "#VALUE!", /inputs is required/);
  });
  test("text, booleans and non-finite numbers in a range name the position", () => {
    expectCp(() => vector([[100], ["1,2"]], "inputs", "input row"), "#VALUE!", /input row 2 must be a number, not the text "1,2"/);
    expectCp(() => vector([[1, false]], "weights", "weight row"), "#VALUE!", /weight row 2 .*FALSE/);
    expectCp(() => yearlyFlows([[1], [NaN]], "cashFlows"), "#VALUE!", /cashFlows year 2/);
  });
  test("E06: per-year flows keep their positions, a blank year is 0", () => {
    expect(yearlyFlows([[300], [null], [500], [600]], "cashFlows")).toEqual([300, 0, 500, 600]);
  });
  test("isSingleCell", () => {
    expect(isSingleCell(3)).toBe(true);
    expect(isSingleCell([[3]])).toBe(true);
    expect(isSingleCell([[3, 4]])).toBe(false);
    expect(isSingleCell([[3], [4]])).toBe(false);
  });
});

describe("cashFlows: one number (constant F for `years`) or a per-year range", () => {
  test("one number needs years where the rule says so", () => {
    expect(cashFlowsArg([[11.3]], 3, "required")).toEqual([11.3, 11.3, 11.3]);
    expect(cashFlowsArg(11.3, [[2]], "required")).toEqual([11.3, 11.3]);
    expectCp(() => cashFlowsArg([[11.3]], null, "required"), "#VALUE!", /years is required when cashFlows is one number/);
    expect(cashFlowsArg([[11.3]], null, "optional")).toEqual([11.3]);
  });
  test("years must be a whole number 1..1000", () => {
    expectCp(() => cashFlowsArg([[1]], 2.5, "required"), "#NUM!", /whole number of years from 1 to 1000; got 2.5/);
    expectCp(() => cashFlowsArg([[1]], 0, "required"), "#NUM!", /got 0/);
    expectCp(() => cashFlowsArg([[1]], 1001, "required"), "#NUM!", /got 1001/);
    expectCp(() => cashFlowsArg([[1]], "10", "required"), "#VALUE!", /years must be a number, not the text "10"/);
  });
  test("a range ignores years, but a given years must still be a valid argument", () => {
    expect(cashFlowsArg([[1], [null], [3]], 99, "required")).toEqual([1, 0, 3]);
    expectCp(() => cashFlowsArg([[1], [2]], "x", "required"), "#VALUE!", /years must be a number/);
  });
  test("a blank single cell is not a cash flow", () => {
    expectCp(() => cashFlowsArg([[null]], 3, "required"), "#VALUE!", /cashFlows is required/);
    expectCp(() => cashFlowsArg([[""]], 3, "required"), "#VALUE!", /cashFlows is required/);
  });
  test("cashFlowsInput says which form was given: a range of equal years is still per-year (issue 9)", () => {
    expect(cashFlowsInput([[10], [10], [10]], null, "optional")).toEqual({ kind: "perYear", flows: [10, 10, 10] });
    expect(cashFlowsInput([[10, 10]], 5, "required")).toEqual({ kind: "perYear", flows: [10, 10] });
    expect(cashFlowsInput([[10]], 3, "required")).toEqual({ kind: "constant", F: 10, years: 3 });
    expect(cashFlowsInput(10, null, "optional")).toEqual({ kind: "constant", F: 10, years: 1 });
  });
});
