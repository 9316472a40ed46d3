/**
 * 表4-1 方案汇总表 Options register (spec WS4-1): the one place where an option's id, name, aspect,
 * cost class, estimated investment and benefit are entered. Every other sheet picks an id from
 * the dropdown `CP_OptionIds` (= `tblOptions[方案编号]`) and looks the rest up.
 *
 * Table `tblOptions`: 方案编号 | 方案名称 | 方案类型 (the 8 aspects, list) | 方案简介 | 费用类别 (list) |
 * 预计投资 (万元) | 预计年效益 (万元/a) | 环境效果 | 状态 (list) | 检查 (编号重复 ignoring case — an exact
 * SUMPRODUCT comparison, COUNTIF would read * ? ~ as wildcards —, 缺少方案编号, 投资不是数值 …).
 *
 * Above the table (so a row the user adds is counted and nothing prints apart from the table):
 * the subtotals 无/低费 vs 中/高费 (count, investment, benefit) and the counts per aspect × cost
 * class (COUNTIFS over whole table columns).
 */
import { colLetter } from "../a1";
import type { OptionEntry } from "../case";
import { ASPECTS, COST_CLASSES, itemText, l, STATUSES, type L } from "../i18n";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type TableSchema } from "../table";

export const TBL_OPTIONS = {
  name: "tblOptions",
  columns: {
    id: l("方案编号", "Option ID"),
    name: l("方案名称", "Option name"),
    aspect: l("方案类型", "Aspect"),
    description: l("方案简介", "Description"),
    costClass: l("费用类别", "Cost class"),
    investment: l("预计投资", "Investment"),
    benefit: l("预计年效益", "Annual benefit"),
    effect: l("环境效果", "Environmental effect"),
    status: l("状态", "Status"),
    check: l("检查", "Check"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_OPTIONS.columns;

/** Defined name of the register's ids (dropdown source of every sheet that picks an option). */
export const OPTION_IDS_NAME = "CP_OptionIds";

export const REGISTER_LABELS = {
  duplicate: l("编号重复", "Duplicate ID"),
  noId: l("缺少方案编号", "ID missing"),
  investmentNaN: l("投资不是数值", "Investment is not a number"),
  benefitNaN: l("效益不是数值", "Benefit is not a number"),
  total: l("合计", "Total"),
  subtotals: l("方案统计（按费用类别）", "Options by cost class"),
  lowCost: l("无/低费方案", "No/low-cost options"),
  highCost: l("中/高费方案", "Medium/high-cost options"),
  unclassified: l("未定费用类别", "Cost class not set"),
  count: l("方案数", "Options"),
  counts: l("方案数量统计（方案类型 × 费用类别）", "Number of options (aspect × cost class)"),
};

/** Cost classes that count as 无/低费 and 中/高费 (spec §5.2). */
const LOW = ["无费", "低费", "无/低费"];
const HIGH = ["中费", "高费", "中/高费"];

/**
 * The register's rows: the case's options; a case with economics but no options gets one row per
 * evaluated option (id and investment), so that the economics sheet can look them up.
 */
export function registerRows(ctx: BuildContext): readonly OptionEntry[] {
  const c = ctx.auditCase;
  if (!c) return [];
  if (c.options) return c.options;
  return (c.economics ?? []).map((e) => ({ id: e.optionId, investment: e.investment }));
}

/** The check text of an option row (as the 检查 column's formula gives it). */
function checkOf(ctx: BuildContext, o: OptionEntry | undefined, all: readonly OptionEntry[]): string | null {
  if (!o) return null;
  if (o.id === "") return t(ctx, REGISTER_LABELS.noId);
  if (all.filter((x) => x.id.toUpperCase() === o.id.toUpperCase()).length > 1) return t(ctx, REGISTER_LABELS.duplicate);
  return null;
}

const columns: readonly Column<OptionEntry, K>[] = [
  { key: "id", role: "input", format: FMT.text, width: 8, value: (o) => o?.id },
  { key: "name", role: "input", width: 18, value: (o) => o?.name },
  { key: "aspect", role: "input", width: 12, validation: { list: "aspect" }, value: (o, _k, ctx) => (o?.aspect !== undefined ? itemText(ctx.lang, ASPECTS, o.aspect) : undefined) },
  { key: "description", role: "input", format: FMT.text, width: 20, value: (o) => o?.description },
  { key: "costClass", role: "input", width: 9, validation: { list: "costClass" }, value: (o, _k, ctx) => (o?.costClass !== undefined ? itemText(ctx.lang, COST_CLASSES, o.costClass) : undefined) },
  {
    key: "investment",
    role: "input",
    band: l("万元", "10⁴ CNY"),
    format: FMT.money,
    validation: { number: { min: 0, error: l("投资须为 ≥ 0 的数（万元）", "An investment is a number ≥ 0 (10⁴ CNY)") } },
    value: (o) => o?.investment,
  },
  {
    key: "benefit",
    role: "input",
    band: l("万元/a", "10⁴ CNY/a"),
    format: FMT.money,
    validation: { number: { error: l("年效益须为数值（万元/a）", "A benefit is a number (10⁴ CNY/a)") } },
    value: (o) => o?.annualBenefit,
  },
  { key: "effect", role: "input", format: FMT.text, width: 14, value: (o) => o?.environmentalEffect },
  { key: "status", role: "input", width: 12, validation: { list: "status" }, value: (o, _k, ctx) => (o?.status !== undefined ? itemText(ctx.lang, STATUSES, o.status) : undefined) },
  {
    key: "check",
    role: "computed",
    width: 10,
    formula: (x) =>
      `IF(${x.r("id")}="",IF(COUNTA(${x.span("name", "status")})>0,${x.s(REGISTER_LABELS.noId)},""),` +
      `IF(SUMPRODUCT(--(${x.all("id")}=${x.r("id")}))>1,${x.s(REGISTER_LABELS.duplicate)},` +
      `IF(AND(${x.r("investment")}<>"",NOT(ISNUMBER(${x.r("investment")}))),${x.s(REGISTER_LABELS.investmentNaN)},` +
      `IF(AND(${x.r("benefit")}<>"",NOT(ISNUMBER(${x.r("benefit")}))),${x.s(REGISTER_LABELS.benefitNaN)},""))))`,
    value: (o, _k, ctx) => checkOf(ctx, o, registerRows(ctx)),
  },
];

/** Sum of the options' `field` whose class is one of `classes` (SUMIFS's order: left to right). */
function sumBy(opts: readonly OptionEntry[], classes: readonly string[] | null, field: "investment" | "annualBenefit"): number {
  let s = 0;
  for (const o of opts) {
    const inClass = classes === null ? true : o.costClass !== undefined && classes.includes(o.costClass);
    const v = o[field];
    if (inClass && typeof v === "number") s += v;
  }
  return s;
}

/** The summary block above the register: subtotals by cost class, counts per aspect × class. */
function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const opts = registerRows(ctx);
  const w = (k: K) => whole(TBL_OPTIONS, k, ctx.lang);
  const cls = (zh: string) => str(itemText(ctx.lang, COST_CLASSES, zh));
  // ---- subtotals 无/低费 vs 中/高费
  b.label(top, 0, t(ctx, REGISTER_LABELS.subtotals), "label", false);
  const h = top + 1;
  const heads: L[] = [l("类别", "Class"), REGISTER_LABELS.count, l("预计投资（万元）", "Investment (10⁴ CNY)"), l("预计年效益（万元/a）", "Benefit (10⁴ CNY/a)")];
  heads.forEach((x, i) => b.header(h, i, t(ctx, x)));
  const groups: { label: L; classes: readonly string[] | null; unclassified?: boolean }[] = [
    { label: REGISTER_LABELS.lowCost, classes: LOW },
    { label: REGISTER_LABELS.highCost, classes: HIGH },
    { label: REGISTER_LABELS.unclassified, classes: [], unclassified: true },
    { label: REGISTER_LABELS.total, classes: null },
  ];
  const nonBlankIds = `SUMPRODUCT(--(${w("id")}<>""))`;
  groups.forEach((g, i) => {
    const r = h + 1 + i;
    const style = g.classes === null ? "total" : "computed";
    b.label(r, 0, t(ctx, g.label), g.classes === null ? "total" : "label");
    let count: string;
    let inv: string;
    let ben: string;
    let n: number;
    if (g.classes === null) {
      count = nonBlankIds;
      inv = `SUM(${w("investment")})`;
      ben = `SUM(${w("benefit")})`;
      n = opts.filter((o) => o.id !== "").length;
    } else if (g.unclassified) {
      const known = [...LOW, ...HIGH];
      count = `${nonBlankIds}-${known.map((c) => `COUNTIFS(${w("costClass")},${cls(c)},${w("id")},"<>")`).join("-")}`;
      inv = `SUM(${w("investment")})-${known.map((c) => `SUMIFS(${w("investment")},${w("costClass")},${cls(c)})`).join("-")}`;
      ben = `SUM(${w("benefit")})-${known.map((c) => `SUMIFS(${w("benefit")},${w("costClass")},${cls(c)})`).join("-")}`;
      n = opts.filter((o) => o.id !== "" && !(o.costClass !== undefined && known.includes(o.costClass))).length;
    } else {
      const cs = g.classes;
      count = cs.map((c) => `COUNTIFS(${w("costClass")},${cls(c)},${w("id")},"<>")`).join("+");
      inv = cs.map((c) => `SUMIFS(${w("investment")},${w("costClass")},${cls(c)})`).join("+");
      ben = cs.map((c) => `SUMIFS(${w("benefit")},${w("costClass")},${cls(c)})`).join("+");
      n = opts.filter((o) => o.id !== "" && o.costClass !== undefined && cs.includes(o.costClass)).length;
    }
    const known = [...LOW, ...HIGH];
    const invV = g.unclassified ? sumBy(opts, null, "investment") - known.reduce((s, c) => s + sumBy(opts, [c], "investment"), 0) : sumBy(opts, g.classes, "investment");
    const benV = g.unclassified ? sumBy(opts, null, "annualBenefit") - known.reduce((s, c) => s + sumBy(opts, [c], "annualBenefit"), 0) : sumBy(opts, g.classes, "annualBenefit");
    b.formula(r, 1, count, n, style, FMT.integer);
    b.formula(r, 2, inv, g.unclassified ? unclassifiedValue(sumBy(opts, null, "investment"), known.map((c) => sumBy(opts, [c], "investment"))) : invV, style, FMT.money);
    b.formula(r, 3, ben, g.unclassified ? unclassifiedValue(sumBy(opts, null, "annualBenefit"), known.map((c) => sumBy(opts, [c], "annualBenefit"))) : benV, style, FMT.money);
  });
  // ---- counts per aspect × cost class
  const c0 = h + 1 + groups.length + 1;
  b.label(c0, 0, t(ctx, REGISTER_LABELS.counts), "label", false);
  const ch = c0 + 1;
  b.header(ch, 0, t(ctx, l("方案类型", "Aspect")));
  COST_CLASSES.forEach((cc, k) => b.set(ch, 1 + k, { value: t(ctx, cc), style: "header" }));
  const totCol = 1 + COST_CLASSES.length;
  b.header(ch, totCol, t(ctx, REGISTER_LABELS.total));
  ASPECTS.forEach((asp, i) => {
    const r = ch + 1 + i;
    b.label(r, 0, t(ctx, asp));
    COST_CLASSES.forEach((cc, k) => {
      const c = 1 + k;
      const n = opts.filter((o) => o.aspect === asp.zh && o.costClass === cc.zh).length;
      b.formula(r, c, `COUNTIFS(${w("aspect")},$A${r + 1},${w("costClass")},${colLetter(c)}$${ch + 1})`, n, "computed", FMT.integer);
    });
    b.formula(r, totCol, `COUNTIF(${w("aspect")},$A${r + 1})`, opts.filter((o) => o.aspect === asp.zh).length, "total", FMT.integer);
  });
  const sr = ch + 1 + ASPECTS.length;
  b.label(sr, 0, t(ctx, REGISTER_LABELS.total), "total");
  COST_CLASSES.forEach((cc, k) => {
    const c = 1 + k;
    b.formula(sr, c, `COUNTIF(${w("costClass")},${colLetter(c)}$${ch + 1})`, opts.filter((o) => o.costClass === cc.zh).length, "total", FMT.integer);
  });
  b.formula(sr, totCol, `SUM(${colLetter(totCol)}${ch + 2}:${colLetter(totCol)}${sr})`, opts.filter((o) => o.aspect !== undefined && ASPECTS.some((a) => a.zh === o.aspect)).length, "total", FMT.integer);
  b.minWidth(0, 16);
  return sr + 1;
}

/** total − Σ parts, added left to right as the formula does. */
function unclassifiedValue(total: number, parts: readonly number[]): number {
  let v = total;
  for (const p of parts) v -= p;
  return v;
}

export const optionRegisterWorksheet = tableWorksheet({
  key: "WS4-1",
  number: "4-1",
  sheetName: l("方案汇总表", "Options register"),
  title: l("方案汇总表", "Options register"),
  dependsOn: ["PARAMS", "LISTS"],
  note: l(
    "每个方案只在本表录入一次（编号须唯一，重复者标红）；其他表从下拉列表选择方案编号并引用名称、费用类别和投资。F- 为无/低费方案，Z- 为中/高费方案。在表格下方输入即可添加方案。",
    "Each option is entered here once (IDs must be unique; duplicates in red); the other sheets pick the ID from a dropdown and look up name, cost class and investment. F- no/low-cost, Z- medium/high-cost. Type below the table to add an option.",
  ),
  freezeCols: 2,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_OPTIONS,
      columns,
      rows: registerRows,
      decorate(b, _ctx, g) {
        const check = `$${colLetter(g.col.check)}${g.firstRow + 1}`;
        b.conditional({ top: g.firstRow, left: g.col.id, bottom: g.lastRow, right: g.col.id }, `${check}<>""`, "bad");
        b.conditional({ top: g.firstRow, left: g.col.check, bottom: g.lastRow, right: g.col.check }, `${check}<>""`, "bad");
      },
    }),
  ],
  names: (ctx) => [{ name: OPTION_IDS_NAME, formula: whole(TBL_OPTIONS, "id", ctx.lang) }],
});
