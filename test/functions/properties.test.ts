// Property tests (fast-check, engineering guide §4; issue 14 "tests that can fail").
//
// Whatever Excel (or a caller) passes, a CP.* function gives a finite number, a boolean, one spilled row or a
// CustomFunctions.Error with a code and a message: never an exception, NaN or ±Infinity — and never an
// "internal error": the wrapper turns any exception of ours into `#VALUE! internal error: …` (and a NaN from
// core into `#NUM! internal error: …`), so accepting those would let a broken core pass. On plausible
// arguments every function's value is also checked against an independent oracle (./oracles.ts: the
// documented argument rules, formulajs's NPV/IRR over explicit flows, exact fractions on the decimals typed,
// a log-domain NPV), and the fuzzing reaches the magnitudes that once failed (issue 9): amounts near
// 1.7e308, subnormal amounts, IRRs near −100 %, all-equal per-year ranges.
import * as formulajs from "@formulajs/formulajs";
import * as fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import * as CP from "../../src/functions/functions";
import { isClose } from "../helpers/tolerance";
import { isCfError, show, type AnyFn } from "./cf-helpers";
import {
  bfrac,
  exactNpv,
  fadd,
  fdiv,
  fmul,
  fquot,
  flowsModel,
  flowsOf,
  frac,
  fsub,
  fsum,
  irrRef,
  isRootRef,
  logNpvParts,
  logNpvRef,
  npvRef,
  paybackRef,
  signChanges,
  SUBNORMAL_SLACK,
} from "./oracles";

// CP.CONVERT answers with a Promise until core/units has loaded (its first call loads it), at once afterwards.
beforeAll(() => CP.loadUnits());

const RUNS = 3000;
const CODES = new Set(["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"]);

/** Why `r` is not an acceptable cell result, or null when it is. */
function badResult(r: unknown): string | null {
  if (typeof r === "number") return Number.isFinite(r) ? null : `non-finite number ${r}`;
  if (typeof r === "boolean") return null;
  if (isCfError(r)) {
    if (!CODES.has(r.code)) return `unexpected error code ${r.code}`;
    if (typeof r.message !== "string" || r.message.trim() === "") return `error ${r.code} without a message`;
    if (/internal error/i.test(r.message)) return `${r.code} ${r.message}`;
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

/** Fails with the arguments in the message. */
function fail(what: string, args: unknown[], r: unknown): never {
  throw new Error(`${what}: got ${show(r)} for ${show(args)}`);
}
const codeOf = (r: unknown): string | null => (isCfError(r) ? r.code : null);
function expectNumber(r: unknown, expected: number, rel: number, abs: number, args: unknown[], what: string): void {
  if (typeof r !== "number") fail(`${what}: expected ${expected}`, args, r);
  if (!isClose(r, expected, rel, abs)) fail(`${what}: expected ${expected} (rel ${rel}, abs ${abs})`, args, r);
}
function expectError(r: unknown, codes: readonly string[], args: unknown[], what: string): void {
  const c = codeOf(r);
  if (c === null || !codes.includes(c)) fail(`${what}: expected ${codes.join(" or ")}`, args, r);
}
const anyError = ["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"];
const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

// ---- generators --------------------------------------------------------------------------------------------

const wildScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(), // NaN, ±Infinity, −0, subnormals, huge
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -50, max: 2000 }),
  fc.constantFrom(0, -1, 1, -0.5, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 1e-300, 1.7976931348623157e308),
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
/** A per-year range whose years are all equal (the input the old payback property excluded). */
const equalRange = fc
  .tuple(fc.oneof(goodNumber(-1e3, 1e3), fc.constantFrom(0.1, 0.3, 10, 32.5)), fc.integer({ min: 2, max: 40 }), fc.boolean())
  .map(([F, n, asRow]) => (asRow ? [new Array<number>(n).fill(F)] : new Array<number>(n).fill(0).map(() => [F])));

const rate = fc.oneof(goodNumber(-0.999, 3), goodNumber(-2, 5), fc.constantFrom(0, -1, 0.1, 0.12));
const investment = fc.oneof(goodNumber(0, 1e4), goodNumber(-1e3, 1e6), fc.constant(0), fc.constantFrom(100, 150, 1));
const flowsRange = range(maybeBlank(fc.oneof(goodNumber(-1e3, 1e3), goodNumber(0, 500))));
const oneNumber = fc.oneof(goodNumber(-1e3, 1e3), fc.constant(0)).map((x) => [[x]]);
const cashFlows = fc.oneof(flowsRange, oneNumber, equalRange);
const years = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(null), fc.constantFrom(0, 2.5, 1001));
const optionalRate = fc.oneof(fc.constant(null), fc.constant(undefined), goodNumber(-0.99, 2), fc.constantFrom(1e286, 1e10, -0.9999999));
const quantities = range(maybeBlank(fc.oneof(goodNumber(0, 1e4), fc.constantFrom(0, 0.1, 0.3), goodNumber(-10, 10))), 12);
const scores = range(fc.oneof(goodNumber(0, 10), fc.integer({ min: 1, max: 10 })), 8);
const units = fc.constantFrom("t", "kg", "g", "t/a", "t/d", "kg/d", "kg/h", "m3", "m3/d", "L", "kWh", "MWh", "GJ", "tce", "kgce", "kW", "t/yr", "t/year", "kg/batch", "ton", "lb");

