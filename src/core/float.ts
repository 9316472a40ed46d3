/**
 * Noise-free arithmetic helpers for core (no Office, no Node).
 *
 * Tools:
 * - {@link roundDecimals}: ROUND(x, d) as the spreadsheet computes it (decimal ties away from zero,
 *   float noise removed) — used to compare totals so float noise never splits a tie
 *   (spec §2.6/§2.7: ranks on ROUND(total, 9)).
 * - {@link exactDecimalSum}/{@link exactDecimalDifference}: each number is taken as the decimal the
 *   user typed, i.e. its shortest round-trip representation (`String(0.3)` is "0.3"), and the sum is
 *   formed exactly in decimal with BigInt, then converted once to the nearest double. So
 *   0.3 + 0.3 + 0.3 + 0.1 is exactly 1 and 0.2 + 21.9 − 22.1 is exactly 0 (edge case E17), where
 *   plain floating-point addition leaves ±1e-16 of noise; {@link decimalRatio} divides two such
 *   decimals with one rounding (balances, payback), whatever their magnitudes.
 * - {@link Ext}: binary floating point with an unbounded exponent, for the finance chains whose
 *   intermediates could overflow or fall into the subnormal range while the result is an ordinary
 *   number (issue 9: never a wrong number, a true overflow is an error).
 */

/** An exact decimal: value = coefficient × 10^exponent. */
export interface Decimal {
  coefficient: bigint;
  exponent: number;
}

/**
 * The shortest round-trip decimal of a finite double as an exact {@link Decimal}.
 * `toDecimal(0.3)` is 3 × 10^−1; `toDecimal(1.5e21)` is 15 × 10^20.
 * Throws a plain RangeError for a non-finite number (callers validate first).
 */
export function toDecimal(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`toDecimal: not a finite number (${x})`);
  if (x === 0) return { coefficient: 0n, exponent: 0 };
  const s = String(x); // shortest round-trip form, e.g. "0.3", "-1.25e-7", "1.5e+21"
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new RangeError(`toDecimal: unexpected number form ${s}`);
  const sign = m[1] === "-" ? -1n : 1n;
  const intPart = m[2] ?? "0";
  const fracPart = m[3] ?? "";
  const exp = m[4] !== undefined ? Number(m[4]) : 0;
  return { coefficient: sign * BigInt(intPart + fracPart), exponent: exp - fracPart.length };
}

/** Nearest double to an exact decimal (correctly rounded by the JS number parser). */
export function fromDecimal(d: Decimal): number {
  if (d.coefficient === 0n) return 0;
  return Number(`${d.coefficient}e${d.exponent}`);
}

/** Exact sum of decimals (aligned to the smallest exponent). */
export function addDecimals(values: readonly Decimal[]): Decimal {
  if (values.length === 0) return { coefficient: 0n, exponent: 0 };
  let minExp = Infinity;
  for (const v of values) if (v.coefficient !== 0n && v.exponent < minExp) minExp = v.exponent;
  if (minExp === Infinity) return { coefficient: 0n, exponent: 0 };
  let total = 0n;
  for (const v of values) {
    if (v.coefficient === 0n) continue;
    total += v.coefficient * 10n ** BigInt(v.exponent - minExp);
  }
  return { coefficient: total, exponent: minExp };
}

/** Σ values, each taken as its shortest decimal, summed exactly, rounded once to a double. */
export function exactDecimalSum(values: readonly number[]): number {
  return fromDecimal(addDecimals(values.map(toDecimal)));
}

/** a − b over the shortest decimals of a and b, exact, rounded once (0.2 + 21.9 vs 22.1 → 0). */
export function exactDecimalDifference(a: number, b: number): number {
  const db = toDecimal(b);
  return fromDecimal(addDecimals([toDecimal(a), { coefficient: -db.coefficient, exponent: db.exponent }]));
}

/**
 * ROUND(x, decimals) as the spreadsheet computes it, so that a value cached beside a `ROUND(…)` formula is
 * what the formula gives: x·10^d, then — where that still has a fraction finer than 2^−11 and is at most
 * 2^41 — the noise beyond 15 significant digits removed, + 0.5, floor, ÷ 10^d; ties away from zero; d no
 * more than the decimals the binary value holds; |x| ≥ 2^52 and integers unchanged; no −0.
 * So a decimal tie rounds up although its binary value lies just below it: ROUND(1.2345678905, 9) =
 * 1.234567891 and ROUND(2.675, 2) = 2.68 (`toFixed` gives 1.23456789 and 2.67). Checked against
 * LibreOffice 7.4's ROUND on 2,000 values (ties, float-noise sums, 1e-4…1e12), which it matched in all.
 * Float noise never splits a tie: `roundDecimals(1.9000000000000001, 9) === roundDecimals(1.9, 9) === 1.9`.
 * decimals: integer 0..20.
 */
