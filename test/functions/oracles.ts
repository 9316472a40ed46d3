// Independent oracles for the CP.* property tests (engineering guide §4): the argument rules of
// docs/FUNCTIONS.md re-stated as a small model, exact rational arithmetic on the decimals as typed (BigInt
// fractions, written here without core's float.ts), a log-domain NPV for roots near −100 %, and formulajs's
// NPV/IRR over explicit flows. Nothing here calls src/core or src/functions.
import * as formulajs from "@formulajs/formulajs";

// ---- exact fractions on decimal strings --------------------------------------------------------------------

export interface Frac {
  n: bigint;
  d: bigint; // > 0
}

const ZERO: Frac = { n: 0n, d: 1n };

/** The shortest round-trip decimal of v (what the user typed) as an exact fraction. */
export function frac(v: number): Frac {
  if (v === 0) return ZERO;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v));
  if (!m) throw new Error(`frac: ${v}`);
  const digits = BigInt((m[2] ?? "") + (m[3] ?? ""));
  const exp = Number(m[4] ?? 0) - (m[3] ?? "").length;
  const n = m[1] === "-" ? -digits : digits;
  return exp >= 0 ? { n: n * 10n ** BigInt(exp), d: 1n } : { n, d: 10n ** BigInt(-exp) };
}

export const fadd = (a: Frac, b: Frac): Frac => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const fsub = (a: Frac, b: Frac): Frac => fadd(a, { n: -b.n, d: b.d });
export const fsign = (a: Frac): number => (a.n === 0n ? 0 : a.n > 0n ? 1 : -1);
export const fsum = (xs: readonly number[]): Frac => xs.reduce<Frac>((s, x) => fadd(s, frac(x)), ZERO);

/** a/b as a double (60 significant digits formed exactly, then parsed): a reference, not a shortcut. */
export function fdiv(a: Frac, b: Frac): number {
  if (b.n === 0n) throw new Error("fdiv by 0");
  let num = a.n * b.d;
  let den = a.d * b.n;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (num === 0n) return 0;
  const neg = num < 0n;
  const an = neg ? -num : num;
  const shift = BigInt(Math.max(0, 60 + den.toString().length - an.toString().length));
  const q = (an * 10n ** shift) / den;
  const v = Number(`${q}e-${shift}`);
  return neg ? -v : v;
}

/** The value of a fraction as a double (for messages and tolerances). */
export const fnum = (a: Frac): number => fdiv(a, { n: 1n, d: 1n });

// ---- argument model (docs/FUNCTIONS.md) ----------------------------------------------------------------------

/** What a cashFlows argument means, or "invalid" (an Excel error is then the only right answer). */
export type FlowsModel = { kind: "constant"; F: number; n: number } | { kind: "perYear"; flows: number[] } | { kind: "invalid" };

const isWholeYears = (y: unknown): y is number => typeof y === "number" && Number.isInteger(y) && y >= 1 && y <= 1000;

/**
 * The documented rules: one cell is one number F (a blank one is an error) and needs `years` (a whole number
 * 1..1000) when `yearsRequired`, else `years` defaults to 1; a range of two or more cells is per-year with a
 * blank year = 0, and a `years` given with it must still be valid.
 */
export function flowsModel(cashFlows: unknown, years: unknown, yearsRequired: boolean): FlowsModel {
  const cells = (cashFlows as unknown[][]).flat();
  if (cells.length === 1) {
    const F = cells[0];
    if (typeof F !== "number") return { kind: "invalid" };
    if (years === null || years === undefined) return yearsRequired ? { kind: "invalid" } : { kind: "constant", F, n: 1 };
    return isWholeYears(years) ? { kind: "constant", F, n: years } : { kind: "invalid" };
  }
  if (years !== null && years !== undefined && !isWholeYears(years)) return { kind: "invalid" };
  return { kind: "perYear", flows: cells.map((c) => (c === null ? 0 : (c as number))) };
}

export const flowsOf = (m: FlowsModel): number[] =>
  m.kind === "constant" ? new Array<number>(m.n).fill(m.F) : m.kind === "perYear" ? m.flows : [];

// ---- NPV and IRR references ----------------------------------------------------------------------------------

/** x·2^k in steps that stay exact (powers of two; no step leaves the normal range while the result is in it). */
export function times2(x: number, k: number): number {
  let v = x;
  let e = k;
  while (e > 1000) {
    v *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    v *= 2 ** -1000;
    e += 1000;
  }
  return v * 2 ** e;
}

/** The smallest amount a subnormal result can be off by after its one rounding (and formulajs's own). */
export const SUBNORMAL_SLACK = 4 * 2 ** -1074;