// ---- the oracle of each function -------------------------------------------------------------------------

/** NPV: formulajs NPV(rate, F_1..F_n) − I over the flows the arguments mean. */
function checkNpv(args: unknown[], r: unknown, ratio: boolean): void {
  const [rt, I, cf, y] = args as [number, number, unknown, unknown];
  const m = flowsModel(cf, y, true);
  if (m.kind === "invalid" || rt <= -1) return expectError(r, anyError, args, "invalid arguments");
  if (ratio && I === 0) return expectError(r, ["#DIV/0!"], args, "NPVR with I = 0");
  const ref = exactNpv(rt, I, flowsOf(m));
  const expected = ratio ? ref.ratio : ref.value;
  const abs = ratio ? 1e-9 * ref.ratioScale : 1e-9 * ref.scale + SUBNORMAL_SLACK;
  const MAX = 1.7976931348623157e308;
  if (Math.abs(Math.abs(expected) - MAX) <= 1e-9 * MAX) return; // at the edge of the number range: either answer
  if (!(Math.abs(expected) <= MAX)) return expectError(r, ["#NUM!"], args, "a true overflow");
  expectNumber(r, expected, 0, abs, args, ratio ? "NPVR vs formulajs" : "NPV vs formulajs");
}

/**
 * IRR: a number must be a root (log-domain NPV, independent of core); #NUM! only where the series never
 * changes sign, or (checked) where the root lies beyond what a double holds, or — with several sign
 * changes — where no root may exist. One sign change has exactly one root (Descartes): it must be found,
 * and equal formulajs's IRR where formulajs converges.
 */
function checkIrr(args: unknown[], r: unknown): void {
  const [I, cf, y, guess] = args as [number, unknown, unknown, number | null | undefined];
  const m = flowsModel(cf, y, true);
  if (m.kind === "invalid" || (typeof guess === "number" && guess <= -1)) return expectError(r, anyError, args, "invalid arguments");
  const c = [I === 0 ? 0 : -I, ...flowsOf(m)];
  const sc = signChanges(c);
  if (sc === 0) return expectError(r, ["#NUM!"], args, "flows that never change sign");
  if (typeof r === "number") {
    if (!(r > -1)) fail("an IRR must be above −100 %", args, r);
    if (!isRootRef(c, r)) fail(`not a root: |NPV|/Σ|terms| = ${logNpvRef(c, r).rel}`, args, r);
    if (sc === 1) {
      const ref = irrRef(c, typeof guess === "number" ? guess : 0.1);
      if (ref !== null && !isClose(r, ref, 1e-7, 1e-7)) fail(`formulajs finds the only root at ${ref}`, args, r);
    }
    return;
  }
  expectError(r, ["#NUM!"], args, "no IRR");
  const msg = (r as CustomFunctions.Error).message ?? "";
  const nz = c.filter((v) => v !== 0);
  if (/closer to −100 %/.test(msg)) {
    // a root below the smallest rate: NPV there has not yet the sign it takes as r → −100 % (that of the last
    // amount), or is 0 within rounding (a root right at the edge)
    const at = logNpvRef(c, -1 + 2 ** -53);
    if (at.sign === Math.sign(nz[nz.length - 1]!) && at.rel > 1e-9) fail("claimed a root below −100 % + 1e−16", args, r);
  } else if (/larger than the largest/.test(msg)) {
    // likewise above the largest rate, where NPV tends to the sign of the first amount
    const at = logNpvRef(c, 1.7976931348623157e308);
    if (at.sign === Math.sign(nz[0]!) && at.rel > 1e-9) fail("claimed a root above 1.8e308", args, r);
  } else if (sc % 2 === 1) {
    fail(`an odd number (${sc}) of sign changes has a root in (−100 %, ∞)`, args, r);
  }
}

