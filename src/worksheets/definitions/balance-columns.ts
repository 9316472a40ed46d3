/**
 * The result columns every balance table shares (spec §4.3–4.5: mass balance tblBalances, component
 * balance tblComponentBalances, water balance tblWaterBalance): 差值, 相对误差 = 差值 / the input side,
 * 判定 合格 / 不合格 against CP_BalanceTolerance (待定 while 检查 names a problem), their conditional
 * formats, and a summary of counts above a table. Blank-safe: a missing total gives "" (never 0,
 * never #DIV/0!).
 */
import { colLetter } from "../a1";
import { l, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import type { Column, Refs, TableGeometry } from "../table";

/** 判定 of a balance. */
export const VERDICT_LABELS = {
  pass: l("合格", "Pass"),
  fail: l("不合格", "Fail"),
  pending: l("待定", "Pending"),
};
export type Verdict = keyof typeof VERDICT_LABELS;

/** The verdict text of a balance row, or null. */
export const verdictText = (ctx: BuildContext, v: Verdict | null): string | null => (v === null ? null : t(ctx, VERDICT_LABELS[v]));

/** 差值 column: `IF(AND(ISNUMBER(in),ISNUMBER(out)),in−out,"")`; `out` may be a sum of several keys. */
export function gapColumn<R, K extends string>(key: K, band: L, tin: K, outs: readonly K[], value: (r: R) => number | null, width?: number): Column<R, K> {
  return {
    key,
    role: "computed",
    band,
    format: FMT.general,
    ...(width !== undefined ? { width } : {}),
    formula: (x) => {
      const out = outs.length === 1 ? x.r(outs[0]!) : `(${outs.map((k) => x.r(k)).join("+")})`;
      return `IF(AND(${[tin, ...outs].map((k) => `ISNUMBER(${x.r(k)})`).join(",")}),${x.r(tin)}-${out},"")`;
    },
    value: (r) => (r ? value(r) : null),
  };
}

/** A product column `a × b` (a quantity converted, a component quantity): "" unless both are numbers. */
export function productColumn<R, K extends string>(key: K, band: L, a: K, b: K, value: (r: R) => number | null): Column<R, K> {
  return {
    key,
    role: "computed",
    band,
    format: FMT.general,
    formula: (x) => `IF(AND(ISNUMBER(${x.r(a)}),ISNUMBER(${x.r(b)})),${x.r(a)}*${x.r(b)},"")`,
    value: (r) => (r ? value(r) : null),
  };
}

/** 相对误差 column: `IF(ISNUMBER(gap),IF(in=0,"",gap/in),"")`. */
export function errorColumn<R, K extends string>(key: K, band: L, gap: K, tin: K, value: (r: R) => number | null): Column<R, K> {
  return {
    key,
    role: "computed",
    band,
    format: FMT.percent,
    formula: (x) => `IF(ISNUMBER(${x.r(gap)}),IF(${x.r(tin)}=0,"",${x.r(gap)}/${x.r(tin)}),"")`,
    value: (r) => (r ? value(r) : null),
  };
}

/**
 * 判定 column: "" while `blank(x)` (no balance on the row), 待定 while 检查 names a problem or there
 * is no relative error, else 合格 when ROUND(|error|, 12) ≤ CP_BalanceTolerance, 不合格 otherwise.
 */
export function verdictColumn<R, K extends string>(key: K, blank: (x: Refs<K>) => string, check: K, err: K, value: (r: R) => Verdict | null): Column<R, K> {
  const V = VERDICT_LABELS;
  return {
    key,
    role: "computed",
    band: l("|误差| ≤ 允许误差", "|error| ≤ tolerance"),
    width: 7,
    formula: (x) =>
      `IF(${blank(x)},"",IF(OR(${x.r(check)}<>"",NOT(ISNUMBER(${x.r(err)}))),${x.s(V.pending)},` +
      `IF(ROUND(ABS(${x.r(err)}),12)<=CP_BalanceTolerance,${x.s(V.pass)},${x.s(V.fail)})))`,
    value: (r, _k, ctx) => (r ? verdictText(ctx, value(r)) : null),
  };
}

/** The verdict of a balance as the 判定 formula gives it (|error| rounded to 12 decimals, as ROUND does). */
export function verdictOf(pending: boolean, err: number | null, tolerance: number | undefined): Verdict {
  if (pending || err === null || tolerance === undefined) return "pending";
  return Math.round(Math.abs(err) * 1e12) / 1e12 <= tolerance ? "pass" : "fail";
}

/** Conditional formats of a balance table: 合格 good, 不合格 bad (from `badFrom` to the verdict), 待定 and a 检查 text warn. */
export function decorateVerdict<K extends string>(b: SheetBuilder, ctx: BuildContext, g: TableGeometry<K>, verdict: K, check: K, badFrom: K = verdict): void {
  const v = `$${colLetter(g.col[verdict])}${g.firstRow + 1}`;
  const range = (left: number, right = left) => ({ top: g.firstRow, left, bottom: g.lastRow, right });
  b.conditional(range(g.col[verdict]), `${v}=${str(t(ctx, VERDICT_LABELS.pass))}`, "good");
  b.conditional(range(g.col[badFrom], g.col[verdict]), `${v}=${str(t(ctx, VERDICT_LABELS.fail))}`, "bad");
  b.conditional(range(g.col[verdict]), `${v}=${str(t(ctx, VERDICT_LABELS.pending))}`, "warn");
  decorateCheck(b, g, check);
}

/** A 检查 column whose text warns. */
export function decorateCheck<K extends string>(b: SheetBuilder, g: TableGeometry<K>, check: K): void {
  b.conditional({ top: g.firstRow, left: g.col[check], bottom: g.lastRow, right: g.col[check] }, `$${colLetter(g.col[check])}${g.firstRow + 1}<>""`, "warn");
}

/** One line of a count summary: label, formula over whole table columns, cached value, a conditional style when > 0. */
export type CountLine = readonly [label: L, formula: string, value: number, style: "warn" | "bad" | null];

/**
 * Writes count lines from row `top`: the label at column `labelCol` (merged up to the column left
 * of the value when `labelCol` < `valueCol` − 1), the count at `valueCol`. Returns the row after them.
 */
export function countSummary(b: SheetBuilder, ctx: BuildContext, top: number, lines: readonly CountLine[], labelCol = 0, valueCol = 1): number {
  lines.forEach(([label, formula, value, style], i) => {
    const r = top + i;
    const merged = valueCol - 1 > labelCol;
    b.label(r, labelCol, t(ctx, label), "label", !merged);
    if (merged) b.merge(r, labelCol, r, valueCol - 1);
    b.formula(r, valueCol, formula, value, "total", FMT.integer);
    if (style) b.conditional({ top: r, left: valueCol, bottom: r, right: valueCol }, `${colLetter(valueCol)}${r + 1}>0`, style);
  });
  return top + lines.length;
}

/** The count lines of a balance table's verdicts: 合格, 不合格 (bad), 待定 (warn), counted over the whole 判定 column. */
export function verdictCounts(ctx: BuildContext, verdictColumn: string, verdicts: readonly (Verdict | null)[]): CountLine[] {
  return (["pass", "fail", "pending"] as const).map((v): CountLine => [
    VERDICT_LABELS[v],
    `SUMPRODUCT(--(${verdictColumn}=${str(t(ctx, VERDICT_LABELS[v]))}))`,
    verdicts.filter((x) => x === v).length,
    v === "fail" ? "bad" : v === "pending" ? "warn" : null,
  ]);
}
