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
import { roundDecimals } from "./float";

/** A per-year cash-flow range F_1..F_n (万元/a); null/undefined = blank year = 0. */
export type FlowsInput = readonly (number | null | undefined)[];

/** Largest horizon accepted where an array of years is built (constantFlows, evaluateEconomics). */
export const MAX_YEARS = 1000;

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
  const I = num(investment, "investment");
  const Y = num(depreciationYears, "depreciationYears");
  if (Y === 0) throw new CpError("#DIV/0!", "depreciationYears is 0: D = I/Y needs a depreciation life > 0");
  if (Y < 0) throw new CpError("#NUM!", `depreciationYears must be > 0; got ${Y}`);
  return finite(I / Y, "depreciation D = I/Y");
}

/** T, tax, E and F from P, I, Y, t (one code path so the parts always add up). */
function cashFlowParts(annualSavings: number, investment: number, depreciationYears: number, taxRate: number) {
  const P = num(annualSavings, "annualSavings");
  const t = num(taxRate, "taxRate");
  if (t < 0 || t >= 1) {
    throw new CpError("#NUM!", `taxRate must be a decimal from 0 up to (not including) 1 (0.25 = 25 %, not 25); got ${t}`);
  }
  const D = depreciation(investment, depreciationYears);
  const T = finite(P - D, "taxable profit T = P − D");
  const E = finite(T * (1 - t), "net profit E = T(1 − t)");
  const tax = finite(T - E, "tax = T − E");
  const F = finite(E + D, "annual cash flow F = E + D");
  return { D, T, tax, E, F };
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
  return cashFlowParts(annualSavings, investment, depreciationYears, taxRate).F;
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
  if (i === 0) return n;
  return finite(-Math.expm1(-n * Math.log1p(i)) / i, "annuity factor a(i, n)");
}

// ---------------------------------------------------------------------------------------------
// NPV, NPVR, payback

/** Σ_{j=1..n} F_j/(1+r)^j with every term checked; the result is finite or #NUM!. */
function presentValue(r: number, F: readonly number[]): number {
  // Horner's scheme from the last year: one division per year, no Math.pow.
  const x = 1 + r;
  let s = 0;
  for (let j = F.length - 1; j >= 0; j--) s = (s + F[j]!) / x;
  return finite(s, `present value of the cash flows at rate ${r}`);
}

/**
 * 净现值 NPV = −I + Σ_{j=1..n} F_j/(1+rate)^j, 万元 (spec §3.1). The investment at t = 0 is not
 * discounted (E01: rate 0.1, I 500000, flows 200000, 300000, 200000 → 80015.03, not Excel NPV's
 * 72740.93). Equivalent to Excel `NPV(rate, F_1..F_n) − I` over a contiguous range.
 * @param rate i, decimal > −1 (else #NUM!)
 * @param investment I, 万元 at t = 0
 * @param flows F_1..F_n (1×n or n×1), 万元/a; a blank year is 0 (E06)
 */
export function npv(rate: number, investment: number, flows: FlowsInput): number {
  const r = rateArg(rate, "rate");
  const I = num(investment, "investment");
  const F = flowsArg(flows);
  return finite(presentValue(r, F) - I, "NPV");
}

/**
 * 净现值率 NPVR = NPV / I, a decimal (1.016 = 101.6 %), spec §3.1/§3.4. I = 0 → #DIV/0!.
 */
export function npvr(rate: number, investment: number, flows: FlowsInput): number {
  const value = npv(rate, investment, flows);
  const I = investment;
  if (I === 0) throw new CpError("#DIV/0!", "investment is 0: NPVR = NPV/I needs an investment ≠ 0");
  return finite(value / I, "NPVR = NPV/I");
}

/**
 * 投资偿还期 N (static payback, years), spec §3.1/§3.3/§3.5 CP.PAYBACK.
 *
 * - Constant flows (every year the same F): N = I/F exactly, the standard's static definition,
 *   returned even when I/F is larger than the number of years given (the verdict compares N with
 *   the quota; the horizon does not cap N).
 * - Per-year flows: the first year k in which the cumulative flow Σ_{j≤k} F_j reaches I,
 *   interpolated within that year: N = (k − 1) + (I − Σ_{j<k} F_j)/F_k. If the cumulative never
 *   reaches I within the years given → #N/A ("not recovered", 不可回收).
 * - F ≤ 0 (constant) → #N/A. I = 0 → 0. I < 0 → #NUM!.
 * @param investment I, 万元 ≥ 0
 * @param flows F_1..F_n, 万元/a; blank year = 0
 */
