/**
 * Pieces shared by the plain phase 1–3 worksheets (issue 10 part A): the row-number column, list
 * texts, dates as Excel serial numbers, the 检查 column built from (condition, flag) steps, and
 * number validations.
 */
import { canonicalItem, itemText, l, tr, type Item, type L } from "../i18n";
import { FMT, str, type BuildContext, type SheetBuilder } from "../layout";
import type { CellValue } from "../model";
import type { Column, ColumnValidation, Refs } from "../table";

/** Excel's serial number of a `YYYY-MM-DD` date (days since 1899-12-30), or undefined. */
export function dateSerial(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Serial number of the first day of the month `k` months after the month of serial `s` (DATE(YEAR(s),MONTH(s)+k,1)). */
export function monthStart(s: number, k: number): number {
  const d = new Date(Date.UTC(1899, 11, 30) + s * 86_400_000);
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A list value as the cell shows it: the item's text in the workbook's language, another text kept, true/false as 是/否. */
export function listText(ctx: BuildContext, items: readonly Item[], v: string | boolean | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "boolean") return tr(ctx.lang, v ? items[0]! : items[1]!);
  return itemText(ctx.lang, items, v);
}

/** Whether a list value is the item `zh` (in either language, or true for the first item). */
export function isItem(items: readonly Item[], v: string | boolean | undefined, zh: string): boolean {
  if (v === undefined) return false;
  if (typeof v === "boolean") return (v ? items[0]! : items[1]!).zh === zh;
  return canonicalItem(items, v) === zh;
}

/** The 序号 column: the row's number below the header while any of `from`..`to` is filled, else "". */
export function rowNumberColumn<R, K extends string>(key: K, from: K, to: K): Column<R, K> {
  return {
    key,
    role: "computed",
    width: 6,
    format: FMT.integer,
    formula: (x) => `IF(COUNTA(${x.span(from, to)})=0,"",ROW()-ROW(${x.headerCell(key)}))`,
    value: (r, k) => (r ? k + 1 : null),
  };
}

/** One step of a 检查 column: the condition (formula) that raises `flag`. */
export type CheckStep<K extends string> = [(x: Refs<K>) => string, L];

/** The 检查 formula: the first flag whose condition holds, "" when none or the row (`from`..`to`) is empty. */
export function checkFormula<K extends string>(from: K, to: K, steps: readonly CheckStep<K>[]): (x: Refs<K>) => string {
  return (x) => {
    let f = `""`;
    for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0](x)},${x.s(steps[i]![1])},${f})`;
    return `IF(COUNTA(${x.span(from, to)})=0,"",${f})`;
  };
}

/** The flag text of the first step whose TypeScript test holds (the cached value of {@link checkFormula}). */
export function firstFlag(ctx: BuildContext, tests: readonly [boolean, L][]): CellValue {
  const hit = tests.find(([b]) => b);
  return hit ? tr(ctx.lang, hit[1]) : null;
}

/** `IF(OR(NOT(ISNUMBER(a)),…),"",expr)`: blank unless every reference is a number. */
export function whenNumbers(refs: readonly string[], expr: string): string {
  return `IF(OR(${refs.map((r) => `NOT(ISNUMBER(${r}))`).join(",")}),"",${expr})`;
}

/** Validation of a number ≥ 0 (whole when asked). */
export function nonNegative(error: L, whole = false): ColumnValidation {
  return { number: { min: 0, whole, error } };
}

/** Validation of a date cell (a serial number from 1900-01-01 to 9999-12-31). */
export const DATE_VALIDATION: ColumnValidation = { number: { min: 1, max: 2_958_465, error: l("请输入日期，例如 2024-03-01", "Enter a date, e.g. 2024-03-01") } };

/** Width of a date cell: yyyy-mm-dd in a substitute font's wider digits, never ###. */
export const DATE_WIDTH = 12;

/** One figure of a summary line: its label, formula, cached value and number format. */
export type SummaryFigure = [label: L, formula: string, value: CellValue, format: string];

/**
 * A summary line above a table: label (header style) and figure (total style) pairs side by side
 * from column 1 (label in 1, figure in 2, next label in 3 …). Returns the column after the last.
 */
export function summaryLine(b: SheetBuilder, ctx: BuildContext, row: number, figures: readonly SummaryFigure[]): number {
  figures.forEach(([label, f, v, fmt], i) => {
    b.header(row, 1 + 2 * i, tr(ctx.lang, label));
    b.formula(row, 2 + 2 * i, f, v, "total", fmt);
  });
  return 1 + 2 * figures.length;
}

/** A text literal of a label in the workbook's language. */
export function lit(ctx: BuildContext, label: L): string {
  return str(tr(ctx.lang, label));
}
