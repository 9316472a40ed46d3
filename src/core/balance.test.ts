import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as fc from "fast-check";
import { expectClose } from "../../test/helpers/tolerance";
import { isCpError } from "./errors";
import { balanceCheck, balanceGap, evaluateBalance, relativeError, sumFlows } from "./balance";
import { exactDecimalDifference, exactDecimalSum, roundDecimals } from "./float";
import { expectCpError } from "../../test/helpers/cp-error";

/** The parts of cases/power-plant-workshop.json this test reads; meta.expected.materialBalance is keyed by unitOperation. */
interface PublishedBalanceCase {
  meta: { expected: { materialBalance: Partial<Record<string, { inputs: number; outputs: number; gap: number; relativeError: number; withinTolerance: boolean }>> } };
  parameters: { balanceTolerance: number };
  materialBalance: { unitOperation: string; inputs: Stream[]; outputs: Stream[] }[];
  measurements?: { point: string; readings: (number | null)[] }[];
}

/** A stream of the case file: a quantity, or a measurement point whose readings give it. */
interface Stream {
  quantity?: number;
  measurementPoint?: string;
}

const dec = (d: number) => ({ rel: 0, abs: 0.5 * 10 ** -d });

describe("edge cases (shared/cases/edge-cases.md)", () => {
  test("E07 a blank row is skipped and a measured zero counts as 0: both gap 10, relative error 0.0666667", () => {
    for (const inputs of [[100, null, 50], [100, 0, 50], [100, undefined, 50]]) {
      const r = evaluateBalance(inputs, [140]);
      expectClose(r.gap, 10, { rel: 0, abs: 1e-12 }, "E07 gap");
      expectClose(r.relativeError, 0.0666667, dec(7), "E07 relative error");
      expect(r.totalIn).toBe(150);
      expect(balanceGap(inputs, [140])).toBe(r.gap);
      expect(relativeError(inputs, [140])).toBe(r.relativeError);
    }
  });

  test("E17 no float noise: 0.3+0.3+0.3+0.1 vs 1 and 0.2+21.9 vs 22.1 are exactly balanced", () => {
    // the noise the case is about really is there in plain addition
    expect(0.3 + 0.3 + 0.3 + 0.1 - 1).not.toBe(0);
    expect(0.2 + 21.9 - 22.1).not.toBe(0);
    for (const [inputs, outputs] of [
      [[0.3, 0.3, 0.3, 0.1], [1]],
      [[0.2, 21.9], [22.1]],
    ] as const) {
      const r = evaluateBalance(inputs, outputs);
      expect(r.gap).toBe(0);
      expect(r.relativeError).toBe(0);
      expect(Object.is(r.gap, 0)).toBe(true); // not −0
      expect(r.withinTolerance).toBe(true);
      expect(balanceGap(inputs, outputs)).toBe(0);
      expect(relativeError(inputs, outputs)).toBe(0);
      expect(balanceCheck(inputs, outputs, 0)).toBe(true);
    }
  });

  test("E18 gap sign (−12, −0.12, outside 5 %) and a negative measured flow (#NUM! naming input row 2)", () => {
    const r = evaluateBalance([100], [112], 0.05);
    expectClose(r.gap, -12, { rel: 0, abs: 1e-12 }, "E18 gap");
    expectClose(r.relativeError, -0.12, { rel: 0, abs: 1e-15 }, "E18 relative error");
    expect(r.withinTolerance).toBe(false);
    expect(balanceCheck([100], [112], 0.05)).toBe(false);
    expectCpError(() => balanceGap([100, -5], [90]), "#NUM!", /input row 2/);
    expectCpError(() => relativeError([100, -5], [90]), "#NUM!", /input row 2/);
    expectCpError(() => evaluateBalance([100], [90, null, -1]), "#NUM!", /output row 3/);
  });

  test("E08 an omitted tolerance takes the default 0.05", () => {
    // e = 5/100 = 0.05 is inside the default tolerance, 6/100 is not
    expect(balanceCheck([100], [95], null)).toBe(true);
    expect(balanceCheck([100], [95], undefined)).toBe(true);
    expect(balanceCheck([100], [94])).toBe(false);
    expect(evaluateBalance([100], [95], null).withinTolerance).toBe(true);
  });
});

