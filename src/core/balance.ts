/**
 * Material balance (物料平衡), spec §4: gap (差值) and relative error (相对误差) of measured inputs
 * and outputs of one unit operation or audit focus, all in one basis (t/d, t/a, t per batch …;
 * convert units before, see units.ts).
 *
 * No float noise (edge case E17): every quantity is taken as the decimal it was typed (its shortest
 * round-trip decimal, e.g. 0.3), totals and the gap are formed exactly in decimal (BigInt) and
 * rounded once to the nearest double. So inputs 0.3, 0.3, 0.3, 0.1 against an output of 1 give a
 * gap of exactly 0 and a relative error of exactly 0, where plain addition gives ±1e-16.
 */
import { CpError, describe } from "./errors";
import { addDecimals, compareDecimals, decimalRatio, fromDecimal, mulDecimals, negateDecimal, toDecimal, type Decimal } from "./float";

/** A balance range (n×1 or 1×n): quantities ≥ 0; null/undefined = blank cell, skipped like SUM. */
export type QuantitiesInput = readonly (number | null | undefined)[];

/** Default acceptance: |relative error| ≤ 5 % (spec §4.3). */
export const DEFAULT_BALANCE_TOLERANCE = 0.05;

function exactSum(values: QuantitiesInput, what: string): Decimal {
  if (!Array.isArray(values)) {
    throw new CpError("#VALUE!", `${what}s must be a list of measured quantities (got ${describe(values)})`);
  }
  const parts: Decimal[] = [];
  (values as readonly unknown[]).forEach((v, k) => {
    if (v === null || v === undefined) return; // blank cell: skipped like SUM (E07)
    const row = `${what} row ${k + 1}`;
    if (typeof v !== "number") {
      throw new CpError("#VALUE!", `${row} is ${describe(v)}: a measured quantity must be a number`);
    }
    if (!Number.isFinite(v)) throw new CpError("#VALUE!", `${row} must be a finite number (got ${describe(v)})`);
    if (v < 0) throw new CpError("#NUM!", `${row} is ${v}: a measured flow cannot be negative`);
    parts.push(toDecimal(v));
  });
  return addDecimals(parts);
}

function finiteOrNum(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new CpError("#NUM!", `${what} overflows the number range`);
  return x === 0 ? 0 : x;
}

/**
 * Σ of one balance range (a total of inputs or outputs, same unit as the quantities).
 * Blanks are skipped; a negative quantity → #NUM! naming `${what} row k` (1-based); text, boolean,
 * NaN or ±Infinity → #VALUE!. Exact decimal summation (no float noise, E17).
 * @param what "input" or "output" (names the row in messages: "input row 2")
 */
export function sumFlows(values: QuantitiesInput, what: string): number {
  return finiteOrNum(fromDecimal(exactSum(values, what)), `the sum of the ${what}s`);
}

function gapDecimal(inputs: QuantitiesInput, outputs: QuantitiesInput): { tin: Decimal; tout: Decimal; gap: Decimal } {
  const tin = exactSum(inputs, "input");
  const tout = exactSum(outputs, "output");
  const gap = addDecimals([tin, negateDecimal(tout)]);
  return { tin, tout, gap };
}

/**
 * 差值 G = ΣIn − ΣOut (same unit as the quantities; > 0 = unaccounted loss), spec §4.3,
 * CP.BALANCEGAP. Computed exactly in decimal: inputs 0.2, 21.9 vs 22.1 → exactly 0 (E17).
 * @param inputs measured inputs (n×1 or 1×n), ≥ 0, blanks skipped
 * @param outputs measured outputs, ≥ 0, blanks skipped
 */
export function balanceGap(inputs: QuantitiesInput, outputs: QuantitiesInput): number {
  return finiteOrNum(fromDecimal(gapDecimal(inputs, outputs).gap), "the balance gap");
}

