/**
 * Economic evaluation of medium/high-cost options (中/高费方案经济评估), spec §3.
 *
 * Conventions (spec §3.1, edge-cases.md):
 * - money in 万元; rates are decimal fractions (0.12, not 12); years are integers;
 * - the investment I (总投资费用) is paid at t = 0 and is not discounted; cash flows F_j are at the
 *   end of years j = 1..n;
 * - a per-year cash-flow range is positional: a blank (null/undefined) year is a zero flow in that
 *   year (E06), never compacted away as Excel's NPV/IRR do;
 * - nothing here returns NaN or ±Infinity: every failure is a {@link CpError} with Excel's code and a
 *   message naming the argument and the rule.
 */
import { CpError, describe } from "./errors";
import {
  addDecimals,
  compareDecimals,
  decimalRatio,
  EXT_ZERO,
  extAdd,
  extDiv,
  extMul,
  extSign,
  extSub,
  fromDecimal,
  fromExt,
  isNormalOrZero,
  negateDecimal,
  rankKey,
  toDecimal,
  toExt,
  type Decimal,
  type Ext,
} from "./float";
import { competitionRanksByKey } from "./scoring";

export { rankKey, rankKeyFormula } from "./float";

/** A per-year cash-flow range F_1..F_n (万元/a); null/undefined = blank year = 0. */
export type FlowsInput = readonly (number | null | undefined)[];

/** Largest horizon n (years) accepted where an array of years is built (constantFlows, evaluateEconomics,
 *  the CP.* functions' `years`): the one definition of this bound. */
export const MAX_YEARS = 1000;

/** The textbook's grid step for the interpolated IRR (1 %, spec §3.1 试算内插法): CP.IRRINTERP's default. */
export const IRR_INTERPOLATION_STEP = 0.01;

// ---------------------------------------------------------------------------------------------
// argument checks

function num(x: unknown, what: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new CpError("#VALUE!", `${what} must be a finite number (got ${describe(x)})`);
  }
  return x;
}

function rateArg(x: unknown, what: string): number {
  const r = num(x, what);
  if (r <= -1) throw new CpError("#NUM!", `${what} must be greater than −1 (a decimal, 0.12 = 12 %); got ${r}`);
  return r;
}

function yearsArg(x: unknown, what: string, min: number): number {
  const n = num(x, what);
  if (!Number.isInteger(n) || n < min || n > MAX_YEARS) {
    throw new CpError("#NUM!", `${what} must be a whole number of years from ${min} to ${MAX_YEARS}; got ${n}`);
  }
  return n;
}

/** Per-year flows as numbers: blank → 0 (positional), text/NaN/±Infinity → #VALUE! naming the year. */
function flowsArg(flows: unknown, what = "cashFlows"): number[] {
  if (!Array.isArray(flows)) {
    throw new CpError("#VALUE!", `${what} must be a list of yearly cash flows (got ${describe(flows)})`);
  }
  return flows.map((v: unknown, k) => (v === null || v === undefined ? 0 : num(v, `${what} year ${k + 1}`)));
}

function finite(x: number, what: string, code: "#NUM!" | "#DIV/0!" = "#NUM!"): number {
  if (!Number.isFinite(x)) throw new CpError(code, `${what} is not a finite number (overflow); check the inputs`);
  return x === 0 ? 0 : x; // no −0
}

// ---------------------------------------------------------------------------------------------
// D, F, annuity

/**
 * 新增设备年折旧费 D = I / Y (straight line, no salvage), 万元/a. Spec §3.1.
 * @param investment I, 万元
 * @param depreciationYears Y, years > 0 (need not be an integer). Y = 0 → #DIV/0!; Y < 0 → #NUM!.
 */
export function depreciation(investment: number, depreciationYears: number): number {
  const { I, Y } = depreciationArgs(investment, depreciationYears);
  return finite(I / Y, "depreciation D = I/Y");
}

function depreciationArgs(investment: number, depreciationYears: number): { I: number; Y: number } {
  const I = num(investment, "investment");
  const Y = num(depreciationYears, "depreciationYears");
  if (Y === 0) throw new CpError("#DIV/0!", "depreciationYears is 0: D = I/Y needs a depreciation life > 0");
  if (Y < 0) throw new CpError("#NUM!", `depreciationYears must be > 0; got ${Y}`);
  return { I, Y };
}

/**
 * T, tax, E and F from P, I, Y, t (one code path so the parts always add up), each rounded once per step
 * as the sheet's formulas compute them. When a step would leave the normal double range (an overflowing
 * intermediate such as T = P − D with a finite F, or subnormal amounts that would lose their digits) the
 * same steps run with an unbounded exponent ({@link Ext}), so a part is a wrong number never: it is exact
 * to the last bit, or non-finite when its true value is beyond the largest double (callers then throw).
 */
function cashFlowParts(annualSavings: number, investment: number, depreciationYears: number, taxRate: number) {
  const P = num(annualSavings, "annualSavings");
  const t = num(taxRate, "taxRate");
  if (t < 0 || t >= 1) {
    throw new CpError("#NUM!", `taxRate must be a decimal from 0 up to (not including) 1 (0.25 = 25 %, not 25); got ${t}`);
  }
  const { I, Y } = depreciationArgs(investment, depreciationYears);
  const D = I / Y;
  const keep = 1 - t;
  const T = P - D;
  const E = T * keep;
  const tax = T - E;
  const F = E + D;
  if ([P, I, D, T, E, tax, F].every(isNormalOrZero)) return { D, T, tax, E, F };
  // the same quantities with an unbounded exponent; 1 − t is not rounded (t·T and t·D are formed instead),
  // and F = P − t·P + t·D directly: when D and T are beyond the largest double, F = E + D would cancel them
  const tX = toExt(t);
  const pX = toExt(P);
  const dX = extDiv(toExt(I), toExt(Y));
  const TX = extSub(pX, dX);
  const taxX = extMul(TX, tX);
  const fX = extAdd(extSub(pX, extMul(pX, tX)), extMul(dX, tX));
  return { D: fromExt(dX), T: fromExt(TX), tax: fromExt(taxX), E: fromExt(extSub(TX, taxX)), F: fromExt(fX) };
}

