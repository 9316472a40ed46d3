/**
 * 表6-7 审核前后企业各项单位产品指标对比 Specific indicators before/after the audit (spec WS6-7, §7;
 * issue 12).
 *
 * Table `tblSpecificIndicators`, one row per indicator: 指标 | 单位 | 方向 (越低越好 / 越高越好, list) |
 * 审核前（输入） (used only when 指标 is no annual-data item) | 审核前 (lookup: when 指标 names an item of
 * 表2-3/2-4 tblAnnualData, its 单位产品消耗 of the audit year, else its Y0 — the rule of 表2-12's 现状,
 * so the two sheets show the same baseline; otherwise the typed value) | 审核后 (typed) | 变化量 =
 * 审核后 − 审核前 | 变化率 = 变化量 ÷ 审核前 (blank when 审核前 = 0) | 评价 (改善 / 变差 / 持平 by the
 * direction) | 审核前级别, 审核后级别 (the level of 表2-8 tblBenchmark reached: the benchmark row whose
 * 二级指标, else whose 数据来源, is this 指标; its limits and ≤ < ≥ > direction, the same level chain as
 * 表2-8; blank when the indicator is not in the benchmark, is qualitative or has no limits) | 检查 ‖
 * hidden: 对标行 (the benchmark row's position).
 *
 * Every computed cell is "" while an input it needs is blank; never #DIV/0!. Above the table: the
 * number of indicators and how many improved, worsened, and need checking.
 */
import { colLetter } from "../a1";
import { BETTER, itemText, l, type L } from "../i18n";
import { benchmarkRows, type BenchRow } from "../index-systems";
import { FMT, str, t, type BuildContext, type SheetBuilder } from "../layout";
import { defineTable, tableWorksheet, whole, type Column, type Refs, type TableSchema } from "../table";
import { annualBaseline, annualBaselineFormula, columnMakers, compact, keyedRow, labelOrNull, listValue, summaryBlock } from "./after-common";
import { storeSection } from "./read-kit";
import { annualMatch, firstProblem } from "./annual-data.worksheet";
import { LEVELS, levelNo, quantitativeLevelFormula, TBL_BENCHMARK } from "./benchmark.worksheet";
import { literalCriterion } from "./exact-match";
import type { SummaryFigure } from "./phase13-common";

export const TBL_SPECIFIC_INDICATORS = {
  name: "tblSpecificIndicators",
  columns: {
    item: l("指标", "Indicator"),
    unit: l("单位", "Unit"),
    dir: l("方向", "Direction"),
    beforeIn: l("审核前（输入）", "Before typed"),
    before: l("审核前", "Before"),
    after: l("审核后", "After"),
    change: l("变化量", "Change"),
    rate: l("变化率", "Change rate"),
    verdict: l("评价", "Verdict"),
    levelBefore: l("审核前级别", "Level before"),
    levelAfter: l("审核后级别", "Level after"),
    check: l("检查", "Check"),
    bench: l("对标行", "Benchmark row"),
  },
} as const satisfies TableSchema;
type K = keyof typeof TBL_SPECIFIC_INDICATORS.columns;

/** One indicator of the case (case file `specificIndicators`). */
export type SpecificIndicator = NonNullable<NonNullable<BuildContext["auditCase"]>["specificIndicators"]>[number];

export const INDICATOR_LABELS = {
  better: l("改善", "Better"),
  worse: l("变差", "Worse"),
  same: l("持平", "Same"),
  noItem: l("缺少指标", "Indicator missing"),
  noDir: l("缺少方向", "Direction missing"),
  badDir: l("方向不在列表中", "Direction not in the list"),
  noBefore: l("缺少审核前数值", "Before missing"),
  noAfter: l("缺少审核后数值", "After missing"),
  afterNaN: l("审核后不是数值", "After is not a number"),
  unused: l("已取年度数据，审核前输入值未用", "Annual data used, typed Before ignored"),
  summary: l("指标汇总", "Indicators"),
  count: l("指标数", "Indicators"),
  flagged: l("需检查", "To check"),
};

const LOWER = BETTER[0]!;
const HIGHER = BETTER[1]!;
const QUANTITATIVE = ["≤", "<", "≥", ">"];

