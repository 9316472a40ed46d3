// The figures of the two real cases (cases/*.json, copies of ../shared/cases) computed by the CP.* functions,
// with the expected values of each case's meta.expected (a published exercise; see spec §3.6) and the issue's
// six-decimal IRRs. Tolerance: half a unit of the last printed decimal. formulajs's IRR/NPV over the explicit
// series serve as a second, independent oracle (engineering guide §4).
import { readFileSync } from "node:fs";
import * as formulajs from "@formulajs/formulajs";
import { describe, expect, test } from "vitest";
import * as CP from "../../src/functions/functions";
import { expectClose } from "../helpers/tolerance";
import { num } from "./cf-helpers";

interface EconomicsEntry {
  optionId: string;
  investment: number;
  annualSavings: number;
  annualCashFlow?: number;
}
interface CaseFile {
  parameters: { discountRate: number; taxRate: number; depreciationYears: number; evaluationYears?: number };
  economics: EconomicsEntry[];
  meta: { expected: Record<string, Record<string, number>> };
}

function readCase(name: string): CaseFile {
  return JSON.parse(readFileSync(new URL(`../../cases/${name}`, import.meta.url), "utf8")) as CaseFile;
}

/** Half a unit in the last decimal the expected value is printed with (0.3373 → 5e-5). */
function halfUlp(x: number): number {
  const decimals = (String(x).split(".")[1] ?? "").length;
  return 0.5 * 10 ** -decimals;
}

const series = (I: number, F: number, n: number) => [-I, ...Array<number>(n).fill(F)];

describe("power-plant workshop B (F given, 12 %, 10 a)", () => {
  const c = readCase("power-plant-workshop.json");
  const rate = c.parameters.discountRate;
  const n = c.parameters.evaluationYears ?? c.parameters.depreciationYears;

  test.each(c.economics.map((e) => [e.optionId, e] as const))("%s: N, NPV, NPVR, IRR from the case file", (id, e) => {
    const exp = c.meta.expected[id]!;
    const F = e.annualCashFlow!;
    expectClose(num(CP.payback(e.investment, [[F]])), exp.paybackYears!, { abs: halfUlp(exp.paybackYears!) }, "PAYBACK");
    expectClose(num(CP.npv(rate, e.investment, [[F]], n)), exp.npv!, { abs: halfUlp(exp.npv!) }, "NPV");
    expectClose(num(CP.npvr(rate, e.investment, [[F]], n)), exp.npvr!, { abs: halfUlp(exp.npvr!) }, "NPVR");
    expectClose(num(CP.irr(e.investment, [[F]], n)), exp.irr!, { abs: halfUlp(exp.irr!) }, "IRR");
  });

  test("Z-01 as the issue states it: NPV 32.1775, IRR 0.337300, PAYBACK 2.8027", () => {
    expectClose(num(CP.npv(0.12, 31.67, [[11.3]], 10)), 32.1775, { abs: 5e-5 });
    expectClose(num(CP.irr(31.67, [[11.3]], 10)), 0.3373, { abs: 5e-7 });
    expectClose(num(CP.payback(31.67, [[11.3]], 10)), 2.8027, { abs: 5e-5 });
  });

  test("a constant F and the same F typed year by year give the same NPV and IRR", () => {
    const perYear = Array.from({ length: 10 }, () => [11.3]);
    expectClose(num(CP.npv(0.12, 31.67, perYear)), num(CP.npv(0.12, 31.67, [[11.3]], 10)), { rel: 1e-12 });
    expectClose(num(CP.irr(31.67, perYear)), num(CP.irr(31.67, [[11.3]], 10)), { rel: 1e-12 });
  });

  test("formulajs agrees over the explicit series (IRR within 1e-9, NPV within 1e-9 relative)", () => {
    for (const e of c.economics) {
      const s = series(e.investment, e.annualCashFlow!, n);
      expectClose(num(CP.irr(e.investment, [[e.annualCashFlow!]], n)), formulajs.IRR(s) as number, { abs: 1e-9 }, `${e.optionId} IRR`);
      const fjNpv = (formulajs.NPV(rate, ...s.slice(1)) as number) - e.investment;
      expectClose(num(CP.npv(rate, e.investment, [[e.annualCashFlow!]], n)), fjNpv, { rel: 1e-9 }, `${e.optionId} NPV`);
    }
  });

  test("Z-02 has the larger NPV, Z-01 the larger NPVR and IRR (the ranking conflict of the case)", () => {
    const [z1, z2] = c.economics;
    expect(num(CP.npv(rate, z2!.investment, [[z2!.annualCashFlow!]], n))).toBeGreaterThan(num(CP.npv(rate, z1!.investment, [[z1!.annualCashFlow!]], n)));
    expect(num(CP.npvr(rate, z1!.investment, [[z1!.annualCashFlow!]], n))).toBeGreaterThan(num(CP.npvr(rate, z2!.investment, [[z2!.annualCashFlow!]], n)));
    expect(num(CP.irr(z1!.investment, [[z1!.annualCashFlow!]], n))).toBeGreaterThan(num(CP.irr(z2!.investment, [[z2!.annualCashFlow!]], n)));
  });

  test("the workshop's water balance (汽机工段) from the case file: gap 31, relative error 0.013644, within 5 %", () => {
    const raw = JSON.parse(readFileSync(new URL("../../cases/power-plant-workshop.json", import.meta.url), "utf8")) as {
      materialBalance: { unitOperation: string; inputs: Stream[]; outputs: Stream[] }[];
      measurements?: { point: string; readings: (number | null)[] }[];
      meta: { expected: { materialBalance: Record<string, { inputs: number; outputs: number; gap: number; relativeError: number; withinTolerance: boolean }> } };
    };
    type Stream = { quantity?: number; measurementPoint?: string };
    const [name, exp] = Object.entries(raw.meta.expected.materialBalance)[0]!;
    const mb = raw.materialBalance.find((m) => m.unitOperation === name)!;
    expect(mb, `materialBalance entry ${name}`).toBeDefined();
    // a stream fed by a measurement point (表3-3) has the mean of the point's readings, blank cycles ignored
    const quantity = (q: Stream): number => {
      if (q.quantity !== undefined) return q.quantity;
      const readings = raw.measurements!.find((m) => m.point === q.measurementPoint)!.readings.filter((r): r is number => r !== null);
      return readings.reduce((a, b) => a + b, 0) / readings.length;
    };
    const ins = mb.inputs.map((q) => [quantity(q)]);
    const outs = mb.outputs.map((q) => [quantity(q)]);
    expectClose(num(CP.balancegap(ins, outs)), exp.gap, { abs: 1e-9 }, "gap");
    expectClose(num(CP.balanceerror(ins, outs)), exp.relativeError, { abs: halfUlp(exp.relativeError) }, "relative error");
    expect(CP.balancecheck(ins, outs, 0.05)).toBe(exp.withinTolerance);
  });
});

