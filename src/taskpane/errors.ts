/**
 * The message shown when writing to the workbook fails, chosen by the Office error's `code`
 * (OfficeExtension.Error: "Error codes are not localized", the message is, and is "not intended
 * for consumption by end users" — "Error handling with the application-specific JavaScript
 * APIs"). Never by matching the message text: a Chinese Excel says 您无法执行请求的操作。 where an
 * English one says "You cannot perform the requested operation.".
 */
import { OfficeWriteError, TableLayoutError, type TableProblem } from "../writers/office/render";
import type { Strings } from "./i18n";

/** The Office error code of `e` or of the error it wraps (OfficeWriteError.cause); null when none. */
export function officeErrorCode(e: unknown): string | null {
  let x: unknown = e;
  for (let depth = 0; depth < 5 && typeof x === "object" && x !== null; depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    x = (x as { cause?: unknown }).cause;
  }
  return null;
}

/** How many requested sheets an interrupted insert did not write (its `remainingKeys`); null when unknown. */
function remainingCount(e: unknown): number | null {
  const r = (e as { remainingKeys?: unknown } | null)?.remainingKeys;
  return Array.isArray(r) ? r.length : null;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One layout problem of a refused refresh, in the pane's language. */
export function layoutProblemText(p: TableProblem, t: Strings): string {
  switch (p.kind) {
    case "missing":
      return t.layoutMissing(p.table, p.sheet);
    case "elsewhere":
      return t.layoutElsewhere(p.table, p.sheet, p.actualSheet);
    case "moved":
      return t.layoutMoved(p.table, p.sheet, p.expected, p.actual);
    case "columns":
      return t.layoutColumns(p.table, p.sheet, p.expected.join(" | "), p.actual.join(" | "));
    case "taken":
      return t.layoutTaken(p.table, p.sheet, p.actualSheet);
  }
}

/**
 * What to tell the user when an insert, a save or a formula failed. `otherwise` words the
 * failures without a code the pane knows (default: the insert's message).
 */
export function writeErrorText(e: unknown, t: Strings, otherwise: (msg: string) => string = t.errorWrite): string {
  if (e instanceof TableLayoutError) return t.errorLayout(e.problems.map((p) => layoutProblemText(p, t)));
  const msg = message(e);
  switch (officeErrorCode(e)) {
    case "AccessDenied":
      return t.errorProtected(msg);
    case "ItemNotFound":
      return t.errorNotFound(msg);
    case "InvalidArgument":
      return t.errorInvalidArgument(msg);
    case "RequestPayloadSizeLimitExceeded":
      return t.errorTooLarge(msg);
    case "InvalidOperationInCellEditMode":
      return t.errorCellEdit;
    case "InactiveWorkbook":
      return t.errorInactiveWorkbook(e instanceof OfficeWriteError ? [...e.written] : [], remainingCount(e));
    case "ItemAlreadyExists":
      return t.errorExists(msg);
    default:
      return otherwise(msg);
  }
}