describe("published case (cases/power-plant-workshop.json)", () => {
  test("汽机工段 水平衡: inputs 2272, outputs 2241, gap 31, relative error 0.013644, within tolerance", () => {
    const c = JSON.parse(readFileSync(new URL("../../cases/power-plant-workshop.json", import.meta.url), "utf8")) as PublishedBalanceCase;
    for (const mb of c.materialBalance) {
      const x = c.meta.expected.materialBalance[mb.unitOperation];
      if (x === undefined) throw new Error(`meta.expected.materialBalance has no ${mb.unitOperation}`);
      // a stream fed by a measurement point (表3-3) has the mean of the point's readings, blank cycles ignored
      const quantity = (s: Stream): number => {
        if (s.quantity !== undefined) return s.quantity;
        const readings = c.measurements!.find((m) => m.point === s.measurementPoint)!.readings.filter((r): r is number => r !== null);
        return readings.reduce((a, b) => a + b, 0) / readings.length;
      };
      const ins = mb.inputs.map(quantity);
      const outs = mb.outputs.map(quantity);
      const r = evaluateBalance(ins, outs, c.parameters.balanceTolerance);
      expectClose(r.totalIn, x.inputs, { rel: 0, abs: 1e-9 }, "ΣIn");
      expectClose(r.totalOut, x.outputs, { rel: 0, abs: 1e-9 }, "ΣOut");
      expectClose(r.gap, x.gap, { rel: 0, abs: 1e-9 }, "gap");
      expectClose(r.relativeError, x.relativeError, dec(6), "relative error");
      expect(r.withinTolerance).toBe(x.withinTolerance);
    }
  });
});

