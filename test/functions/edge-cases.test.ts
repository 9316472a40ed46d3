// Every case of ../shared/cases/edge-cases.md that a CP.* function reaches, called the way Excel calls the
// function (ranges as rows of cells, blank cell = null, omitted optional argument = null), with the value the
// table gives. Where the table gives a value to k decimals the tolerance is half a unit of the last decimal.
// E10–E13 concern the workbook writers; E20 (tie ranks) concerns RANK.EQ in the sheets: no CP.* function ranks.
import * as formulajs from "@formulajs/formulajs";
import { beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { irr as coreIrr } from "../../src/core";
import * as CP from "../../src/functions/functions";
import { expectClose } from "../helpers/tolerance";
import { col, expectCfError, num, rowRange, type AnyFn } from "./cf-helpers";

// CP.CONVERT answers with a Promise until core/units has loaded (its first call loads it), at once afterwards.
beforeAll(() => CP.loadUnits());

describe("E01 investment at t = 0 is not discounted", () => {
  test("rate 10 %, −500000, 200000, 300000, 200000 → NPV 80015.03 (not Excel NPV's 72740.93)", () => {
    const v = num(CP.npv(0.1, 500000, col(200000, 300000, 200000)));
    expectClose(v, 80015.03, { abs: 0.005 }, "CP.NPV");
    // the wrong answer the table names, for contrast: Excel's NPV over all four values discounts the investment
    expectClose(formulajs.NPV(0.1, -500000, 200000, 300000, 200000) as number, 72740.93, { abs: 0.005 }, "Excel-style NPV");
    expect(Math.abs(v - 72740.93)).toBeGreaterThan(1000);
  });
  test("the same flows as a row give the same NPV", () => {
    expectClose(num(CP.npv(0.1, 500000, rowRange(200000, 300000, 200000))), 80015.03, { abs: 0.005 });
  });
});

describe("E02 after-tax annual cash flow with a depreciation tax shield", () => {
  test("I 1000, P 400, Y 5, t 25 % → F = 350; NPV at 10 % over 5 a = 326.78 (not 297.07)", () => {
    expectClose(num(CP.cashflow(400, 1000, 5, 0.25)), 350, {}, "F");
    const v = num(CP.npv(0.1, 1000, [[350]], 5));
    expectClose(v, 326.78, { abs: 0.005 }, "NPV");
    expect(Math.abs(v - 297.07)).toBeGreaterThan(1);
  });
  test("CP.ECONOMICS gives the same F and NPV in its row (columns 4 and 6)", () => {
    const r = CP.economics(1000, 400, 0.1, 5, 0.25, null) as number[][];
    expectClose(num(r[0]![3]), 350, {}, "F");
    expectClose(num(r[0]![5]), 326.78, { abs: 0.005 }, "NPV");
  });
});

describe("E03 IRR with two sign changes", () => {
  const flows = col(-100, 600, 300, -100); // −50 at year 0 is the investment 50
  test("default guess 0.1 → 1.854418, as Excel", () => {
    expectClose(num(CP.irr(50, flows)), 1.854418, { abs: 5e-7 });
    expectClose(num(CP.irr(50, flows, null, null)), 1.854418, { abs: 5e-7 });
    // the oracle: formulajs's IRR over the explicit series
    expectClose(formulajs.IRR([-50, -100, 600, 300, -100], 0.1) as number, 1.854418, { abs: 5e-7 }, "formulajs");
  });
  test("guess −0.75 → −0.768895", () => {
    expectClose(num(CP.irr(50, flows, null, -0.75)), -0.768895, { abs: 5e-7 });
  });
  test("the multiple-root situation is reported, not hidden", () => {
    // core flags it for the task pane and the sheets (a number cell cannot carry a note) ...
    const r = coreIrr(50, [-100, 600, 300, -100]);
    expect(r.signChanges).toBe(2);
    expect(r.multipleRoots).toBe(true);
    // ... and the function's argument help says so where the user types the formula (both languages)
    const meta = JSON.parse(readFileSync(new URL("../golden/functions.json", import.meta.url), "utf8")) as {
      functions: { id: string; parameters: { name: string; description: string }[] }[];
    };
    const guess = meta.functions.find((f) => f.id === "IRR")!.parameters.find((p) => p.name === "guess")!;
    expect(guess.description).toMatch(/several IRRs/);
    const zh = JSON.parse(readFileSync(new URL("../../src/functions/functions.zh-CN.json", import.meta.url), "utf8")) as Record<string, { parameters: Record<string, string> }>;
    expect(zh.IRR!.parameters.guess).toMatch(/多个内部收益率/);
  });
  test("the two answers are both roots: NPV at each rate is 0", () => {
    for (const g of [0.1, -0.75]) {
      const r = num(CP.irr(50, flows, null, g));
      expectClose(num(CP.npv(r, 50, flows)), 0, { abs: 1e-8 }, `NPV at IRR from guess ${g}`);
    }
  });
});

describe("E04 IRR when the flows never change sign → #NUM! with a message", () => {
  // The year-0 value is −investment. A one-cell cashFlows is "one number" and needs years (here 1).
  test.each([
    ["100, 200, 300", -100, col(200, 300), null],
    ["−100, −50", 100, col(-50), 1],
    ["0, 0, 0", 0, col(0, 0), null],
  ])("%s", (_label, investment, flows, years) => {
    expectCfError(CP.irr(investment, flows, years), "#NUM!", /change sign/);
    expectCfError(CP.irrinterp(investment, flows, years), "#NUM!", /change sign/);
  });
});

describe("E05 long horizon where Newton from 0.1 diverges", () => {
  test("−1607 in years 0..19, 0 in 20..49, +250010 in year 50 → 0.050901 (±1e-6)", () => {
    const flows = [...Array<number>(19).fill(-1607), ...Array<number>(30).fill(0), 250010];
    expect(flows).toHaveLength(50);
    expectClose(num(CP.irr(1607, col(...flows))), 0.050901, { abs: 1e-6 });
  });
});

describe("E06 blank year inside a per-year cash-flow range is a zero year", () => {
  const flows = col(300, null, 500, 600);
  test("rate 10 %: NPV 58.19, IRR 0.121988", () => {
    expectClose(num(CP.npv(0.1, 1000, flows)), 58.19, { abs: 0.005 });
    expectClose(num(CP.irr(1000, flows)), 0.121988, { abs: 5e-7 });
  });
  test("Excel's built-ins compact the blank away and give 136.74 / 0.167949: not ours", () => {
    // Excel's NPV/IRR skip the blank cell, i.e. they see the compacted series 300, 500, 600 (formulajs as oracle)
    expectClose((formulajs.NPV(0.1, 300, 500, 600) as number) - 1000, 136.74, { abs: 0.005 }, "compacted NPV");
    expectClose(formulajs.IRR([-1000, 300, 500, 600]) as number, 0.167949, { abs: 5e-7 }, "compacted IRR");
    expect(Math.abs(num(CP.npv(0.1, 1000, flows)) - 136.74)).toBeGreaterThan(1);
  });
  test("a blank from a formula (\"\") and a row range behave the same", () => {
    expectClose(num(CP.npv(0.1, 1000, col(300, "", 500, 600))), 58.19, { abs: 0.005 });
    expectClose(num(CP.irr(1000, rowRange(300, null, 500, 600))), 0.121988, { abs: 5e-7 });
  });
});

describe("E07 balance range with a blank row and with a measured zero", () => {
  test.each([
    ["blank", col(100, null, 50)],
    ["zero", col(100, 0, 50)],
    ["\"\" from a formula", col(100, "", 50)],
  ])("inputs 100, (%s), 50 vs outputs 140: gap 10, relative error 0.0666667", (_label, inputs) => {
    expect(CP.balancegap(inputs, col(140))).toBe(10);
    expectClose(num(CP.balanceerror(inputs, col(140))), 0.0666667, { abs: 5e-8 });
    expect(CP.balancecheck(inputs, col(140))).toBe(false); // 6.7 % > 5 %
  });
});

describe("E08 an omitted optional argument takes its documented default (never 0, never NaN)", () => {
  const flows = col(-100, 600, 300, -100);
  test("CP.IRR guess → 0.1 (null and undefined alike)", () => {
    expect(CP.irr(50, flows, null, null)).toBe(CP.irr(50, flows, null, 0.1));
    expect(CP.irr(50, flows, undefined, undefined)).toBe(CP.irr(50, flows, null, 0.1));
  });
  test("CP.IRRINTERP step → 0.01 (textbook 0.172627)", () => {
    expectClose(num(CP.irrinterp(150, [[32.5]], 10, null)), 0.172627, { abs: 5e-7 });
  });
  test("CP.BALANCECHECK tolerance → 0.05", () => {
    expect(CP.balancecheck(col(100), col(96), null)).toBe(true); // e = 0.04
    expect(CP.balancecheck(col(100), col(94), undefined)).toBe(false); // e = 0.06
    expect(CP.balancecheck(col(100), col(96), 0)).toBe(false); // a given 0 is 0, not the default
  });
  test("CP.ECONOMICS years → Y", () => {
    expect(CP.economics(150, 40, 0.05, 10, 0.3, null)).toEqual(CP.economics(150, 40, 0.05, 10, 0.3, 10));
    expect(CP.economics(150, 40, 0.05, 10, 0.3, null)).not.toEqual(CP.economics(150, 40, 0.05, 10, 0.3, 5));
  });
  test("CP.PROPSCORE lowerIsBetter → FALSE", () => {
    expect(CP.propscore(250, col(500, 250, 120), null)).toBe(5);
    expect(CP.propscore(250, col(500, 250, 120), true)).toBe(4.8);
  });
  test("CP.NPV/NPVR/PAYBACK years not needed with a range; one number needs it", () => {
    expectClose(num(CP.npv(0.1, 1000, flows, null)), num(CP.npv(0.1, 1000, flows, 99)), {});
    expectCfError(CP.npv(0.1, 1000, [[350]], null), "#VALUE!", /years is required/);
    expectCfError(CP.npvr(0.1, 1000, [[350]]), "#VALUE!", /years is required/);
    expectCfError(CP.irr(1000, [[350]]), "#VALUE!", /years is required/);
    expectClose(num(CP.payback(31.67, [[11.3]], null)), 31.67 / 11.3, {}, "PAYBACK = I/F without years");
  });
});

describe("E09 text where a number is expected is #VALUE!, never 12", () => {
  // A valid call of each function; every argument position in turn gets the text "1,2" (in a range: one cell).
  const calls: [string, AnyFn, unknown[]][] = [
    ["NPV", CP.npv, [0.1, 100, col(30, 40, 50), 3]],
    ["IRR", CP.irr, [100, col(30, 40, 50), 3, 0.1]],
    ["NPVR", CP.npvr, [0.1, 100, col(30, 40, 50), 3]],
    ["PAYBACK", CP.payback, [100, col(30, 40, 50), 3]],
    ["CASHFLOW", CP.cashflow, [40, 150, 10, 0.3]],
    ["ECONOMICS", CP.economics, [150, 40, 0.05, 10, 0.3, 10]],
    ["IRRINTERP", CP.irrinterp, [100, col(30, 40, 50), 3, 0.01]],
    ["ANNUITYFACTOR", CP.annuityfactor, [0.05, 10]],
    ["BALANCEGAP", CP.balancegap, [col(100, 50), col(140)]],
    ["BALANCEERROR", CP.balanceerror, [col(100, 50), col(140)]],
    ["BALANCECHECK", CP.balancecheck, [col(100, 50), col(140), 0.05]],
    ["WEIGHTEDSCORE", CP.weightedscore, [col(10, 8), col(5, 3)]],
    ["PROPSCORE", CP.propscore, [250, col(500, 250), false]],
    ["CONVERT", CP.convert, [12.5, "t", "kg"]],
  ];
  test.each(calls)("CP.%s: every argument", (_id, fn, args) => {
    expect(fn(...args)).not.toBeInstanceOf(CustomFunctions.Error); // the valid call works
    args.forEach((a, k) => {
      const bad = [...args];
      bad[k] = Array.isArray(a) ? [["1,2"], ...(a as unknown[][]).slice(1)] : "1,2";
      const r = fn(...bad);
      expectCfError(r, "#VALUE!", /"1,2"/);
    });
  });
  test("TRUE where a number is expected is #VALUE! too (not 1)", () => {
    expectCfError(CP.npv(true, 100, col(30, 40, 50)), "#VALUE!", /logical value TRUE/);
    expectCfError(CP.balancegap(col(100, true), col(140)), "#VALUE!", /input row 2/);
  });
});

describe("E14–E16 units through CP.CONVERT", () => {
  test("E14: 12.5 t = 12500 kg; 1 tonne = 1000 kg; \"ton\" is refused, never 907.18 kg", () => {
    expect(CP.convert(12.5, "t", "kg")).toBe(12500);
    expect(CP.convert(1, "tonne", "kg")).toBe(1000);
    expectCfError(CP.convert(1, "ton", "kg"), "#VALUE!", /ton/);
  });
  test("E15: 2000 kg in t is 2 (t, never Mg); 3 kg + 2 t = 2.003 t", () => {
    expect(CP.convert(2000, "kg", "t")).toBe(2);
    expect(num(CP.convert(3, "kg", "t")) + 2).toBe(2.003);
  });
  test.each(["t/a", "t/yr", "t/year"])("E16: 1200 %s = 3287.671233 kg/d (365-day audit year, not 3285.42)", (unit) => {
    expectClose(num(CP.convert(1200, unit, "kg/d")), 3287.671233, { abs: 5e-7 });
  });
  test("a volume is not a mass: m3 → t is #VALUE!", () => {
    expectCfError(CP.convert(1, "m3", "t"), "#VALUE!", /kind/);
  });
});

describe("E17 no floating-point noise in a balance", () => {
  test("inputs 0.3, 0.3, 0.3, 0.1 vs output 1: gap exactly 0, relative error exactly 0, balanced", () => {
    expect(0.3 + 0.3 + 0.3 + 0.1 - 1).not.toBe(0); // what plain addition gives
    expect(CP.balancegap(col(0.3, 0.3, 0.3, 0.1), col(1))).toBe(0);
    expect(CP.balanceerror(col(0.3, 0.3, 0.3, 0.1), col(1))).toBe(0);
    expect(CP.balancecheck(col(0.3, 0.3, 0.3, 0.1), col(1), 0)).toBe(true);
  });
  test("inputs 0.2, 21.9 vs 22.1: gap exactly 0", () => {
    expect(0.2 + 21.9 - 22.1).not.toBe(0);
    expect(CP.balancegap(col(0.2, 21.9), col(22.1))).toBe(0);
    expect(CP.balanceerror(col(0.2, 21.9), col(22.1))).toBe(0);
  });
});

describe("E18 gap sign and negative flows", () => {
  test("inputs 100 vs outputs 112, tolerance 5 %: gap −12, relative error −0.12, outside tolerance", () => {
    expect(CP.balancegap(col(100), col(112))).toBe(-12);
    expect(CP.balanceerror(col(100), col(112))).toBe(-0.12);
    expect(CP.balancecheck(col(100), col(112), 0.05)).toBe(false);
  });
  test("inputs 100, −5 vs 90: #NUM! naming input row 2", () => {
    for (const fn of [CP.balancegap, CP.balanceerror, CP.balancecheck]) {
      expectCfError(fn(col(100, -5), col(90)), "#NUM!", /input row 2/);
    }
  });
});

describe("E19 weighted sum with fractional weights", () => {
  test("weights 0.3, 0.5, 0.2: A 4,3,5 → 3.7; B 5,2,4 → 3.3; C 3,4,3 → 3.5 (order A, C, B)", () => {
    const w = col(0.3, 0.5, 0.2);
    const A = num(CP.weightedscore(w, col(4, 3, 5)));
    const B = num(CP.weightedscore(w, col(5, 2, 4)));
    const C = num(CP.weightedscore(w, col(3, 4, 3)));
    expectClose(A, 3.7, { abs: 1e-12 });
    expectClose(B, 3.3, { abs: 1e-12 });
    expectClose(C, 3.5, { abs: 1e-12 });
    expect(A > C && C > B).toBe(true);
  });
  test("weights as a row and scores as a column are paired by position; lengths must match", () => {
    expectClose(num(CP.weightedscore(rowRange(0.3, 0.5, 0.2), col(4, 3, 5))), 3.7, { abs: 1e-12 });
    expectCfError(CP.weightedscore(col(0.3, 0.5), col(4, 3, 5)), "#VALUE!", /same length/);
  });
});
