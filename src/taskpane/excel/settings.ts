/**
 * Reading and saving the audit header and parameters in the workbook itself: the parameter values
 * are the cells of the CP_* defined names, the header values the header cells of the sheet those
 * names point at (layout's HEADER_CELLS). Two syncs each way; language independent (a zh-CN
 * 参数 sheet is read and written the same way as an en-US Parameters sheet).
 */
import { HEADER_CELLS } from "../../worksheets/layout";
import { needsTextFormat } from "../../writers/office/cells";
import { PROTECTION_OPTIONS } from "../../writers/office/render";
import { PARAMETER_ROWS } from "../../worksheets/definitions/parameters.worksheet";
import {
  DEFAULT_SETTINGS,
  PARAMETER_KEYS,
  PARAMETER_NAMES,
  serialToIsoDate,
  type AuditHeader,
  type AuditSettings,
  type ParameterKey,
  type SettingsField,
} from "../settings";

const HEADER_KEYS = Object.keys(HEADER_CELLS) as (keyof typeof HEADER_CELLS & keyof AuditHeader)[];

/** Defined names of our parameters present in the workbook, by key (range names only, not #REF!). */
async function parameterNames(context: Excel.RequestContext): Promise<Map<ParameterKey, Excel.NamedItem>> {
  const names = context.workbook.names;
  names.load("items/name,items/type,items/formula");
  await context.sync();
  const byName = new Map(names.items.map((n) => [n.name.toLowerCase(), n] as const));
  const out = new Map<ParameterKey, Excel.NamedItem>();
  for (const k of PARAMETER_KEYS) {
    const item = byName.get(PARAMETER_NAMES[k].toLowerCase());
    if (item && item.type === "Range" && !String(item.formula).includes("#REF!")) out.set(k, item);
  }
  return out;
}

/** Text of a header cell's value (a typed date comes back as its serial). */
function headerText(key: keyof AuditHeader, v: unknown): string {
  if (typeof v === "number") return key === "date" && v >= 61 ? serialToIsoDate(v) : String(v);
  // Excel gives a string, a number or a boolean; "" for an empty cell
  return typeof v === "string" || typeof v === "boolean" ? String(v) : "";
}

/**
 * The settings stored in the workbook, or null when it holds no CP_* parameter names (no
 * parameters sheet yet). A parameter cell that is blank, holds text or a formula (the sheet's
 * "same as Y" defaults) reads as undefined. 2 syncs.
 */
export async function readSettingsFromWorkbook(context: Excel.RequestContext): Promise<AuditSettings | null> {
  const found = await parameterNames(context);
  if (found.size === 0) return null;
  const ranges = new Map<ParameterKey, Excel.Range>();
  for (const [k, item] of found) {
    const r = item.getRange();
    r.load("formulas");
    ranges.set(k, r);
  }
  const anchor = ranges.get("discountRate") ?? [...ranges.values()][0]!;
  const sheet = anchor.worksheet;
  const header = new Map<keyof AuditHeader, Excel.Range>();
  for (const k of HEADER_KEYS) {
    const pos = HEADER_CELLS[k];
    const r = sheet.getRangeByIndexes(pos.row, pos.col, 1, 1);
    // values, not formulas: a text beginning with "=" is text, and a header the user linked with
    // a formula gives its result.
    r.load("values");
    header.set(k, r);
  }
  await context.sync();
  const settings: AuditSettings = { header: { ...DEFAULT_SETTINGS.header }, parameters: {} };
  for (const [k, r] of ranges) {
    const v: unknown = r.formulas[0]?.[0];
    if (typeof v === "number" && Number.isFinite(v)) settings.parameters[k] = v;
  }
  for (const [k, r] of header) {
    settings.header[k] = headerText(k, r.values[0]?.[0]);
  }
  return settings;
}

/**
 * Writes the fields `changed` (default: every field) of `settings` into an existing parameters
 * sheet: each parameter into its named cell (an undefined one gets back the sheet's default
 * formula, e.g. `=CP_DepreciationYears` for n, or is cleared), each header value into its header
 * cell (as text). A field not in `changed` is not written at all, so what the user typed into the
 * sheet meanwhile stays. Returns false, writing nothing, when the workbook has no CP_* names yet:
 * the caller then inserts the parameters sheet.
 * 3 syncs (names, protection state, writes); 2 when nothing changed.
 */
export async function saveSettingsToWorkbook(
  context: Excel.RequestContext,
  settings: AuditSettings,
  changed: readonly SettingsField[] = [...HEADER_KEYS, ...PARAMETER_KEYS],
): Promise<boolean> {
  const found = await parameterNames(context);
  if (found.size === 0) return false;
  const write = new Set<SettingsField>(changed);
  const params = [...found].filter(([k]) => write.has(k));
  const headers = HEADER_KEYS.filter((k) => write.has(k));
  if (params.length === 0 && headers.length === 0) return true;
  const anchor = found.get("discountRate") ?? [...found.values()][0]!;
  const sheet = anchor.getRange().worksheet;
  sheet.protection.load("protected");
  await context.sync();
  const wasProtected = sheet.protection.protected;
  // Formats cannot change on a protected sheet: unprotect (generated sheets have no password).
  if (wasProtected) sheet.protection.unprotect();
  for (const [k, item] of params) {
    const v = settings.parameters[k];
    const def = PARAMETER_ROWS.find((r) => r.key === k)?.defaultFormula;
    item.getRange().formulas = [[v !== undefined ? v : def ? `=${def}` : ""]];
  }
  for (const k of headers) {
    const pos = HEADER_CELLS[k];
    const cell = sheet.getRangeByIndexes(pos.row, pos.col, 1, 1);
    const text = settings.header[k];
    // Header values are text (a date typed as 2024-05-01 stays as typed): "@" before the value,
    // then the sheet's own format back.
    if (needsTextFormat(text)) cell.numberFormat = [["@"]];
    cell.formulas = [[text]];
    if (needsTextFormat(text)) cell.numberFormat = [[k === "date" ? "yyyy-mm-dd" : "General"]];
  }
  if (wasProtected) sheet.protection.protect(PROTECTION_OPTIONS);
  await context.sync();
  return true;
}
