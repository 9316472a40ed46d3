/**
 * Noise-free arithmetic helpers for core (no Office, no Node).
 *
 * Two tools:
 * - {@link roundDecimals}: ROUND(x, d) on the exact binary value, as Excel's ROUND does for ties
 *   that are not ties in binary — used to compare totals so float noise never splits a tie
 *   (spec §2.6/§2.7: ranks on ROUND(total, 9)).
 * - {@link exactDecimalSum}/{@link exactDecimalDifference}: each number is taken as the decimal the
 *   user typed, i.e. its shortest round-trip representation (`String(0.3)` is "0.3"), and the sum is
 *   formed exactly in decimal with BigInt, then converted once to the nearest double. So
 *   0.3 + 0.3 + 0.3 + 0.1 is exactly 1 and 0.2 + 21.9 − 22.1 is exactly 0 (edge case E17), where
 *   plain floating-point addition leaves ±1e-16 of noise.
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
 * ROUND(x, decimals) on the exact binary value of x (ties away from zero), no float noise:
 * `roundDecimals(1.9000000000000001, 9) === roundDecimals(1.9, 9) === 1.9`.
 * |x| ≥ 1e21 is returned unchanged (already an integer in binary). decimals: integer 0..20.
 */
export function roundDecimals(x: number, decimals: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  const r = Number(x.toFixed(decimals));
  return r === 0 ? 0 : r; // no −0
}