function checkPayback(args: unknown[], r: unknown): void {
  const [I, cf, y] = args as [number, unknown, unknown];
  const m = flowsModel(cf, y, false);
  const expected = paybackRef(I, m);
  if (expected === "invalid") return expectError(r, anyError, args, "invalid arguments");
  if (expected === null) return expectError(r, ["#N/A"], args, "not recovered");
  if (m.kind === "perYear" && typeof r === "number" && r > m.flows.length) fail(`a per-year payback beyond the ${m.flows.length} years`, args, r);
  if (expected > 1.7976931348623157e308) return expectError(r, ["#NUM!"], args, "a true overflow");
  expectNumber(r, expected, 1e-13, 0, args, "payback on the decimals typed");
}

/** F = (P − I/Y)(1 − t) + I/Y by hand, exactly in fractions of the binary values, rounded once (±Infinity beyond). */
function cashFlowRef(P: number, I: number, Y: number, t: number): number {
  const D = fquot(bfrac(I), bfrac(Y));
  const one = { n: 1n, d: 1n };
  return fdiv(fadd(fmul(fsub(bfrac(P), D), fsub(one, bfrac(t))), D), one);
}

function checkCashflow(args: unknown[], r: unknown): void {
  const [P, I, Y, t] = args as [number, number, number, number];
  const codes = [...(Y === 0 ? ["#DIV/0!"] : []), ...(Y < 0 || t < 0 || t >= 1 ? ["#NUM!"] : [])];
  if (codes.length > 0) return expectError(r, codes, args, "Y ≤ 0 or t outside [0, 1)");
  const F = cashFlowRef(P, I, Y, t);
  if (!Number.isFinite(F)) return expectError(r, ["#NUM!"], args, "a true overflow");
  const scale = Math.abs(P) + Math.abs(Number.isFinite(I / Y) ? I / Y : 0);
  expectNumber(r, F, 1e-12, 1e-12 * scale + SUBNORMAL_SLACK, args, "F = (P − I/Y)(1 − t) + I/Y");
}

function checkEconomics(args: unknown[], r: unknown): void {
  const [I, P, rt, Y, t, y] = args as [number, number, number, number, number, unknown];
  const n = y === null || y === undefined ? Y : y;
  const valid = isNum(n) && Number.isInteger(n) && n >= 1 && n <= 1000 && Number.isInteger(Y) && Y >= 1 && Y <= 1000 && t >= 0 && t < 1 && rt > -1 && I >= 0;
  if (!valid) return expectError(r, anyError, args, "invalid arguments");
  if (I === 0) return expectError(r, ["#DIV/0!"], args, "I = 0 (NPVR)");
  const D = I / Y;
  const F = cashFlowRef(P, I, Y, t);
  const tol = 1e-12 * (Math.abs(P) + D) + SUBNORMAL_SLACK;
  // a payback beyond the largest double (I 100, F 5e-324) is a true overflow of the whole row; an F within
  // rounding of 0 may be either that or 0 (the sheet's own rounding of 1 − t)
  const nOverflow = F > 0 && !Number.isFinite(fdiv(frac(I), frac(F)));
  if (nOverflow && F > tol) return expectError(r, ["#NUM!"], args, "N beyond the largest double");
  const ref = exactNpv(rt, I, new Array<number>(n).fill(F));
  const MAX = 1.7976931348623157e308;
  if (!(Math.abs(ref.value) <= MAX && Math.abs(ref.ratio) <= MAX)) return expectError(r, ["#NUM!"], args, "NPV or NPVR beyond the largest double");
  if (!Array.isArray(r)) {
    if (nOverflow) return expectError(r, ["#NUM!"], args, "N beyond the largest double");
    fail("expected one spilled row", args, r);
  }
  const row = (r as unknown[][])[0]!;
  expectNumber(row[0], D, 1e-15, SUBNORMAL_SLACK, args, "D");
  expectNumber(row[1], P - D, 0, tol, args, "T");
  expectNumber(row[2], (P - D) * (1 - t), 0, tol, args, "E");
  expectNumber(row[3], F, 0, tol, args, "F");
  // N = I/F on the decimals typed (I) and computed (F), as CP.PAYBACK takes them
  // (F = E + D cancels where P ≪ D: N then carries F's rounding, tol/F relative)
  if (F > 1e3 * tol) expectNumber(row[4], fdiv(frac(I), frac(F)), Math.max(1e-9, (2 * tol) / F), 0, args, "N = I/F");
  else if (F < -tol) expectError(row[4], ["#N/A"], args, "N never recovered");
  // NPV and NPVR of the flows the row shows (its own F: at a rate near −100 % F's last digit is multiplied by 1e66)
  const shown = exactNpv(rt, I, new Array<number>(n).fill(row[3] as number));
  expectNumber(row[5], shown.value, 0, 1e-9 * shown.scale + SUBNORMAL_SLACK, args, "NPV");
  expectNumber(row[6], shown.ratio, 0, 1e-9 * shown.ratioScale, args, "NPVR");
  // the IRR of the flows the row shows (its own F: where F = E + D cancels, the IRR depends on F's last digits)
  const c = [-I, ...new Array<number>(n).fill(row[3] as number)];
  if (typeof row[7] === "number") {
    if (!isRootRef(c, row[7])) fail("IRR is not a root", args, r);
  } else if (F > tol && n * F > I * 1e-6) {
    fail("a conventional series (−I, then F > 0) has an IRR", args, r);
  }
}