/**
 * 年增加现金流量 F = (P − I/Y)(1 − t) + I/Y, 万元/a (spec §3.1, CP.CASHFLOW).
 * T = P − I/Y < 0 applies E = T(1 − t) literally (incremental view: the depreciation tax shield
 * offsets other profits, spec §3.3), so F may then be below P.
 * @param annualSavings P, 年运行费用总节省金额, 万元/a
 * @param investment I, 万元
 * @param depreciationYears Y > 0 (#DIV/0! for 0, #NUM! below)
 * @param taxRate t, decimal in [0, 1) (0.25 = 25 %); outside → #NUM!
 * @example annualCashFlow(40, 150, 10, 0.3) // 32.5 (textbook case)
 */
export function annualCashFlow(annualSavings: number, investment: number, depreciationYears: number, taxRate: number): number {
  return finite(cashFlowParts(annualSavings, investment, depreciationYears, taxRate).F, "annual cash flow F = E + D");
}

/**
 * [F, F, …] n times (1×n): the per-year form of a constant annual cash flow.
 * @param years n, integer 0..1000; otherwise #NUM!
 */
export function constantFlows(annualCashFlow: number, years: number): number[] {
  const F = num(annualCashFlow, "annualCashFlow");
  const n = yearsArg(years, "years", 0);
  return new Array<number>(n).fill(F);
}

/**
 * 年金现值系数 a(i, n) = (1 − (1+i)^−n)/i; a(0, n) = n. Computed as −expm1(−n·log1p(i))/i, so
 * it stays accurate for tiny i. a(0.05, 10) = 7.7217 (spec §3.1).
 * @param rate i, decimal > −1 (else #NUM!)
 * @param years n ≥ 0 (not necessarily an integer; negative → #NUM!)
 */
export function annuityFactor(rate: number, years: number): number {
  const i = rateArg(rate, "rate");
  const n = num(years, "years");
  if (n < 0) throw new CpError("#NUM!", `years must be ≥ 0; got ${n}`);
  // |i| so small that a(i, n) = n·(1 − (n+1)·i/2 + …) rounds to n: return n (the closed form would divide
  // subnormal quantities and lose the digits)
  if (Math.abs(i) < 2 ** -60 && n * Math.abs(i) < 2 ** -60) return n;
  return finite(-Math.expm1(-n * Math.log1p(i)) / i, "annuity factor a(i, n)");
}

// ---------------------------------------------------------------------------------------------
// NPV, NPVR, payback

/**
 * NPV of the series c_0..c_n at rate r (c_0 undiscounted): c_0 + Σ_{j≥1} c_j/(1+r)^j by Horner's scheme
 * from the last year (one division per year, no Math.pow), as an {@link Ext}. Plain doubles while every
 * value met stays in the normal range (the result is then the same bit for bit); otherwise the same steps
 * with an unbounded exponent, so that neither an intermediate overflow (huge amounts, a rate near −100 %)
 * nor subnormal amounts give a wrong result.
 */
function npvExt(r: number, c: readonly number[]): Ext {
  const plain = npvPlain(r, c);
  if (plain !== null) return toExt(plain);
  const X = toExt(1 + r);
  let S: Ext = EXT_ZERO;
  for (let j = c.length - 1; j >= 1; j--) S = extDiv(extAdd(S, toExt(c[j]!)), X);
  return extAdd(S, toExt(c[0] ?? 0));
}

/** The same Horner steps in plain doubles; null as soon as a value met leaves the normal range. */
function npvPlain(r: number, c: readonly number[]): number | null {
  const x = 1 + r;
  if (!isNormalOrZero(x)) return null;
  let s = 0;
  for (let j = c.length - 1; j >= 1; j--) {
    const cj = c[j]!;
    const sum = s + cj;
    s = sum / x;
    if (!(isNormalOrZero(cj) && isNormalOrZero(sum) && isNormalOrZero(s))) return null;
  }
  const c0 = c[0] ?? 0;
  const v = s + c0;
  return isNormalOrZero(c0) && isNormalOrZero(v) ? v : null;
}

/**
 * 净现值 NPV = −I + Σ_{j=1..n} F_j/(1+rate)^j, 万元 (spec §3.1). The investment at t = 0 is not
 * discounted (E01: rate 0.1, I 500000, flows 200000, 300000, 200000 → 80015.03, not Excel NPV's
 * 72740.93). Equivalent to Excel `NPV(rate, F_1..F_n) − I` over a contiguous range.
 * No intermediate overflow: #NUM! only when the NPV itself is beyond the largest double.
 * @param rate i, decimal > −1 (else #NUM!)
 * @param investment I, 万元 at t = 0
 * @param flows F_1..F_n (1×n or n×1), 万元/a; a blank year is 0 (E06)
 */
