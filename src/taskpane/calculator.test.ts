/**
 * Pure parts of the calculator. Oracle for the numbers: formulajs (PV and IRR over explicit flows,
 * engineering guide §4) and the spec's E1 published answers.
 */
import * as formulajs from "@formulajs/formulajs";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/helpers/tolerance";
import { calculate, calculatorFormula, parseNumberInput } from "./calculator";

describe("calculate", () => {
  it("matches formulajs PV/IRR for a derived F (I 31.67, P 15.03, t 25 %, i 12 %, Y 10)", () => {
    const x = { investment: 31.67, annualSavings: 15.03, taxRate: 0.25, discountRate: 0.12, depreciationYears: 10 };
    const r = calculate(x);
    const D = 31.67 / 10;
    const F = (15.03 - D) * (1 - 0.25) + D;
    expectClose(r.depreciation!, D, {}, "D");
    expectClose(r.annualCashFlow!, F, {}, "F");
    expectClose(r.paybackYears!, 31.67 / F, {}, "N");
    const npv = (formulajs.PV(0.12, 10, -F) as number) - 31.67;
    expectClose(r.npv, npv, { rel: 1e-12, abs: 1e-9 }, "NPV");
    expectClose(r.npvr, npv / 31.67, { rel: 1e-12, abs: 1e-12 }, "NPVR");
    const irr = formulajs.IRR([-31.67, ...Array<number>(10).fill(F)]) as number;
    expectClose(r.irr!, irr, { rel: 1e-7, abs: 1e-9 }, "IRR");
  });

  it("reproduces E1 (published: N 4.6 a, NPV ≈ 101 万元, IRR 17.26 %)", () => {
    const r = calculate({ investment: 150, annualSavings: 32.5, taxRate: 0, discountRate: 0.05, depreciationYears: 10 });
    expectClose(r.paybackYears!, 4.615, { abs: 5e-4 }, "N");
    expectClose(r.npv, 100.9564, { abs: 1e-4 }, "NPV");
    expectClose(r.irr!, 0.17257, { abs: 1e-5 }, "IRR");
  });
});

describe("calculatorFormula", () => {
  const x = { investment: 31.67, annualSavings: 15.03, taxRate: 0.25, discountRate: 0.12, depreciationYears: 10 };
  it("uses the shipped argument orders (spec §3.5)", () => {
    expect(calculatorFormula("ECONOMICS", x)).toBe("=CP.ECONOMICS(31.67,15.03,0.12,10,0.25)");
    expect(calculatorFormula("CASHFLOW", x)).toBe("=CP.CASHFLOW(15.03,31.67,10,0.25)");
    expect(calculatorFormula("NPV", x)).toBe("=CP.NPV(0.12,31.67,CP.CASHFLOW(15.03,31.67,10,0.25),10)");
    expect(calculatorFormula("NPVR", x)).toBe("=CP.NPVR(0.12,31.67,CP.CASHFLOW(15.03,31.67,10,0.25),10)");
    expect(calculatorFormula("IRR", x)).toBe("=CP.IRR(31.67,CP.CASHFLOW(15.03,31.67,10,0.25),10)");
    expect(calculatorFormula("PAYBACK", x)).toBe("=CP.PAYBACK(31.67,CP.CASHFLOW(15.03,31.67,10,0.25),10)");
  });
});

describe("parseNumberInput", () => {
  it("accepts plain, per-cent and full-width numbers; blank is undefined; text is NaN", () => {
    expect(parseNumberInput(" 12.5 ")).toBe(12.5);
    expect(parseNumberInput("12%")).toBe(12);
    expect(parseNumberInput("１２．５")).toBe(12.5);
    expect(parseNumberInput("-0.5")).toBe(-0.5);
    expect(parseNumberInput("")).toBeUndefined();
    expect(parseNumberInput("12,5")).toBeNaN();
    expect(parseNumberInput("abc")).toBeNaN();
  });
});