export function roundDecimals(x: number, decimals: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  const a = Math.abs(x);
  if (a >= 2 ** 52 || Number.isInteger(a)) return x;
  const d = Math.min(decimals, 52 - toExt(a).e); // no more decimals than the binary value holds
  const scale = Number(`1e${d}`); // exact for d ≤ 22
  let y = a * scale;
  if (y < 2 ** 52) y = Math.floor(withoutDecimalNoise(y + 0.5));
  const r = (x < 0 ? -y : y) / scale;
  return r === 0 ? 0 : r;
}

/** z > 0 to 15 significant decimal digits, where z ≤ 2^41 has a binary fraction finer than 2^−11. */
function withoutDecimalNoise(z: number): number {
  if (z > 2 ** 41 || Number.isInteger(z * 2048)) return z;
  const k = 14 - Math.floor(Math.log10(z));
  const f = Number(`1e${Math.abs(k)}`);
  const r = Math.round(k < 0 ? z / f : z * f);
  return k < 0 ? r * f : r / f;
}

/** The rank keys of the sheets are ROUND(total, 9) (spec §2.6/§2.7, §3.4): the one place this 9 lives. */
export const RANK_KEY_DECIMALS = 9;

/**
 * ROUND(x, 9) as the sheets' rank keys use it (`ROUND(total, 9)`), see {@link roundDecimals}; no −0.
 * Totals equal up to float noise get equal keys (E20: 1.9 and 1.9000000000000001 → 1.9); a decimal tie
 * rounds away from zero like the sheet (1.2345678905 → 1.234567891, where `toFixed(9)` gives 1.23456789).
 */
export function round9(x: number): number {
  return roundDecimals(x, RANK_KEY_DECIMALS);
}

/**
 * The economics sheet's rank keys (NPVR, IRR, N): ROUND(x, 9) while that keeps at most 15
 * significant digits (|x| < 1e6), else x rounded to 15 significant digits — a key the sheet compares
 * through a COUNTIFS criterion (">"&key) must survive that text, which carries 15 significant
 * digits. The sheet's formula is `IF(ABS(x)<1E+6,ROUND(x,9),ROUND(x,14-INT(LOG10(ABS(x)))))`.
 */
export function rankKey(x: number): number {
  const a = Math.abs(x);
  if (a < 1e6) return round9(x);
  return roundDecimals(x, Math.max(0, 14 - Math.floor(Math.log10(a))));
}

/** The formula of {@link rankKey} over the expression `x` (invariant syntax, no "="). */
export function rankKeyFormula(x: string): string {
  return `IF(ABS(${x})<1E+6,ROUND(${x},9),ROUND(${x},14-INT(LOG10(ABS(${x})))))`;
}

// ---------------------------------------------------------------------------------------------
// Exact decimal ratio and comparison (balances, payback: the decimals as typed)

/** −d */
export function negateDecimal(d: Decimal): Decimal {
  return { coefficient: -d.coefficient, exponent: d.exponent };
}

/** a·b, exact. */
export function mulDecimals(a: Decimal, b: Decimal): Decimal {
  if (a.coefficient === 0n || b.coefficient === 0n) return { coefficient: 0n, exponent: 0 };
  return { coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent };
}

/** Sign of a − b (−1, 0, 1), exact. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const c = addDecimals([a, negateDecimal(b)]).coefficient;
  return c === 0n ? 0 : c > 0n ? 1 : -1;
}

/** Significant decimal digits of a non-negative BigInt (0 → 0). */
function digitCount(x: bigint): number {
  return x === 0n ? 0 : x.toString().length;
}

/**
 * a / b of two exact decimals, rounded once to the nearest double (40 significant digits and a sticky
 * digit are formed exactly with BigInt, then parsed): no overflow or underflow on the way, whatever the
 * magnitudes; ±Infinity only when the quotient itself is beyond the largest double, and 0 only when it is
 * below half the smallest. Throws a RangeError for b = 0 (callers check first).
 */
export function decimalRatio(a: Decimal, b: Decimal): number {
  if (b.coefficient === 0n) throw new RangeError("decimalRatio: division by zero");
  if (a.coefficient === 0n) return 0;
  const negative = a.coefficient < 0n !== b.coefficient < 0n;
  const A = a.coefficient < 0n ? -a.coefficient : a.coefficient;
  const B = b.coefficient < 0n ? -b.coefficient : b.coefficient;
  // A·10^k / B has at least 40 digits before the point
  const k = Math.max(0, 40 + digitCount(B) - digitCount(A));
  const num = A * 10n ** BigInt(k);
  let q = num / B;
  let exponent = a.exponent - b.exponent - k;
  if (q * B !== num) {
    q = q * 10n + 1n; // sticky digit: the exact quotient lies strictly between q and q + 1
    exponent -= 1;
  }
  const v = Number(`${q}e${exponent}`);
  return negative ? -v : v;
}