export interface NpvRef {
  /** −I + Σ F_j/(1+rate)^j (±Infinity when beyond the largest double) */
  value: number;
  /** Σ |terms| (for an absolute tolerance) */
  scale: number;
  /** value / I and Σ|terms| / |I| (I ≠ 0), formed at unit size so that neither overflows */
  ratio: number;
  ratioScale: number;
  /** value and scale at unit size (the amounts × 2^−k; k from the amounts alone, so comparable across rates) */
  unitValue: number;
  unitScale: number;
}

/**
 * formulajs NPV(rate, F_1..F_n) − I, evaluated on the amounts scaled by a power of two to unit size (exact; NPV
 * is homogeneous) so that formulajs meets neither subnormal nor overflowing amounts, then scaled back once.
 * null where formulajs itself cannot evaluate it (an overflow at unit size, e.g. 1 + rate tiny over many years).
 */
export function npvRef(rate: number, I: number, flows: readonly number[]): NpvRef | null {
  const max = Math.max(Math.abs(I), ...flows.map(Math.abs));
  const k = max === 0 ? 0 : Math.floor(Math.log2(max));
  const sI = times2(I, -k);
  const sF = flows.map((f) => times2(f, -k));
  const pv = sF.length === 0 ? 0 : (formulajs.NPV(rate, ...sF) as unknown);
  if (typeof pv !== "number" || !Number.isFinite(pv)) return null;
  let scale = Math.abs(sI);
  sF.forEach((f, j) => (scale += Math.abs(f) / (1 + rate) ** (j + 1)));
  if (!Number.isFinite(scale)) return null;
  const v = pv - sI;
  return { value: times2(v, k), scale: times2(scale, k), ratio: v / sI, ratioScale: scale / Math.abs(sI), unitValue: v, unitScale: scale };
}

/**
 * NPV of the series c_0..c_n at rate r divided by its largest term, from logarithms (never overflows, also
 * for 1 + r = 1e-15): the sign of NPV and |NPV| relative to Σ|terms|.
 */
export function logNpvRef(c: readonly number[], r: number): { sign: number; rel: number } {
  const { v, abs } = logNpvParts(c, r);
  return { sign: Math.sign(v), rel: Math.abs(v) / abs };
}

/** NPV(r) = v·e^M with Σ|terms| = abs·e^M (the largest term is ±e^M): any magnitude, no overflow. */
export function logNpvParts(c: readonly number[], r: number): { v: number; abs: number; M: number } {
  const y = Math.log1p(r);
  const terms = c.flatMap((v, j) => (v === 0 ? [] : [{ s: Math.sign(v), l: Math.log(Math.abs(v)) - j * y }]));
  const M = Math.max(...terms.map((t) => t.l));
  let v = 0;
  let abs = 0;
  for (const t of terms) {
    const e = Math.exp(t.l - M);
    v += t.s * e;
    abs += e;
  }
  return { v, abs, M };
}

/** A finite double as an exact binary fraction (mantissa·2^exponent). */
export function bfrac(x: number): Frac {
  if (x === 0) return ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac52 = bits & ((1n << 52n) - 1n);
  const mant = e === 0 ? frac52 : frac52 | (1n << 52n);
  const exp = (e === 0 ? 1 : e) - 1075; // value = mant·2^exp
  const n = neg ? -mant : mant;
  return exp >= 0 ? { n: n << BigInt(exp), d: 1n } : { n, d: 1n << BigInt(-exp) };
}

export const fmul = (a: Frac, b: Frac): Frac => ({ n: a.n * b.n, d: a.d * b.d });
export const fquot = (a: Frac, b: Frac): Frac => (b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n });

/**
 * NPV = −I + Σ F_j/(1+rate)^j exactly: with 1 + rate = p/q and every amount A_j/2^K as exact binary fractions,
 * NPV = Σ A_j q^j p^(n−j) / (p^n 2^K) in BigInt, then rounded once (±Infinity beyond the largest double).
 * No overflow, no underflow, no lost small amount at any dynamic range. Also Σ|terms| and the ratios to I.
 */