/** The rows of the case (none for the template). */
export function indicatorRows(ctx: BuildContext): readonly SpecificIndicator[] {
  return ctx.auditCase?.specificIndicators ?? [];
}

/** The benchmark row of an indicator (by 二级指标, else by 数据来源; trimmed, ignoring case, as MATCH), and its position (1-based). */
export function benchmarkOf(ctx: BuildContext, item: string): { row: BenchRow; at: number } | undefined {
  const v = item.trim().toLowerCase();
  if (v === "") return undefined;
  const rows = benchmarkRows(ctx.auditCase);
  let i = rows.findIndex((r) => r.level2.toLowerCase() === v);
  if (i < 0) i = rows.findIndex((r) => (r.source ?? "").toLowerCase() === v);
  return i < 0 ? undefined : { row: rows[i]!, at: i + 1 };
}

/** What the sheet computes for one indicator (undefined = blank). */
export interface IndicatorFigures {
  before?: number;
  change?: number;
  rate?: number;
  verdict?: L;
  levelBefore?: number;
  levelAfter?: number;
  bench?: number;
  check: L | null;
}

/** The figures of one case row, in the same operations as the formulas. */
export function indicatorFigures(ctx: BuildContext, x: SpecificIndicator): IndicatorFigures {
  const base = annualBaseline(ctx, x.indicator);
  const before = base.linked ? base.value : x.before;
  const out: IndicatorFigures = { check: null };
  if (before !== undefined) out.before = before;
  if (before !== undefined && x.after !== undefined) {
    out.change = x.after - before;
    if (before !== 0) out.rate = out.change / before;
  }
  const dir = x.direction?.trim() ?? "";
  const known = dir === LOWER.zh || dir === HIGHER.zh;
  if (out.change !== undefined && known) out.verdict = out.change === 0 ? INDICATOR_LABELS.same : out.change < 0 === (dir === LOWER.zh) ? INDICATOR_LABELS.better : INDICATOR_LABELS.worse;
  const b = benchmarkOf(ctx, x.indicator);
  if (b) {
    out.bench = b.at;
    if (QUANTITATIVE.includes(b.row.direction)) {
      const lb = levelNo(b.row, before);
      const la = levelNo(b.row, x.after);
      if (lb !== undefined) out.levelBefore = lb;
      if (la !== undefined) out.levelAfter = la;
    }
  }
  if (x.indicator.trim() === "") out.check = INDICATOR_LABELS.noItem;
  else if (dir === "") out.check = INDICATOR_LABELS.noDir;
  else if (!known) out.check = INDICATOR_LABELS.badDir;
  else if (before === undefined) out.check = INDICATOR_LABELS.noBefore;
  else if (x.after === undefined) out.check = INDICATOR_LABELS.noAfter;
  else if (base.linked && x.before !== undefined) out.check = INDICATOR_LABELS.unused;
  return out;
}

/** The level's text (I级 …) of a level number, or null. */
function levelText(ctx: BuildContext, n: number | undefined): string | null {
  return n === undefined ? null : t(ctx, LEVELS[n - 1]!);
}

/** The level column's formula for the value in column `value`: the 表2-8 chain over the benchmark row's limits. */
function levelFormula(x: Refs<K>, value: K): string {
  const lang = x.lang;
  const m = x.r("bench");
  const at = (k: keyof typeof TBL_BENCHMARK.columns) => `INDEX(${whole(TBL_BENCHMARK, k, lang)},${m})`;
  const n = quantitativeLevelFormula(x.r(value), `TRIM(${at("dir")})`, [at("t1"), at("t2"), at("t3")], `COUNT(${at("t1")},${at("t2")},${at("t3")})=0`);
  return `IF(${m}="","",IF(${n}="","",CHOOSE(${n},${LEVELS.map((v) => x.s(v)).join(",")})))`;
}

const figures = new WeakMap<object, IndicatorFigures>();
/** {@link indicatorFigures} of a case row, once per row. */
function fig(ctx: BuildContext, x: SpecificIndicator): IndicatorFigures {
  let f = figures.get(x);
  if (!f) figures.set(x, (f = indicatorFigures(ctx, x)));
  return f;
}

const { input: inputColumn, computed: computedColumn } = columnMakers<SpecificIndicator, K>();