export function paybackYears(investment: number, flows: FlowsInput): number {
  const I = num(investment, "investment");
  const F = flowsArg(flows);
  if (I < 0) throw new CpError("#NUM!", `investment must be ≥ 0 for a payback period; got ${I}`);
  if (I === 0) return 0;
  if (F.length === 0) throw new CpError("#N/A", "no cash flows: the investment is never recovered (不可回收)");
  const first = F[0]!;
  if (F.every((f) => f === first)) {
    if (first <= 0) {
      throw new CpError("#N/A", `annual cash flow F = ${first} ≤ 0: the investment is never recovered (不可回收)`);
    }
    return finite(I / first, "payback N = I/F");
  }
  let cum = 0;
  for (let k = 0; k < F.length; k++) {
    const f = F[k]!;
    const next = cum + f;
    if (next >= I && f > 0) {
      return finite(k + (I - cum) / f, "payback N");
    }
    cum = next;
  }
  throw new CpError(
    "#N/A",
    `the cumulative cash flow ${Number(cum.toPrecision(12))} never reaches the investment ${I} within ${F.length} years: not recovered (不可回收)`,
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

function countSignChanges(c: readonly number[]): number {
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
 * A continuous function with the same sign and roots as NPV(r) on r > −1, that never overflows:
 * Σ c_j x^−j for x = 1+r ≥ 1, and x^n·Σ c_j x^−j = Σ c_j x^(n−j) for x < 1.
 */
function scaledNpv(c: readonly number[], r: number): number {
  const x = 1 + r;
  const n = c.length - 1;
  let s = 0;
  if (x >= 1) {
    for (let j = 0; j <= n; j++) if (c[j] !== 0) s += c[j]! * Math.pow(x, -j);
  } else {
    for (let j = 0; j <= n; j++) if (c[j] !== 0) s += c[j]! * Math.pow(x, n - j);
  }
  return s;
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

/** Bracket a root outward from the guess in y = ln(1+r) (steps 0.01·1.25^k, |y| ≤ 30), then Brent. */
function bracketAndBrent(c: readonly number[], guess: number): number | null {
  const g = (r: number) => scaledNpv(c, r);
  const y0 = Math.log1p(guess);
  const r0 = guess;
  const g0 = g(r0);
  if (g0 === 0) return r0;
  const Y_MAX = 30;
  let upPrev = r0;
  let gUpPrev = g0;
  let downPrev = r0;
  let gDownPrev = g0;
  let upDone = false;
  let downDone = false;
  for (let k = 0; !(upDone && downDone); k++) {
    const d = 0.01 * Math.pow(1.25, k);
    if (!upDone) {
      const y = y0 + d;
      if (y > Y_MAX) upDone = true;
      else {
        const r = Math.expm1(y);
        const gr = g(r);
        if (Number.isFinite(gr)) {
          if (gr === 0) return r;
          if (Math.sign(gr) !== Math.sign(gUpPrev)) return brent(g, upPrev, r);
          upPrev = r;
          gUpPrev = gr;
        }
      }
    }
    if (!downDone) {
      const y = y0 - d;
      if (y < -Y_MAX) downDone = true;
      else {
        const r = Math.expm1(y);
        if (r <= -1) downDone = true;
        else {
          const gr = g(r);
          if (Number.isFinite(gr)) {
            if (gr === 0) return r;
            if (Math.sign(gr) !== Math.sign(gDownPrev)) return brent(g, r, downPrev);
            downPrev = r;
            gDownPrev = gr;
          }
        }
      }
    }
  }
  return null;
}

/**
 * 内部收益率 IRR: the rate r > −1 with −I + Σ_{j=1..n} F_j/(1+r)^j = 0 (spec §3.1, CP.IRR).
 *
 * Newton's method from `guess` first (so where several roots exist the answer is Excel's: E03
 * −50, −100, 600, 300, −100 gives 1.854418 from 0.1 and −0.768895 from −0.75). When Newton
 * diverges, leaves (−1, ∞) or does not converge in 100 steps, roots are bracketed outward from the
 * guess (in ln(1+r), up to |ln(1+r)| ≤ 30) and finished with Brent's method (E05 → 0.050901).
 *
 * @param investment I at t = 0, 万元 (for a series given from year 0, I = −value₀)
 * @param flows F_1..F_n, 万元/a; blank year = 0 (E06)
 * @param guess starting rate, decimal > −1; default 0.1 (null/undefined → 0.1). ≤ −1 → #NUM!
 * @returns the rate plus `signChanges` and `multipleRoots` (series changing sign more than once)
 * @throws CpError #NUM! when the series −I, F_1..F_n never changes sign (E04) or no root is found
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
  const viaNewton = newton(c, g0);
  if (viaNewton !== null) return { rate: finite(viaNewton, "IRR"), signChanges, multipleRoots, method: "newton" };
  const viaBrent = bracketAndBrent(c, g0);
  if (viaBrent !== null && Number.isFinite(viaBrent) && viaBrent > -1) {
    return { rate: viaBrent === 0 ? 0 : viaBrent, signChanges, multipleRoots, method: "brent" };
  }
  throw new CpError(
    "#NUM!",
    `no internal rate of return found between −100 % and e^30 − 1 (searched from guess ${g0}) although the cash flows change sign: 无内部收益率`,
  );
}

/**
 * Textbook IRR by trial and error with linear interpolation (试算内插法, spec §3.1, CP.IRRINTERP):
 * the grid rates i1 = k·step and i2 = (k+1)·step adjacent to the exact IRR (from {@link irr} with
 * the default guess) with NPV(i1) ≥ 0 > NPV(i2) for conventional flows, and
 * IRR = i1 + NPV1·(i2 − i1)/(NPV1 + |NPV2|) — written as NPV1·(i2 − i1)/(NPV1 − NPV2), which is the
 * same and also interpolates a rising NPV. Reproduces the textbook's 17.26 % (0.172627) where the
 * exact IRR is 0.172570.
 * @param step grid spacing, decimal > 0; default 0.01 (1 %); otherwise #NUM!
 * @throws CpError #NUM! when there is no IRR or the grid cell lies at or below −100 %
 */
export function irrInterpolated(investment: number, flows: FlowsInput, step?: number | null): number {
  const h = step === undefined || step === null ? 0.01 : num(step, "step");
  if (h <= 0) throw new CpError("#NUM!", `step must be a positive decimal (0.01 = 1 %); got ${h}`);
  const exact = irr(investment, flows).rate;
  let k = Math.floor(exact / h);
  if (!Number.isFinite(k)) throw new CpError("#NUM!", "IRR / step is too large for a rate grid");
  const at = (kk: number) => {
    const r = kk * h;
    if (r <= -1) throw new CpError("#NUM!", `the interpolation grid rate ${r} is at or below −100 %; use a smaller step`);
    return npv(r, investment, flows);
  };
  let n1 = at(k);
  let n2 = at(k + 1);
  // Float noise can put the exact IRR on the wrong side of a grid point: move one cell so that the
  // cell [i1, i2] brackets the sign change (n1 ≥ 0 > n2 for conventional flows).
  if (n1 !== 0 && Math.sign(n1) === Math.sign(n2)) {
    const nPrev = at(k - 1);
    if (Math.sign(nPrev) !== Math.sign(n1) || nPrev === 0) {
      k -= 1;
      n2 = n1;
      n1 = nPrev;
    } else {
      const nNext = at(k + 2);
      k += 1;
      n1 = n2;
      n2 = nNext;
    }
  }
  if (n1 === 0) return finite(k * h, "interpolated IRR");
  if (n2 === 0) return finite((k + 1) * h, "interpolated IRR");
  if (Math.sign(n1) === Math.sign(n2)) {
    throw new CpError("#NUM!", "no pair of adjacent grid rates brackets NPV = 0: no interpolated IRR");
  }
  const i1 = k * h;
  const i2 = (k + 1) * h;
  return finite(i1 + (n1 * (i2 - i1)) / (n1 - n2), "interpolated IRR");
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
    ({ D, T, tax, E, F } = parts);
    flows = constantFlows(F, n);
  } else {
    throw new CpError("#VALUE!", "one of annualSavings, annualCashFlow or cashFlows is required");
  }

  const N = nullOnCode(() => paybackYears(I, flows), ["#N/A"]);
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

/**
 * Priority ranks of options (spec §3.4 rule 3): competition ranking (1 = best; ties share a rank
 * and the next rank is skipped, like RANK.EQ) by NPVR descending, ties broken by IRR descending
 * (no IRR is worst), then payback N ascending (never recovered is worst). Values are compared
 * after rounding to 9 decimals so float noise never splits a tie.
 */
export function rankByNpvr(results: readonly EconomicsResult[]): number[] {
  const key = (r: EconomicsResult): [number, number, number] => [
    round9(num(r.npvr, "npvr")),
    r.irr === null ? -Infinity : round9(num(r.irr, "irr")),
    r.paybackYears === null ? -Infinity : -round9(num(r.paybackYears, "paybackYears")),
  ];
  const keys = results.map(key);
  const better = (a: [number, number, number], b: [number, number, number]) => {
    for (let i = 0; i < 3; i++) {
      if (a[i]! > b[i]!) return true;
      if (a[i]! < b[i]!) return false;
    }
    return false;
  };
  return keys.map((k) => 1 + keys.filter((o) => better(o, k)).length);
}

function round9(x: number): number {
  return roundDecimals(x, 9);
}
