import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as fc from "fast-check";
import * as formulajs from "@formulajs/formulajs";
import { expectClose } from "../../test/helpers/tolerance";
import { isCpError } from "./errors";
import {
  annualCashFlow,
  annuityFactor,
  constantFlows,
  depreciation,
  evaluateEconomics,
  irr,
  irrInterpolated,
  npv,
  npvr,
  paybackYears,
  rankByNpvr,
  type EconomicsParams,
} from "./finance";
import { expectCpError } from "../../test/helpers/cp-error";

/** The published answers for one option in a case file's meta.expected. */
interface ExpectedOption {
  paybackYears: number;
  npv: number;
  npvr: number;
  irr: number;
}

/** The published answers where F is derived from P (the textbook case): also D, T, E, F and the interpolated IRR. */
interface ExpectedDerivedOption extends ExpectedOption {
  depreciation: number;
  taxableProfit: number;
  netProfit: number;
  annualCashFlow: number;
  irrTextbookInterpolated: number;
}

/** The parts of a published case file (cases/*.json) these tests read; meta.expected is keyed by optionId (its other keys are not read). */
interface PublishedCase<X> {
  meta: { expected: Partial<Record<string, X>> };
  parameters: Required<Omit<EconomicsParams, "paybackQuota">>;
  economics: { optionId: string; investment: number; annualSavings: number; annualCashFlow?: number }[];
}

function readCase<X>(name: string): PublishedCase<X> {
  return JSON.parse(readFileSync(new URL(`../../cases/${name}`, import.meta.url), "utf8")) as PublishedCase<X>;
}

/** The published answers for `optionId` (fails the test when the case has none). */
function expectedFor<X>(c: PublishedCase<X>, optionId: string): X {
  const x = c.meta.expected[optionId];
  if (x === undefined) throw new Error(`meta.expected has no ${optionId}`);
  return x;
}

/** formulajs returns Error objects for Excel errors; unwrap to a number or throw. */
function fjNumber(x: unknown): number {
  if (typeof x !== "number") throw new Error(`formulajs returned ${String(x)}`);
  return x;
}

// Tolerances: a value printed with d decimals is checked to ±0.5·10^−d (abs), rel 0.
const dec = (d: number) => ({ rel: 0, abs: 0.5 * 10 ** -d });

