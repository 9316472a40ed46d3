/**
 * The shape shared by the per-option statements of phase 5 (表5-1 投资费用统计表, 表5-2 运行费用和收益统计表):
 * one table row per option, the id picked from the register (`CP_OptionIds`), the name looked up,
 * input items (万元 or 万元/a) in groups, each group's subtotal, the result (I or P) and a 检查 column.
 *
 * Blank-safe (spec §1.2): a row with no item gives "" in every subtotal and in the result (never 0);
 * a blank item counts 0 once another item of the row is filled; a text in an item cell makes every
 * computed cell of its row "" and is named in 检查. The cached values are the same sums, left to right
 * as SUM adds them ({@link sumItems}).
 */
import type { OptionEntry } from "../case";
import { l, type L } from "../i18n";
import { FMT, t, type BuildContext } from "../layout";
import type { CellValue } from "../model";
import { whole, type Column, type Refs } from "../table";
import { literalCriterion, lookupExact, lookupOrBlank } from "./exact-match";
import { OPTION_IDS_NAME, registerRows, TBL_OPTIONS } from "./option-register.worksheet";

/** Texts of the statements' check columns. */
export const STATEMENT_LABELS = {
  unknownId: l("编号不在方案汇总表中", "ID not in the options register"),
  duplicate: l("编号重复", "Duplicate ID"),
  noId: l("缺少方案编号", "ID missing"),
  notNumber: l("有非数值项", "An item is not a number"),
  empty: l("未填任何项", "No item filled"),
  notPositive: l("I 须大于 0", "I must be > 0"),
};

const registerIndex = new WeakMap<object, Map<string, OptionEntry>>();

/** The register's entry of an option id: the first equal ignoring case, as MATCH finds it. */
export function registerEntryOf(ctx: BuildContext, id: string): OptionEntry | undefined {
  const rows = registerRows(ctx);
  let index = registerIndex.get(rows);
  if (!index) {
    index = new Map();
    for (const o of rows) if (!index.has(o.id.toUpperCase())) index.set(o.id.toUpperCase(), o);
    registerIndex.set(rows, index);
  }
  return index.get(id.toUpperCase());
}

/** The first entry of `rows` whose `optionId` equals `id` ignoring case (MATCH's rule), or undefined. */
export function firstById<T extends { optionId: string }>(rows: readonly T[] | undefined, id: string): T | undefined {
  const key = id.toUpperCase();
  return rows?.find((r) => r.optionId.toUpperCase() === key);
}

/** Σ of the numbers among `values` left to right, or null when none is a number (the row's "" case). */
export function sumItems(values: readonly (number | undefined)[]): number | null {
  let s: number | null = null;
  for (const v of values) if (typeof v === "number") s = (s ?? 0) + v;
  return s;
}

/** One input item of a statement: key, band text and the case's value. */
export interface StatementItem<R, K extends string> {
  key: K;
  band?: L;
  /** the lowest value the cell accepts (investment items ≥ 0); none: any number */
  min?: number;
  value: (row: R) => number | undefined;
}

/** The id column: picked from the register. */
export function idColumn<R extends { optionId: string }, K extends string>(key: K): Column<R, K> {
  return {
    key,
    role: "input",
    format: FMT.text,
    width: 7,
    validation: { listName: OPTION_IDS_NAME, error: l("请从方案汇总表的方案编号中选择", "Choose an option ID of the options register") },
    value: (r) => r?.optionId,
  };
}

/** The name column: looked up in the register by id (exact match). */
export function nameColumn<R extends { optionId: string }, K extends string>(key: K, id: K): Column<R, K> {
  return {
    key,
    role: "lookup",
    width: 12,
    formula: (x) => `IF(${x.r(id)}="","",${lookupOrBlank(lookupExact(whole(TBL_OPTIONS, "name", x.lang), whole(TBL_OPTIONS, "id", x.lang), x.r(id)))})`,
    value: (r, _k, ctx) => (r ? (registerEntryOf(ctx, r.optionId)?.name ?? "") : null),
  };
}