export function npv(rate: number, investment: number, flows: FlowsInput): number {
  const r = rateArg(rate, "rate");
  const c = series(investment, flows);
  const plain = npvPlain(r, c);
  return finite(plain !== null ? plain : fromExt(npvExt(r, c)), "NPV");
}

/**
 * 净现值率 NPVR = NPV / I, a decimal (1.016 = 101.6 %), spec §3.1/§3.4. I = 0 → #DIV/0!.
 * Formed without rounding the NPV to a double first, so an NPV beyond the largest double still gives
 * its (finite) ratio.
 */
export function npvr(rate: number, investment: number, flows: FlowsInput): number {
  const r = rateArg(rate, "rate");
  const c = series(investment, flows);
  const I = investment;
  if (I === 0) throw new CpError("#DIV/0!", "investment is 0: NPVR = NPV/I needs an investment ≠ 0");
  const plain = npvPlain(r, c);
  if (plain !== null && isNormalOrZero(I) && isNormalOrZero(plain / I)) return finite(plain / I, "NPVR = NPV/I");
  return finite(fromExt(extDiv(npvExt(r, c), toExt(I))), "NPVR = NPV/I");
}

/**
 * 投资偿还期 N (static payback, years), spec §3.1/§3.3/§3.5 CP.PAYBACK.
 *
 * - `flows` one number F (a constant annual cash flow): N = I/F, the standard's static definition,
 *   whatever the horizon (the verdict compares N with the quota). F ≤ 0 → #N/A (不可回收).
 * - `flows` a per-year list F_1..F_n — always per-year, also when every year happens to be equal: the
 *   first year k in which the cumulative flow Σ_{j≤k} F_j reaches I, interpolated within that year:
 *   N = (k − 1) + (I − Σ_{j<k} F_j)/F_k. If the cumulative never reaches I within the n years given →
 *   #N/A ("not recovered within the n years", 不可回收); so N ≤ n always.
 * - I = 0 → 0. I < 0 → #NUM!.
 *
 * Amounts are taken as the decimals typed (their shortest round-trip form, as the balances do) and the
 * cumulative sums, the comparison with I and the ratios are exact, rounded once: I = 1 against ten years
 * of 0.1 is recovered in exactly year 10 (plain addition reaches 0.9999999999999999), and a constant F and
 * the same F typed year by year give the same N wherever N ≤ n.
 * @param investment I, 万元 ≥ 0
 * @param flows F (one number) or F_1..F_n, 万元/a; blank year = 0
 */
export function paybackYears(investment: number, flows: FlowsInput | number): number {
  const I = num(investment, "investment");
  if (typeof flows === "number") {
    const F = num(flows, "annualCashFlow");
    if (I < 0) throw new CpError("#NUM!", `investment must be ≥ 0 for a payback period; got ${I}`);
    if (I === 0) return 0;
    if (F <= 0) throw new CpError("#N/A", `annual cash flow F = ${F} ≤ 0: the investment is never recovered (不可回收)`);
    return finite(decimalRatio(toDecimal(I), toDecimal(F)), "payback N = I/F");
  }
  const F = flowsArg(flows);
  if (I < 0) throw new CpError("#NUM!", `investment must be ≥ 0 for a payback period; got ${I}`);
  if (I === 0) return 0;
  if (F.length === 0) throw new CpError("#N/A", "no cash flows: the investment is never recovered (不可回收)");
  const target = toDecimal(I);
  let cum: Decimal = { coefficient: 0n, exponent: 0 };
  for (let k = 0; k < F.length; k++) {
    const f = F[k]!;
    if (f === 0) continue;
    const fd = toDecimal(f);
    const next = addDecimals([cum, fd]);
    if (f > 0 && compareDecimals(next, target) >= 0) {
      const rest = addDecimals([target, negateDecimal(cum)]); // 0 < rest ≤ f
      return finite(k + decimalRatio(rest, fd), "payback N");
    }
    cum = next;
  }
  const shown = fromDecimal(cum);
  throw new CpError(
    "#N/A",
    `the cumulative cash flow ${Number.isFinite(shown) ? Number(shown.toPrecision(12)) : "beyond the number range"} never reaches the investment ${I} within the ${F.length} years given: not recovered (不可回收)`,
  );
}

// ---------------------------------------------------------------------------------------------
// IRR

/** Result of {@link irr}. */
export interface IrrResult {
  /** The internal rate of return, decimal (0.3373 = 33.73 %). */
  rate: number;
  /** Sign changes in the series −I, F_1..F_n (zeros ignored). */
  signChanges: number;
  /** True when the series changes sign more than once: by Descartes' rule of signs more than one IRR
   *  may then exist, and `rate` is the one reached from the guess (as Excel's IRR). Warn the user. */
  multipleRoots: boolean;
  /** "newton" when Newton's method from the guess converged, "brent" when the bracketing fallback ran. */
  method: "newton" | "brent";
}

/** Series c_0..c_n with c_0 = −I. */
function series(investment: number, flows: FlowsInput): number[] {
  const I = num(investment, "investment");
  const F = flowsArg(flows);
  return [I === 0 ? 0 : -I, ...F];
}

/**
 * Sign changes of a cash-flow series c_0..c_n (zeros ignored): more than one means several IRRs may
 * exist (Descartes' rule of signs, spec §3.3, E03). The sheets' note and the case warning use this.
 */
export function countSignChanges(c: readonly number[]): number {
  let prev = 0;
  let changes = 0;
  for (const v of c) {
    if (v === 0) continue;
    const s = Math.sign(v);
    if (prev !== 0 && s !== prev) changes++;
    prev = s;
  }
  return changes;
}