describe("edge cases (shared/cases/edge-cases.md)", () => {
  test("E01 the investment at t = 0 is not discounted: NPV 80015.03, not Excel NPV's 72740.93", () => {
    const value = npv(0.1, 500000, [200000, 300000, 200000]);
    expectClose(value, 80015.03, dec(2), "E01 NPV");
    // the wrong answer the case warns about is what Excel's NPV over all four values gives (formulajs as Excel)
    const excelStyle = fjNumber(formulajs.NPV(0.1, [-500000, 200000, 300000, 200000]));
    expectClose(excelStyle, 72740.93, dec(2), "E01 Excel-style NPV");
    expect(Math.abs(value - excelStyle)).toBeGreaterThan(1000);
  });

  test("E02 after-tax cash flow with the depreciation tax shield: F = 350, NPV = 326.78", () => {
    const F = annualCashFlow(400, 1000, 5, 0.25);
    expectClose(F, 350, { rel: 0, abs: 1e-12 }, "E02 F");
    expectClose(npv(0.1, 1000, constantFlows(F, 5)), 326.78, dec(2), "E02 NPV");
    const r = evaluateEconomics({ investment: 1000, annualSavings: 400 }, { discountRate: 0.1, taxRate: 0.25, depreciationYears: 5 });
    expectClose(r.annualCashFlow ?? NaN, 350, { rel: 0, abs: 1e-12 }, "E02 evaluateEconomics F");
    expectClose(r.npv, 326.78, dec(2), "E02 evaluateEconomics NPV");
    expect(r.years).toBe(5);
  });

  test("E03 two sign changes: 1.854418 from guess 0.1 (Excel), −0.768895 from −0.75, multiple roots reported", () => {
    // flows −50, −100, 600, 300, −100 from year 0: investment 50
    const a = irr(50, [-100, 600, 300, -100]);
    expectClose(a.rate, 1.854418, dec(6), "E03 IRR guess 0.1");
    expect(a.multipleRoots).toBe(true);
    expect(a.signChanges).toBe(2);
    const explicitDefault = irr(50, [-100, 600, 300, -100], 0.1);
    expect(explicitDefault.rate).toBe(a.rate);
    const b = irr(50, [-100, 600, 300, -100], -0.75);
    expectClose(b.rate, -0.768895, dec(6), "E03 IRR guess −0.75");
    expect(b.multipleRoots).toBe(true);
    expect(b.signChanges).toBe(2);
    // both are roots: NPV there is 0 by formulajs's NPV (independent evaluation)
    for (const r of [a.rate, b.rate]) {
      expectClose(fjNumber(formulajs.NPV(r, [-100, 600, 300, -100])) - 50, 0, { rel: 0, abs: 1e-8 }, `E03 NPV at ${r}`);
    }
    // a conventional series is not flagged
    expect(irr(100, [60, 60]).multipleRoots).toBe(false);
  });

  test("E04 flows that never change sign: #NUM! with a message, each", () => {
    // series from year 0; investment = −value₀
    const cases: Array<[number, number[]]> = [
      [-100, [200, 300]], // 100, 200, 300
      [100, [-50]], // −100, −50
      [0, [0, 0]], // 0, 0, 0
    ];
    for (const [I, flows] of cases) {
      expectCpError(() => irr(I, flows), "#NUM!", /change sign/);
      expectCpError(() => irrInterpolated(I, flows), "#NUM!", /change sign/);
      // formulajs (Excel semantics) agrees that these have no IRR
      expect(formulajs.IRR([-I, ...flows])).toBeInstanceOf(Error);
    }
  });

  test("E05 long horizon where Newton from 0.1 diverges: 0.050901 ± 1e-6", () => {
    // −1607 in years 0..19, 0 in years 20..49, +250010 in year 50
    const flows = [...new Array<number>(19).fill(-1607), ...new Array<number>(30).fill(0), 250010];
    expect(flows.length).toBe(50);
    const r = irr(1607, flows);
    expectClose(r.rate, 0.050901, { rel: 0, abs: 1e-6 }, "E05 IRR");
    expect(r.method).toBe("brent");
    expect(r.multipleRoots).toBe(false);
  });

  test("E06 a blank year is a zero flow: NPV 58.19 and IRR 0.121988 (not the compacted 136.74 / 0.167949)", () => {
    const flows = [300, null, 500, 600];
    expectClose(npv(0.1, 1000, flows), 58.19, dec(2), "E06 NPV");
    expectClose(irr(1000, flows).rate, 0.121988, dec(6), "E06 IRR");
    expectClose(npv(0.1, 1000, [300, undefined, 500, 600]), 58.19, dec(2), "E06 NPV (undefined)");
    // what Excel's built-ins give by compacting the range (formulajs drops the blank the same way)
    expectClose(fjNumber(formulajs.NPV(0.1, [300, 500, 600])) - 1000, 136.74, dec(2), "E06 compacted NPV");
    expectClose(fjNumber(formulajs.IRR([-1000, 300, 500, 600])), 0.167949, dec(6), "E06 compacted IRR");
    const e = evaluateEconomics({ investment: 1000, cashFlows: flows }, { discountRate: 0.1 });
    expect(e.years).toBe(4);
    expect(e.flows).toEqual([300, 0, 500, 600]);
    expectClose(e.npv, 58.19, dec(2), "E06 evaluateEconomics NPV");
    expectClose(e.irr ?? NaN, 0.121988, dec(6), "E06 evaluateEconomics IRR");
  });

  test("E08 an omitted optional argument (null/undefined) takes the documented default", () => {
    const flows = [300, null, 500, 600];
    expect(irr(1000, flows, null).rate).toBe(irr(1000, flows, 0.1).rate);
    expect(irr(1000, flows, undefined).rate).toBe(irr(1000, flows, 0.1).rate);
    expect(irrInterpolated(1000, flows, null)).toBe(irrInterpolated(1000, flows, 0.01));
    const p: EconomicsParams = { discountRate: 0.1, taxRate: 0.25, depreciationYears: 5 };
    const r = evaluateEconomics({ investment: 1000, annualSavings: 400 }, { ...p, evaluationYears: undefined, benchmarkRate: undefined });
    expect(r.years).toBe(5);
  });
});

