// Property tests (fast-check, engineering guide §4): whatever Excel (or a caller) passes, a CP.* function gives a
// finite number, a boolean, one spilled row, or a CustomFunctions.Error with a code and a message: never an
// exception, NaN or ±Infinity. Two generators per function: "anything" (numbers incl. NaN/±Infinity/huge,
// strings, booleans, null, undefined, ragged and empty 2-D arrays, error-like objects) and "plausible" (the
// right shapes with wide numeric ranges, so the core mathematics itself is exercised), plus oracle properties
// on valid inputs (formulajs NPV, the IRR root condition, sums, round-trip unit conversion).
import * as formulajs from "@formulajs/formulajs";
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as CP from "../../src/functions/functions";
import { isClose } from "../helpers/tolerance";
import { isCfError, show, type AnyFn } from "./cf-helpers";

const RUNS = 3000;
const CODES = new Set(["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"]);

/** Why `r` is not an acceptable cell result, or null when it is. */
function badResult(r: unknown): string | null {
  if (typeof r === "number") return Number.isFinite(r) ? null : `non-finite number ${r}`;
  if (typeof r === "boolean") return null;
  if (isCfError(r)) {
    if (!CODES.has(r.code)) return `unexpected error code ${r.code}`;
    if (typeof r.message !== "string" || r.message.trim() === "") return `error ${r.code} without a message`;
    if (/\bNaN\b|undefined/.test(r.message) && r.message.startsWith("internal error")) return `internal error: ${r.message}`;
    return null;
  }
  if (Array.isArray(r)) {
    if (r.length !== 1 || !Array.isArray(r[0]) || r[0].length === 0) return "a spilled result must be one non-empty row";
    for (const v of r[0] as unknown[]) {
      const b = typeof v === "number" || isCfError(v) ? badResult(v) : `row element ${show(v)}`;
      if (b) return `in the row: ${b}`;
    }
    return null;
  }
  return `not a cell value: ${show(r)}`;
}

function call(fn: AnyFn, args: unknown[]): unknown {
  let r: unknown;
  try {
    r = fn(...args);
  } catch (e) {
    throw new Error(`threw ${String(e)} for ${show(args)}`);
  }
  const bad = badResult(r);
  if (bad) throw new Error(`${bad} for ${show(args)}`);
  return r;
}

// ---- generators --------------------------------------------------------------------------------------------

const wildScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(), // NaN, ±Infinity, −0, subnormals, huge
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -50, max: 2000 }),
  fc.constantFrom(0, -1, 1, -0.5, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 1e-300),
  fc.string({ maxLength: 8 }),
  fc.constantFrom("1,2", "12", "", " ", "t/a", "kg/d", "ton", "TRUE", "#N/A", "0.1"),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant({ code: "#N/A", message: "from a cell" }),
);

const wildMatrix: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(fc.array(wildScalar, { maxLength: 5 }), { maxLength: 5 }), // ragged, empty rows, 2-D blocks
  fc.array(wildScalar, { minLength: 1, maxLength: 8 }).map((xs) => xs.map((x) => [x])), // a column
  fc.array(wildScalar, { minLength: 1, maxLength: 8 }).map((xs) => [xs]), // a row
  fc.constantFrom([], [[]], [[[1]]], [[1, 2], [3, 4]]),
);

const anything: fc.Arbitrary<unknown> = fc.oneof(wildScalar, wildMatrix, fc.array(wildScalar, { maxLength: 4 }));

const goodNumber = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const maybeBlank = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
const column = <T>(a: fc.Arbitrary<T>, maxLength = 40) => fc.array(a, { minLength: 1, maxLength }).map((xs) => xs.map((x) => [x]));
const rowOf = <T>(a: fc.Arbitrary<T>, maxLength = 40) => fc.array(a, { minLength: 1, maxLength }).map((xs) => [xs]);
const range = <T>(a: fc.Arbitrary<T>, maxLength = 40) => fc.oneof(column(a, maxLength), rowOf(a, maxLength));

const rate = fc.oneof(goodNumber(-0.999, 3), goodNumber(-2, 5), fc.constantFrom(0, -1, 0.1, 0.12));
const investment = fc.oneof(goodNumber(0, 1e4), goodNumber(-1e3, 1e6), fc.constant(0));
const flowsRange = range(maybeBlank(fc.oneof(goodNumber(-1e3, 1e3), goodNumber(0, 500))));
const oneNumber = fc.oneof(goodNumber(-1e3, 1e3), fc.constant(0)).map((x) => [[x]]);
const cashFlows = fc.oneof(flowsRange, oneNumber);
const years = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(null), fc.constantFrom(0, 2.5, 1001));
const optionalRate = fc.oneof(fc.constant(null), fc.constant(undefined), goodNumber(-0.99, 2));
const quantities = range(maybeBlank(fc.oneof(goodNumber(0, 1e4), fc.constantFrom(0, 0.1, 0.3), goodNumber(-10, 10))), 12);
const scores = range(fc.oneof(goodNumber(0, 10), fc.integer({ min: 1, max: 10 })), 8);
const units = fc.constantFrom("t", "kg", "g", "t/a", "t/d", "kg/d", "kg/h", "m3", "m3/d", "L", "kWh", "MWh", "GJ", "tce", "kgce", "kW", "t/yr", "t/year", "kg/batch", "ton", "lb");