/**
 * NPV of c at rate r (c_0 undiscounted) and its derivative; may be non-finite.
 * Discount factors by repeated multiplication with 1/(1+r) (no Math.pow per term: this is the hot
 * loop of CP.IRR; the relative error stays below n·ε).
 */
function npvAndDerivative(c: readonly number[], r: number): { f: number; df: number; scale: number } {
  const inv = 1 / (1 + r);
  let d = 1;
  let f = 0;
  let jt = 0;
  let scale = 0;
  for (let j = 0; j < c.length; j++) {
    const cj = c[j]!;
    if (cj !== 0) {
      const t = cj * d;
      f += t;
      scale += Math.abs(t);
      jt += j * t;
    }
    d *= inv;
  }
  return { f, df: -jt * inv, scale };
}

/**
 * The series c scaled by a power of two (exact) so that its largest |c_j| lies in [1, 2): Newton's method
 * then meets neither subnormal nor overflowing amounts (the IRR does not depend on the scale). Amounts
 * more than 2^1074 below the largest may vanish; every Newton answer is therefore checked against the
 * unscaled series ({@link isRootOf}).
 */
function scaledToUnit(c: readonly number[]): { scaled: readonly number[]; exact: boolean } {
  let max = 0;
  for (const v of c) if (Math.abs(v) > max) max = Math.abs(v);
  // ordinary magnitudes need no scaling (the hot path of CP.IRR)
  if (max === 0 || (max >= 2 ** -100 && max <= 2 ** 100)) return { scaled: c, exact: true };
  const e = toExt(max).e;
  let exact = true;
  const scaled = c.map((v) => {
    if (v === 0) return 0;
    const x = toExt(v);
    const w = fromExt({ m: x.m, e: x.e - e });
    if (!isNormalOrZero(w) || w === 0) exact = false; // lost digits: check the answer on the unscaled series
    return w;
  });
  return { scaled, exact };
}

/** ln|c_j|, the sign and the year of each non-zero amount, with the mantissa/exponent split kept exact. */
interface LogSeries {
  j: number[];
  L: number[];
  sign: number[];
}

function logSeries(c: readonly number[]): LogSeries {
  const out: LogSeries = { j: [], L: [], sign: [] };
  let top = -Infinity;
  const parts = c.map((v) => (v === 0 ? null : toExt(v)));
  for (const p of parts) if (p && p.e > top) top = p.e;
  parts.forEach((p, j) => {
    if (!p) return;
    out.j.push(j);
    out.L.push(Math.log(Math.abs(p.m)) + (p.e - top) * Math.LN2);
    out.sign.push(Math.sign(p.m));
  });
  return out;
}

/**
 * NPV at 1 + r = e^y divided by its largest term: Σ_j sign_j·e^(L_j − j·y − M), M = max_j(L_j − j·y).
 * Same sign and roots as NPV(r) on the whole of r > −1, continuous in y, never overflows or underflows
 * (the largest term is ±1), whatever the amounts (1e308, 5e-324) or the rate (−100 % + 1e−16 … 1.8e308).
 * `abs` is Σ |terms| in the same scale (for "zero within rounding" tests).
 */
function logNpv(ls: LogSeries, y: number): { v: number; abs: number } {
  let M = -Infinity;
  for (let k = 0; k < ls.j.length; k++) {
    const t = ls.L[k]! - ls.j[k]! * y;
    if (t > M) M = t;
  }
  let v = 0;
  let abs = 0;
  for (let k = 0; k < ls.j.length; k++) {
    const e = Math.exp(ls.L[k]! - ls.j[k]! * y - M);
    v += ls.sign[k]! * e;
    abs += e;
  }
  return { v, abs };
}

/** True when NPV(r) of the unscaled series is zero within rounding (|NPV| ≤ 1e−9 · Σ |discounted amounts|). */
function isRootOf(ls: LogSeries, r: number): boolean {
  if (!(r > -1) || !Number.isFinite(r)) return false;
  const { v, abs } = logNpv(ls, Math.log1p(r));
  return Number.isFinite(v) && Math.abs(v) <= 1e-9 * abs;
}

function newton(c: readonly number[], guess: number): number | null {
  let r = guess;
  for (let it = 0; it < 100; it++) {
    const { f, df } = npvAndDerivative(c, r);
    if (!Number.isFinite(f) || !Number.isFinite(df) || df === 0) return null;
    const next = r - f / df;
    if (!Number.isFinite(next) || next <= -1) return null;
    if (Math.abs(next - r) <= 1e-12 * Math.max(1, Math.abs(r))) {
      const check = npvAndDerivative(c, next);
      if (Number.isFinite(check.f) && Math.abs(check.f) <= 1e-9 * Math.max(check.scale, Number.MIN_VALUE)) return next;
      return null;
    }
    r = next;
  }
  return null;
}