function checkIrrInterp(args: unknown[], r: unknown): void {
  const [I, cf, y, step] = args as [number, unknown, unknown, number | null];
  const m = flowsModel(cf, y, true);
  if (m.kind === "invalid" || (typeof step === "number" && step <= 0)) return expectError(r, anyError, args, "invalid arguments");
  if (typeof r !== "number") return expectError(r, ["#NUM!"], args, "no interpolated IRR");
  const h = step ?? 0.01;
  const flows = flowsOf(m);
  const c = [I === 0 ? 0 : -I, ...flows];
  // a grid rate where NPV is 0, or the textbook interpolation in a grid cell whose NPVs bracket 0 (formulajs)
  if (Math.abs(r / h - Math.round(r / h)) < 1e-9 && logNpvRef(c, r).rel <= 1e-9) return;
  let informative = false;
  for (const k of [Math.floor(r / h), Math.floor(r / h) - 1]) {
    const i1 = k * h;
    const i2 = (k + 1) * h;
    if (!(i1 > -1)) continue;
    // NPV = v·e^M from logarithms: also where formulajs overflows (1 + rate = 1e-15 over 21 years)
    const n1 = logNpvParts(c, i1);
    const n2 = logNpvParts(c, i2);
    // NPVs above rounding noise decide; at rates like 1e13 a 1 % cell changes NPV by less than that
    if (Math.abs(n1.v) > 1e-9 * n1.abs && Math.abs(n2.v) > 1e-9 * n2.abs) informative = true;
    if (Math.sign(n1.v) === Math.sign(n2.v)) continue;
    // NPV1/(NPV1 − NPV2) = 1/(1 − NPV2/NPV1)
    const expected = i1 + (i2 - i1) / (1 - (n2.v / n1.v) * Math.exp(n2.M - n1.M));
    if (isClose(r, expected, 1e-9, 1e-9)) return;
  }
  // where the cell's NPVs are rounding noise (a 1 % cell at a rate of 1e12), the value must still lie within
  // two steps (or 1e-8 of itself) of a sign change of NPV
  const w = Math.max(2 * h, 1e-8 * Math.abs(r));
  if (!informative && logNpvRef(c, r - w > -1 ? r - w : r).sign !== logNpvRef(c, r + w).sign) return;
  fail(`not the interpolation in a grid cell of step ${h} that brackets NPV = 0`, args, r);
}

function checkAnnuity(args: unknown[], r: unknown): void {
  const [i, n] = args as [number, number];
  if (i <= -1 || n < 0) return expectError(r, ["#NUM!"], args, "rate ≤ −1 or years < 0");
  // hand: n for i = 0; for small |i|·(n + 1) the binomial series of (1 − (1+i)^−n)/i,
  // n − n(n+1)/2·i + n(n+1)(n+2)/6·i² − …; else the closed form with Math.pow
  let expected: number;
  if (i === 0) expected = n;
  else if (Math.abs(i) * (n + 1) < 0.1) {
    let term = n;
    expected = 0;
    for (let k = 1; k < 80 && term !== 0; k++) {
      expected += term;
      term *= (-i * (n + k)) / (k + 1);
    }
  } else expected = (1 - (1 + i) ** -n) / i;
  if (!Number.isFinite(expected)) return expectError(r, ["#NUM!"], args, "a true overflow");
  expectNumber(r, expected, 1e-9, 1e-12, args, "a(i, n)");
}

/** The filled cells of a balance range, or "negative"/"text" when the range is invalid. */
function balanceCells(x: unknown): number[] | "invalid" {
  const cells = (x as unknown[][]).flat();
  if (cells.some((c) => typeof c === "number" && c < 0)) return "invalid";
  return cells.filter((c): c is number => typeof c === "number");
}

