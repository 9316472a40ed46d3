/**
 * Argument coercion for the CP.* custom functions (engineering guide §1 "functions", edge cases E06–E09).
 *
 * Every argument is declared `any` (scalars) or `any[][]` (ranges) in the metadata, so Excel hands the raw
 * cell values over and the rules below decide, not Excel's own text-to-number conversion (which would read
 * the text "1,2" as 12 in an English Excel, E09):
 *
 * - a number argument takes a finite number; text (also "12" or "1,2"), a boolean, an error value or an array
 *   is `#VALUE!` with a message naming the argument; a blank required argument is `#VALUE!` ("is required"),
 *   never a silent 0;
 * - an omitted optional argument arrives as `null` (or `undefined`) and takes its documented default (E08);
 * - a range argument is one row or one column (1×n or n×1); a 2-D block, a ragged or empty array is `#VALUE!`;
 *   inside it, a blank cell (null, undefined or "" from a formula returning "") is kept as `null` for the
 *   caller to decide: a per-year cash-flow range counts it as a zero year (E06, positional), a balance range
 *   skips it like SUM (E07); text, booleans and error values in a range are `#VALUE!` naming the position.
 *
 * All failures are thrown as CpError; `excel-errors.ts` turns them into `CustomFunctions.Error` at one point.
 */
import { CpError, describe } from "../core/errors";
import { MAX_YEARS } from "../core/finance";

function isBlank(x: unknown): boolean {
  return x === null || x === undefined || x === "";
}

/** Why `x` is not a number, for messages. */
function notANumber(x: unknown, what: string): CpError {
  if (typeof x === "string") {
    return new CpError("#VALUE!", `${what} must be a number, not the text ${JSON.stringify(x)} (text is never read as a number)`);
  }
  if (typeof x === "boolean") return new CpError("#VALUE!", `${what} must be a number, not the logical value ${x ? "TRUE" : "FALSE"}`);
  if (typeof x === "number") return new CpError("#VALUE!", `${what} must be a finite number (got ${x})`);
  if (Array.isArray(x)) return new CpError("#VALUE!", `${what} must be a single number, not a range`);
  if (isErrorValue(x)) return new CpError("#VALUE!", `${what} is an error value (${(x as { code: string }).code})`);
  return new CpError("#VALUE!", `${what} must be a number (got ${describeValue(x)})`);
}

function isErrorValue(x: unknown): boolean {
  return typeof x === "object" && x !== null && typeof (x as { code?: unknown }).code === "string";
}

function describeValue(x: unknown): string {
  if (typeof x === "object" && x !== null) return Array.isArray(x) ? "a range" : "an object";
  return describe(x);
}

/** A single number argument taken from a scalar or a 1×1 range `[[x]]`. */
function unwrapScalar(x: unknown): unknown {
  if (Array.isArray(x) && x.length === 1 && Array.isArray(x[0]) && x[0].length === 1) return x[0][0];
  return x;
}

/**
 * A required number argument. Blank (null/undefined/"") → #VALUE! "`name` is required"; text, boolean,
 * NaN, ±Infinity, a range → #VALUE!.
 */
export function requiredNumber(x: unknown, name: string): number {
  const v = unwrapScalar(x);
  if (isBlank(v)) throw new CpError("#VALUE!", `${name} is required (the argument is empty or a blank cell)`);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  throw notANumber(v, name);
}

/** An optional number argument: omitted (null/undefined) → `fallback`; otherwise as {@link requiredNumber}. */
export function optionalNumber<T extends number | undefined>(x: unknown, name: string, fallback: T): number | T {
  const v = unwrapScalar(x);
  if (v === null || v === undefined) return fallback;
  if (v === "") throw new CpError("#VALUE!", `${name} must be a number, not empty text`);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  throw notANumber(v, name);
}

/**
 * An optional logical argument: omitted → `fallback`; TRUE/FALSE; a number like Excel's logical tests
 * (0 = FALSE, any other finite number = TRUE); text → #VALUE!.
 */