/** Brent's method on g over [a, b] with g(a)·g(b) < 0. */
function brent(g: (r: number) => number, a0: number, b0: number): number {
  let a = a0;
  let b = b0;
  let fa = g(a);
  let fb = g(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 0; it < 300; it++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-16;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const rr = fb / fc;
        p = s * (2 * m * qq * (qq - rr) - (b - a) * (rr - 1));
        q = (qq - 1) * (rr - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = d;
      }
    } else {
      d = m;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return b;
}

/** ln(1 + r) of the smallest rate above −100 % that a double can hold, −1 + 2^−53 (= −0.9999999999999999). */
const Y_LOWEST = Math.log(2 ** -53);
/** ln(1 + r) of the largest finite rate (≈ 1.8e308). */
const Y_HIGHEST = Math.log(Number.MAX_VALUE);
/** The widest step of the root search, in ln(1 + r): neighbouring rates tried differ by at most 25 % of 1 + r. */
const Y_STEP_MAX = Math.log(1.25);

/** Outcome of {@link searchRoot}. */
type RootSearch =
  | { kind: "root"; y: number }
  | { kind: "belowLowest" } // NPV changes sign between −100 % and the smallest rate a double holds
  | { kind: "aboveHighest" } // … above the largest finite rate
  | { kind: "none" };

/**
 * Looks for a sign change of NPV over every rate a double can hold, −100 % + 1.1e−16 … 1.8e308, i.e.
 * y = ln(1 + r) in [Y_LOWEST, Y_HIGHEST], outward from the guess (so the root nearest to the guess is
 * found first, as Excel's IRR tends to), with steps of 0.01 growing by 25 % up to {@link Y_STEP_MAX};
 * both ends are evaluated themselves. A sign change is finished with Brent's method in y.
 * Then beyond the ends: NPV's sign as r → −100 % is that of the last non-zero amount and as r → ∞ that
 * of the first, so a root closer to −100 % or above 1.8e308 than a double can hold is recognised.
 * Last, when the flows change sign more than once (roots may come in close pairs that a step can jump
 * over), |NPV| is minimised around the 64 deepest local minima of the samples and a sign change found
 * there is finished the same way.
 */
function searchRoot(ls: LogSeries, guess: number, signChanges: number): RootSearch {
  const g = (y: number) => logNpv(ls, y).v;
  const y0 = Math.min(Y_HIGHEST, Math.max(Y_LOWEST, Math.log1p(guess)));
  const g0 = g(y0);
  if (g0 === 0) return { kind: "root", y: y0 };
  const samples: Array<[number, number]> = [[y0, g0]];
  let up: [number, number] = [y0, g0];
  let down: [number, number] = [y0, g0];
  let upDone = y0 >= Y_HIGHEST;
  let downDone = y0 <= Y_LOWEST;
  let step = 0.01;
  while (!(upDone && downDone)) {
    if (!upDone) {
      const y = Math.min(Y_HIGHEST, up[0] + step);
      const gy = g(y);
      samples.push([y, gy]);
      if (gy === 0) return { kind: "root", y };
      if (Math.sign(gy) !== Math.sign(up[1])) return { kind: "root", y: brent(g, up[0], y) };
      up = [y, gy];
      upDone = y >= Y_HIGHEST;
    }
    if (!downDone) {
      const y = Math.max(Y_LOWEST, down[0] - step);
      const gy = g(y);
      samples.push([y, gy]);
      if (gy === 0) return { kind: "root", y };
      if (Math.sign(gy) !== Math.sign(down[1])) return { kind: "root", y: brent(g, y, down[0]) };
      down = [y, gy];
      downDone = y <= Y_LOWEST;
    }
    step = Math.min(step * 1.25, Y_STEP_MAX);
  }
  // no sign change on the samples: the whole range has one sign, that of g0
  const sign = Math.sign(g0);
  const last = ls.sign[ls.sign.length - 1] ?? 0;
  const first = ls.sign[0] ?? 0;
  if (last !== 0 && last !== sign) return { kind: "belowLowest" };
  if (first !== 0 && first !== sign) return { kind: "aboveHighest" };
  if (signChanges >= 2) {
    samples.sort((a, b) => a[0] - b[0]);
    // strict local minima of |NPV| (scaled, so the dominant term is ±1), the deepest first, at most 64
    const minima: number[] = [];
    for (let k = 1; k + 1 < samples.length; k++) {
      const gb = Math.abs(samples[k]![1]);
      if (gb < Math.abs(samples[k - 1]![1]) && gb < Math.abs(samples[k + 1]![1])) minima.push(k);
    }
    minima.sort((a, b) => Math.abs(samples[a]![1]) - Math.abs(samples[b]![1]));
    for (const k of minima.slice(0, 64)) {
      const [ya] = samples[k - 1]!;
      const [yc] = samples[k + 1]!;
      // golden-section minimisation of sign·g on [ya, yc]; stop at the first point of the other sign
      const f = (y: number) => sign * g(y);
      let lo = ya;
      let hi = yc;
      const phi = (Math.sqrt(5) - 1) / 2;
      let x1 = hi - phi * (hi - lo);
      let x2 = lo + phi * (hi - lo);
      let f1 = f(x1);
      let f2 = f(x2);
      for (let it = 0; it < 80 && f1 > 0 && f2 > 0; it++) {
        if (f1 < f2) {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - phi * (hi - lo);
          f1 = f(x1);
        } else {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + phi * (hi - lo);
          f2 = f(x2);
        }
      }
      const at = f1 <= 0 ? x1 : f2 <= 0 ? x2 : null;
      if (at === null) continue;
      if (g(at) === 0) return { kind: "root", y: at };
      // the root nearest to the left sample: between ya (sign) and `at` (other sign)
      return { kind: "root", y: brent(g, ya, at) };
    }
  }
  return { kind: "none" };
}

/**
 * 内部收益率 IRR: the rate r > −1 with −I + Σ_{j=1..n} F_j/(1+r)^j = 0 (spec §3.1, CP.IRR).
 *
 * Newton's method from `guess` first, on the series scaled to unit size (so where several roots exist
 * the answer is Excel's: E03 −50, −100, 600, 300, −100 gives 1.854418 from 0.1 and −0.768895 from
 * −0.75; subnormal or huge amounts give the IRR of the same amounts at unit size). When Newton diverges,
 * leaves (−1, ∞), does not converge in 100 steps or stops where NPV is not zero, a sign change of NPV is
 * searched over every rate a double can hold, outward from the guess, and finished with Brent's method
 * (E05 → 0.050901); see searchRoot. Flows changing sign once (the usual −I then savings) have exactly
 * one IRR (Descartes' rule of signs) and this search always finds it.
 *
 * @param investment I at t = 0, 万元 (for a series given from year 0, I = −value₀)
 * @param flows F_1..F_n, 万元/a; blank year = 0 (E06)
 * @param guess starting rate, decimal > −1; default 0.1 (null/undefined → 0.1). ≤ −1 → #NUM!
 * @returns the rate plus `signChanges` and `multipleRoots` (series changing sign more than once)
 * @throws CpError #NUM! when the series −I, F_1..F_n never changes sign (E04), when the IRR lies closer to
 *   −100 % or above 1.8e308 than a double can hold, or when no rate gives NPV = 0 (message says what was searched)
 */
export function irr(investment: number, flows: FlowsInput, guess?: number | null): IrrResult {
  const c = series(investment, flows);
  const g0 = guess === undefined || guess === null ? 0.1 : rateArg(guess, "guess");
  const signChanges = countSignChanges(c);
  if (signChanges === 0) {
    throw new CpError(
      "#NUM!",
      "cash flows must change sign at least once (−investment, then the yearly flows): there is no internal rate of return (无内部收益率)",
    );
  }
  const multipleRoots = signChanges > 1;
  const { scaled, exact } = scaledToUnit(c);
  const viaNewton = newton(scaled, g0);
  // Newton checks |NPV| ≤ 1e-9·Σ|terms| on the series it ran on; where scaling lost small amounts, check again
  // on all of them
  if (viaNewton !== null && (exact || isRootOf(logSeries(c), viaNewton))) {
    return { rate: finite(viaNewton, "IRR"), signChanges, multipleRoots, method: "newton" };
  }
  const found = searchRoot(logSeries(c), g0, signChanges);
  if (found.kind === "root") {
    const rate = Math.expm1(found.y);
    if (rate > -1 && Number.isFinite(rate)) return { rate: rate === 0 ? 0 : rate, signChanges, multipleRoots, method: "brent" };
  }
  if (found.kind === "belowLowest") {
    throw new CpError(
      "#NUM!",
      "the internal rate of return lies closer to −100 % than a number can show (1 + IRR < 1.1e−16): the flows recover almost nothing of the investment (无内部收益率)",
    );
  }
  if (found.kind === "aboveHighest") {
    throw new CpError("#NUM!", "the internal rate of return is larger than the largest number (1.8e308): 无内部收益率");
  }
  throw new CpError(
    "#NUM!",
    `no internal rate of return: the cash flows change sign ${signChanges} times, but NPV is not 0 at any rate tried from −100 % + 1.1e−16 to 1.8e308 ` +
      "(rates at most 25 % of 1 + rate apart, refined around the deepest minima of |NPV|; only two IRRs closer together than that could be missed): 无内部收益率",
  );
}

/** |NPV(r)| within the rounding error bound of Horner's scheme: 4(n + 1)·ε·Σ |c_j|/(1+r)^j. */
function isRoundingZero(value: Ext, r: number, c: readonly number[]): boolean {
  if (extSign(value) === 0) return true;
  const scale = npvExt(r, c.map(Math.abs));
  return Math.abs(fromExt(extDiv(value, scale))) <= 4 * (c.length + 1) * Number.EPSILON;
}

/**
 * Textbook IRR by trial and error with linear interpolation (试算内插法, spec §3.1, CP.IRRINTERP):
 * the grid rates i1 = k·step and i2 = (k+1)·step adjacent to the exact IRR (from {@link irr} with
 * the default guess) with NPV(i1) ≥ 0 > NPV(i2) for conventional flows, and
 * IRR = i1 + NPV1·(i2 − i1)/(NPV1 + |NPV2|) — written as NPV1·(i2 − i1)/(NPV1 − NPV2), which is the
 * same and also interpolates a rising NPV. Reproduces the textbook's 17.26 % (0.172627) where the
 * exact IRR is 0.172570. An IRR on a grid rate is that rate (NPV there is 0, or rounding noise whose
 * sign points to either neighbouring cell); the NPVs are formed without overflow.
 * @param step grid spacing, decimal > 0; default {@link IRR_INTERPOLATION_STEP} (1 %); otherwise #NUM!
 * @throws CpError #NUM! when there is no IRR or the grid cell around it reaches −100 %
 */
export function irrInterpolated(investment: number, flows: FlowsInput, step?: number | null): number {
  return irrInterpolatedAround(investment, flows, irr(investment, flows).rate, step);
}

/**
 * The textbook's interpolation of {@link irrInterpolated} around a given IRR `exact` (one root of the
 * series): where flows change sign more than once, the sheets interpolate around the root their native
 * IRR reached, which need not be the root from the default guess.
 * @throws CpError #NUM! as irrInterpolated
 */
export function irrInterpolatedAround(investment: number, flows: FlowsInput, exact: number, step?: number | null): number {
  const h = step === undefined || step === null ? IRR_INTERPOLATION_STEP : num(step, "step");
  if (h <= 0) throw new CpError("#NUM!", `step must be a positive decimal (0.01 = 1 %); got ${h}`);
  num(exact, "exact IRR");
  const q = exact / h;
  if (!Number.isFinite(q) || Math.abs(q) > 2 ** 52) throw new CpError("#NUM!", "IRR / step is too large for a rate grid");
  const c = series(investment, flows);
  const at = (k: number): Ext | null => {
    const r = k * h;
    return r > -1 && Number.isFinite(r) ? npvExt(r, c) : null;
  };
  const k0 = Math.floor(q);
  // an IRR on a grid rate: NPV there is 0 up to the rounding of its own evaluation → that rate
  const kOn = Math.round(q);
  const nOn = at(kOn);
  if (nOn !== null && isRoundingZero(nOn, kOn * h, c)) return finite(kOn * h, "interpolated IRR");
  // the cell [k, k + 1] that brackets NPV = 0: the exact IRR's own first; float noise can put an IRR that
  // lies next to a grid rate on the wrong side of it, so then a neighbour
  for (const k of [k0, k0 - 1, k0 + 1]) {
    const n1 = at(k);
    const n2 = at(k + 1);
    if (n1 === null || n2 === null) continue;
    if (extSign(n1) === 0) return finite(k * h, "interpolated IRR");
    if (extSign(n2) === 0) return finite((k + 1) * h, "interpolated IRR");
    if (extSign(n1) !== extSign(n2)) {
      const i1 = k * h;
      const i2 = (k + 1) * h;
      return finite(i1 + (i2 - i1) * fromExt(extDiv(n1, extSub(n1, n2))), "interpolated IRR");
    }
  }
  if ((k0 - 1) * h <= -1) {
    throw new CpError("#NUM!", `the interpolation grid cell around the IRR ${exact} reaches −100 %: use a smaller step than ${h}`);
  }
  throw new CpError("#NUM!", "no pair of adjacent grid rates brackets NPV = 0: no interpolated IRR");
}

// ---------------------------------------------------------------------------------------------
// one-shot evaluation (WS5-3) and ranking

/** One option's economic inputs (万元, 万元/a). */
export interface EconomicsInput {
  /** I, 总投资费用 (net of subsidies), 万元 ≥ 0 */
  investment: number;
  /** P, 年运行费用总节省金额, 万元/a; F is derived from it unless annualCashFlow or cashFlows is given */
  annualSavings?: number;
  /** F given directly (年增现金流量), 万元/a: overrides the derived F; D, T, tax and E are then null */
  annualCashFlow?: number;
  /** Per-year after-tax flows F_1..F_n (万元/a), positional, blank = 0; override any constant F */
  cashFlows?: readonly (number | null)[];
}

/** Evaluation parameters (decimals, years). */
export interface EconomicsParams {
  /** i, 贴现率, decimal > −1 */
  discountRate: number;
  /** t, decimal in [0, 1); required when F is derived from annualSavings */
  taxRate?: number;
  /** Y, 折旧年限; required when F is derived; also the default horizon */
  depreciationYears?: number;
  /** n; default depreciationYears, else cashFlows.length */
  evaluationYears?: number;
  /** i_b, 基准收益率; default discountRate */
  benchmarkRate?: number;
  /** 定额投资偿还期; default n */
  paybackQuota?: number;
}

/** Result of {@link evaluateEconomics}: one row of WS5-3. */
export interface EconomicsResult {
  investment: number;
  annualSavings: number | null;
  depreciation: number | null;
  taxableProfit: number | null;
  tax: number | null;
  netProfit: number | null; // null when F is given or per-year flows are used ("not used")
  annualCashFlow: number | null; // constant F (derived or given); null for per-year flows
  fGiven: boolean; // true when annualCashFlow was given and overrides the derived F
  flows: number[]; // F_1..F_n actually discounted
  years: number; // n
  paybackYears: number | null; // null = never recovered (不可回收)
  npv: number;
  npvr: number;
  irr: number | null; // null = no IRR (无内部收益率)
  irrInterpolated: number | null;
  verdict: { paybackOk: boolean; npvOk: boolean; irrOk: boolean; feasible: boolean };
}

function optionalNumber(x: unknown, what: string): number | undefined {
  if (x === undefined || x === null) return undefined;
  return num(x, what);
}

function nullOnCode<T>(f: () => T, codes: readonly string[]): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof CpError && codes.includes(e.code)) return null;
    throw e;
  }
}