function checkBalance(kind: "gap" | "error" | "check", args: unknown[], r: unknown): void {
  const ins = balanceCells(args[0]);
  const outs = balanceCells(args[1]);
  const tol = args[2];
  if (ins === "invalid" || outs === "invalid") return expectError(r, ["#NUM!"], args, "a negative measured flow");
  if (kind === "check" && typeof tol === "number" && tol < 0) return expectError(r, ["#NUM!"], args, "tolerance < 0");
  const tin = fsum(ins);
  const gap = fsub(tin, fsum(outs));
  if (kind === "gap") {
    const g = fdiv(gap, { n: 1n, d: 1n });
    if (!Number.isFinite(g)) return expectError(r, ["#NUM!"], args, "a true overflow of the gap");
    return expectNumber(r, g, 1e-15, 0, args, "ΣIn − ΣOut (exact on the decimals typed)");
  }
  if (tin.n === 0n) return expectError(r, ["#DIV/0!"], args, "ΣIn = 0");
  const e = fdiv(gap, tin);
  if (kind === "error") {
    if (!Number.isFinite(e)) return expectError(r, ["#NUM!"], args, "a relative error beyond the largest double");
    return expectNumber(r, e, 1e-15, 0, args, "(ΣIn − ΣOut)/ΣIn (exact)");
  }
  const t = typeof tol === "number" ? tol : 0.05;
  if (Math.abs(Math.abs(e) - t) <= 1e-15 * t) return; // at the boundary either answer is a rounding of the same ratio
  if (r !== Math.abs(e) <= t) fail(`|e| = ${Math.abs(e)} against tolerance ${t}`, args, r);
}

function checkWeighted(args: unknown[], r: unknown): void {
  const w = (args[0] as number[][]).flat();
  const s = (args[1] as number[][]).flat();
  if (w.length !== s.length) return expectError(r, ["#VALUE!"], args, "lengths differ");
  const expected = w.reduce((t, x, k) => t + x * s[k]!, 0);
  const scale = w.reduce((t, x, k) => t + Math.abs(x * s[k]!), 0);
  expectNumber(r, expected, 0, 1e-13 * scale, args, "Σ W·R");
}

function checkPropScore(args: unknown[], r: unknown): void {
  const [x, vals, lower] = args as [number, unknown, boolean | null];
  const xs = balanceCells(vals);
  if (x < 0 || xs === "invalid") return expectError(r, ["#NUM!"], args, "a negative quantity");
  if (xs.length === 0) return expectError(r, ["#DIV/0!"], args, "no values");
  if (lower === true) {
    if (x === 0) return expectError(r, ["#DIV/0!"], args, "x = 0, lower is better");
    const m = Math.min(...xs);
    const low = Number.isFinite(10 * m) ? (10 * m) / x : (m / x) * 10;
    if (!Number.isFinite(low)) return expectError(r, ["#NUM!"], args, "a true overflow");
    return expectNumber(r, low, 1e-14, 0, args, "10·min/x");
  }
  const max = Math.max(...xs);
  if (max === 0) return expectError(r, ["#DIV/0!"], args, "max = 0");
  const expected = Number.isFinite(10 * x) ? (10 * x) / max : (x / max) * 10;
  if (!Number.isFinite(expected)) return expectError(r, ["#NUM!"], args, "a true overflow");
  expectNumber(r, expected, 1e-14, 0, args, "10·x/max");
}

interface Case {
  id: string;
  fn: AnyFn;
  arity: number;
  plausible: fc.Arbitrary<unknown[]>;
  /** The oracle: throws when `result` is not what `args` must give. */
  check: (args: unknown[], result: unknown) => void;
}