describe("published cases (cases/*.json meta.expected)", () => {
  test("textbook 150万元 case: D 15, T 25, E 17.5, F 32.5, N 4.6154, NPV 100.9564, NPVR 0.67304, IRR 0.172570, interpolated 0.172627", () => {
    const c = readCase<ExpectedDerivedOption>("textbook-150wan.json");
    const econ = c.economics[0]!;
    const x = expectedFor(c, econ.optionId);
    const r = evaluateEconomics({ investment: econ.investment, annualSavings: econ.annualSavings }, c.parameters);
    expectClose(r.depreciation ?? NaN, x.depreciation, { rel: 0, abs: 1e-12 }, "D");
    expectClose(r.taxableProfit ?? NaN, x.taxableProfit, { rel: 0, abs: 1e-12 }, "T");
    expectClose(r.netProfit ?? NaN, x.netProfit, { rel: 0, abs: 1e-12 }, "E");
    expectClose(r.tax ?? NaN, x.taxableProfit - x.netProfit, { rel: 0, abs: 1e-12 }, "tax");
    expectClose(r.annualCashFlow ?? NaN, x.annualCashFlow, { rel: 0, abs: 1e-12 }, "F");
    expectClose(r.paybackYears ?? NaN, x.paybackYears, dec(4), "N");
    expectClose(r.npv, x.npv, dec(4), "NPV");
    expectClose(r.npvr, x.npvr, dec(5), "NPVR");
    expectClose(r.irr ?? NaN, x.irr, dec(6), "IRR");
    expectClose(r.irrInterpolated ?? NaN, x.irrTextbookInterpolated, dec(6), "interpolated IRR");
    expect(r.fGiven).toBe(false);
    expect(r.years).toBe(c.parameters.evaluationYears);
    // source: N 4.6 a; NPV > 0 and IRR > 10 % → feasible
    expect(r.verdict).toEqual({ paybackOk: true, npvOk: true, irrOk: true, feasible: true });
    // the single functions agree with the one-shot evaluation
    expect(depreciation(econ.investment, c.parameters.depreciationYears)).toBe(r.depreciation);
    expect(annualCashFlow(econ.annualSavings, econ.investment, c.parameters.depreciationYears, c.parameters.taxRate)).toBe(r.annualCashFlow);
    // annuity-table value a(5 %, 10) = 7.7217 (spec §3.1, source S2)
    expectClose(annuityFactor(c.parameters.discountRate, 10), 7.7217, dec(4), "a(5 %, 10)");
  });

  test("power-plant workshop: Z-01 and Z-02 with F given (N, NPV, NPVR, IRR) and NPVR ranking", () => {
    const c = readCase<ExpectedOption>("power-plant-workshop.json");
    const results = c.economics.map((e) =>
      evaluateEconomics({ investment: e.investment, annualSavings: e.annualSavings, annualCashFlow: e.annualCashFlow }, c.parameters),
    );
    c.economics.forEach((e, k) => {
      const x = expectedFor(c, e.optionId);
      const r = results[k]!;
      expect(r.fGiven).toBe(true);
      expect(r.annualCashFlow).toBe(e.annualCashFlow);
      expect([r.depreciation, r.taxableProfit, r.tax, r.netProfit]).toEqual([null, null, null, null]);
      expect(r.annualSavings).toBe(e.annualSavings);
      expectClose(r.paybackYears ?? NaN, x.paybackYears, dec(4), `${e.optionId} N`);
      expectClose(r.npv, x.npv, dec(4), `${e.optionId} NPV`);
      expectClose(r.npvr, x.npvr, dec(5), `${e.optionId} NPVR`);
      expectClose(r.irr ?? NaN, x.irr, dec(6), `${e.optionId} IRR`);
      expect(r.verdict.feasible).toBe(true);
    });
    // "Z-02 has the larger NPV; Z-01 the larger NPVR and IRR, so Z-01 goes first"
    expect(results[1]!.npv).toBeGreaterThan(results[0]!.npv);
    expect(rankByNpvr(results)).toEqual([1, 2]);
  });
});