interface Case {
  id: string;
  fn: AnyFn;
  arity: number;
  plausible: fc.Arbitrary<unknown[]>;
}

const cases: Case[] = [
  { id: "NPV", fn: CP.npv, arity: 4, plausible: fc.tuple(rate, investment, cashFlows, years) },
  { id: "IRR", fn: CP.irr, arity: 4, plausible: fc.tuple(investment, cashFlows, years, optionalRate) },
  { id: "NPVR", fn: CP.npvr, arity: 4, plausible: fc.tuple(rate, investment, cashFlows, years) },
  { id: "PAYBACK", fn: CP.payback, arity: 3, plausible: fc.tuple(investment, cashFlows, years) },
  {
    id: "CASHFLOW",
    fn: CP.cashflow,
    arity: 4,
    plausible: fc.tuple(goodNumber(-1e3, 1e4), investment, fc.oneof(fc.integer({ min: 0, max: 30 }), goodNumber(-5, 50)), goodNumber(-0.5, 1.5)),
  },
  {
    id: "ECONOMICS",
    fn: CP.economics,
    arity: 6,
    plausible: fc.tuple(investment, goodNumber(-1e3, 1e4), rate, fc.integer({ min: 0, max: 40 }), goodNumber(-0.2, 1.2), years),
  },
  { id: "IRRINTERP", fn: CP.irrinterp, arity: 4, plausible: fc.tuple(investment, cashFlows, years, fc.oneof(fc.constant(null), goodNumber(-0.1, 0.5))) },
  { id: "ANNUITYFACTOR", fn: CP.annuityfactor, arity: 2, plausible: fc.tuple(rate, fc.oneof(fc.integer({ min: -2, max: 200 }), goodNumber(0, 1e4))) },
  { id: "BALANCEGAP", fn: CP.balancegap, arity: 2, plausible: fc.tuple(quantities, quantities) },
  { id: "BALANCEERROR", fn: CP.balanceerror, arity: 2, plausible: fc.tuple(quantities, quantities) },
  { id: "BALANCECHECK", fn: CP.balancecheck, arity: 3, plausible: fc.tuple(quantities, quantities, fc.oneof(fc.constant(null), goodNumber(-0.1, 1))) },
  { id: "WEIGHTEDSCORE", fn: CP.weightedscore, arity: 2, plausible: fc.tuple(scores, scores) },
  { id: "PROPSCORE", fn: CP.propscore, arity: 3, plausible: fc.tuple(goodNumber(-1, 1e4), quantities, fc.oneof(fc.boolean(), fc.constant(null))) },
  { id: "CONVERT", fn: CP.convert, arity: 3, plausible: fc.tuple(fc.oneof(goodNumber(-1e6, 1e6), fc.double()), units, units) },
];