describe("balance errors", () => {
  test("text → #VALUE!, ΣIn = 0 → #DIV/0!, bad tolerance, non-finite", () => {
    expectCpError(() => sumFlows([1, "2" as unknown as number], "input"), "#VALUE!", /input row 2 is "2"/);
    expectCpError(() => balanceGap([1, Number.NaN], [1]), "#VALUE!", /input row 2/);
    expectCpError(() => balanceGap([1], [Infinity]), "#VALUE!", /output row 1/);
    expectCpError(() => relativeError([0, null], [5]), "#DIV/0!", /sum of the inputs is 0/);
    expectCpError(() => relativeError([], []), "#DIV/0!", /sum of the inputs is 0/);
    expectCpError(() => balanceCheck([1], [1], -0.1), "#NUM!", /tolerance/);
    expect(balanceGap([], [])).toBe(0);
    expect(sumFlows([null, undefined], "input")).toBe(0);
  });

  test("exact decimal sum matches decimal arithmetic done by hand and keeps large/small magnitudes", () => {
    expect(exactDecimalSum([0.1, 0.2])).toBe(0.3); // plain 0.1 + 0.2 = 0.30000000000000004
    expect(exactDecimalSum([1e20, 1, -1e20])).toBe(1); // plain addition loses the 1
    expect(exactDecimalDifference(22.1, 21.9)).toBe(0.2);
    expect(sumFlows([1.5e-7, 2.5e-7], "input")).toBe(4e-7);
    expect(roundDecimals(1.9000000000000001, 9)).toBe(roundDecimals(1.9, 9));
  });

  test("property: any values give finite numbers / booleans or a CpError", () => {
    const cell = fc.oneof(
      fc.double(),
      fc.double({ min: 0, max: 1e6 }),
      fc.constantFrom(null, undefined, Number.NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308),
      fc.string({ maxLength: 3 }),
      fc.boolean(),
    );
    const range = fc.array(cell, { maxLength: 12 }) as fc.Arbitrary<(number | null | undefined)[]>;
    fc.assert(
      fc.property(range, range, fc.oneof(fc.double(), fc.constant(undefined)), (ins, outs, tol) => {
        for (const f of [
          () => sumFlows(ins, "input"),
          () => balanceGap(ins, outs),
          () => relativeError(ins, outs),
          () => balanceCheck(ins, outs, tol),
          () => evaluateBalance(ins, outs, tol),
        ]) {
          let v: unknown;
          try {
            v = f();
          } catch (e) {
            expect(isCpError(e), `threw ${String(e)}`).toBe(true);
            continue;
          }
          const vals = typeof v === "object" && v !== null ? Object.values(v) : [v];
          for (const x of vals) {
            if (typeof x === "number") expect(Number.isFinite(x), `returned ${x}`).toBe(true);
            else expect(typeof x).toBe("boolean");
          }
        }
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  test("property: on non-negative decimals the gap is the exact decimal ΣIn − ΣOut (integers in thousandths)", () => {
    // independent check: quantities with 3 decimals summed as integers (exact), then scaled
    const q = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(fc.array(q, { minLength: 1, maxLength: 10 }), fc.array(q, { maxLength: 10 }), (a, b) => {
        const ins = a.map((k) => k / 1000);
        const outs = b.map((k) => k / 1000);
        const exact = (a.reduce((s, k) => s + k, 0) - b.reduce((s, k) => s + k, 0)) / 1000;
        expect(balanceGap(ins, outs)).toBe(exact);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});

// Issue 9: totals beyond the largest double and subnormal amounts (expected values by hand, on the decimals
// as typed, which is the module's rule since E17).
describe("issue 9: the relative error is never formed through an overflowing or subnormal total", () => {
  test("inputs 1.7e308, 1.7e308 vs output 1.7e308: relative error 0.5, outside 5 % (was 0 and a pass)", () => {
    // hand: (3.4e308 − 1.7e308)/3.4e308 = 0.5, although ΣIn itself is beyond the largest double
    expect(relativeError([1.7e308, 1.7e308], [1.7e308])).toBe(0.5);
    expect(balanceCheck([1.7e308, 1.7e308], [1.7e308])).toBe(false);
    expect(balanceGap([1.7e308, 1.7e308], [1.7e308])).toBe(1.7e308);
    // the totals themselves are a true overflow: #NUM! naming them
    expectCpError(() => sumFlows([1.7e308, 1.7e308], "input"), "#NUM!", /sum of the inputs/);
    expectCpError(() => evaluateBalance([1.7e308, 1.7e308], [1.7e308]), "#NUM!", /sum of the inputs/);
    // hand: 0.1e308/3.4e308 = 1/34
    expect(relativeError([1.7e308, 1.7e308], [1.7e308, 1.6e308])).toBe(1 / 34);
    expect(balanceCheck([1.7e308, 1.7e308], [1.7e308, 1.6e308])).toBe(true);
  });

  test("subnormal amounts as typed: 5e-323 vs 4.4e-323 → (5 − 4.4)/5 = 0.12 (was 0.1, through a rounded gap)", () => {
    expect(relativeError([5e-323], [4.4e-323])).toBe(0.12);
    expect(balanceCheck([5e-323], [4.4e-323], 0.11)).toBe(false); // was true
    // hand: (4.4 − 4)/4.4 = 1/11
    expect(relativeError([4.4e-323], [4e-323])).toBe(1 / 11);
    // and the same ratio at ordinary magnitudes (the balance is scale-free on the typed decimals)
    expect(relativeError([5], [4.4])).toBe(0.12);
  });

  test("a relative error beyond the largest double is #NUM! for CP.BALANCEERROR, but simply outside tolerance for the check", () => {
    // hand: (5e-324 − 0.3)/5e-324 ≈ −6e322
    expectCpError(() => relativeError([5e-324], [0.3]), "#NUM!", /relative error/);
    expect(balanceCheck([5e-324], [0.3])).toBe(false); // was #NUM!
    // the check is exact on the decimals: |0.05|/1 ≤ 0.05 holds, 0.0500000001 does not
    expect(balanceCheck([1], [0.95], 0.05)).toBe(true);
    expect(balanceCheck([1], [0.9499999999], 0.05)).toBe(false);
  });
});
