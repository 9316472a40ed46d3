/**
 * Cell values as the report prints them: the workbook's number format applied to core's value
 * (the SheetModel's cached result), so a figure in the report reads as it reads in the sheet.
 *
 * Formats the builder uses (layout.ts FMT): "0.00" (万元, years), "0.00%" (rates, NPVR, IRR),
 * "0" (counts, ranks), "General", "@" (text), "yyyy-mm-dd" (an Excel date serial), plus a few
 * other "0.0…" and "0.0…%" patterns, handled by their number of decimals.
 */
import type { CellValue, Lang } from "../worksheets/model";

/** Excel's serial of 1970-01-01 (1900 date system). */
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;

/** An Excel date serial as yyyy-mm-dd (whole days; the time part is dropped). */
export function formatDateSerial(serial: number): string {
  const d = new Date(Math.round((Math.floor(serial) - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
  return d.toISOString().slice(0, 10);
}

/**
 * A number as Excel's "General" shows it in a normal-width cell: at most 10 significant digits,
 * no trailing zeros, no exponent for ordinary magnitudes (3.9059999999999997 → "3.906").
 */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return "0";
  const abs = Math.abs(n);
  // very large or small: mantissa with up to 5 decimals, as Excel writes 1.23457E+11
  if (abs >= 1e11 || abs < 1e-9) return n.toExponential(5).replace(/\.?0+e/, "e").toUpperCase();
  return String(Number(n.toPrecision(10)));
}

/** Decimals of a fixed "0", "0.00", "0.0000000%" style pattern; undefined when the pattern is not one. */
function fixedDecimals(format: string): { decimals: number; percent: boolean } | undefined {
  const m = /^0(?:\.(0+))?(%?)$/.exec(format);
  if (!m) return undefined;
  return { decimals: m[1]?.length ?? 0, percent: m[2] === "%" };
}

/**
 * The text of a cell value under `format`. Blank (null, undefined, "") → ""; booleans as the
 * workbook language's TRUE/FALSE words are never shown by our sheets, so they print as "" (hidden
 * helper flags) — callers drop hidden columns first.
 * @param value core's value (a formula's cached result or an input)
 * @param format the cell's Excel number format (undefined = General)
 */
export function formatCell(value: CellValue | undefined, format: string | undefined, _lang?: Lang): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return "";
  if (typeof value === "string") return value;
  if (format === undefined || format === "General" || format === "@") return formatGeneral(value);
  if (format === "yyyy-mm-dd") return formatDateSerial(value);
  const fixed = fixedDecimals(format);
  if (!fixed) return formatGeneral(value);
  const shown = fixed.percent ? value * 100 : value;
  const text = roundHalfAwayFromZero(shown, fixed.decimals);
  return fixed.percent ? `${text}%` : text;
}

/**
 * `n` with `decimals` decimals, rounding half away from zero as Excel and LibreOffice display it
 * (toFixed rounds the binary value: 1.005.toFixed(2) = "1.00", Excel shows 1.01).
 */
export function roundHalfAwayFromZero(n: number, decimals: number): string {
  const p = 10 ** decimals;
  const scaled = Math.abs(n) * p;
  // a nudge of a few ulps so a decimal half (x.xx5 stored as x.xx4999…) rounds up as displayed
  const r = Math.round(scaled * (1 + 4 * Number.EPSILON)) / p;
  const text = r.toFixed(decimals);
  return n < 0 && Number(text) !== 0 ? `-${text}` : text;
}