const columns: readonly Column<SpecificIndicator, K>[] = [
  inputColumn("item", 14, (x) => x.indicator, { band: l("年度数据名称则自动链接", "an annual item links") }),
  inputColumn("unit", 10, (x) => x.unit, { format: FMT.text }),
  inputColumn("dir", 9, (x, ctx) => (x.direction !== undefined ? itemText(ctx.lang, BETTER, x.direction) : undefined), { validation: { list: "better" } }),
  inputColumn("beforeIn", 9, (x) => x.before, { format: FMT.fixed4, band: l("不在年度数据时", "if not annual") }),
  computedColumn("before", (x) => annualBaselineFormula(x.ctx, x.r("item"), x.r("beforeIn")), (x, _k, ctx) => fig(ctx, x).before, { format: FMT.fixed4, style: "lookup", band: l("审核年", "audit year") }),
  inputColumn("after", 9, (x) => x.after, { format: FMT.fixed4, band: l("实测", "measured") }),
  computedColumn("change", (x) => `IF(OR(NOT(ISNUMBER(${x.r("before")})),NOT(ISNUMBER(${x.r("after")}))),"",${x.r("after")}-${x.r("before")})`, (x, _k, ctx) => fig(ctx, x).change, { format: FMT.fixed4, band: l("后 − 前", "after − before") }),
  computedColumn("rate", (x) => `IF(NOT(ISNUMBER(${x.r("change")})),"",IF(${x.r("before")}=0,"",${x.r("change")}/${x.r("before")}))`, (x, _k, ctx) => fig(ctx, x).rate, { format: FMT.percent, width: 10, band: l("变化量/审核前", "change/before") }),
  computedColumn(
    "verdict",
    (x) => {
      const d = `TRIM(${x.r("dir")})`;
      const c = x.r("change");
      return `IF(OR(NOT(ISNUMBER(${c})),AND(${d}<>${x.s(LOWER)},${d}<>${x.s(HIGHER)})),"",IF(${c}=0,${x.s(INDICATOR_LABELS.same)},IF((${c}<0)=(${d}=${x.s(LOWER)}),${x.s(INDICATOR_LABELS.better)},${x.s(INDICATOR_LABELS.worse)})))`;
    },
    (x, _k, ctx) => labelOrNull(ctx, fig(ctx, x).verdict),
    { width: 6 },
  ),
  computedColumn("levelBefore", (x) => levelFormula(x, "before"), (x, _k, ctx) => levelText(ctx, fig(ctx, x).levelBefore), { width: 8, band: l("表2-8", "Table 2-8") }),
  computedColumn("levelAfter", (x) => levelFormula(x, "after"), (x, _k, ctx) => levelText(ctx, fig(ctx, x).levelAfter), { width: 8, band: l("表2-8", "Table 2-8") }),
  computedColumn(
    "check",
    (x) => {
      const d = `TRIM(${x.r("dir")})`;
      const after = x.r("after");
      return firstProblem(x, `COUNTA(${x.span("item", "beforeIn")})+COUNTA(${after})`, [
        [`TRIM(${x.r("item")})=""`, INDICATOR_LABELS.noItem],
        [`${d}=""`, INDICATOR_LABELS.noDir],
        [`AND(${d}<>${x.s(LOWER)},${d}<>${x.s(HIGHER)})`, INDICATOR_LABELS.badDir],
        [`NOT(ISNUMBER(${x.r("before")}))`, INDICATOR_LABELS.noBefore],
        [`${after}=""`, INDICATOR_LABELS.noAfter],
        [`NOT(ISNUMBER(${after}))`, INDICATOR_LABELS.afterNaN],
        [`AND(${x.r("beforeIn")}<>"",NOT(ISNA(${annualMatch(x.ctx, x.r("item"))})))`, INDICATOR_LABELS.unused],
      ]);
    },
    (x, _k, ctx) => labelOrNull(ctx, fig(ctx, x).check),
    { width: 12 },
  ),
  computedColumn(
    "bench",
    (x) => {
      const item = `TRIM(${x.r("item")})`;
      const by = (k: keyof typeof TBL_BENCHMARK.columns) => `MATCH(${literalCriterion(item)},${whole(TBL_BENCHMARK, k, x.lang)},0)`;
      return `IF(${item}="","",IFERROR(${by("level2")},IFERROR(${by("src")},"")))`;
    },
    (x, _k, ctx) => fig(ctx, x).bench,
    { format: FMT.integer, hidden: true },
  ),
];