const cases: Case[] = [
  { id: "NPV", fn: CP.npv, arity: 4, plausible: fc.tuple(rate, investment, cashFlows, years), check: (a, r) => checkNpv(a, r, false) },
  { id: "IRR", fn: CP.irr, arity: 4, plausible: fc.tuple(investment, cashFlows, years, optionalRate), check: checkIrr },
  { id: "NPVR", fn: CP.npvr, arity: 4, plausible: fc.tuple(rate, investment, cashFlows, years), check: (a, r) => checkNpv(a, r, true) },
  { id: "PAYBACK", fn: CP.payback, arity: 3, plausible: fc.tuple(investment, cashFlows, years), check: checkPayback },
  {
    id: "CASHFLOW",
    fn: CP.cashflow,
    arity: 4,
    plausible: fc.tuple(goodNumber(-1e3, 1e4), investment, fc.oneof(fc.integer({ min: 0, max: 30 }), goodNumber(-5, 50)), goodNumber(-0.5, 1.5)),
    check: checkCashflow,
  },
  {
    id: "ECONOMICS",
    fn: CP.economics,
    arity: 6,
    plausible: fc.tuple(investment, goodNumber(-1e3, 1e4), rate, fc.integer({ min: 0, max: 40 }), goodNumber(-0.2, 1.2), years),
    check: checkEconomics,
  },
  {
    id: "IRRINTERP",
    fn: CP.irrinterp,
    arity: 4,
    plausible: fc.tuple(investment, cashFlows, years, fc.oneof(fc.constant(null), goodNumber(-0.1, 0.5), fc.constantFrom(0.01, 0.05, 0.1, 1))),
    check: checkIrrInterp,
  },
  {
    id: "ANNUITYFACTOR",
    fn: CP.annuityfactor,
    arity: 2,
    plausible: fc.tuple(fc.oneof(rate, fc.constantFrom(5e-324, -5e-324, 1e-200)), fc.oneof(fc.integer({ min: -2, max: 200 }), goodNumber(0, 1e4))),
    check: checkAnnuity,
  },
  { id: "BALANCEGAP", fn: CP.balancegap, arity: 2, plausible: fc.tuple(quantities, quantities), check: (a, r) => checkBalance("gap", a, r) },
  { id: "BALANCEERROR", fn: CP.balanceerror, arity: 2, plausible: fc.tuple(quantities, quantities), check: (a, r) => checkBalance("error", a, r) },
  {
    id: "BALANCECHECK",
    fn: CP.balancecheck,
    arity: 3,
    plausible: fc.tuple(quantities, quantities, fc.oneof(fc.constant(null), goodNumber(-0.1, 1))),
    check: (a, r) => checkBalance("check", a, r),
  },
  { id: "WEIGHTEDSCORE", fn: CP.weightedscore, arity: 2, plausible: fc.tuple(scores, scores), check: checkWeighted },
  {
    id: "PROPSCORE",
    fn: CP.propscore,
    arity: 3,
    plausible: fc.tuple(goodNumber(-1, 1e4), quantities, fc.oneof(fc.boolean(), fc.constant(null))),
    check: checkPropScore,
  },
  // CONVERT's oracle is the round trip below; here: a number or an Excel error, never an internal error
  { id: "CONVERT", fn: CP.convert, arity: 3, plausible: fc.tuple(fc.oneof(goodNumber(-1e6, 1e6), fc.double()), units, units), check: () => undefined },
];