export function exactNpv(rate: number, I: number, flows: readonly number[]): NpvRef {
  const x = fadd(bfrac(rate), { n: 1n, d: 1n }); // 1 + rate > 0
  const p = x.n;
  const q = x.d;
  const c = [I === 0 ? 0 : -I, ...flows].map(bfrac);
  const K = c.reduce((m, f) => (f.d > m ? f.d : m), 1n); // all denominators are powers of two
  const A = c.map((f) => f.n * (K / f.d));
  const n = c.length - 1;
  const qp = [1n];
  const pp = [1n];
  for (let j = 1; j <= n; j++) {
    qp.push(qp[j - 1]! * q);
    pp.push(pp[j - 1]! * p);
  }
  let T = 0n;
  let S = 0n;
  A.forEach((a, j) => {
    const w = qp[j]! * pp[n - j]!;
    T += a * w;
    S += (a < 0n ? -a : a) * w;
  });
  const den = pp[n]! * K;
  const value = fdiv({ n: T, d: den }, { n: 1n, d: 1n });
  const scale = fdiv({ n: S, d: den }, { n: 1n, d: 1n });
  const i = bfrac(I);
  const absI = i.n < 0n ? { n: -i.n, d: i.d } : i;
  return {
    value,
    scale,
    ratio: I === 0 ? NaN : fdiv({ n: T, d: den }, i),
    ratioScale: I === 0 ? NaN : fdiv({ n: S, d: den }, absI),
    unitValue: NaN,
    unitScale: NaN,
  };
}

/** The neighbouring doubles of r (r − ulp, r + ulp). */
export function neighbours(r: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, r);
  const bits = view.getBigUint64(0);
  const step = (d: bigint) => {
    view.setBigUint64(0, bits + d);
    return view.getFloat64(0);
  };
  // for a positive r the bit pattern grows with r, for a negative r it shrinks
  return r > 0 ? [step(-1n), step(1n)] : r < 0 ? [step(1n), step(-1n)] : [-(2 ** -1074), 2 ** -1074];
}

/**
 * r is an IRR of c: |NPV(r)| ≤ 1e−9·Σ|terms|, or NPV changes sign between r and a neighbouring double (no
 * double lies closer to the root: near −100 % the doubles are 1.1e−16 apart, 1 % of 1 + r at 1e−14).
 */
export function isRootRef(c: readonly number[], r: number): boolean {
  if (!(r > -1) || !Number.isFinite(r)) return false;
  const at = logNpvRef(c, r);
  if (at.rel <= 1e-9) return true;
  const [lo, hi] = neighbours(r);
  const nz = c.filter((v) => v !== 0);
  const sLo = lo > -1 ? logNpvRef(c, lo).sign : Math.sign(nz[nz.length - 1]!);
  const sHi = Number.isFinite(hi) ? logNpvRef(c, hi).sign : Math.sign(nz[0]!);
  return sLo !== at.sign || sHi !== at.sign;
}

export function signChanges(c: readonly number[]): number {
  let prev = 0;
  let k = 0;
  for (const v of c) {
    if (v === 0) continue;
    if (prev !== 0 && Math.sign(v) !== prev) k++;
    prev = Math.sign(v);
  }
  return k;
}

/**
 * formulajs IRR over the explicit series when it converged to a root, else null. Guesses outside −0.99…10
 * are replaced by 0.1: formulajs's bisection never ends from 1e286 (1e286 − 0.1 = 1e286).
 */
export function irrRef(c: readonly number[], guess: number): number | null {
  // at unit size (exact powers of two; the IRR does not depend on the scale): formulajs loops for ever on
  // amounts near 1e306 (its NPV overflows), and amounts below 1e-30 of the largest are left to the other checks
  const max = Math.max(...c.map(Math.abs));
  const unit = c.map((v) => times2(v, -Math.floor(Math.log2(max))));
  if (unit.some((v) => v !== 0 && Math.abs(v) < 1e-30)) return null;
  const r = formulajs.IRR(unit, guess >= -0.99 && guess <= 10 ? guess : 0.1) as unknown;
  if (typeof r !== "number" || !Number.isFinite(r) || r <= -1) return null;
  return logNpvRef(c, r).rel <= 1e-9 ? r : null;
}

// ---- payback -------------------------------------------------------------------------------------------------

/** Static payback on the decimals as typed: I/F for a constant F; per-year the interpolated year, or null. */
export function paybackRef(I: number, m: FlowsModel): number | null | "invalid" {
  if (m.kind === "invalid" || I < 0) return "invalid";
  if (I === 0) return 0;
  if (m.kind === "constant") return m.F > 0 ? fdiv(frac(I), frac(m.F)) : null;
  const target = frac(I);
  let cum = ZERO;
  for (let k = 0; k < m.flows.length; k++) {
    const f = m.flows[k]!;
    const next = fadd(cum, frac(f));
    if (f > 0 && fsign(fsub(next, target)) >= 0) return k + fdiv(fsub(target, cum), frac(f));
    cum = next;
  }
  return null;
}
