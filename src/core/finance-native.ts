/**
 * The spreadsheet's own RATE, IRR, PV, INT and ^ as LibreOffice Calc 7.4 computes them, step for step,
 * so that a workbook can cache exactly what its native formulas give (issue 9: "where the sheet's native
 * IRR does not converge, the cached value must be what the formula gives"). Not a better IRR: core's
 * {@link irr} is that. These are emulations of native functions, including their failures: a start from
 * which Newton's method does not converge gives null (the sheet's error, caught by its IFERROR), a
 * "convergence" far from any root gives that number.
 *
 * Source: LibreOffice core, sc/source/core/tool/interpr2.cxx (ScRate + RateIteration, ScIRR, ScGetPV,
 * ScInt) and sc/inc/kahan.hxx, as in the 7.4 series (the engine the reviewers and the tests recalculate
 * with). What differs in Microsoft Excel, per its documentation (RATE: "If the successive results of RATE
 * do not converge to within 0.0000001 after 20 iterations, RATE returns the #NUM! error value"; IRR: "IRR
 * cycles through the calculation until the result is accurate within 0.00001 percent. If IRR can't find a
 * result that works after 20 tries, the #NUM! error value is returned"):
 *
 * | function | LibreOffice 7.4 (emulated here)                               | Excel (documented)           |
 * |----------|---------------------------------------------------------------|------------------------------|
 * | RATE     | Newton, ≤ 150 steps, stops when |f| < 1e-14 or |step| < 1e-7; | ≤ 20 iterations, results     |
 * |          | result must be > −1; with the default guess only, retries from| within 1e-7; no retry        |
 * |          | 0.2, 0.05, 0.3, 0.0333…, …, 1.0, 0.01 (0.1·k and 0.1/k, k=2…10)| documented                   |
 * | IRR      | Newton, ≤ 20 steps, |step| < 1e-7; no bound on the result     | ≤ 20 tries, 0.00001 % (1e-7) |
 * |          | (the sheet tests > −1 itself); guess −1 starts from 0.1       |                              |
 *
 * Excel's exact iteration (its derivative, its stopping test, what it does at a zero slope) is not
 * documented, so a value near a convergence edge may still differ in Excel; see the notes on each function.
 */

/** SCdEpsilon of interpr2.cxx: RATE's and IRR's step tolerance. */
const STEP_EPSILON = 1e-7;
/** RateIteration's |f(x)| below which x is taken as the root. */
const RATE_TERM_EPSILON = 1e-14;
/** RateIteration's iteration limit. */
const RATE_MAX_ITERATIONS = 150;
/** ScIRR's iteration limit. */
const IRR_MAX_ITERATIONS = 20;

/**
 * LibreOffice's KahanSum (sc/inc/kahan.hxx, 7.4): Neumaier's compensated sum, the compensation added
 * when the sum is read. (Later versions also hold back the last addend and snap an exact cancellation
 * to 0; that changes only the last bits of a sum.)
 */
export class NeumaierSum {
  private sum = 0;
  private err = 0;
  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.err += this.sum - t + x;
    else this.err += x - t + this.sum;
    this.sum = t;
  }
  get(): number {
    return this.sum + this.err;
  }
}

/**
 * One Newton search of RATE (LibreOffice's RateIteration, integer nper): the root x of
 * fv + pv·(1+x)^n + pmt·((1+x)^n − 1)/x = 0 from `guess`. Returns the last x and whether it counts as
 * found (|f| < 1e-14, or a step < 1e-7, within 150 steps, and x > −1). A zero slope moves x by 1.1e-7.
 */
function rateIteration(nper: number, pmt: number, pv: number, fv: number, payAtStart: boolean, guess: number): { x: number; valid: boolean } {
  if (payAtStart) {
    fv -= pmt;
    pv += pmt;
  }
  let x = guess;
  let found = false;
  let count = 0;
  if (nper === Math.round(nper)) {
    while (!found && count < RATE_MAX_ITERATIONS) {
      const powNm1 = powInt(1 + x, nper - 1);
      const powN = powNm1 * (1 + x);
      let geo: number;
      let geoD: number;
      if (x === 0) {
        geo = nper;
        geoD = (nper * (nper - 1)) / 2;
      } else {
        geo = (powN - 1) / x;
        geoD = (nper * powNm1) / x - geo / x;
      }
      const term = fv + pv * powN + pmt * geo;
      const termD = pv * nper * powNm1 + pmt * geoD;
      if (Math.abs(term) < RATE_TERM_EPSILON) found = true;
      else {
        const next = termD === 0 ? x + 1.1 * STEP_EPSILON : x - term / termD;
        count++;
        found = Math.abs(next - x) < STEP_EPSILON;
        x = next;
      }
    }
    return { x, valid: found && x > -1 };
  }
  // a non-integer nper (the sheets always pass a whole number of years)
  x = guess < -1 ? -1 : guess;
  let valid = true;
  while (valid && !found && count < RATE_MAX_ITERATIONS) {
    let geo: number;
    let geoD: number;
    if (x === 0) {
      geo = nper;
      geoD = (nper * (nper - 1)) / 2;
    } else {
      geo = (Math.pow(1 + x, nper) - 1) / x;
      geoD = (nper * Math.pow(1 + x, nper - 1)) / x - geo / x;
    }
    const term = fv + pv * Math.pow(1 + x, nper) + pmt * geo;
    const termD = pv * nper * Math.pow(1 + x, nper - 1) + pmt * geoD;
    if (Math.abs(term) < RATE_TERM_EPSILON) found = true;
    else {
      const next = termD === 0 ? x + 1.1 * STEP_EPSILON : x - term / termD;
      count++;
      found = Math.abs(next - x) < STEP_EPSILON;
      x = next;
      valid = x >= -1;
    }
  }
  return { x, valid: valid && found };
}