describe.each(cases.map((c) => [c.id, c] as const))("CP.%s: never an exception, NaN, ±Infinity or internal error; plausible arguments give the oracle's value", (_id, { fn, arity, plausible, check }) => {
  test(`any arguments (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(anything, { minLength: 0, maxLength: arity + 1 }), (args) => {
        call(fn, args);
      }),
      { numRuns: RUNS },
    );
  });
  test(`plausible arguments, checked against the oracle (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(plausible, (args) => {
        check(args, call(fn, args));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- a per-year range and the same values given as one constant F (issue 9) ------------------------------

describe("a per-year range of n equal years and the same F given as one number for n years agree", () => {
  const F = fc.oneof(goodNumber(-1e3, 1e4), fc.constantFrom(0.1, 0.3, 10, 32.5, 11.3, 0), fc.integer({ min: 1, max: 500 }));
  const I = fc.oneof(goodNumber(0, 1e5), fc.constantFrom(1, 3, 100, 150, 31.67), fc.integer({ min: 1, max: 5000 }));
  const n = fc.integer({ min: 2, max: 60 });
  const asRange = (f: number, k: number, row: boolean) => (row ? [new Array<number>(k).fill(f)] : new Array<number>(k).fill(0).map(() => [f]));

  test("NPV, NPVR, IRR and IRRINTERP give the same result for both forms", () => {
    fc.assert(
      fc.property(F, I, n, rate, fc.boolean(), (f, i, k, rt, row) => {
        const range = asRange(f, k, row);
        const pairs: Array<[string, unknown, unknown]> = [
          ["NPV", call(CP.npv, [rt, i, range]), call(CP.npv, [rt, i, [[f]], k])],
          ["NPVR", call(CP.npvr, [rt, i, range]), call(CP.npvr, [rt, i, [[f]], k])],
          ["IRR", call(CP.irr, [i, range]), call(CP.irr, [i, [[f]], k])],
          ["IRRINTERP", call(CP.irrinterp, [i, range]), call(CP.irrinterp, [i, [[f]], k])],
        ];
        for (const [id, a, b] of pairs) {
          if (typeof a === "number" || typeof b === "number") expect(a, `${id} ${show([f, i, k, rt])}`).toBe(b);
          else expect(codeOf(a), `${id} ${show([f, i, k, rt])}`).toBe(codeOf(b));
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("PAYBACK: the same N wherever the constant's N = I/F lies within the n years; beyond them the range is #N/A (not recovered)", () => {
    fc.assert(
      fc.property(F, I, n, fc.boolean(), (f, i, k, row) => {
        const perYear = call(CP.payback, [i, asRange(f, k, row)]);
        const constant = call(CP.payback, [i, [[f]], k]);
        const args = [i, f, k];
        if (typeof constant === "number" && constant <= k) expectNumber(perYear, constant, 1e-13, 0, args, "N inside the range");
        else expectError(perYear, ["#N/A"], args, "not recovered within the range");
        // the constant form is I/F on the decimals typed, whatever n (hand: exact fraction), or a true overflow
        if (f > 0 && i > 0) {
          const N = fdiv(frac(i), frac(f));
          if (Number.isFinite(N)) expectNumber(constant, N, 1e-15, 0, args, "I/F");
          else expectError(constant, ["#NUM!"], args, "I/F beyond the largest double");
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("recovered exactly at the range's end counts as recovered (hand: I = n·F on the decimals typed → N = n)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 4 }), n, fc.boolean(), (units, decimals, k, row) => {
        const f = units / 10 ** decimals; // e.g. 0.1, 0.3, 32.5
        const i = Number(((units * k) / 10 ** decimals).toFixed(decimals)); // n·F as a decimal
        expectNumber(call(CP.payback, [i, asRange(f, k, row)]), k, 1e-15, 0, [i, f, k], "N = n");
        expectNumber(call(CP.payback, [i, [[f]], k]), k, 1e-15, 0, [i, f, k], "I/F = n");
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- the magnitudes that once failed (issue 9) -------------------------------------------------------------

describe("extreme magnitudes: near 1.7e308, subnormal, IRRs near −100 %", () => {
  /** Small whole amounts, so that scaling by a power of two is exact even into the subnormal range. */
  const whole = fc.integer({ min: 1, max: 2 ** 20 });
  const series = fc.record({
    I: whole,
    flows: fc.array(fc.oneof({ weight: 5, arbitrary: whole }, { weight: 1, arbitrary: fc.constant(0) }), { minLength: 2, maxLength: 30 }), // 1 cell = constant F
    rate: fc.oneof(goodNumber(-0.9, 2), fc.constantFrom(0, 0.1)),
  });
  /** 2^k for a k that puts the amounts into the subnormal range or near the largest double. */
  const power = fc.oneof(fc.integer({ min: -1054, max: -1030 }), fc.integer({ min: 940, max: 1000 })).map((k) => ({ k, s: 2 ** k }));

  test("IRR, NPVR and IRRINTERP do not depend on the scale; NPV scales with it (or is a true overflow)", () => {
    fc.assert(
      fc.property(series, power, ({ I, flows, rate: rt }, { s }) => {
        const col = (xs: number[]) => xs.map((x) => [x]);
        const scaledFlows = col(flows.map((f) => f * s));
        const args = [I * s, scaledFlows];
        for (const [fn, id] of [
          [CP.irr, "IRR"],
          [CP.irrinterp, "IRRINTERP"],
        ] as const) {
          const a = call(fn, [I, col(flows)]);
          const b = call(fn, args);
          if (typeof a === "number") expectNumber(b, a, 1e-9, 1e-9, args, `${id} at scale ${s}`);
          else expect(codeOf(b), `${id} ${show(args)}`).toBe(codeOf(a));
        }
        const ratio = call(CP.npvr, [rt, I, col(flows)]);
        if (typeof ratio === "number") expectNumber(call(CP.npvr, [rt, ...args]), ratio, 1e-12, 1e-12, args, "NPVR");
        // NPV scales with the amounts: the exact NPV of the scaled amounts, or a true overflow
        const ref = exactNpv(rt, I * s, flows.map((f) => f * s));
        const got = call(CP.npv, [rt, ...args]);
        if (!(Math.abs(ref.value) <= 1.7976931348623157e308)) return expectError(got, ["#NUM!"], args, "a true overflow");
        // in the subnormal range the result has only the digits above 2^-1074
        expectNumber(got, ref.value, 1e-9, 1e-9 * ref.scale + SUBNORMAL_SLACK, args, "NPV");
        const unscaled = npvRef(rt, I, flows); // formulajs at ordinary size agrees, scaled back
        if (unscaled !== null && Math.abs(unscaled.value * s) < 1e300 && Math.abs(unscaled.value * s) > 1e-300) {
          expectNumber(got, unscaled.value * s, 1e-9, 1e-9 * unscaled.scale * s, args, "NPV (formulajs, scaled)");
        }
      }),
      { numRuns: 1500 },
    );
  });

  test("balances near the largest double and in the subnormal range: gap and relative error exact on the decimals typed", () => {
    const huge = goodNumber(1e306, 1.7976931348623157e308);
    const tiny = fc.integer({ min: 0, max: 4000 }).map((k) => k * 2 ** -1074);
    const amounts = fc.oneof(fc.array(huge, { minLength: 1, maxLength: 6 }), fc.array(tiny, { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(amounts, amounts, goodNumber(0, 0.5), (ins, outs, tol) => {
        const a = [ins.map((x) => [x]), outs.map((x) => [x])];
        checkBalance("gap", a, call(CP.balancegap, a));
        checkBalance("error", a, call(CP.balanceerror, a));
        checkBalance("check", [...a, tol], call(CP.balancecheck, [...a, tol]));
      }),
      { numRuns: RUNS },
    );
  });

  test("IRRs near −100 %: flows of 1e-14…1e-8 of the investment give a root above −100 %, found from any guess", () => {
    const tinyShare = fc.oneof(goodNumber(1e-14, 1e-8), fc.constant(0));
    fc.assert(
      fc.property(goodNumber(1, 1e6), fc.array(tinyShare, { minLength: 2, maxLength: 12 }), optionalRate, (I, shares, guess) => {
        fc.pre(shares.some((x) => x > 0));
        const flows = shares.map((x) => x * I);
        const args = [I, flows.map((f) => [f]), null, guess];
        const r = call(CP.irr, args);
        // Descartes: one sign change, one root; 1 + r ≥ 1e-14 here, so it is representable and must be found
        if (typeof r !== "number") fail("the only IRR must be found", args, r);
        checkIrr(args, r);
        expect(r).toBeLessThan(-0.75); // hand: Σ 1e-8·x^j = 1 over 12 years → x ≈ 4.4, 1 + r ≈ 0.23 at most
      }),
      { numRuns: RUNS },
    );
  });

  test("per-year payback, NPV and IRR with amounts near the largest double", () => {
    const big = goodNumber(1e300, 1.7976931348623157e308);
    fc.assert(
      fc.property(big, fc.array(fc.oneof(big, fc.constant(0)), { minLength: 2, maxLength: 8 }), goodNumber(-0.99, 3), (I, flows, rt) => {
        const cf = flows.map((f) => [f]);
        checkPayback([I, cf, null], call(CP.payback, [I, cf]));
        checkIrr([I, cf, null, null], call(CP.irr, [I, cf]));
        const ratio = call(CP.npvr, [rt, I, cf]);
        const ref = exactNpv(rt, I, flows);
        expectNumber(ratio, ref.ratio, 0, 1e-9 * ref.ratioScale, [rt, I, flows], "NPVR (exact)");
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- further oracle properties on valid inputs --------------------------------------------------------------

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

  test("CP.IRR of a conventional series whose flows exceed I has exactly one root > 0, and finds it from any guess (also absurd ones)", () => {
    fc.assert(
      fc.property(conventional, fc.oneof(goodNumber(-0.5, 1), fc.constantFrom(1e286, 1e250, 1e10, -0.9999999999999999)), ({ I, flows }, guess) => {
        fc.pre(flows.reduce((s, f) => s + f, 0) > I * 1.001);
        const a = call(CP.irr, [I, flows.map((f) => [f]), flows.length]) as number;
        const b = call(CP.irr, [I, flows.map((f) => [f]), flows.length, guess]) as number;
        expect(typeof a).toBe("number");
        expect(a).toBeGreaterThan(0);
        expect(isClose(a, b, 1e-8, 1e-10), `${a} vs ${b}`).toBe(true);
        const fj = irrRef([-I, ...flows], 0.1);
        if (fj !== null) expect(isClose(a, fj, 1e-7, 1e-7), `formulajs ${fj} vs ${a}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("CP.PAYBACK of positive per-year flows (all equal included) lies within the years given, or is #N/A when Σ flows < I", () => {
    const flows = fc.oneof(
      conventional.map((c) => c.flows).filter((fs) => fs.length >= 2), // one cell would be a constant F
      fc.tuple(goodNumber(0.01, 2e3), fc.integer({ min: 2, max: 40 })).map(([f, k]) => new Array<number>(k).fill(f)),
    );
    fc.assert(
      fc.property(goodNumber(1, 1e4), flows, (I, fs) => {
        const N = call(CP.payback, [I, fs.map((f) => [f])]);
        const expected = paybackRef(I, { kind: "perYear", flows: fs });
        if (typeof N === "number") {
          expect(N).toBeGreaterThan(0);
          expect(N).toBeLessThanOrEqual(fs.length);
          expect(typeof expected === "number" && isClose(N, expected, 1e-13, 0), `${N} vs ${String(expected)}`).toBe(true);
        } else {
          expect((N as CustomFunctions.Error).code).toBe("#N/A");
          expect(expected).toBeNull();
        }
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
