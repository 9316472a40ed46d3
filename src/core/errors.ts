/**
 * The one error type of core (engineering guide §3).
 *
 * Every failure of the audit mathematics carries the Excel error code a spreadsheet would show
 * and a message that names the argument and the rule broken. core never returns NaN or ±Infinity:
 * it throws a CpError instead. functions/ maps it to `CustomFunctions.Error`, the CLI prints the
 * message, the task pane shows it in a MessageBar.
 */
export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A";

export class CpError extends Error {
  /** Excel error value this failure shows as: `#VALUE!`, `#NUM!`, `#DIV/0!` or `#N/A`. */
  readonly code: ExcelErrorCode;

  constructor(code: ExcelErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = "CpError";
  }
}

/** True when `e` is a CpError (also across module copies, by shape). */
export function isCpError(e: unknown): e is CpError {
  return (
    e instanceof CpError ||
    (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "CpError" && "code" in e)
  );
}

/** Throws `#VALUE!` unless `x` is a finite number; `what` names the argument in the message. */
export function requireFinite(x: unknown, what: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new CpError("#VALUE!", `${what} must be a finite number (got ${describe(x)})`);
  }
  return x;
}

/** Short description of a value for error messages. */
export function describe(x: unknown): string {
  if (x === null) return "blank";
  if (x === undefined) return "nothing";
  if (typeof x === "string") return JSON.stringify(x);
  if (typeof x === "number" || typeof x === "boolean" || typeof x === "bigint" || typeof x === "symbol") return String(x);
  if (Array.isArray(x)) return String(x);
  // String() of an object is "[object Object]", which names nothing
  return typeof x === "function" ? "a function" : "an object";
}