/** A computed money column of a statement: `formula`, and the cached value `pick` takes from the row's figures `of(row)`. */
export function figureColumn<R, K extends string, F>(key: K, band: L, formula: (x: Refs<K>) => string, of: (row: R) => F, pick: (f: F) => number | null): Column<R, K> {
  return { key, role: "computed", band, format: FMT.money, formula, value: (r) => (r ? pick(of(r)) : null) };
}

/** Input columns of the items. */
export function itemColumns<R, K extends string>(items: readonly StatementItem<R, K>[], money: L): Column<R, K>[] {
  return items.map((it) => ({
    key: it.key,
    role: "input" as const,
    band: it.band ?? money,
    format: FMT.money,
    validation: {
      number: {
        ...(it.min !== undefined ? { min: it.min } : {}),
        error: it.min !== undefined ? l("须为 ≥ 0 的数（万元）", "A number ≥ 0 (10⁴ CNY)") : l("须为数值（万元/a）", "A number (10⁴ CNY/a)"),
      },
    },
    value: (r: R | undefined) => (r ? it.value(r) : undefined),
  }));
}

/** `COUNTA(range)>COUNT(range)` over each range: a text in an item cell. */
export function textIn(ranges: readonly string[]): string {
  return `(${ranges.map((g) => `COUNTA(${g})`).join("+")})>COUNT(${ranges.join(",")})`;
}

/**
 * A subtotal or result: `SUM(ranges)` when the id is given, no item is a text and at least one item
 * of `all` (the row's every item) is filled; "" otherwise.
 */
export function sumFormula<K extends string>(x: Refs<K>, id: K, all: readonly string[], ranges: readonly string[], extra = ""): string {
  return `IF(OR(${x.r(id)}="",COUNT(${all.join(",")})=0,${textIn(all)}),"",SUM(${ranges.join(",")})${extra})`;
}

/**
 * The 检查 column: id missing (with data), not in the register, duplicate in this table, a text in an
 * item, no item filled, and `extra` steps ([condition, label]) in that order; "" when the row is fine.
 */
export function checkFormula<K extends string>(x: Refs<K>, id: K, all: readonly string[], extra: readonly [string, L][] = []): string {
  const steps: [string, string][] = [
    [`ISNA(MATCH(${literalCriterion(x.r(id))},${whole(TBL_OPTIONS, "id", x.lang)},0))`, x.s(STATEMENT_LABELS.unknownId)],
    [`SUMPRODUCT(--(${x.all(id)}=${x.r(id)}))>1`, x.s(STATEMENT_LABELS.duplicate)],
    [textIn(all), x.s(STATEMENT_LABELS.notNumber)],
    [`COUNT(${all.join(",")})=0`, x.s(STATEMENT_LABELS.empty)],
    ...extra.map(([c, lab]) => [c, x.s(lab)] as [string, string]),
  ];
  let f = `""`;
  for (let i = steps.length - 1; i >= 0; i--) f = `IF(${steps[i]![0]},${steps[i]![1]},${f})`;
  return `IF(${x.r(id)}="",IF(COUNTA(${all.join(",")})>0,${x.s(STATEMENT_LABELS.noId)},""),${f})`;
}

/**
 * The check text of a case row, as {@link checkFormula} gives it (case rows hold numbers only, so
 * only the register, duplicate, empty and `extra` steps can show).
 */
export function checkValue(ctx: BuildContext, id: string, all: readonly { optionId: string }[], filled: boolean, extra: L | null = null): CellValue {
  if (!registerEntryOf(ctx, id)) return t(ctx, STATEMENT_LABELS.unknownId);
  if (all.filter((r) => r.optionId.toUpperCase() === id.toUpperCase()).length > 1) return t(ctx, STATEMENT_LABELS.duplicate);
  if (!filled) return t(ctx, STATEMENT_LABELS.empty);
  return extra ? t(ctx, extra) : null;
}