export function optionalBoolean(x: unknown, name: string, fallback: boolean): boolean {
  const v = unwrapScalar(x);
  if (v === null || v === undefined) return fallback;
  if (typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v !== 0;
  if (typeof v === "string") throw new CpError("#VALUE!", `${name} must be TRUE or FALSE, not the text ${JSON.stringify(v)}`);
  throw new CpError("#VALUE!", `${name} must be TRUE or FALSE (got ${describeValue(v)})`);
}

/** A required text argument (unit texts); surrounding spaces trimmed; blank or non-text → #VALUE!. */
export function requiredText(x: unknown, name: string): string {
  const v = unwrapScalar(x);
  if (isBlank(v)) throw new CpError("#VALUE!", `${name} is required (the argument is empty or a blank cell)`);
  if (typeof v !== "string") throw new CpError("#VALUE!", `${name} must be a text such as "t/a" (got ${describeValue(v)})`);
  const t = v.trim();
  if (t === "") throw new CpError("#VALUE!", `${name} is required (got only spaces)`);
  return t;
}

/**
 * The cells of a range argument that is one row or one column, in reading order; blank cells are `null`.
 * A plain number (not wrapped in a range) is taken as a 1×1 range.
 * @param name the argument, for messages about the whole range ("inputs is an empty range")
 * @param item the label of one cell, followed by its 1-based position ("input row" → "input row 3",
 *   the words core uses for the same rows)
 * @throws CpError #VALUE! for a 2-D block, a ragged or empty array, text, a boolean, an error value or a
 *   non-finite number in a cell.
 */
export function vector(x: unknown, name: string, item = `${name} row`): (number | null)[] {
  const cells = vectorCells(x, name);
  return cells.map((c, k) => {
    if (isBlank(c)) return null;
    if (typeof c === "number" && Number.isFinite(c)) return c;
    throw notANumber(c, `${item} ${k + 1}`);
  });
}

/** The raw cells of a one-row or one-column range, shape checked. */
function vectorCells(x: unknown, name: string): unknown[] {
  if (!Array.isArray(x)) {
    if (x === null || x === undefined) throw new CpError("#VALUE!", `${name} is required (a range of one row or one column)`);
    return [x];
  }
  if (x.length === 0) throw new CpError("#VALUE!", `${name} is an empty range`);
  const rows = x.length;
  const first: unknown = x[0];
  if (!Array.isArray(first)) {
    // A flat list (never from Excel, which always passes rows): accept it as one row.
    if (x.some((c) => Array.isArray(c))) throw new CpError("#VALUE!", `${name} must be a range of one row or one column (rows of different shapes)`);
    return x;
  }
  const cols = first.length;
  for (let r = 0; r < rows; r++) {
    const row: unknown = x[r];
    if (!Array.isArray(row) || row.length !== cols) {
      throw new CpError("#VALUE!", `${name} must be a rectangular range (row ${r + 1} has a different number of cells)`);
    }
    for (const c of row) if (Array.isArray(c)) throw new CpError("#VALUE!", `${name} must be a range of single values`);
  }
  if (cols === 0) throw new CpError("#VALUE!", `${name} is an empty range`);
  if (rows === 1) return first.slice();
  if (cols === 1) return x.map((row: unknown[]) => row[0]);
  throw new CpError("#VALUE!", `${name} must be one row or one column (got ${rows} rows × ${cols} columns)`);
}

/** True when the argument is a single cell value, i.e. a scalar or a 1×1 range. */
export function isSingleCell(x: unknown): boolean {
  if (!Array.isArray(x)) return true;
  return x.length === 1 && Array.isArray(x[0]) && x[0].length === 1;
}

/** Per-year cash flows: positional, a blank year counts as 0 (E06). */
export function yearlyFlows(x: unknown, name: string): number[] {
  return vector(x, name, `${name} year`).map((v) => v ?? 0);
}

/**
 * A cashFlows argument of NPV/IRR/NPVR/PAYBACK/IRRINTERP: one number (a constant annual cash flow F, for
 * `years` years) or a per-year range F_1..F_n (blank year = 0, `years` ignored).
 *
 * @param yearsRule "required": one number needs `years` (#VALUE! without it);
 *   "optional": one number without `years` is taken as one year (PAYBACK's I/F needs no horizon).
 * @returns the flows F_1..F_n that are discounted.
 */
export function cashFlowsArg(cashFlows: unknown, years: unknown, yearsRule: "required" | "optional"): number[] {
  const c = cashFlowsInput(cashFlows, years, yearsRule);
  return c.kind === "constant" ? new Array<number>(c.years).fill(c.F) : c.flows;
}

/** A cashFlows argument as given: one number (a constant F for `years` years) or a per-year range. */
export type CashFlowsInput = { kind: "constant"; F: number; years: number } | { kind: "perYear"; flows: number[] };

/**
 * The same rules as {@link cashFlowsArg}, but says which of the two forms was given: a range of two or
 * more cells is always per-year (also when its years happen to be equal), only one number (or a 1×1
 * range) is a constant F. CP.PAYBACK needs the difference: I/F for a constant F, but "not recovered
 * within the range" for per-year flows that do not reach I by the range's last year.
 */
export function cashFlowsInput(cashFlows: unknown, years: unknown, yearsRule: "required" | "optional"): CashFlowsInput {
  if (isSingleCell(cashFlows)) {
    const v = unwrapScalar(cashFlows);
    if (isBlank(v)) throw new CpError("#VALUE!", "cashFlows is required: one number (annual cash flow F) or a range of yearly cash flows");
    const F = requiredNumber(v, "cashFlows");
    const n = yearsRule === "required" ? requiredYears(years) : optionalYears(years, 1);
    return { kind: "constant", F, years: n };
  }
  // Per-year range: `years` is not used, but a value given must still be a valid argument (no silent text).
  if (years !== null && years !== undefined) optionalYears(years, 1);
  return { kind: "perYear", flows: yearlyFlows(cashFlows, "cashFlows") };
}

/** Largest horizon accepted for a constant cash flow: core's MAX_YEARS (one definition), re-exported. */
export { MAX_YEARS };

function checkYears(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_YEARS) {
    throw new CpError("#NUM!", `years must be a whole number of years from 1 to ${MAX_YEARS}; got ${n}`);
  }
  return n;
}

function requiredYears(x: unknown): number {
  const v = unwrapScalar(x);
  if (v === null || v === undefined || v === "") {
    throw new CpError("#VALUE!", "years is required when cashFlows is one number (a constant annual cash flow F for `years` years)");
  }
  return checkYears(requiredNumber(v, "years"));
}

function optionalYears(x: unknown, fallback: number): number {
  return checkYears(optionalNumber(x, "years", fallback));
}