/**
 * The whole I → P → D → T → E → F → N → NPV → NPVR → IRR chain of one option and the verdict
 * (spec §3.1, §3.3, §3.4; WS5-3, CP.ECONOMICS).
 *
 * Flows: `cashFlows` (per-year, positional, blank = 0) if given; else a constant F: the given
 * `annualCashFlow` (fGiven, D/T/tax/E null = not used) or F derived from `annualSavings` with
 * `taxRate` and `depreciationYears` (missing → #VALUE! naming the parameter).
 * Horizon n = evaluationYears ?? depreciationYears ?? cashFlows.length (integer 1..1000); per-year
 * flows shorter than n are padded with zero years; longer than n → #VALUE! (never truncated).
 * Defaults: benchmarkRate = discountRate; paybackQuota = n.
 * Verdict (§3.4): paybackOk N ≤ quota, npvOk NPV ≥ 0, irrOk IRR ≥ benchmark; feasible = all three.
 * A missing payback / IRR is null (不可回收 / 无内部收益率), never an error; I = 0 → #DIV/0! (NPVR).
 */
export function evaluateEconomics(input: EconomicsInput, params: EconomicsParams): EconomicsResult {
  if (typeof input !== "object" || input === null) throw new CpError("#VALUE!", "economics input must be an object");
  if (typeof params !== "object" || params === null) throw new CpError("#VALUE!", "economics parameters must be an object");
  const I = num(input.investment, "investment");
  if (I < 0) throw new CpError("#NUM!", `investment must be ≥ 0 万元; got ${I}`);
  const rate = rateArg(params.discountRate, "discountRate");
  const benchmark = params.benchmarkRate === undefined || params.benchmarkRate === null ? rate : rateArg(params.benchmarkRate, "benchmarkRate");
  const P = optionalNumber(input.annualSavings, "annualSavings");
  const givenF = optionalNumber(input.annualCashFlow, "annualCashFlow");
  const perYear = input.cashFlows === undefined || input.cashFlows === null ? undefined : flowsArg(input.cashFlows);

  const nRaw = params.evaluationYears ?? params.depreciationYears ?? perYear?.length;
  if (nRaw === undefined || nRaw === null) {
    throw new CpError("#VALUE!", "evaluationYears (or depreciationYears) is required: the evaluation horizon n is unknown");
  }
  const nName = params.evaluationYears !== undefined && params.evaluationYears !== null ? "evaluationYears" : params.depreciationYears !== undefined && params.depreciationYears !== null ? "depreciationYears (default horizon)" : "cashFlows length";
  const n = yearsArg(nRaw, nName, 1);
  const quota = params.paybackQuota === undefined || params.paybackQuota === null ? n : num(params.paybackQuota, "paybackQuota");

  let D: number | null = null;
  let T: number | null = null;
  let tax: number | null = null;
  let E: number | null = null;
  let F: number | null = null;
  let fGiven = false;
  let flows: number[];
  if (perYear !== undefined) {
    if (perYear.length > n) {
      throw new CpError("#VALUE!", `cashFlows lists ${perYear.length} years but the evaluation horizon n is ${n} (${nName}); set evaluationYears to ${perYear.length}`);
    }
    flows = [...perYear, ...new Array<number>(n - perYear.length).fill(0)];
  } else if (givenF !== undefined) {
    F = givenF;
    fGiven = true;
    flows = constantFlows(F, n);
  } else if (P !== undefined) {
    if (params.taxRate === undefined || params.taxRate === null) {
      throw new CpError("#VALUE!", "taxRate is required to derive the annual cash flow F from annualSavings");
    }
    if (params.depreciationYears === undefined || params.depreciationYears === null) {
      throw new CpError("#VALUE!", "depreciationYears is required to derive the annual cash flow F from annualSavings");
    }
    const parts = cashFlowParts(P, I, params.depreciationYears, params.taxRate);
    D = finite(parts.D, "depreciation D = I/Y");
    T = finite(parts.T, "taxable profit T = P − D");
    E = finite(parts.E, "net profit E = T(1 − t)");
    tax = finite(parts.tax, "tax = T − E");
    F = finite(parts.F, "annual cash flow F = E + D");
    flows = constantFlows(F, n);
  } else {
    throw new CpError("#VALUE!", "one of annualSavings, annualCashFlow or cashFlows is required");
  }

  // a constant F: N = I/F whatever n (the standard's static payback); per-year flows: within the n years
  const N = nullOnCode(() => paybackYears(I, F ?? flows), ["#N/A"]);
  const NPV = npv(rate, I, flows);
  const NPVR = npvr(rate, I, flows);
  const IRR = nullOnCode(() => irr(I, flows).rate, ["#NUM!"]);
  const IRRi = IRR === null ? null : nullOnCode(() => irrInterpolated(I, flows), ["#NUM!"]);
  const paybackOk = N !== null && N <= quota;
  const npvOk = NPV >= 0;
  const irrOk = IRR !== null && IRR >= benchmark;
  return {
    investment: I,
    annualSavings: P ?? null,
    depreciation: D,
    taxableProfit: T,
    tax,
    netProfit: E,
    annualCashFlow: F,
    fGiven,
    flows,
    years: n,
    paybackYears: N,
    npv: NPV,
    npvr: NPVR,
    irr: IRR,
    irrInterpolated: IRRi,
    verdict: { paybackOk, npvOk, irrOk, feasible: paybackOk && npvOk && irrOk },
  };
}