describe("textbook case: I 150, P 40, Y 10, t 30 %, i 5 %", () => {
  const c = readCase("textbook-150wan.json");
  const p = c.parameters;
  const e = c.economics[0]!;
  const exp = c.meta.expected[e.optionId]!;

  test("CP.CASHFLOW gives F = 32.5", () => {
    expectClose(num(CP.cashflow(e.annualSavings, e.investment, p.depreciationYears, p.taxRate)), exp.annualCashFlow!, {});
  });

  test("CP.ECONOMICS spills D, T, E, F, N, NPV, NPVR, IRR with the case's values", () => {
    const r = CP.economics(e.investment, e.annualSavings, p.discountRate, p.depreciationYears, p.taxRate) as unknown[][];
    expect(r).toHaveLength(1);
    expect(r[0]).toHaveLength(8);
    const keys = ["depreciation", "taxableProfit", "netProfit", "annualCashFlow", "paybackYears", "npv", "npvr", "irr"];
    keys.forEach((k, j) => expectClose(num(r[0]![j]), exp[k]!, { abs: halfUlp(exp[k]!) }, k));
  });

  test("as the issue states it: NPV 100.9564, IRR 0.172570, IRRINTERP 0.172627 (the textbook's 17.26 %)", () => {
    const F = exp.annualCashFlow!;
    expectClose(num(CP.npv(0.05, 150, [[F]], 10)), 100.9564, { abs: 5e-5 });
    expectClose(num(CP.irr(150, [[F]], 10)), 0.17257, { abs: 5e-7 });
    expectClose(num(CP.irrinterp(150, [[F]], 10)), 0.172627, { abs: 5e-7 });
    expectClose(num(CP.irrinterp(150, [[F]], 10)), exp.irrTextbookInterpolated!, { abs: halfUlp(exp.irrTextbookInterpolated!) });
  });

  test("the textbook's own interpolation, redone from its 4-decimal table: 17 % + 1.4045/(1.4045 + 3.9418) %", () => {
    // spec §3.6: NPV1 = 1.4045 at 17 %, NPV2 = −3.9418 at 18 % (table factors 4.6586 and 4.4941)
    expectClose(num(CP.irrinterp(150, [[32.5]], 10)), 0.17 + (1.4045 * 0.01) / (1.4045 + 3.9418), { abs: 2e-6 });
  });

  test("CP.ANNUITYFACTOR reproduces the table: a(5 %, 10) = 7.7217; a(17 %, 10) = 4.6586; a(18 %, 10) = 4.4941", () => {
    expectClose(num(CP.annuityfactor(0.05, 10)), 7.7217, { abs: 5e-5 });
    expectClose(num(CP.annuityfactor(0.17, 10)), 4.6586, { abs: 5e-5 });
    expectClose(num(CP.annuityfactor(0.18, 10)), 4.4941, { abs: 5e-5 });
    expectClose(num(CP.annuityfactor(0.05, 10)), -(formulajs.PV(0.05, 10, 1) as number), { rel: 1e-12 }, "PV(i, n, −1)");
  });

  test("payback 4.6154 a (the source prints 4.6)", () => {
    expectClose(num(CP.payback(150, [[32.5]])), exp.paybackYears!, { abs: 5e-5 });
  });
});