/**
 * RATE(nper, pmt, pv, [fv], [type], [guess]) as LibreOffice 7.4 computes it (ScRate): one Newton search
 * from `guess`; only when the guess is omitted (default 0.1) and that search fails, further searches from
 * 0.2, 0.05, 0.3, 0.1/3, …, 1.0, 0.01 (0.1·k then 0.1/k for k = 2…10), the first that succeeds giving the
 * result. null = the sheet's error (Err:523 no convergence, or nper ≤ 0).
 *
 * Note: |f| < 1e-14 is an absolute test, so with amounts of about 1e-14 or less the start value itself
 * is returned as "the root". Excel documents 20 iterations to 1e-7 and no retries: a rate found here
 * after more than 20 steps, or from a retry, may be #NUM! in Excel.
 */
export function nativeRate(nper: number, pmt: number, pv: number, fv = 0, payAtStart = false, guess?: number): number | null {
  if (!(nper > 0)) return null;
  const start = guess ?? 0.1;
  const first = rateIteration(nper, pmt, pv, fv, payAtStart, start);
  if (first.valid) return finiteOrNull(first.x);
  if (guess !== undefined) return null;
  for (let step = 2; step <= 10; step++) {
    const up = rateIteration(nper, pmt, pv, fv, payAtStart, start * step);
    if (up.valid) return finiteOrNull(up.x);
    const down = rateIteration(nper, pmt, pv, fv, payAtStart, start / step);
    if (down.valid) return finiteOrNull(down.x);
  }
  return null;
}

/**
 * IRR(values, [guess]) as LibreOffice 7.4 computes it (ScIRR): Newton's method from `guess` (−1 → 0.1),
 * NPV and its derivative summed with {@link NeumaierSum} from v_j/(1+x)^j and −j·v_j/(1+x)^(j+1) (one pow
 * per term), at most 20 steps, the result accepted when the last step is below 1e-7 — whatever NPV is
 * there, and also when it is ≤ −100 % (the sheets test > −1 themselves). A start of exactly 0 with a
 * result within 1e-7 of 0 gives 0. null = the sheet's error (Err:523 no convergence, or a value that is
 * not a finite number).
 *
 * `values` are the cells the range holds, in order, all numbers (the sheets' series cells are numbers;
 * LibreOffice skips blank and text cells of a range, which this does not model).
 *
 * Note: Excel documents 20 tries to 0.00001 % as well, but not its derivative or its handling of a zero
 * slope (users report #DIV/0! from Excel's IRR); a root reached here in exactly 20 steps, or a step
 * landing on a rate ≤ −100 %, may come out differently in Excel.
 */
export function nativeIrr(values: readonly number[], guess = 0.1): number | null {
  let x = guess === -1 ? 0.1 : guess;
  let eps = 1;
  let iterations = 0;
  while (eps > STEP_EPSILON && iterations < IRR_MAX_ITERATIONS) {
    const nom = new NeumaierSum();
    const denom = new NeumaierSum();
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      nom.add(v / powInt(1 + x, j));
      denom.add((-j * v) / powInt(1 + x, j + 1));
    }
    const next = x - nom.get() / denom.get();
    iterations++;
    eps = Math.abs(next - x);
    x = next;
  }
  if (guess === 0 && Math.abs(x) < STEP_EPSILON) x = 0;
  return eps < STEP_EPSILON ? finiteOrNull(x) : null;
}

/**
 * PV(rate, nper, pmt, [fv], [type]) as LibreOffice computes it (ScGetPV):
 * −(fv·(1+rate)^−n + pmt·(1 − (1+rate)^−n)/rate) (+ pmt when paid at the start), −(fv + pmt·n) at rate 0.
 * null when the result is not a finite number (the sheet's error), e.g. at rate −100 %.
 */
export function nativePv(rate: number, nper: number, pmt: number, fv = 0, payAtStart = false): number | null {
  let pv: number;
  if (rate === 0) pv = fv + pmt * nper;
  else if (payAtStart) pv = fv * powInt(1 + rate, -nper) + (pmt * (1 - powInt(1 + rate, -nper + 1))) / rate + pmt;
  else pv = fv * powInt(1 + rate, -nper) + (pmt * (1 - powInt(1 + rate, -nper))) / rate;
  return finiteOrNull(-pv);
}

