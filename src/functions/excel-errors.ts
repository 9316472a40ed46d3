/**
 * The one point where failures become Excel errors (engineering guide §3).
 *
 * - a CpError (core's or coerce's) → `new CustomFunctions.Error(code, message)` with the same code and message;
 * - any other exception → `#VALUE!` "internal error: …" (a bug of ours; the message helps a report);
 * - a result that is NaN or ±Infinity (core promises never to return one; this is the last guard) → `#NUM!`
 *   "internal error: …" (a bug of ours, like any other exception).
 *
 * Excel shows the message only for `#VALUE!` and `#N/A`; the others still carry it (tests assert it).
 * `CustomFunctions` is the global the Office runtime provides (tests install a stub: test/setup).
 */
import { isCpError, type ExcelErrorCode } from "../core/errors";

/** What a CP.* function hands back to Excel: a value, a spilled row, or an Excel error. */
export type CellResult = number | boolean | string | CustomFunctions.Error;

/**
 * An Excel error with a message. `code` is Excel's error text; the runtime's `CustomFunctions.ErrorCode`
 * member of the same text is used (invalidValue "#VALUE!", invalidNumber "#NUM!", divisionByZero "#DIV/0!",
 * notAvailable "#N/A").
 */
export function excelError(code: ExcelErrorCode, message: string): CustomFunctions.Error {
  const EC = CustomFunctions.ErrorCode;
  switch (code) {
    case "#NUM!":
      return new CustomFunctions.Error(EC.invalidNumber, message);
    case "#DIV/0!":
      return new CustomFunctions.Error(EC.divisionByZero, message);
    case "#N/A":
      return new CustomFunctions.Error(EC.notAvailable, message);
    default:
      return new CustomFunctions.Error(EC.invalidValue, message);
  }
}

/** Maps any thrown value to an Excel error (the single mapping point). */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (isCpError(e)) return excelError(e.code, e.message);
  const detail = e instanceof Error ? e.message : String(e);
  return excelError("#VALUE!", `internal error: ${detail}`);
}

function checkFinite(x: number, what: string): number | CustomFunctions.Error {
  if (Number.isFinite(x)) return x === 0 ? 0 : x; // no −0 in a cell
  // core throws a CpError for a true overflow and never returns NaN or ±Infinity: reaching this is a bug of
  // ours, said as such (the property tests fail on any "internal error" from plausible input)
  return excelError("#NUM!", `internal error: ${what} is not a finite number (${x}); please report the inputs`);
}

/**
 * Runs a scalar CP.* computation: returns its number/boolean/text, or the Excel error it failed with.
 * Never throws, never returns NaN or ±Infinity.
 */
export function cell(compute: () => number | boolean | string, what = "result"): CellResult {
  try {
    const v = compute();
    if (typeof v === "number") return checkFinite(v, what);
    if (typeof v === "boolean" || typeof v === "string") return v;
    return excelError("#VALUE!", `internal error: ${what} is not a cell value`);
  } catch (e) {
    return toExcelError(e);
  }
}

/**
 * Runs a CP.* computation that spills one row (1×n): each element is a number, or an Excel error for that
 * element alone (`null` entries are turned into the error `missing(k)` gives). A failure of the whole
 * computation returns one Excel error (Excel shows it in the anchor cell).
 */
export function row(
  compute: () => readonly (number | CustomFunctions.Error)[],
  what = "result",
): (number | CustomFunctions.Error)[][] | CustomFunctions.Error {
  try {
    const values = compute();
    return [values.map((v, k) => (typeof v === "number" ? checkFinite(v, `${what} column ${k + 1}`) : v))];
  } catch (e) {
    return toExcelError(e);
  }
}