describe.each(cases)("CP.$id never throws, never gives NaN/Infinity", ({ fn, arity, plausible }) => {
  test(`any arguments (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(anything, { minLength: 0, maxLength: arity + 1 }), (args) => {
        call(fn, args);
      }),
      { numRuns: RUNS },
    );
  });
  test(`plausible arguments (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(plausible, (args) => {
        call(fn, args);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- oracle properties on valid inputs --------------------------------------------------------------------

const conventional = fc.record({
  I: goodNumber(1, 1e4),
  flows: fc.array(goodNumber(0.01, 2e3), { minLength: 1, maxLength: 40 }),
  rate: goodNumber(-0.5, 1),
});

describe("oracles", () => {
  test("CP.NPV over explicit flows = formulajs NPV(rate, flows) − I", () => {
    fc.assert(
      fc.property(conventional, ({ I, flows, rate: r }) => {
        // years = n: ignored for a range, and makes a one-cell range the constant F for one year
        const cp = call(CP.npv, [r, I, flows.map((f) => [f]), flows.length]) as number;
        const fj = (formulajs.NPV(r, ...flows) as number) - I;
        const scale = I + flows.reduce((s, f, j) => s + Math.abs(f) / (1 + r) ** (j + 1), 0);
        expect(Math.abs(cp - fj) <= 1e-9 * scale, `${cp} vs ${fj}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("CP.IRR, when it returns a rate, is a root: |NPV(rate)| ≤ 1e-9 of the discounted magnitudes", () => {
    fc.assert(
      fc.property(conventional, fc.oneof(fc.constant(null), goodNumber(-0.9, 1)), ({ I, flows }, guess) => {
        const r = call(CP.irr, [I, flows.map((f) => [f]), flows.length, guess]);
        if (typeof r !== "number") return; // #NUM! is allowed (e.g. flows too small to recover I at any rate > −1)
        const terms = [-I, ...flows.map((f, j) => f / (1 + r) ** (j + 1))];
        const resid = terms.reduce((s, t) => s + t, 0);
        const scale = terms.reduce((s, t) => s + Math.abs(t), 0);
        expect(Math.abs(resid) <= 1e-9 * scale, `NPV(${r}) = ${resid}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("CP.IRR of a conventional series whose flows exceed I has exactly one root > 0, and finds it from any guess", () => {
    fc.assert(
      fc.property(conventional, goodNumber(-0.5, 1), ({ I, flows }, guess) => {
        fc.pre(flows.reduce((s, f) => s + f, 0) > I * 1.001);
        const a = call(CP.irr, [I, flows.map((f) => [f]), flows.length]) as number;
        const b = call(CP.irr, [I, flows.map((f) => [f]), flows.length, guess]) as number;
        expect(typeof a).toBe("number");
        expect(a).toBeGreaterThan(0);
        expect(isClose(a, b, 1e-8, 1e-10), `${a} vs ${b}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("CP.PAYBACK of positive per-year flows lies within the years given, or is #N/A when Σ flows < I", () => {
    fc.assert(
      fc.property(conventional, ({ I, flows }) => {
        fc.pre(new Set(flows).size > 1);
        const N = call(CP.payback, [I, flows.map((f) => [f])]);
        const total = flows.reduce((s, f) => s + f, 0);
        if (typeof N === "number") {
          expect(N).toBeGreaterThan(0);
          expect(N).toBeLessThanOrEqual(flows.length);
        } else {
          expect((N as CustomFunctions.Error).code).toBe("#N/A");
          expect(total).toBeLessThan(I * (1 + 1e-12));
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("CP.BALANCEGAP = ΣIn − ΣOut over the filled cells; CP.BALANCECHECK agrees with CP.BALANCEERROR", () => {
    const q = fc.array(maybeBlank(goodNumber(0, 1e4)), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(q, q, goodNumber(0, 0.5), (ins, outs, tol) => {
        const gap = call(CP.balancegap, [ins.map((x) => [x]), outs.map((x) => [x])]) as number;
        const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
        expect(isClose(gap, sum(ins) - sum(outs), 1e-12, 1e-9)).toBe(true);
        const e = call(CP.balanceerror, [ins.map((x) => [x]), outs.map((x) => [x])]);
        const ok = call(CP.balancecheck, [ins.map((x) => [x]), outs.map((x) => [x]), tol]);
        if (typeof e === "number") expect(ok).toBe(Math.abs(e) <= tol);
        // ΣIn = 0 → #DIV/0!; a relative error beyond the number range (ΣIn subnormal) → #NUM!
        else expect(["#DIV/0!", "#NUM!"]).toContain((e as CustomFunctions.Error).code);
      }),
      { numRuns: RUNS },
    );
  });

  test("CP.WEIGHTEDSCORE = Σ W·R; CP.PROPSCORE of a member of values is within [0, 10]", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(goodNumber(0, 10), goodNumber(0, 10)), { minLength: 1, maxLength: 10 }), (pairs) => {
        const s = call(CP.weightedscore, [pairs.map(([w]) => [w]), pairs.map(([, r]) => [r])]) as number;
        expect(isClose(s, pairs.reduce((t, [w, r]) => t + w * r, 0), 1e-12, 1e-12)).toBe(true);
        const xs = pairs.map(([w]) => w);
        for (const lower of [false, true]) {
          const p = call(CP.propscore, [xs[0], xs.map((x) => [x]), lower]);
          if (typeof p === "number") {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(10 * (1 + 1e-15));
          } else expect((p as CustomFunctions.Error).code).toBe("#DIV/0!");
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("CP.CONVERT round trip between units of one kind returns the value", () => {
    const kinds = [
      ["t", "kg", "g"],
      ["t/a", "t/d", "kg/d", "kg/h", "t/yr"],
      ["m3", "L"],
      ["kWh", "MWh", "GJ", "tce", "kgce"],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.nat(), fc.nat(), goodNumber(-1e6, 1e6), (kind, i, j, x) => {
        const a = kind[i % kind.length]!;
        const b = kind[j % kind.length]!;
        const there = call(CP.convert, [x, a, b]) as number;
        const back = call(CP.convert, [there, b, a]) as number;
        expect(isClose(back, x, 1e-12, 1e-9), `${x} ${a} → ${there} ${b} → ${back}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