/** The ^ operator of a formula (base ≥ 0): null (the sheet's #NUM!) when the power is not a finite number. */
export function nativePower(base: number, exponent: number): number | null {
  return finiteOrNull(powInt(base, exponent));
}

/**
 * rtl::math::approxValue: x rounded to 15 significant decimal digits (integers and values with at most
 * 11 fraction bits are kept), so that 9.999999999999998 reads as 10.
 */
export function approxValue(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (Number.isInteger(x) || Number.isInteger(x * 2048)) return x;
  const r = Number(x.toPrecision(15));
  return Number.isFinite(r) ? r : x;
}

/** INT(x) as LibreOffice computes it (rtl::math::approxFloor): floor of x rounded to 15 significant digits. */
export function nativeInt(x: number): number {
  return Math.floor(approxValue(x));
}

/** Dekker's split of a (|a| < 2^996) into two halves of 26 bits, a = hi + lo exactly. */
function split(a: number): [number, number] {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** a·b exactly, as p + e (Dekker; |a|, |b| < 2^996). */
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const [a1, a2] = split(a);
  const [b1, b2] = split(b);
  return [p, a1 * b1 - p + a1 * b2 + a2 * b1 + a2 * b2];
}

/** (h, l) · (bh, bl) in double-double arithmetic (about 104 bits), normalised so that h = fl(h + l). */
function ddMul(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [p, pe] = twoProd(ah, bh);
  const e = pe + (ah * bl + al * bh);
  const h = p + e;
  return [h, e - (h - p)];
}

const FREXP = new DataView(new ArrayBuffer(8));

/** |x| = m · 2^e with m in [1, 2), for a finite x ≠ 0. */
function frexp(x: number): { m: number; e: number } {
  let a = Math.abs(x);
  let bias = 0;
  if (a < 2 ** -1000) {
    a *= 2 ** 100;
    bias = -100;
  }
  FREXP.setFloat64(0, a);
  const e = ((FREXP.getUint16(0) >> 4) & 0x7ff) - 1023;
  FREXP.setUint16(0, (FREXP.getUint16(0) & 0x800f) | (1023 << 4));
  return { m: FREXP.getFloat64(0), e: e + bias };
}

/** x · 2^e with one rounding (exact when the result is a normal double). */
function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}

/**
 * pow(x, k) for a whole number k as the C library LibreOffice is linked with computes it: glibc's pow
 * is correctly rounded except in about 0.1 % of cases (measured against exact rational powers), while
 * JavaScript's Math.pow differs from glibc in about 10 % of integer powers by one unit in the last
 * place. Newton searches that wander (RATE from a poor start) amplify such a unit, so the emulations
 * use this correctly rounded power: exponentiation by squaring in double-double arithmetic, the binary
 * exponent kept apart (no overflow or underflow on the way), rounded once. A result in the subnormal
 * range may be off by its last unit (rounded twice). Non-integer k → Math.pow.
 */
export function powInt(x: number, k: number): number {
  if (!Number.isInteger(k) || !Number.isFinite(x) || x === 0 || Math.abs(k) > 2 ** 31) return Math.pow(x, k);
  if (k === 0) return 1;
  const negative = x < 0 && k % 2 !== 0;
  const { m, e } = frexp(x);
  let n = Math.abs(k);
  // result = (rh + rl) · 2^E, base = (bh + bl) · 2^be, both mantissas in [1, 2)
  let rh = 1;
  let rl = 0;
  let E = 0;
  let bh = m;
  let bl = 0;
  let be = e;
  for (;;) {
    if (n % 2 === 1) {
      [rh, rl] = ddMul(rh, rl, bh, bl);
      E += be;
      if (rh >= 2) {
        rh /= 2;
        rl /= 2;
        E++;
      }
    }
    n = Math.floor(n / 2);
    if (n === 0) break;
    [bh, bl] = ddMul(bh, bl, bh, bl);
    be *= 2;
    if (bh >= 2) {
      bh /= 2;
      bl /= 2;
      be++;
    }
  }
  if (k < 0) {
    // 1/(rh + rl) = q·(1 + ρ + ρ² + …) with q = fl(1/rh) and ρ = 1 − q·(rh + rl) (|ρ| ≤ 2^−52), the
    // correction q·ρ formed exactly and q·ρ² added, then rounded once
    const q = 1 / rh;
    const [p, pe] = twoProd(q, rh);
    const rho = 1 - p - pe - q * rl;
    const [c, ce] = twoProd(q, rho);
    const s = q + c;
    const se = q - s + c;
    rh = s + (se + (ce + c * rho));
    E = -E;
    if (rh < 1) {
      rh *= 2;
      E--;
    }
  }
  const r = ldexp(rh, E);
  return negative ? -r : r;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