describe("finance rules (spec §3)", () => {
  test("T < 0 applies E = T(1 − t) literally (spec §3.3): P 10, I 100, Y 5, t 0.25 → D 20, T −10, E −7.5, F 12.5", () => {
    // hand computation from the spec's formulas
    const r = evaluateEconomics({ investment: 100, annualSavings: 10 }, { discountRate: 0.1, taxRate: 0.25, depreciationYears: 5 });
    expectClose(r.taxableProfit ?? NaN, -10, { rel: 0, abs: 1e-12 }, "T");
    expectClose(r.tax ?? NaN, -2.5, { rel: 0, abs: 1e-12 }, "tax");
    expectClose(r.netProfit ?? NaN, -7.5, { rel: 0, abs: 1e-12 }, "E");
    expectClose(r.annualCashFlow ?? NaN, 12.5, { rel: 0, abs: 1e-12 }, "F");
    expectClose(annualCashFlow(10, 100, 5, 0.25), 12.5, { rel: 0, abs: 1e-12 }, "F single");
  });

  test("payback: a constant F gives I/F exactly, whatever the horizon; per-year interpolated; never → #N/A", () => {
    expect(paybackYears(150, 32.5)).toBe(150 / 32.5); // both exact in binary: the division is the decimal ratio
    expect(paybackYears(150, 10)).toBe(15); // static N = I/F, no horizon
    // spec §3.3: first year where cumulative ≥ I, interpolated: 30, 80, 120 → 2 + 20/40
    expectClose(paybackYears(100, [30, 50, 40]), 2.5, { rel: 0, abs: 1e-12 }, "per-year N");
    expectClose(paybackYears(1000, [300, null, 500, 600]), 3 + 200 / 600, { rel: 0, abs: 1e-12 }, "N with blank");
    expectCpError(() => paybackYears(100, [30, 20, 10]), "#N/A", /never reaches/);
    expectCpError(() => paybackYears(100, -5), "#N/A", /≤ 0/);
    expectCpError(() => paybackYears(100, 0), "#N/A", /≤ 0/);
    expectCpError(() => paybackYears(100, constantFlows(-5, 10)), "#N/A", /never reaches/);
    expectCpError(() => paybackYears(100, []), "#N/A", /never recovered/);
    expect(paybackYears(0, [1, 2])).toBe(0);
    expectCpError(() => paybackYears(-1, [1, 2]), "#NUM!", /investment/);
  });

  test("F ≤ 0: NPV still computed, payback and IRR null, verdict not feasible (spec §3.3)", () => {
    const r = evaluateEconomics({ investment: 100, annualCashFlow: -5 }, { discountRate: 0.1, evaluationYears: 10 });
    expect(r.paybackYears).toBeNull();
    expect(r.irr).toBeNull();
    expect(r.irrInterpolated).toBeNull();
    // −100 − 5·a(10 %, 10); a(10 %, 10) = 6.1446 (annuity table)
    expectClose(r.npv, -100 - 5 * 6.1446, { rel: 0, abs: 5e-4 }, "NPV with F < 0");
    expect(r.verdict).toEqual({ paybackOk: false, npvOk: false, irrOk: false, feasible: false });
  });

  test("errors name the argument: rate ≤ −1, I = 0, missing tax rate / depreciation years, horizon", () => {
    expectCpError(() => npv(-1, 100, [50]), "#NUM!", /rate/);
    expectCpError(() => npv(-1.5, 100, [50]), "#NUM!", /rate/);
    expectCpError(() => irr(100, [60, 60], -1), "#NUM!", /guess/);
    expectCpError(() => npvr(0.1, 0, [50]), "#DIV/0!", /investment/);
    expectCpError(() => npv(0.1, 100, [50, "x" as unknown as number]), "#VALUE!", /cashFlows year 2/);
    expectCpError(() => npv(Number.NaN, 100, [50]), "#VALUE!", /rate/);
    expectCpError(() => depreciation(100, 0), "#DIV/0!", /depreciationYears/);
    expectCpError(() => annualCashFlow(40, 150, 10, 25), "#NUM!", /taxRate/);
    expectCpError(() => evaluateEconomics({ investment: 150, annualSavings: 40 }, { discountRate: 0.05, depreciationYears: 10 }), "#VALUE!", /taxRate/);
    expectCpError(() => evaluateEconomics({ investment: 150, annualSavings: 40 }, { discountRate: 0.05, taxRate: 0.3, evaluationYears: 10 }), "#VALUE!", /depreciationYears/);
    expectCpError(() => evaluateEconomics({ investment: 150, annualCashFlow: 30 }, { discountRate: 0.05 }), "#VALUE!", /evaluationYears/);
    expectCpError(() => evaluateEconomics({ investment: 150 }, { discountRate: 0.05, evaluationYears: 5 }), "#VALUE!", /annualSavings/);
    expectCpError(() => evaluateEconomics({ investment: 150, cashFlows: [50, 50, 50] }, { discountRate: 0.05, evaluationYears: 2 }), "#VALUE!", /cashFlows lists 3 years/);
    expectCpError(() => constantFlows(10, 2.5), "#NUM!", /years/);
  });

  test("per-year flows shorter than the horizon are padded with zero years; given F overrides derived F", () => {
    const r = evaluateEconomics({ investment: 100, cashFlows: [60, 60] }, { discountRate: 0.1, depreciationYears: 4 });
    expect(r.years).toBe(4);
    expect(r.flows).toEqual([60, 60, 0, 0]);
    expect(r.annualCashFlow).toBeNull();
    expectClose(r.npv, fjNumber(formulajs.NPV(0.1, [60, 60])) - 100, { rel: 1e-12, abs: 1e-12 }, "NPV padded");
    const g = evaluateEconomics({ investment: 150, annualSavings: 40, annualCashFlow: 30 }, { discountRate: 0.05, taxRate: 0.3, depreciationYears: 10 });
    expect(g.fGiven).toBe(true);
    expect(g.annualCashFlow).toBe(30);
    expect(g.depreciation).toBeNull();
    expect(g.paybackYears).toBe(5);
  });

  test("verdict uses benchmark and quota: IRR < benchmark or N > quota fail", () => {
    const c = readCase<ExpectedOption>("textbook-150wan.json");
    const econ = c.economics[0]!;
    const high = evaluateEconomics({ investment: econ.investment, annualSavings: econ.annualSavings }, { ...c.parameters, benchmarkRate: 0.18, paybackQuota: 4 });
    expect(high.verdict).toEqual({ paybackOk: false, npvOk: true, irrOk: false, feasible: false });
  });

  test("interpolated IRR reproduces the textbook arithmetic from the table values (spec §3.6 E1)", () => {
    // 17 % + 1.4045 × 1 % / (1.4045 + 3.9418) with the 4-decimal table factors = 0.172627…
    const fromTable = 0.17 + (1.4045 * 0.01) / (1.4045 + 3.9418);
    expectClose(irrInterpolated(150, constantFlows(32.5, 10)), fromTable, { rel: 0, abs: 1e-5 }, "interpolated vs table");
    // a coarser step brackets with 0.1 and 0.2
    const coarse = irrInterpolated(150, constantFlows(32.5, 10), 0.1);
    const n1 = npv(0.1, 150, constantFlows(32.5, 10));
    const n2 = npv(0.2, 150, constantFlows(32.5, 10));
    expectClose(coarse, 0.1 + (n1 * 0.1) / (n1 + Math.abs(n2)), { rel: 1e-12, abs: 1e-12 }, "step 0.1");
    expectCpError(() => irrInterpolated(150, constantFlows(32.5, 10), 0), "#NUM!", /step/);
  });

  test("annuity factor: i = 0 gives n; tiny i stays accurate", () => {
    expect(annuityFactor(0, 10)).toBe(10);
    expectClose(annuityFactor(1e-12, 10), 10, { rel: 1e-9, abs: 0 }, "a(1e-12, 10)");
  });

  test("rankByNpvr: competition ranks, ties broken by IRR then N", () => {
    const base = evaluateEconomics({ investment: 100, annualCashFlow: 30 }, { discountRate: 0.1, evaluationYears: 5 });
    const better = evaluateEconomics({ investment: 100, annualCashFlow: 40 }, { discountRate: 0.1, evaluationYears: 5 });
    expect(rankByNpvr([base, better, base])).toEqual([2, 1, 2]);
    const tieIrr = { ...base, irr: (base.irr ?? 0) + 0.01 };
    expect(rankByNpvr([base, tieIrr])).toEqual([2, 1]);
    const tieN = { ...base, paybackYears: (base.paybackYears ?? 0) - 0.5 };
    expect(rankByNpvr([base, tieN])).toEqual([2, 1]);
  });
});