/** What {@link npvrRankKey} reads of an option's result. */
export type NpvrRankInput = Pick<EconomicsResult, "npvr" | "irr" | "paybackYears">;

/**
 * The priority key of one option (spec §3.4 rule 3; larger is better, compared left to right):
 * [ROUND(NPVR, 9), ROUND(IRR, 9) (no IRR = −∞, worst), −ROUND(N, 9) (never recovered = −∞, worst)].
 * The tie-break "by IRR, then N" lives here only; rank with {@link competitionRanksByKey}.
 */
export function npvrRankKey(r: NpvrRankInput): [number, number, number] {
  return [
    rankKey(num(r.npvr, "npvr")),
    r.irr === null ? -Infinity : rankKey(num(r.irr, "irr")),
    r.paybackYears === null ? -Infinity : -rankKey(num(r.paybackYears, "paybackYears")),
  ];
}

/**
 * Priority ranks of options (spec §3.4 rule 3): competition ranking (1 = best; ties share a rank
 * and the next rank is skipped, like RANK.EQ) by NPVR descending, ties broken by IRR descending
 * (no IRR is worst), then payback N ascending (never recovered is worst). Values are compared
 * after rounding to 9 decimals so float noise never splits a tie. O(n log n).
 */
export function rankByNpvr(results: readonly NpvrRankInput[]): number[] {
  return competitionRanksByKey(results.map(npvrRankKey));
}