function summary(b: SheetBuilder, ctx: BuildContext, top: number): number {
  const rows = indicatorRows(ctx);
  const w = (k: K) => whole(TBL_SPECIFIC_INDICATORS, k, ctx.lang);
  const count = (label: L) => `COUNTIF(${w("verdict")},${str(t(ctx, label))})`;
  const figs = rows.map((x) => fig(ctx, x));
  const n = (label: L) => figs.filter((f) => f.verdict === label).length;
  const items: SummaryFigure[] = [
    [INDICATOR_LABELS.count, `SUMPRODUCT(--(TRIM(${w("item")})<>""))`, rows.filter((x) => x.indicator.trim() !== "").length, FMT.integer],
    [INDICATOR_LABELS.better, count(INDICATOR_LABELS.better), n(INDICATOR_LABELS.better), FMT.integer],
    [INDICATOR_LABELS.worse, count(INDICATOR_LABELS.worse), n(INDICATOR_LABELS.worse), FMT.integer],
    [INDICATOR_LABELS.flagged, `SUMPRODUCT(--(${w("check")}<>""))`, figs.filter((f) => f.check !== null).length, FMT.integer],
  ];
  return summaryBlock(b, ctx, top, INDICATOR_LABELS.summary, items);
}

export const indicatorsAfterWorksheet = tableWorksheet({
  key: "WS6-7",
  number: "6-7",
  sheetName: l("审核前后指标对比", "Indicators before-after"),
  title: l("审核前后企业各项单位产品指标对比", "Specific indicators before and after the audit"),
  dependsOn: ["PARAMS", "LISTS", "WS2-3", "WS2-8"],
  note: l(
    "黄色单元格为输入。指标填年度数据中的名称时，审核前自动取其审核年单位产品消耗（无单耗时取 Y0，与表2-12 现状相同），否则填“审核前（输入）”。变化率 = （审核后 − 审核前）÷ 审核前；评价按方向判断改善或变差。指标为表2-8 的二级指标或数据来源时，给出审核前后达到的级别。",
    "Yellow cells are inputs. When the indicator is a name of the annual data, Before is its specific consumption in the audit year (its Y0 when it has none; the baseline of Table 2-12); otherwise type Before. Change rate = (after − before) ÷ before; the verdict follows the direction. When the indicator is a level-2 indicator or a data source of Table 2-8, the levels reached before and after are shown.",
  ),
  freezeCols: 1,
  orientation: "landscape",
  summary,
  tables: [
    defineTable({
      schema: TBL_SPECIFIC_INDICATORS,
      columns,
      rows: indicatorRows,
      decorate(b, ctx, g) {
        const cell = (k: K) => `$${colLetter(g.col[k])}${g.firstRow + 1}`;
        const range = (k: K) => ({ top: g.firstRow, left: g.col[k], bottom: g.lastRow, right: g.col[k] });
        b.conditional(range("check"), `${cell("check")}<>""`, "bad");
        b.conditional(range("verdict"), `${cell("verdict")}=${str(t(ctx, INDICATOR_LABELS.worse))}`, "bad");
        b.conditional(range("verdict"), `${cell("verdict")}=${str(t(ctx, INDICATOR_LABELS.better))}`, "good");
        for (const x of LEVELS) b.fit(g.col.levelAfter, t(ctx, x), 2);
      },
      readBack: {
        row: (c) =>
          keyedRow(c, "item", compact({ indicator: c.text("item"), unit: c.text("unit"), direction: listValue(c, "dir", BETTER), before: c.num("beforeIn"), after: c.num("after") }), "indicator", INDICATOR_LABELS.noItem),
        store: storeSection("specificIndicators"),
      },
    }),
  ],
});

/** The 审核后 of the case's indicator named `item` (trimmed, ignoring case, as MATCH), when it is a number. */
export function afterOf(ctx: BuildContext, item: string): number | undefined {
  const v = item.trim().toLowerCase();
  if (v === "") return undefined;
  return indicatorRows(ctx).find((x) => x.indicator.toLowerCase() === v)?.after;
}