/**
 * 相对误差 e = (ΣIn − ΣOut)/ΣIn, a decimal (0.0136 = 1.36 %), spec §4.3, CP.BALANCEERROR.
 * The quotient of the exact decimal gap and total, rounded once (a zero gap gives exactly 0): never
 * through the totals as doubles, so totals beyond the largest double (inputs 1.7e308, 1.7e308 vs output
 * 1.7e308 → 0.5) and subnormal amounts (1e-320 vs 5e-321 → 0.5) give the true ratio.
 * ΣIn = 0 → #DIV/0!.
 */
export function relativeError(inputs: QuantitiesInput, outputs: QuantitiesInput): number {
  const { tin, gap } = gapDecimal(inputs, outputs);
  if (tin.coefficient === 0n) {
    throw new CpError("#DIV/0!", "the sum of the inputs is 0: the relative error (ΣIn − ΣOut)/ΣIn is undefined");
  }
  if (gap.coefficient === 0n) return 0;
  return finiteOrNum(decimalRatio(gap, tin), "the relative error");
}

function toleranceArg(tolerance: number | null | undefined): number {
  if (tolerance === undefined || tolerance === null) return DEFAULT_BALANCE_TOLERANCE;
  if (typeof tolerance !== "number" || !Number.isFinite(tolerance)) {
    throw new CpError("#VALUE!", `tolerance must be a finite number (got ${describe(tolerance)})`);
  }
  if (tolerance < 0) throw new CpError("#NUM!", `tolerance must be ≥ 0 (a decimal, 0.05 = 5 %); got ${tolerance}`);
  return tolerance;
}

/** |G|/ΣIn ≤ tolerance, decided exactly on the decimals (|G| ≤ tolerance·ΣIn; ΣIn > 0): no overflow. */
function withinTolerance(gap: Decimal, tin: Decimal, tol: number): boolean {
  const absGap = gap.coefficient < 0n ? negateDecimal(gap) : gap;
  return compareDecimals(absGap, mulDecimals(toDecimal(tol), tin)) <= 0;
}

/**
 * Balance acceptance |e| ≤ tolerance (spec §4.3, CP.BALANCECHECK), decided on the exact decimals, so a
 * relative error beyond the largest double (input 5e-324 against output 0.3) is simply FALSE.
 * @param tolerance decimal ≥ 0; default 0.05 (null/undefined → default, E08); negative → #NUM!
 * ΣIn = 0 → #DIV/0! (no relative error).
 */
export function balanceCheck(inputs: QuantitiesInput, outputs: QuantitiesInput, tolerance?: number | null): boolean {
  const tol = toleranceArg(tolerance);
  const { tin, gap } = gapDecimal(inputs, outputs);
  if (tin.coefficient === 0n) {
    throw new CpError("#DIV/0!", "the sum of the inputs is 0: the relative error (ΣIn − ΣOut)/ΣIn is undefined");
  }
  return withinTolerance(gap, tin, tol);
}

/** Result of {@link evaluateBalance}. */
export interface BalanceResult {
  /** ΣIn, unit of the quantities */
  totalIn: number;
  /** ΣOut */
  totalOut: number;
  /** G = ΣIn − ΣOut */
  gap: number;
  /** e = G/ΣIn, decimal */
  relativeError: number;
  /** |e| ≤ tolerance */
  withinTolerance: boolean;
}

/**
 * Totals, gap, relative error and acceptance of one balance at once (spec §4.3).
 * Same rules as the single functions: blanks skipped, negative → #NUM!, text → #VALUE!,
 * ΣIn = 0 → #DIV/0!, tolerance default 0.05.
 */
export function evaluateBalance(inputs: QuantitiesInput, outputs: QuantitiesInput, tolerance?: number | null): BalanceResult {
  const tol = toleranceArg(tolerance);
  const totalIn = sumFlows(inputs, "input");
  const totalOut = sumFlows(outputs, "output");
  const gap = balanceGap(inputs, outputs);
  const e = relativeError(inputs, outputs);
  const exact = gapDecimal(inputs, outputs);
  return { totalIn, totalOut, gap, relativeError: e, withinTolerance: withinTolerance(exact.gap, exact.tin, tol) };
}