// ---------------------------------------------------------------------------------------------
// Binary floating point with an unbounded exponent (no overflow, no underflow on the way)

/**
 * A number m·2^e with 1 ≤ |m| < 2 (or m = 0, e = 0) and an unbounded integer exponent e. Its operations
 * round the mantissa like IEEE doubles (53 bits, to nearest), so for values in the normal range they give
 * bit for bit what plain double arithmetic gives; outside it they neither overflow nor lose precision.
 */
export interface Ext {
  readonly m: number;
  readonly e: number;
}

export const EXT_ZERO: Ext = { m: 0, e: 0 };

const TWO_1000 = 2 ** 1000;
const TWO_M1000 = 2 ** -1000;

function normalizeExt(m: number, e: number): Ext {
  if (m === 0) return EXT_ZERO;
  let mm = m;
  let ee = e;
  // m comes from an operation on mantissas in [1, 2): a few halvings/doublings at most, each exact
  while (Math.abs(mm) >= 2) {
    mm /= 2;
    ee += 1;
  }
  while (Math.abs(mm) < 1) {
    mm *= 2;
    ee -= 1;
  }
  return { m: mm, e: ee };
}

/** A finite double as an {@link Ext} (exact). */
export function toExt(x: number): Ext {
  if (x === 0) return EXT_ZERO;
  if (!Number.isFinite(x)) throw new RangeError(`toExt: not a finite number (${x})`);
  let m = x;
  let e = 0;
  // bring m into the normal range first (exact: powers of two, no bit lost for subnormals scaled up)
  if (Math.abs(m) >= TWO_1000) {
    m *= TWO_M1000;
    e += 1000;
  } else if (Math.abs(m) < TWO_M1000) {
    m *= TWO_1000;
    e -= 1000;
  }
  const k = Math.floor(Math.log2(Math.abs(m)));
  m *= 2 ** -k;
  e += k;
  return normalizeExt(m, e);
}

function fromExtParts(m: number, e: number): number {
  if (m === 0) return 0;
  if (e > 1023) return m > 0 ? Infinity : -Infinity;
  if (e >= -1022) return m * 2 ** e; // normal result: exact
  if (e < -1076) return 0; // below half the smallest subnormal
  // subnormal result: m·2^(e+1000) is an exact normal number, one rounding in the last multiplication
  return m * 2 ** (e + 1000) * TWO_M1000;
}

/** The nearest double (one rounding; ±Infinity beyond the largest double; no −0). */
export function fromExt(a: Ext): number {
  const v = fromExtParts(a.m, a.e);
  return v === 0 ? 0 : v;
}

export function extAdd(a: Ext, b: Ext): Ext {
  if (a.m === 0) return b;
  if (b.m === 0) return a;
  const E = Math.max(a.e, b.e);
  const da = a.e - E;
  const db = b.e - E;
  // a term more than 60 binades below the other cannot change its rounded value
  if (da < -60) return b;
  if (db < -60) return a;
  return normalizeExt(a.m * 2 ** da + b.m * 2 ** db, E);
}

export function extNeg(a: Ext): Ext {
  return a.m === 0 ? a : { m: -a.m, e: a.e };
}

export function extSub(a: Ext, b: Ext): Ext {
  return extAdd(a, extNeg(b));
}

export function extMul(a: Ext, b: Ext): Ext {
  if (a.m === 0 || b.m === 0) return EXT_ZERO;
  return normalizeExt(a.m * b.m, a.e + b.e);
}

/** a / b; b = 0 → RangeError (callers check first). */
export function extDiv(a: Ext, b: Ext): Ext {
  if (b.m === 0) throw new RangeError("extDiv: division by zero");
  if (a.m === 0) return EXT_ZERO;
  return normalizeExt(a.m / b.m, a.e - b.e);
}

/** Sign of a (−1, 0, 1). */
export function extSign(a: Ext): number {
  return Math.sign(a.m);
}

/** True when a double computation that met only these values was exact IEEE arithmetic in the normal range. */
export function isNormalOrZero(x: number): boolean {
  const a = x < 0 ? -x : x;
  return a === 0 || (a >= 2.2250738585072014e-308 && a <= 1.7976931348623157e308);
}
