/**
 * Pieces shared by the issue 12 (helper T) worksheets — 表6-7, 表6-8, 表7-1, 表7-2: the baseline of an
 * item linked from the annual data (the rule of 表2-12: its 单位产品消耗, else its Y0), column makers
 * (input / computed with a cached value), a literal row match, the summary block above a table, and
 * the read-back helpers (a case-file row without its empty fields, a keyed row, a list text in its
 * zh-CN form; dates and sections: read-back-fields.ts, read-kit.ts).
 */
import { canonicalItem, type Item, type L } from "../i18n";
import { t, type BuildContext, type SheetBuilder } from "../layout";
import type { CellValue } from "../model";
import type { CellReader } from "../read-back";
import type { Column, Refs } from "../table";
import { annualFigures, annualItem, annualMatch, annualNumber, annualRows } from "./annual-data.worksheet";
import { literalCriterion } from "./exact-match";
import { summaryLine, type SummaryFigure } from "./phase13-common";

/**
 * The audit-year figure of an annual-data item (`name` as typed): its specific consumption
 * (单位产品消耗 = Y0 ÷ prod), else its Y0; `linked` false when the name is no annual item (then the
 * sheets use a typed value). Undefined value: the item has neither.
 */
export function annualBaseline(ctx: BuildContext, name: string | undefined): { linked: boolean; value?: number } {
  const rows = annualRows(ctx);
  const a = annualItem(rows, name);
  if (!a) return { linked: false };
  const v = annualFigures(a, rows).spec ?? a.y0;
  return v === undefined ? { linked: true } : { linked: true, value: v };
}

/**
 * Formula of {@link annualBaseline} for the name in `nameRef`, with the typed `typedRef` used when the
 * name is no annual item: "" for a blank name, a missing figure or a typed cell without a number.
 */
export function annualBaselineFormula(ctx: BuildContext, nameRef: string, typedRef: string): string {
  const m = annualMatch(ctx, nameRef);
  const spec = annualNumber(ctx, "spec", nameRef);
  const y0 = annualNumber(ctx, "y0", nameRef);
  return `IF(TRIM(${nameRef})="","",IF(ISNA(${m}),IF(ISNUMBER(${typedRef}),${typedRef},""),IF(ISNUMBER(${spec}),${spec},${y0})))`;
}

/**
 * Column makers of a table of rows `R` and keys `K`: `input` (the case row's field `get`, with
 * width, format, band…) and `computed` (a formula and its cached value `get` of the case row; null
 * for the empty rows).
 */
export function columnMakers<R, K extends string>() {
  return {
    input: (key: K, width: number, get: (r: R, ctx: BuildContext) => CellValue | undefined, extra: Partial<Column<R, K>> = {}): Column<R, K> => ({
      key,
      role: "input",
      width,
      value: (r, _k, ctx) => (r ? get(r, ctx) : undefined),
      ...extra,
    }),
    computed: (key: K, formula: (x: Refs<K>) => string, get: (r: R, k: number, ctx: BuildContext) => CellValue | undefined, extra: Partial<Column<R, K>> = {}): Column<R, K> => ({
      key,
      role: "computed",
      formula,
      value: (r, k, ctx) => (r ? (get(r, k, ctx) ?? null) : null),
      ...extra,
    }),
  };
}

/** The column's text in the workbook's language of a label, or null. */
export function labelOrNull(ctx: BuildContext, label: L | null | undefined): string | null {
  return label ? (ctx.lang === "zh-CN" ? label.zh : label.en) : null;
}

/**
 * The position (1-based) in the whole table column `keys` of the text of this row's `keyRef`, matched
 * literally (trimmed, ignoring case, wildcards escaped), or "" when blank or absent.
 */
export function matchRowFormula(keyRef: string, keys: string): string {
  const item = `TRIM(${keyRef})`;
  return `IF(${item}="","",IFERROR(MATCH(${literalCriterion(item)},${keys},0),""))`;
}

/** A summary block above a table: its title in row `top`, the figures in the row below; returns the next free row. */
export function summaryBlock(b: SheetBuilder, ctx: BuildContext, top: number, title: L, items: readonly SummaryFigure[]): number {
  b.label(top, 1, t(ctx, title), "meta", false);
  summaryLine(b, ctx, top + 1, items);
  return top + 2;
}

// ------------------------------------------------------------------------------- read-back

/**
 * A case-file row read back whose `field` is its required key: undefined for an empty row; a row
 * without the key is reported on the key's cell (`missing`) and returned for the message.
 */
export function keyedRow<K extends string, T extends Record<string, unknown>>(c: CellReader<K>, key: K, x: T, field: keyof T, missing: L): T | undefined {
  if (Object.keys(x).length === 0) return undefined;
  if (x[field] === undefined) c.problem(key, `${missing.zh} / ${missing.en}`);
  return x;
}

/** `o` without its undefined fields (the case file writes no empty field). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A list cell's text in its canonical zh-CN form (a text that is no item is kept as written). */
export function listValue<K extends string>(c: CellReader<K>, key: K, items: readonly Item[]): string | undefined {
  const v = c.text(key);
  return v === undefined ? undefined : (canonicalItem(items, v) ?? v);
}