describe("oracle: formulajs over explicit conventional flows", () => {
  test("IRR and NPV agree with formulajs on 300 random conventional series", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0.5, max: 8, noNaN: true }),
        fc.double({ min: -0.5, max: 1, noNaN: true }),
        (I, weights, multiple, rate) => {
          const total = weights.reduce((s, w) => s + w, 0);
          const flows = weights.map((w) => (w / total) * I * multiple); // Σ flows = multiple·I
          const fjIrr = fjNumber(formulajs.IRR([-I, ...flows]));
          const ours = irr(I, flows);
          // formulajs stops at |ΔNPV| < 1e-10 and caches rates rounded to 1e-10: allow 1e-7
          expectClose(ours.rate, fjIrr, { rel: 1e-7, abs: 1e-7 }, "IRR vs formulajs");
          expect(ours.multipleRoots).toBe(false);
          const fjNpv = fjNumber(formulajs.NPV(rate, flows)) - I;
          expectClose(npv(rate, I, flows), fjNpv, { rel: 1e-10, abs: 1e-9 * I }, "NPV vs formulajs");
        },
      ),
      { numRuns: 300, seed: 20240601 },
    );
  });
});

describe("property: any numbers give a finite number or a CpError", () => {
  const anyNum = fc.oneof(
    fc.double(),
    fc.double({ min: -2, max: 2 }),
    fc.integer({ min: -50, max: 50 }),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, -1, 1e308, -1e308, 5e-324),
  );
  const anyFlows = fc.array(fc.oneof(anyNum, fc.constant(null)), { maxLength: 40 });

  function finiteOrCpError(f: () => unknown): void {
    let v: unknown;
    try {
      v = f();
    } catch (e) {
      expect(isCpError(e), `threw a non-CpError: ${String(e)}`).toBe(true);
      return;
    }
    const nums: unknown[] = [];
    const collect = (x: unknown): void => {
      if (typeof x === "number") nums.push(x);
      else if (Array.isArray(x)) x.forEach(collect);
      else if (typeof x === "object" && x !== null) Object.values(x).forEach(collect);
    };
    collect(v);
    for (const n of nums) expect(Number.isFinite(n), `returned ${String(n)}`).toBe(true);
  }

  test("npv, npvr, paybackYears, irr, irrInterpolated, annuityFactor, annualCashFlow, evaluateEconomics", () => {
    fc.assert(
      fc.property(anyNum, anyNum, anyFlows, anyNum, anyNum, anyNum, (rate, I, flows, guess, a, b) => {
        finiteOrCpError(() => npv(rate, I, flows));
        finiteOrCpError(() => npvr(rate, I, flows));
        finiteOrCpError(() => paybackYears(I, flows));
        finiteOrCpError(() => irr(I, flows, guess));
        finiteOrCpError(() => irrInterpolated(I, flows, a));
        finiteOrCpError(() => annuityFactor(rate, a));
        finiteOrCpError(() => annualCashFlow(a, I, b, guess));
        finiteOrCpError(() => depreciation(I, b));
        finiteOrCpError(() => constantFlows(a, b));
        finiteOrCpError(() => evaluateEconomics({ investment: I, annualSavings: a }, { discountRate: rate, taxRate: guess, depreciationYears: b }));
        finiteOrCpError(() => evaluateEconomics({ investment: I, cashFlows: flows }, { discountRate: rate }));
        finiteOrCpError(() => evaluateEconomics({ investment: I, annualCashFlow: a }, { discountRate: rate, evaluationYears: b }));
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});

// Issue 9 ("functions that never give a wrong number"): each input with its old output, the new one and
// where the expected value comes from (a hand calculation written out here, or formulajs's IRR/NPV over
// explicit flows, which are reliable; never the function under test).
describe("issue 9: a per-year range is per-year, also when its years are equal", () => {
  test("I 100 against 10, 10, 10 is not recovered within the 3 years (was 10, i.e. I/F beyond the range)", () => {
    // hand: the cumulative flow 10, 20, 30 never reaches 100
    expectCpError(() => paybackYears(100, [10, 10, 10]), "#N/A", /within the 3 years/);
    // the same F as one number is the standard's static N = I/F = 10, whatever the horizon
    expect(paybackYears(100, 10)).toBe(10);
  });

  test("equal years reaching I inside the range: the interpolated year (hand: 100 = 4 × 25 → N 4; 150/32.5 → 4 + 20/32.5)", () => {
    expect(paybackYears(100, [25, 25, 25, 25, 25])).toBe(4);
    expectClose(paybackYears(150, new Array<number>(10).fill(32.5)), 4 + 20 / 32.5, { rel: 1e-15, abs: 0 }, "N");
  });

  test("recovered exactly in the last year is recovered: ten years of 0.1 against 1 → 10 (plain float sums give 0.9999999999999999)", () => {
    let plain = 0;
    for (let k = 0; k < 10; k++) plain += 0.1;
    expect(plain).toBeLessThan(1); // why an exact sum is needed
    expect(paybackYears(1, new Array<number>(10).fill(0.1))).toBe(10);
    expect(paybackYears(3, new Array<number>(10).fill(0.3))).toBe(10);
    expect(paybackYears(3, 0.3)).toBe(10); // and the constant F agrees (hand: 3/0.3)
  });

  test("evaluateEconomics: per-year flows all equal and short of I → payback null (不可回收), verdict not feasible", () => {
    const r = evaluateEconomics({ investment: 100, cashFlows: [10, 10, 10, 10, 10] }, { discountRate: 0.05 });
    expect(r.paybackYears).toBeNull(); // was 10 > n = 5
    expect(r.verdict.paybackOk).toBe(false);
    // a constant F given (or derived) keeps the static N = I/F beyond n (spec §3.1)
    expect(evaluateEconomics({ investment: 100, annualCashFlow: 10 }, { discountRate: 0.05, evaluationYears: 5 }).paybackYears).toBe(10);
  });
});

describe("issue 9: IRR searched over every rate a double can hold", () => {
  test("a root close to −100 %: I 1, F₁ 1e-15 → −1 + 1e-15 (was #NUM! 'no IRR between −100 % and e^30 − 1')", () => {
    // hand: −1 + F/(1 + r) = 0 → 1 + r = 1e-15 (formulajs returns its guess 0.1 here)
    expectClose(irr(1, [1e-15]).rate, -1 + 1e-15, { rel: 0, abs: 2.3e-16 }, "IRR");
    // hand: (1 + r)^4 = 1e-60 → 1 + r = 1e-15
    expectClose(irr(1, [0, 0, 0, 1e-60]).rate, -1 + 1e-15, { rel: 0, abs: 2.3e-16 }, "IRR year 4");
  });

  test("an IRR beyond what a double can hold is said so: 1 + IRR = 1e-20, and 1 + IRR = 1e310", () => {
    expectCpError(() => irr(1, [1e-20]), "#NUM!", /closer to −100 %/);
    expectCpError(() => irr(1e-10, [1e300]), "#NUM!", /larger than the largest number/);
  });

  test("an absurd guess finds the ordinary root: I 100, 60, 60 from guess 1e286 or 1e250 (was #NUM!)", () => {
    // hand: 60x² + 60x − 100 = 0 with x = 1/(1 + r)
    const x = (-60 + Math.sqrt(60 * 60 + 4 * 60 * 100)) / (2 * 60);
    const exact = 1 / x - 1;
    expectClose(fjNumber(formulajs.IRR([-100, 60, 60])), exact, { rel: 0, abs: 1e-9 }, "formulajs agrees");
    for (const guess of [1e286, 1e250, 1e300, 1e10, -0.9999999999999999]) {
      expectClose(irr(100, [60, 60], guess).rate, exact, { rel: 1e-13, abs: 1e-13 }, `guess ${guess}`);
    }
  });

  test("two IRRs closer together than the search's steps are still found from an absurd guess (roots 10 % and 12 %)", () => {
    // −(x − x1)(x − x2) with x = 1/(1+r): I = x1·x2, F₁ = x1 + x2, F₂ = −1; NPV > 0 between the roots only
    const x1 = 1 / 1.1;
    const x2 = 1 / 1.12;
    const r = irr(x1 * x2, [x1 + x2, -1], 1e286);
    expect(r.multipleRoots).toBe(true);
    expect(Math.min(Math.abs(r.rate - 0.1), Math.abs(r.rate - 0.12))).toBeLessThan(1e-9);
  });

  test("subnormal and huge amounts give the IRR of the same amounts at unit size (was 0.3, 0.5 and 0.1306621…)", () => {
    const u = 2 ** -1074; // the smallest double; k·u is exact for small integers k
    expectClose(irr(2 * u, [u, u, u]).rate, fjNumber(formulajs.IRR([-2, 1, 1, 1])), { rel: 0, abs: 1e-9 }, "2u; u, u, u");
    expectClose(irr(2 * u, [2 * u, 2 * u]).rate, (Math.sqrt(5) - 1) / 2, { rel: 0, abs: 1e-12 }, "golden ratio (hand)");
    const s = 2 ** -1060;
    expectClose(irr(100 * s, [60 * s, 60 * s]).rate, fjNumber(formulajs.IRR([-100, 60, 60])), { rel: 0, abs: 1e-9 }, "×2^-1060");
    const h = 2 ** 960;
    expectClose(irr(150 * h, [100 * h, 100 * h]).rate, fjNumber(formulajs.IRR([-150, 100, 100])), { rel: 0, abs: 1e-9 }, "×2^960");
  });
});

describe("issue 9: no overflow or underflow on the way to a representable result", () => {
  test("NPV of amounts near the largest double: 1.7e308·(1/1.1 + 1/1.21 − 1) (was #NUM! overflow)", () => {
    // hand, scaled by 2^-1000 (exact) through formulajs and scaled back
    const a = 1.7e308;
    const s = 2 ** -1000;
    const expected = ((formulajs.NPV(0.1, [a * s, a * s]) as number) - a * s) / s;
    expectClose(npv(0.1, a, [a, a]), expected, { rel: 1e-14, abs: 0 }, "NPV");
    expectClose(npv(0.1, a, [a, a]), a * (1 / 1.1 + 1 / 1.21 - 1), { rel: 1e-14, abs: 0 }, "NPV by hand");
  });

  test("NPVR where the NPV itself is beyond the largest double: I 1.7e308, three years of 1.7e308 at 0 % → 2 (was #NUM!)", () => {
    expectClose(npvr(0, 1.7e308, [1.7e308, 1.7e308, 1.7e308]), 2, { rel: 1e-15, abs: 0 }, "NPVR");
    expectCpError(() => npv(0, 1.7e308, [1.7e308, 1.7e308, 1.7e308]), "#NUM!", /NPV/); // a true overflow: 3.4e308
  });

  test("subnormal amounts: NPVR of 125·2^-1061 against 75·2^-1061 twice = NPVR of 1000 against 600, 600 (was 0.041322265625)", () => {
    const s = 2 ** -1064;
    const expected = (formulajs.NPV(0.1, [600, 600]) as number) / 1000 - 1; // 0.0413223140495868
    expectClose(npvr(0.1, 1000 * s, [600 * s, 600 * s]), expected, { rel: 1e-14, abs: 0 }, "NPVR");
  });

  test("F = (P − D)(1 − t) + D when T = P − D overflows but F does not: P −1.7e308, I 1.7e308, Y 1, t 0.5 → 0 (was #NUM!)", () => {
    // hand: D = 1.7e308, T = −3.4e308 (beyond the largest double), E = −1.7e308, F = E + D = 0
    expect(annualCashFlow(-1.7e308, 1.7e308, 1, 0.5)).toBe(0);
    // subnormal amounts: the hand value 0.75·41 + 0.25·100/7 = 34.3214… times 2^-1070, rounded once to the subnormal grid
    expect(annualCashFlow(41 * 2 ** -1070, 100 * 2 ** -1070, 7, 0.25)).toBe((0.75 * 41 + (0.25 * 100) / 7) * 2 ** -1070);
    // hand: I/Y = 100/5e-324 is beyond the largest double, but F = P(1 − t) + t·I/Y = 0 + 100 (t = 5e-324)
    expect(annualCashFlow(0, 100, 5e-324, 5e-324)).toBe(100);
    // evaluateEconomics shows T itself: a true overflow there is #NUM! naming it
    expectCpError(
      () => evaluateEconomics({ investment: 1.7e308, annualSavings: -1.7e308 }, { discountRate: 0.1, taxRate: 0.5, depreciationYears: 1 }),
      "#NUM!",
      /taxable profit/,
    );
  });

  test("annuity factor at a subnormal rate is n (hand: a(i, n) → n as i → 0); was 1 for n 0.7", () => {
    expect(annuityFactor(5e-324, 0.7)).toBe(0.7);
    expect(annuityFactor(-5e-324, 10)).toBe(10);
    expectClose(annuityFactor(1e-200, 10), 10, { rel: 1e-15, abs: 0 }, "a(1e-200, 10)");
  });
});

describe("issue 9: the interpolated IRR on a grid rate", () => {
  test("a coupon series has its coupon rate as IRR: on a grid rate the answer is that rate (was #NUM! next to −100 %)", () => {
    // hand: price = face value → IRR = coupon rate r; I 100, flows 100r, …, 100(1 + r)
    const cases: Array<[number, number, number]> = [
      [-0.99, 0.01, 2], // was #NUM! "grid rate −1 is at or below −100 %"
      [-0.9, 0.1, 3],
      [0, 1, 2], // was #NUM! with step 1
      [0.1, 0.01, 1],
      [0.2, 0.05, 5],
    ];
    for (const [r, h, n] of cases) {
      const flows = [...new Array<number>(n - 1).fill(100 * r), 100 * (1 + r)];
      expectClose(irrInterpolated(100, flows, h), r, { rel: 0, abs: 1e-12 }, `IRR ${r} on the grid of step ${h}`);
    }
    // I 100, F₁ 110: exactly 10 %, so the interpolation between 9 % and 10 % must give 10 % (hand)
    expectClose(irrInterpolated(100, [110]), 0.1, { rel: 0, abs: 1e-15 }, "110/100 − 1");
  });

  test("a cell reaching −100 % that does not hold the IRR on a grid rate is still #NUM! with the reason", () => {
    // hand: IRR = 0.5·… − 1: 1 + r = 0.3 → r = −0.7, step 0.5: the cell is [−1, −0.5]
    expectCpError(() => irrInterpolated(100, [30], 0.5), "#NUM!", /−100 %/);
  });
});
